// What the command prints: results as a readable table or as JSON (lists as NDJSON, one item a
// line), a dry run's request as text or as a curl line, and errors as one line on stderr. Every
// text from a service (values, field names, error messages) is printed with its control
// characters escaped (terminal.mjs), so it can never drive the terminal.
import { shellQuote } from "./credentials.mjs";
import { escapeControls } from "./terminal.mjs";
import { toJson } from "./values.mjs";

/** Longest cell shown on a terminal; longer values end with `…` (pipes get every character). */
const MAX_CELL = 60;

/** One value as table text: strings as they are, objects and arrays as compact JSON. */
function cell(value) {
  if (value === undefined) return "";
  if (value === null) return "null";
  if (typeof value === "object") return toJson(value);
  return String(value);
}

/** A cell on one line: control characters (a value's own CR and LF too) shown escaped, then clipped. */
function clip(text, terminal) {
  const flat = escapeControls(text);
  return terminal && flat.length > MAX_CELL ? `${flat.slice(0, MAX_CELL - 1)}…` : flat;
}

/** Rows of cells as aligned columns, the first row being the header. */
function columns(rows) {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  return rows.map((r) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]))).join("  ").trimEnd()).join("\n");
}

/** An object as two columns, field and value. */
export function recordTable(record, terminal) {
  const rows = Object.entries(record)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => [escapeControls(k), clip(cell(v), terminal)]);
  return rows.length === 0 ? "(no fields)" : columns(rows);
}

/** Items as a table whose columns are every field any item has, in order of appearance. */
export function listTable(items, terminal) {
  if (items.length === 0) return "(none)";
  if (items.every((i) => typeof i !== "object" || i === null)) return items.map((i) => escapeControls(cell(i))).join("\n");
  const keys = [...new Set(items.flatMap((i) => Object.keys(i).filter((k) => i[k] !== undefined)))];
  return columns([keys.map(escapeControls), ...items.map((i) => keys.map((k) => clip(cell(i[k]), terminal)))]);
}

/** A dry run's request as text: the request line, the headers, a blank line and the body. */
export function requestText(run) {
  const lines = [`${run.method} ${run.url}`, ...Object.entries(run.headers).map(([k, v]) => `${k}: ${v}`)];
  if (run.body !== undefined) lines.push("", run.body);
  return lines.map(escapeControls).join("\n");
}

/** What the library's dry runs show in place of a credential; the command shows it there too. */
export const CREDENTIAL_PLACEHOLDER = "<credential>";

/** What a dry run shows for an argument read from standard input (`-`): it may be a token. */
export const STDIN_PLACEHOLDER = "<stdin>";

/**
 * The value a dry run is made with in place of an argument read from standard input: letters
 * only, so every encoding (a path segment, a JSON string, a form value) leaves it as it is and
 * it can be found again in the request.
 */
export const STDIN_STAND_IN = "TOKENOPSSTDINARGUMENT";

/** A dry run's request made with the stand-in, showing the placeholder instead. */
export function showStdin(run) {
  const show = (text) => text?.replaceAll(STDIN_STAND_IN, STDIN_PLACEHOLDER);
  return { ...run, url: show(run.url), ...(run.body === undefined ? {} : { body: show(run.body) }) };
}

/**
 * How a curl line reads the argument from the first line of its standard input, as the command
 * does, encoded by `encode` (a JS expression of `v`); node, as the Knetik token request's line.
 */
const readStdin = (encode) =>
  `'"$(node -p 'const v = require("fs").readFileSync(0, "utf8").split(/\\r?\\n/)[0].trim(); ${encode}')"'`;

/**
 * A dry run's request as one curl line: the credential header replaced by `credentialArgs`,
 * which read it from the environment. Control characters are escaped like everywhere else: the
 * URL is percent-encoded and a JSON body holds them only inside strings, where `\u009b` means
 * the same character, so the line still makes the same request. A request made with
 * [`STDIN_STAND_IN`] reads that argument from the line's standard input instead, so the line
 * holds no more than the command did.
 */
export function curlLine(run, credentialArgs) {
  const headers = Object.entries(run.headers)
    .filter(([, v]) => !v.includes(CREDENTIAL_PLACEHOLDER))
    .map(([k, v]) => `-H ${shellQuote(`${k}: ${v}`)}`);
  let url = shellQuote(run.url).replace(STDIN_STAND_IN, readStdin("encodeURIComponent(v)"));
  let body = run.body === undefined ? undefined : shellQuote(run.body);
  if (run.headers["content-type"]?.startsWith("application/x-www-form-urlencoded")) {
    body = body?.replace(STDIN_STAND_IN, readStdin('new URLSearchParams({ v }).toString().slice(2)'));
  } else {
    body = body?.replace(`"${STDIN_STAND_IN}"`, readStdin("JSON.stringify(v)"));
  }
  const data = body === undefined ? [] : [`--data-raw ${body}`];
  return escapeControls(["curl", "-sS", "-X", run.method, ...headers, ...credentialArgs, ...data, url].join(" "));
}

/** One line of NDJSON. */
export const ndjsonLine = (value) => `${toJson(value)}\n`;

/**
 * An `ApiError` (or any error) as what goes to stderr: one line, or its fields as JSON. The
 * service's code (kept raw in `err.code`) and any text of a message show control characters
 * escaped.
 */
export function errorText(err, json) {
  if (json) return toJson(typeof err?.toJSON === "function" ? err.toJSON() : { name: err?.name ?? "Error", message: String(err?.message ?? err) });
  if (err?.name === "ApiError") {
    const parts = [err.kind, err.status === null ? null : `status ${err.status}`, err.code === null ? null : `code ${err.code}`].filter(Boolean);
    return escapeControls(`tokenops: ${parts.join(", ")}: ${err.message}`);
  }
  return escapeControls(`tokenops: ${err?.message ?? err}`);
}
