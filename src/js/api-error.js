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

  /** What `JSON.stringify(err)` gives: every field, message included. */
  toJSON() {
    return {
      name: this.name,
      message: this.message,
      kind: this.kind,
      status: this.status,
      code: this.code,
      provider: this.provider,
      operation: this.operation,
      body: this.body,
      retryAfterMs: this.retryAfterMs,
    };
  }
}
