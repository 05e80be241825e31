// The hopr suite (hopr.test.mjs) against tokenops/sandbox's startSandbox: the emulator core in
// wasm behind Node's http server (faults on its sockets).
process.env.TOKENOPS_TEST_SHELL = "node";
await import("./hopr.test.mjs");
