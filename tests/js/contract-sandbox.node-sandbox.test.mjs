// The contract suite (contract-sandbox.test.mjs) against the emulator core compiled to wasm behind
// Node's http server (tokenops/sandbox's startSandbox): one core, so both shells must satisfy the
// documents alike.
process.env.TOKENOPS_TEST_SHELL = "node";
await import("./contract-sandbox.test.mjs");
