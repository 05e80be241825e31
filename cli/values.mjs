// Turning flag text into the values the JS API takes, and values into JSON text, with int64
// values kept exact both ways (a number within ±(2^53 - 1), a BigInt beyond, as the API does).
import { escapeControls } from "./terminal.mjs";

/** A mistake on the command line: exit code 2, the message says which flag or variable. */
export class UsageError extends Error {
  constructor(message) {
    super(message);
    this.name = "UsageError";
  }
}

/** `--flag` text as a whole number: a `number`, or a `BigInt` beyond 2^53 - 1. */
export function wholeNumber(text, flag) {
  if (!/^-?\d+$/.test(text)) throw new UsageError(`--${flag} must be a whole number`);
  const big = BigInt(text);
  return big >= BigInt(Number.MIN_SAFE_INTEGER) && big <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(big) : big;
}

/**
 * JSON.parse, except that integers beyond 2^53 - 1 become BigInts instead of losing digits
 * (JSON.parse has no exact form for them before Node 21's `context.source`). Each is carried
 * through JSON.parse as a string marked with a random nonce, so no string of the text can pass
 * for one.
 */
export function parseJson(text) {
  const BIG = `\u0000tokenops-int64-${Math.random().toString(36).slice(2)}:`;
  const number = /-?\d+(\.\d+)?([eE][+-]?\d+)?/y;
  let out = "";
  let from = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === "\\") i++;
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') {
      inString = true;
    } else if (c === "-" || (c >= "0" && c <= "9")) {
      number.lastIndex = i;
      const m = number.exec(text);
      if (!m) continue;
      if (!m[1] && !m[2] && !Number.isSafeInteger(Number(m[0]))) {
        out += `${text.slice(from, i)}"\\u0000${BIG.slice(1)}${m[0]}"`; // JSON text for BIG + digits
        from = i + m[0].length;
      }
      i += m[0].length - 1;
    }
  }
  out += text.slice(from);
  return JSON.parse(out, (_, v) => (typeof v === "string" && v.startsWith(BIG) ? BigInt(v.slice(BIG.length)) : v));
}

/**
 * JSON.stringify that writes BigInts as plain JSON numbers, every digit kept, and every control
 * character (C0, DEL, C1) and bidi override as a `\uXXXX` escape (JSON.stringify leaves DEL and
 * C1 raw), so no such character reaches a terminal and `JSON.parse` reads back the same value.
 */
export function toJson(value, space) {
  const marks = [];
  const nonce = Math.random().toString(36).slice(2);
  const raw = JSON.stringify(value, (_, v) => (typeof v === "bigint" ? `${nonce}:${marks.push(v.toString()) - 1}` : v), space);
  if (raw === undefined) return raw;
  const text = escapeControls(raw);
  if (marks.length === 0) return text;
  return text.replace(new RegExp(`"${nonce}:(\\d+)"`, "g"), (_, i) => marks[Number(i)]);
}
