// Reading the providers' OpenAPI documents (../shared/specs) for the contract suite: the
// operation a request addresses, the names it may carry (query parameters, body fields at any
// depth), and the example answers each operation documents. Prism checks types and required
// fields; it lets undeclared names through, which is what `undeclared` catches.
import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";

/** A parsed document with `$ref` resolution. */
export class Spec {
  constructor(file) {
    this.file = file;
    this.doc = parse(readFileSync(file, "utf8"));
  }

  /** Follows `$ref`s (local ones, `#/components/...`) until a schema or object without one. */
  resolve(node) {
    let seen = 0;
    while (node && typeof node === "object" && typeof node.$ref === "string") {
      if (++seen > 50) throw new Error(`${this.file}: $ref loop at ${node.$ref}`);
      node = node.$ref
        .slice(2)
        .split("/")
        .map((p) => p.replaceAll("~1", "/").replaceAll("~0", "~"))
        .reduce((n, key) => n?.[key], this.doc);
    }
    return node;
  }

  /** `{ path, method, operation, params }` for a request, or null when no path template matches. */
  operation(method, rawPath) {
    const segments = rawPath.split("/");
    for (const [template, item] of Object.entries(this.doc.paths)) {
      const parts = template.split("/");
      if (parts.length !== segments.length) continue;
      const params = {};
      const matches = parts.every((part, i) => {
        const m = /^\{(.+)\}$/.exec(part);
        if (m) {
          params[m[1]] = decodeURIComponent(segments[i]);
          return segments[i] !== "";
        }
        return part === segments[i];
      });
      const operation = item[method.toLowerCase()];
      if (matches && operation) return { path: template, method, operation, item, params };
    }
    return null;
  }

  /** The parameters of an operation in `where` (`query`, `path`, `header`). */
  parameters(op, where) {
    return [...(op.item.parameters ?? []), ...(op.operation.parameters ?? [])].map((p) => this.resolve(p)).filter((p) => p.in === where);
  }

  /** The request body schema for a media type, or undefined. */
  bodySchema(op, mediaType) {
    const body = this.resolve(op.operation.requestBody);
    return body?.content?.[mediaType]?.schema;
  }

  /**
   * Every name in `value` that `schema` does not declare, as paths (`capabilities[0].bogus`).
   * A name is declared when a `properties` entry of the schema (or of any `allOf`/`oneOf`/
   * `anyOf` branch) has it, or when the schema allows additional properties.
   */
  undeclared(value, schema, path = "") {
    schema = this.resolve(schema);
    if (!schema || value === null || typeof value !== "object") return [];
    const branches = [schema, ...["allOf", "oneOf", "anyOf"].flatMap((k) => (schema[k] ?? []).map((s) => this.resolve(s)))];
    if (Array.isArray(value)) {
      const items = branches.map((b) => b.items).find(Boolean);
      return value.flatMap((v, i) => this.undeclared(v, items, `${path}[${i}]`));
    }
    const out = [];
    for (const [key, v] of Object.entries(value)) {
      const here = path ? `${path}.${key}` : key;
      const declared = branches.map((b) => b.properties?.[key]).find(Boolean);
      if (declared) {
        out.push(...this.undeclared(v, declared, here));
        continue;
      }
      const extra = branches.map((b) => b.additionalProperties).find((a) => a !== undefined && a !== false);
      if (extra === undefined) out.push(here);
      else if (typeof extra === "object") out.push(...this.undeclared(v, extra, here));
    }
    return out;
  }

  /** The JSON schema of an operation's answer with `status` (or `default`), if it declares one. */
  responseSchema(op, status) {
    const responses = op.operation.responses ?? {};
    const response = this.resolve(responses[String(status)] ?? responses.default);
    return response?.content?.["application/json"]?.schema;
  }

  /** The first 2xx status an operation declares. */
  successStatus(operationId) {
    for (const item of Object.values(this.doc.paths)) {
      for (const operation of Object.values(item)) {
        if (operation?.operationId !== operationId) continue;
        const status = Object.keys(operation.responses ?? {}).find((s) => /^2/.test(s));
        if (status) return Number(status);
      }
    }
    throw new Error(`${this.file}: no 2xx answer of ${operationId}`);
  }

  /**
   * Every documented example answer of every operation: `{ operationId, method, path, status,
   * name }`, where `name` is the key of an `examples` entry or null for a single `example`.
   */
  examples() {
    const out = [];
    for (const [path, item] of Object.entries(this.doc.paths)) {
      for (const method of ["get", "post", "put", "delete"]) {
        const operation = item[method];
        if (!operation) continue;
        for (const [status, response] of Object.entries(operation.responses ?? {})) {
          const media = this.resolve(response)?.content?.["application/json"];
          if (!media || !/^2/.test(status)) continue;
          if (media.example !== undefined) out.push({ operationId: operation.operationId, method, path, status: Number(status), name: null });
          for (const name of Object.keys(media.examples ?? {})) out.push({ operationId: operation.operationId, method, path, status: Number(status), name });
        }
      }
    }
    return out;
  }
}

/**
 * The HOPR document with its paths under `/api/v3`, as the node serves them (the document puts
 * `/api/v3` in `servers`, which Prism's mock ignores), written to `dir`.
 */
export function hoprUnderApiV3(source, dir) {
  const spec = parse(readFileSync(source, "utf8"));
  spec.paths = Object.fromEntries(Object.entries(spec.paths).map(([p, item]) => [`/api/v3${p}`, item]));
  mkdirSync(dir, { recursive: true });
  const file = join(dir, "hoprd-v3-tokens.json");
  writeFileSync(file, JSON.stringify(spec, null, 2));
  return file;
}
