// The command table: every `tokenops <service> <operation>`, its flags (named after the JS
// options they fill), its positional arguments, and the JS call it makes. Help texts and flag
// parsing are derived from this table.
import { parseJson, wholeNumber, UsageError } from "./values.mjs";
import { CREDENTIAL_PLACEHOLDER } from "./output.mjs";
import { readFileSync } from "node:fs";

/** How a flag's text becomes a value: text, a whole number, a repeated flag, a switch, JSON. */
const text = (field, help) => ({ kind: "text", field, help });
const whole = (field, help) => ({ kind: "whole", field, help });
const list = (field, help) => ({ kind: "list", field, help });
const yes = (field, help) => ({ kind: "switch", field, help });
const REQUEST = { kind: "json", help: "the whole request as JSON (or @file.json); the other flags override its fields" };

/** Flags every operation of a service takes. */
export const COMMON_FLAGS = {
  "base-url": { kind: "text", help: "the service's origin, optionally with a path prefix (default: TOKENOPS_<SERVICE>_URL)" },
  "allow-insecure-http": { kind: "switch", help: "allow plain http: to a host that is not loopback" },
  "timeout-ms": { kind: "whole", help: "per-attempt timeout in ms (default 30000)" },
  "no-retry": { kind: "switch", help: "never retry (by default GET and DELETE retry on 429, 502-504 and network errors)" },
  json: { kind: "switch", help: "print JSON: one document, lists as NDJSON (one item a line)" },
  "dry-run": { kind: "switch", help: "print the request (method, URL, headers, body; a - argument as <stdin>) and send nothing" },
  curl: { kind: "switch", help: "print the request as a curl command that reads the credential from the environment (a - argument from its stdin); send nothing" },
  "env-file": { kind: "text", help: "read TOKENOPS_* variables from this file too (the environment wins)" },
  help: { kind: "switch", help: "show this help" },
};

/** Flags of one service's every operation. */
const SERVICE_FLAGS = {
  hopr: { "auth-scheme": { kind: "text", help: "header (x-auth-token, default) or basic" } },
  authlete: { api: { kind: "text", help: "v2 (API key and secret) or v3 (service id and access token); default: from the variables set" } },
  knetik: {},
};

/** Flags of the list operations that walk every page. */
const ALL_FLAGS = {
  all: { kind: "switch", help: "every item, page by page (listAll), streamed as pages arrive" },
  "page-size": { kind: "whole", help: "items per page with --all" },
};

const FORM = { form: { kind: "switch", help: "send the body as application/x-www-form-urlencoded instead of JSON" } };

const REVOKE_FLAGS = {
  "access-token-identifier": { ...text("accessTokenIdentifier", "revoke this access token (value or hash; - reads it from standard input)"), stdin: true },
  "refresh-token-identifier": { ...text("refreshTokenIdentifier", "revoke the token with this refresh token (value or hash; - reads it from standard input)"), stdin: true },
  client: text("clientIdentifier", "revoke the tokens of this client (id or alias)"),
  subject: text("subject", "revoke the tokens of this subject"),
  request: REQUEST,
  ...FORM,
};

/** `{ dryRun, contentType }` and the rest of the call options of a body-carrying Authlete call. */
const bodyOptions = (flags, options) => (flags.form ? { ...options, contentType: "form" } : options);

/**
 * Services and their operations. `output` says how a result prints: `record` (one object),
 * `list` (`items(result)` are the rows), `none` (no result), `names` (a list of strings).
 */
