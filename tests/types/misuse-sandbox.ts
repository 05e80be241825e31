// Misuses of `tokenops/sandbox` the types refuse: tests/js/types.test.mjs expects a compile error
// on exactly the lines marked `expect-error`.
import { startSandbox, createSandbox } from "tokenops/sandbox";
import { HoprTokens } from "tokenops";

async function misuse(): Promise<void> {
  const sb = await startSandbox({ port: 0 });
  await sb.fault({ path: "/api/v3/token", status: 503 });
  await sb.fault({ status: 503 }); // expect-error: a fault needs its path
  await sb.fault({ path: "/api/v3/token", stauts: 503 }); // expect-error: no such field
  await sb.advanceClock("60s"); // expect-error: milliseconds are a number
  createSandbox({ port: 0 }); // expect-error: an in-process sandbox has no port
  void new HoprTokens({ baseUrl: sb.url, apiToken: "t", fetch: "fetch" }); // expect-error: fetch is a function
}

void misuse();
