//! `sandbox [--host H] [--port N] [--seed N] [--www DIR] [--pkg DIR] [--knetik-token-ttl SECS]`

use sandbox::{serve, Config};
use std::io::Write;

fn parse_args() -> Result<Config, String> {
    let mut config = Config::default();
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        let mut value = || args.next().ok_or_else(|| format!("{flag} needs a value"));
        match flag.as_str() {
            "--host" => config.host = value()?,
            "--port" => config.port = value()?.parse().map_err(|_| "--port takes a number")?,
            "--seed" => config.seed = value()?.parse().map_err(|_| "--seed takes a number")?,
            "--www" => config.www = value()?.into(),
            "--pkg" => config.pkg = value()?.into(),
            "--knetik-token-ttl" => {
                config.knetik_token_ttl = value()?
                    .parse()
                    .map_err(|_| "--knetik-token-ttl takes a number of seconds")?
            }
            "-h" | "--help" => {
                println!("sandbox [--host 127.0.0.1] [--port 8787] [--seed N] [--www DIR] [--pkg DIR] [--knetik-token-ttl SECS]");
                std::process::exit(0);
            }
            other => return Err(format!("unknown flag {other}")),
        }
    }
    Ok(config)
}

fn main() {
    let config = match parse_args() {
        Ok(c) => c,
        Err(e) => {
            eprintln!("sandbox: {e}");
            std::process::exit(2);
        }
    };
    let (addr, handle) = match serve(config.clone()) {
        Ok(x) => x,
        Err(e) => {
            eprintln!(
                "sandbox: cannot listen on {}:{}: {e}",
                config.host, config.port
            );
            std::process::exit(1);
        }
    };
    let mut out = std::io::stdout().lock();
    let _ = writeln!(out, "sandbox listening on http://{addr}");
    let _ = writeln!(out, "{}", sandbox::router::credentials_text(&config));
    let _ = out.flush();
    drop(out);
    let _ = handle.join();
}