export const SERVICES = {
  hopr: {
    title: "HOPR node API v3 tokens (/api/v3/tokens)",
    className: "HoprTokens",
    operations: {
      create: {
        summary: "create a token with the given capabilities; prints its value, shown only this once",
        flags: {
          capability: list("capabilities", "an endpoint the token may call (repeat for several), e.g. tokensGetToken"),
          lifetime: whole("lifetime", "seconds until the token expires (default: never)"),
          description: text("description", "a description of the token"),
          request: REQUEST,
        },
        input: (req) => ({ ...req, capabilities: req.capabilities?.map((c) => (typeof c === "string" ? { endpoint: c } : c)) }),
        run: (client, req, _flags, options) => client.createToken(req, options),
        output: "record",
      },
      get: {
        summary: "the token the command authenticates with (its id, which on a node is the token itself, shows as <credential>)",
        run: (client, _req, _flags, options) =>
          // On a HOPR node the id is the token itself, here the command's own credential.
          options.dryRun ? client.getToken(options) : client.getToken(options).then((t) => ({ ...t, id: CREDENTIAL_PLACEHOLDER })),
        output: "record",
      },
      delete: {
        summary: "delete the token with this id (on a node, the token itself: pass - and the id on standard input)",
        positionals: ["id"],
        run: (client, _req, _flags, options, [id]) => client.deleteToken(id, options),
        output: "none",
        done: () => "deleted the token",
      },
      endpoints: {
        summary: "the 40 endpoint names a capability can grant (needs no credentials)",
        offline: true,
        run: (Class) => Class.endpoints(),
        output: "names",
      },
    },
  },

  authlete: {
    title: "Authlete token operations (v2 /api/auth/token/..., v3 /api/{serviceId}/auth/token/...)",
    className: "AuthleteTokens",
    operations: {
      create: {
        summary: "create an access token",
        flags: {
          "grant-type": text("grantType", "AUTHORIZATION_CODE, CLIENT_CREDENTIALS, PASSWORD, ..."),
          client: whole("clientId", "the client id (int64)"),
          subject: text("subject", "the resource owner"),
          scope: list("scopes", "a scope (repeat for several)"),
          "access-token-duration": whole("accessTokenDuration", "seconds the access token lives"),
          "refresh-token-duration": whole("refreshTokenDuration", "seconds the refresh token lives"),
          resource: list("resources", "a resource indicator (repeat for several)"),
          acr: text("acr", "the ACR of the authentication"),
          request: REQUEST,
          ...FORM,
        },
        run: (client, req, flags, options) => client.create(req, bodyOptions(flags, options)),
        output: "record",
      },
      update: {
        summary: "update the access token given as the argument (- reads it from standard input)",
        positionals: ["accessToken"],
        flags: {
          scope: list("scopes", "the new scopes (repeat for several)"),
          "access-token-expires-at": whole("accessTokenExpiresAt", "new expiry, ms since 1970"),
          "access-token-persistent": yes("accessTokenPersistent", "the token never expires"),
          request: REQUEST,
          ...FORM,
        },
        input: (req, [accessToken]) => ({ ...req, accessToken }),
        run: (client, req, flags, options) => client.update(req, bodyOptions(flags, options)),
        output: "record",
      },
      revoke: {
        summary: "revoke tokens (one call; the service caps how many)",
        flags: REVOKE_FLAGS,
        run: (client, req, flags, options) => client.revoke(req, bodyOptions(flags, options)),
        output: "record",
      },
      "revoke-all": {
        summary: "repeat revoke until nothing more is revoked; prints the total count",
        flags: REVOKE_FLAGS,
        run: (client, req, flags, options) => client.revokeAll(req, bodyOptions(flags, options)),
        output: "record",
      },
      list: {
        summary: "list tokens (hashes, never values); --all walks every page",
        flags: {
          client: text("clientIdentifier", "only the tokens of this client (id or alias)"),
          subject: text("subject", "only the tokens of this subject"),
          start: whole("start", "first index of the window (default 0)"),
          end: whole("end", "end of the window, exclusive"),
          "token-status": text("tokenStatus", "VALID, INVALID or ALL"),
          ...ALL_FLAGS,
        },
        query: (req, flags) => (flags.all ? { ...without(req, ["start", "end"]), pageSize: flags["page-size"] } : req),
        run: (client, query, flags, options) => (flags.all ? client.listAll(query, options) : client.list(query, options)),
        output: "list",
        items: (page) => page.accessTokens,
        footer: (page) => (page.totalCount === undefined ? null : `${page.accessTokens.length} of ${page.totalCount}`),
      },
      delete: {
        summary: "delete the token given as the argument (its value or hash; - reads it from standard input)",
        positionals: ["accessTokenIdentifier"],
        run: (client, _req, _flags, options, [id]) => client.delete(id, options),
        output: "none",
        done: () => "deleted",
      },
    },
  },

  knetik: {
    title: "Knetik Cloud auth tokens (/auth/tokens, OAuth2 from /oauth/token)",
    className: "KnetikTokens",
    operations: {
      list: {
        summary: "list issued tokens (no token values); --all walks every page",
        flags: {
          client: text("filterClientId", "only the tokens of this OAuth client"),
          "filter-username": text("filterUsername", "only the tokens of this user"),
          size: whole("size", "items per page"),
          page: whole("page", "page number, from 1"),
          order: text("order", "PROPERTY:ASC|DESC, comma separated"),
          ...ALL_FLAGS,
        },
        query: (req, flags) => (flags.all ? { ...without(req, ["size", "page"]), pageSize: flags["page-size"] } : req),
        run: (client, query, flags, options) => (flags.all ? client.listAll(query, options) : client.getTokens(query, options)),
        output: "list",
        items: (page) => page.content,
        footer: (page) => (page.total_elements === undefined ? null : `page ${page.number + 1} of ${page.total_pages}, ${page.total_elements} in all`),
      },
      get: {
        summary: "the token of a user for a client, with its value",
        positionals: ["username", "clientId"],
        run: (client, _req, _flags, options, [username, clientId]) => client.getToken(username, clientId, options),
        output: "record",
      },
      delete: {
        summary: "delete the tokens of a user, of a client, or of a user for a client",
        flags: {
          username: text("username", "the user whose tokens go"),
          client: text("clientId", "the client whose tokens go"),
        },
        run: (client, filter, _flags, options) => client.deleteTokens(filter, options),
        output: "none",
        done: () => "deleted",
      },
    },
  },
};

