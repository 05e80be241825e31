// The knetik suite (knetik.test.mjs) against tokenops/sandbox's startSandbox: the emulator core in
// wasm behind Node's http server.
process.env.TOKENOPS_TEST_SHELL = "node";
await import("./knetik.test.mjs");
