// A TypeScript consumer of `tokenops/sandbox` and the clients' `fetch` option; compiled with --strict.
import { startSandbox, createSandbox } from "tokenops/sandbox";
import type { Sandbox, InProcessSandbox, Session, Fault, LoggedRequest, Credentials, SandboxOptions } from "tokenops/sandbox";
import { HoprTokens, AuthleteTokens, KnetikTokens } from "tokenops";

async function sandboxes(): Promise<void> {
  const options: SandboxOptions = { seed: 3, knetikTokenTtl: 60 };
  const sb: Sandbox = await startSandbox({ port: 0, host: "127.0.0.1", ...options });
  const credentials: Credentials = sb.credentials;
  const hopr = new HoprTokens({ baseUrl: sb.url, ...credentials.hopr.demo });
  const a2 = new AuthleteTokens({ baseUrl: sb.url, ...credentials.authlete.v2 });
  const a3 = new AuthleteTokens({ baseUrl: sb.url, ...credentials.authlete.v3 });
  const k = new KnetikTokens({ baseUrl: sb.url, ...credentials.knetik.password });
  const session: Session = await sb.session({ seed: 1 });
  const fault: Fault = { path: "/api/v3/token", status: 503, retryAfter: "1", count: 2 };
  await session.fault(fault);
  await session.advanceClock(61_000);
  const now: number = await session.now();
  const log: LoggedRequest[] = await session.requests();
  await session.close();

  const local: InProcessSandbox = createSandbox(options);
  const inProcess = new HoprTokens({ baseUrl: local.url, apiToken: "t", fetch: local.fetch });
  const viaGlobal = new KnetikTokens({ baseUrl: local.url, accessToken: "t", fetch: globalThis.fetch });
  const response: Response = await local.fetch(new Request(`${local.url}/api/v3/token`));
  await local.reset();
  console.log(hopr, a2, a3, k, now, log.map((r) => r.headers["content-type"]), inProcess, viaGlobal, response.status);
  const dispose: () => Promise<void> = sb[Symbol.asyncDispose]; // for `await using`
  await dispose.call(sb);
}

void sandboxes();