/** `object` without the window of one page (`keys`), which `--all` replaces: given, they are refused. */
function without(object, keys) {
  const given = keys.filter((k) => object[k] !== undefined);
  if (given.length > 0) throw new UsageError(`${given.map((k) => `--${k}`).join(" and ")}: --all walks every page (choose its page size with --page-size)`);
  return Object.fromEntries(Object.entries(object).filter(([k]) => !keys.includes(k)));
}

/** Every flag of an operation: its own, the service's, the common ones. */
export function flagsOf(service, operation) {
  return { ...(operation.flags ?? {}), ...SERVICE_FLAGS[service], ...COMMON_FLAGS };
}

/** The JS argument an operation's flags build (the request, query or filter object). */
export function argumentOf(operation, values, positionals) {
  let arg = {};
  for (const [flag, spec] of Object.entries(operation.flags ?? {})) {
    const given = values[flag];
    if (given === undefined) continue;
    if (spec.kind === "json") arg = { ...readJsonFlag(given, flag), ...arg };
    else if (!spec.field) continue; // read by the command itself (--all, --page-size, --form)
    else arg[spec.field] = spec.kind === "whole" ? wholeNumber(given, flag) : given;
  }
  if (operation.input) arg = operation.input(arg, positionals);
  if (operation.query) arg = operation.query(arg, { ...values, "page-size": values["page-size"] && wholeNumber(values["page-size"], "page-size") });
  return arg;
}

function readJsonFlag(given, flag) {
  let source = given;
  if (given.startsWith("@")) {
    try {
      source = readFileSync(given.slice(1), "utf8");
    } catch (e) {
      throw new UsageError(`--${flag}: cannot read ${given.slice(1)} (${e.code ?? e.message})`);
    }
  }
  let value;
  try {
    value = parseJson(source);
  } catch (e) {
    if (e instanceof RangeError) throw new UsageError(`--${flag} nests too deeply`);
    throw new UsageError(`--${flag} must be JSON (or @file.json)`);
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw new UsageError(`--${flag} must be a JSON object`);
  return value;
}
