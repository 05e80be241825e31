// Where the command finds a service's base URL and credentials: flags for the URL, and only the
// environment (or an --env-file) for credentials, since a command line is visible to every
// process on the machine. Each service gives the constructor options of its JS client and how a
// curl line reads the same credential from the environment.
import { readFileSync } from "node:fs";
import { parseEnv } from "node:util";
import { UsageError } from "./values.mjs";

/** Flags that would put a credential on the command line, and the variable to use instead. */
const SECRET_FLAGS = {
  token: "TOKENOPS_HOPR_TOKEN",
  "api-token": "TOKENOPS_HOPR_TOKEN",
  "api-key": "TOKENOPS_AUTHLETE_API_KEY",
  "api-secret": "TOKENOPS_AUTHLETE_API_SECRET",
  "access-token": "TOKENOPS_AUTHLETE_ACCESS_TOKEN or TOKENOPS_KNETIK_ACCESS_TOKEN",
  "client-secret": "TOKENOPS_KNETIK_CLIENT_SECRET",
  password: "TOKENOPS_KNETIK_PASSWORD",
  secret: "a TOKENOPS_* variable",
};

/** Refuses a credential given as a flag, before anything else is read. */
export function refuseSecretFlags(argv) {
  for (const arg of argv) {
    if (arg === "--") return;
    const name = /^--([a-z-]+)(=|$)/.exec(arg)?.[1];
    if (name && name in SECRET_FLAGS) {
      throw new UsageError(
        `--${name}: credentials are never taken from flags (a command line is visible to every process on this machine); set ${SECRET_FLAGS[name]} in the environment or in an --env-file`,
      );
    }
  }
}

/**
 * The variables the command reads: the process environment, over those of `envFile` (the
 * environment wins, as with `node --env-file`).
 */
export function readEnvironment(envFile) {
  if (envFile === undefined) return process.env;
  let text;
  try {
    text = readFileSync(envFile, "utf8");
  } catch (e) {
    throw new UsageError(`--env-file: cannot read ${envFile} (${e.code ?? e.message})`);
  }
  if (typeof parseEnv !== "function") throw new UsageError("--env-file needs Node >= 20.12");
  return { ...parseEnv(text), ...process.env };
}

/** `$NAME` as a curl line reads it. */
const ref = (name) => `$${name}`;

function need(env, names, service) {
  const missing = names.filter((n) => !env[n]);
  if (missing.length > 0) {
    throw new UsageError(`missing credentials for ${service}: set ${missing.join(" and ")} (in the environment or an --env-file)`);
  }
}

/** The base URL: `--base-url`, else `TOKENOPS_<SERVICE>_URL`. */
export function baseUrl(flags, env, service) {
  const name = `TOKENOPS_${service.toUpperCase()}_URL`;
  const url = flags["base-url"] ?? env[name];
  if (!url) throw new UsageError(`missing base URL: pass --base-url or set ${name}`);
  return url;
}

/**
 * The credentials of one service from `env`: `options` for the JS constructor, and `curl`, how
 * a curl line sends the same credential without containing it (`args` placed before the URL,
 * each already quoted for a POSIX shell).
 */
