/**
 * The error every tokenops call rejects with (and every constructor throws).
 * A real `Error` subclass; its fields never hold a credential.
 */
export class ApiError extends Error {
  /** @param {import('../index').ApiErrorInit} init */
  constructor(init) {
    const data = init && typeof init === "object" ? init : {};
    super(typeof data.message === "string" ? data.message : "tokenops call failed");
    this.name = "ApiError";
    this.kind = data.kind ?? "network";
    this.status = data.status ?? null;
    this.code = data.code ?? null;
    this.provider = data.provider ?? null;
    this.operation = data.operation ?? null;
    this.body = data.body ?? null;
    this.retryAfterMs = data.retryAfterMs ?? null;
  }

  /**
   * What `JSON.stringify(err)` gives: every field, message included. An int64 of the body
   * beyond 2^53 (a `BigInt`) is written as the exact JSON number where the engine has
   * `JSON.rawJSON`, else as its digits in a string: `JSON.stringify` throws on a `BigInt`.
   */
  toJSON() {
    return {
      name: this.name,
      message: this.message,
      kind: this.kind,
      status: this.status,
      code: this.code,
      provider: this.provider,
      operation: this.operation,
      body: jsonSafe(this.body),
      retryAfterMs: this.retryAfterMs,
    };
  }
}

/** `value` with every `BigInt` in it made writable by `JSON.stringify` (see `toJSON`). */
function jsonSafe(value) {
  if (typeof value === "bigint") {
    return typeof JSON.rawJSON === "function" ? JSON.rawJSON(value.toString()) : value.toString();
  }
  if (Array.isArray(value)) return value.map(jsonSafe);
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, jsonSafe(item)]));
  }
  return value;
}
