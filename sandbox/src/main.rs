//! `tokenops-sandbox [--host H] [--port N] [--seed N] [--knetik-token-ttl S] [--www DIR]
//! [--pkg DIR] [-- <command> [args...]]`
//!
//! Serves until SIGINT (exit 130) or SIGTERM (exit 0). With `-- <command>`, listens on a free
//! port (unless `--port` is given), runs the command with the sandbox's URL and demo credentials
//! in its environment (see [`tokenops_sandbox::exec_env`]), forwards SIGINT/SIGTERM to it, and
//! exits with its status.

use std::io::Write;
use std::process::{Command, ExitCode};

use signal_hook::consts::{SIGINT, SIGTERM};
use signal_hook::iterator::Signals;
use tokenops_sandbox::config::{MAX_KNETIK_TOKEN_TTL, MAX_SEED};
use tokenops_sandbox::{emulator::credentials_text, exec_env, serve, server, Config};

const USAGE: &str = "usage: tokenops-sandbox [--host 127.0.0.1] [--port 8787] [--seed N] [--knetik-token-ttl SECS] [--www DIR] [--pkg DIR] [-- <command> [args...]]";

/// What the command line asks for.
struct Args {
    config: Config,
    command: Vec<String>,
}

fn parse_args(argv: Vec<String>) -> Result<Option<Args>, String> {
    let mut config = Config::default();
    let mut port_given = false;
    let mut args = argv.into_iter();
    let mut command = Vec::new();
    while let Some(flag) = args.next() {
        let mut value = || args.next().ok_or_else(|| format!("{flag} needs a value"));
        match flag.as_str() {
            "--" => {
                command = args.collect();
                if command.is_empty() {
                    return Err("-- needs a command to run".into());
                }
                break;
            }
            "--host" => config.host = value()?,
            "--port" => {
                config.port = value()?
                    .parse()
                    .map_err(|_| "--port takes a number from 0 to 65535")?;
                port_given = true;
            }
            "--seed" => {
                config.seed = value()?
                    .parse()
                    .ok()
                    .filter(|s| *s as u64 <= MAX_SEED)
                    .ok_or_else(|| format!("--seed takes a number from 0 to {MAX_SEED}"))?
            }
            "--www" => config.www = value()?.into(),
            "--pkg" => config.pkg = value()?.into(),
            "--knetik-token-ttl" => {
                config.knetik_token_ttl = value()?
                    .parse()
                    .ok()
                    .filter(|t| (1..=MAX_KNETIK_TOKEN_TTL).contains(t))
                    .ok_or_else(|| {
                        format!("--knetik-token-ttl takes seconds from 1 to {MAX_KNETIK_TOKEN_TTL}")
                    })?
            }
            "-h" | "--help" => return Ok(None),
            other => return Err(format!("unknown flag {other}")),
        }
    }
    if !command.is_empty() && !port_given {
        config.port = 0;
    }
    Ok(Some(Args { config, command }))
}

fn main() -> ExitCode {
    let args = match parse_args(std::env::args().skip(1).collect()) {
        Ok(Some(args)) => args,
        Ok(None) => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Err(e) => {
            eprintln!("tokenops-sandbox: {e}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    // Registered before the server starts, so no signal is lost between the two.
    let mut signals = match Signals::new([SIGINT, SIGTERM]) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("tokenops-sandbox: cannot handle signals: {e}");
            return ExitCode::from(1);
        }
    };
    let config = args.config;
    let (addr, _handle) = match serve(config.clone()) {
        Ok(x) => x,
        Err(e) => {
            eprintln!(
                "tokenops-sandbox: cannot listen on {}:{}: {e}",
                config.host, config.port
            );
            return ExitCode::from(1);
        }
    };
    let url = format!("http://{}", server::reachable(addr));
    if args.command.is_empty() {
        let mut out = std::io::stdout().lock();
        let _ = writeln!(out, "sandbox listening on {url}");
        let _ = writeln!(out, "{}", credentials_text(&config.options()));
        let _ = out.flush();
        drop(out);
        let code = match signals.forever().next() {
            Some(SIGINT) => 130,
            _ => 0,
        };
        return ExitCode::from(code);
    }
    eprintln!("sandbox listening on {url}");
    run(&args.command, &url, signals)
}

/// Runs the command inside the sandbox; its exit status (128 + the signal when one ended it).
fn run(command: &[String], url: &str, mut signals: Signals) -> ExitCode {
    let mut cmd = Command::new(&command[0]);
    cmd.args(&command[1..]);
    for (name, value) in exec_env(url) {
        if value.is_empty() {
            cmd.env_remove(name);
        } else {
            cmd.env(name, value);
        }
    }
    let mut child = match cmd.spawn() {
        Ok(child) => child,
        Err(e) => {
            eprintln!("tokenops-sandbox: cannot run {}: {e}", command[0]);
            return ExitCode::from(127);
        }
    };
    let pid = child.id();
    let handle = signals.handle();
    let forwarder = std::thread::spawn(move || {
        for signal in signals.forever() {
            // SAFETY: kill(2) with the child's pid and a signal number touches no memory of ours.
            unsafe {
                libc::kill(pid as libc::pid_t, signal);
            }
        }
    });
    let status = child.wait();
    handle.close();
    let _ = forwarder.join();
    match status {
        Ok(status) => {
            use std::os::unix::process::ExitStatusExt;
            let code = status
                .code()
                .or_else(|| status.signal().map(|s| 128 + s))
                .unwrap_or(1);
            ExitCode::from(u8::try_from(code).unwrap_or(1))
        }
        Err(e) => {
            eprintln!("tokenops-sandbox: waiting for {}: {e}", command[0]);
            ExitCode::from(1)
        }
    }
}
