// Help texts, derived from the command table.
import { SERVICES, COMMON_FLAGS, flagsOf } from "./commands.mjs";

const EXIT_CODES = `Exit codes:
  0    success
  1    the service answered with an error (http, decode)
  2    bad usage: unknown flag or operation, missing credentials, a credential given as a flag,
       an argument the client refuses (invalid_argument, insecure_url)
  3    no answer: network error or timeout
  130  aborted (Ctrl-C)
  143  aborted (SIGTERM)`;

const ENVIRONMENT = `Credentials come only from the environment (or --env-file), never from flags:
  HOPR       TOKENOPS_HOPR_TOKEN; TOKENOPS_HOPR_URL
  Authlete   v2: TOKENOPS_AUTHLETE_API_KEY, TOKENOPS_AUTHLETE_API_SECRET
             v3: TOKENOPS_AUTHLETE_SERVICE_ID, TOKENOPS_AUTHLETE_ACCESS_TOKEN; TOKENOPS_AUTHLETE_URL
  Knetik     TOKENOPS_KNETIK_ACCESS_TOKEN, or TOKENOPS_KNETIK_CLIENT_ID with
             TOKENOPS_KNETIK_CLIENT_SECRET (client_credentials) or
             TOKENOPS_KNETIK_USERNAME and TOKENOPS_KNETIK_PASSWORD (password grant); TOKENOPS_KNETIK_URL`;

function flagLines(flags) {
  return Object.entries(flags)
    .map(([name, spec]) => {
      const value = spec.kind === "switch" ? "" : spec.kind === "list" ? " <value>..." : " <value>";
      return `  --${`${name}${value}`.padEnd(32)} ${spec.help}`;
    })
    .join("\n");
}

/** `tokenops --help`. */
export function mainHelp() {
  const services = Object.entries(SERVICES)
    .map(([name, s]) => `  tokenops ${name.padEnd(9)} ${Object.keys(s.operations).join("|")}\n      ${s.title}`)
    .join("\n");
  return `tokenops: manage the access tokens of HOPR, Authlete and Knetik from a terminal or a script.

Usage: tokenops <service> <operation> [arguments] [flags]
       tokenops <service> --help      the operations of a service and their flags
       tokenops sandbox [-- <command>] the local emulator of the three services (tokenops sandbox --help)
       tokenops --version

${services}

Flags of every operation:
${flagLines(COMMON_FLAGS)}

${ENVIRONMENT}

Output: a table (on a terminal, long values end with …); --json for scripts. Progress goes to
stderr, only when stderr is a terminal. Ctrl-C aborts the call in flight.

${EXIT_CODES}
`;
}

/** `tokenops <service> --help`. */
export function serviceHelp(serviceName) {
  const service = SERVICES[serviceName];
  const operations = Object.entries(service.operations)
    .map(([name, op]) => {
      const args = (op.positionals ?? []).map((p) => ` <${p}>`).join("");
      const own = { ...(op.flags ?? {}) };
      const flags = Object.keys(own).length ? `\n${flagLines(own)}` : "";
      return `tokenops ${serviceName} ${name}${args}\n  ${op.summary}${flags}`;
    })
    .join("\n\n");
  const serviceFlags = Object.fromEntries(Object.entries(flagsOf(serviceName, {})).filter(([k]) => !(k in COMMON_FLAGS)));
  const extra = Object.keys(serviceFlags).length ? `\nFlags of every ${serviceName} operation:\n${flagLines(serviceFlags)}\n` : "";
  return `tokenops ${serviceName}: ${service.title}

${operations}
${extra}
Flags of every operation: --base-url, --allow-insecure-http, --timeout-ms, --no-retry, --json,
--dry-run, --curl, --env-file, --help (see tokenops --help).

${ENVIRONMENT}

${EXIT_CODES}
`;
}