export const CREDENTIALS = {
  hopr(env, flags) {
    need(env, ["TOKENOPS_HOPR_TOKEN"], "HOPR");
    const authScheme = flags["auth-scheme"] ?? "header";
    const curl = authScheme === "basic" ? [`-u "${ref("TOKENOPS_HOPR_TOKEN")}:"`] : [`-H "x-auth-token: ${ref("TOKENOPS_HOPR_TOKEN")}"`];
    return { options: { apiToken: env.TOKENOPS_HOPR_TOKEN, authScheme }, curl };
  },

  authlete(env, flags) {
    const api = flags.api ?? (env.TOKENOPS_AUTHLETE_SERVICE_ID && !env.TOKENOPS_AUTHLETE_API_KEY ? "v3" : "v2");
    if (api === "v3") {
      need(env, ["TOKENOPS_AUTHLETE_SERVICE_ID", "TOKENOPS_AUTHLETE_ACCESS_TOKEN"], "Authlete v3");
      return {
        options: { serviceId: env.TOKENOPS_AUTHLETE_SERVICE_ID, accessToken: env.TOKENOPS_AUTHLETE_ACCESS_TOKEN },
        curl: [`-H "authorization: Bearer ${ref("TOKENOPS_AUTHLETE_ACCESS_TOKEN")}"`],
      };
    }
    if (api !== "v2") throw new UsageError("--api must be v2 or v3");
    need(env, ["TOKENOPS_AUTHLETE_API_KEY", "TOKENOPS_AUTHLETE_API_SECRET"], "Authlete v2");
    return {
      options: { apiKey: env.TOKENOPS_AUTHLETE_API_KEY, apiSecret: env.TOKENOPS_AUTHLETE_API_SECRET },
      curl: [`-u "${ref("TOKENOPS_AUTHLETE_API_KEY")}:${ref("TOKENOPS_AUTHLETE_API_SECRET")}"`],
    };
  },

  knetik(env, _flags, url) {
    if (env.TOKENOPS_KNETIK_ACCESS_TOKEN) {
      return {
        options: { accessToken: env.TOKENOPS_KNETIK_ACCESS_TOKEN },
        curl: [`-H "authorization: Bearer ${ref("TOKENOPS_KNETIK_ACCESS_TOKEN")}"`],
      };
    }
    need(env, ["TOKENOPS_KNETIK_CLIENT_ID"], "Knetik (or set TOKENOPS_KNETIK_ACCESS_TOKEN)");
    const password = Boolean(env.TOKENOPS_KNETIK_USERNAME || env.TOKENOPS_KNETIK_PASSWORD);
    if (password && env.TOKENOPS_KNETIK_CLIENT_SECRET) {
      throw new UsageError(
        "Knetik credentials: set TOKENOPS_KNETIK_CLIENT_SECRET (client_credentials) or TOKENOPS_KNETIK_USERNAME and TOKENOPS_KNETIK_PASSWORD (password grant), not both",
      );
    }
    // The token request, as a nested curl whose answer's access_token becomes the bearer.
    const form = (name, variable) => `--data-urlencode "${name}=${ref(variable)}"`;
    const grant = password
      ? ["--data-urlencode grant_type=password", form("client_id", "TOKENOPS_KNETIK_CLIENT_ID"), form("username", "TOKENOPS_KNETIK_USERNAME"), form("password", "TOKENOPS_KNETIK_PASSWORD")]
      : ["--data-urlencode grant_type=client_credentials", form("client_id", "TOKENOPS_KNETIK_CLIENT_ID"), form("client_secret", "TOKENOPS_KNETIK_CLIENT_SECRET")];
    if (password) need(env, ["TOKENOPS_KNETIK_USERNAME", "TOKENOPS_KNETIK_PASSWORD"], "the Knetik password grant");
    else need(env, ["TOKENOPS_KNETIK_CLIENT_SECRET"], "Knetik (or set TOKENOPS_KNETIK_USERNAME and TOKENOPS_KNETIK_PASSWORD)");
    const tokenUrl = `${url.replace(/\/+$/, "")}/oauth/token`;
    const token = `$(curl -sS -X POST ${shellQuote(tokenUrl)} -H 'accept: application/json' ${grant.join(" ")} | node -p 'JSON.parse(require("fs").readFileSync(0, "utf8")).access_token')`;
    const options = password
      ? { clientId: env.TOKENOPS_KNETIK_CLIENT_ID, username: env.TOKENOPS_KNETIK_USERNAME, password: env.TOKENOPS_KNETIK_PASSWORD }
      : { clientId: env.TOKENOPS_KNETIK_CLIENT_ID, clientSecret: env.TOKENOPS_KNETIK_CLIENT_SECRET };
    return { options, curl: [`-H "authorization: Bearer ${token}"`] };
  },
};

/** `text` as one word for a POSIX shell (single quotes; a `'` written as `'\''`). */
export function shellQuote(text) {
  return `'${String(text).replaceAll("'", "'\\''")}'`;
}
