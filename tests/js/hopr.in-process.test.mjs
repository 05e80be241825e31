// The hopr suite (hopr.test.mjs) against tokenops/sandbox's createSandbox: the emulator in
// process, reached through the clients' fetch option (faults as fetch shows them).
process.env.TOKENOPS_TEST_SHELL = "in-process";
await import("./hopr.test.mjs");
