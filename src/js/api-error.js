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

/**
 * Gives the rejections of the classes' methods the caller's frames (the entries call it once).
 * An `ApiError` is made inside the wasm after the call's own stack has gone, so its stack would
 * name only the glue; each method that returns a promise now awaits it in an async function,
 * where the engine's async stack traces (V8: Node, Chromium, Deno; Bun) reach the caller's
 * `await`s. Elsewhere (no `Error.captureStackTrace`) the methods stay as they are.
 */
export function withCallerStacks(...classes) {
  if (typeof Error.captureStackTrace !== "function") return;
  for (const { prototype } of classes) {
    for (const name of Object.getOwnPropertyNames(prototype)) {
      const descriptor = Object.getOwnPropertyDescriptor(prototype, name);
      const method = descriptor.value;
      if (name === "constructor" || typeof method !== "function") continue;
      const wrapped = {
        [name](...args) {
          const result = method.apply(this, args);
          return result instanceof Promise ? settled(result) : result;
        },
      }[name];
      Object.defineProperty(prototype, name, { ...descriptor, value: wrapped });
    }
  }
}

/** `promise`'s outcome; an `ApiError` it rejects with gets the stack of the awaiting callers. */
async function settled(promise) {
  try {
    return await promise;
  } catch (error) {
    if (error instanceof ApiError) Error.captureStackTrace(error, settled);
    throw error;
  }
}
