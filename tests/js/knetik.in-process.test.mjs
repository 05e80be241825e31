// The knetik suite (knetik.test.mjs) against tokenops/sandbox's createSandbox: the emulator in
// process, reached through the clients' fetch option.
process.env.TOKENOPS_TEST_SHELL = "in-process";
await import("./knetik.test.mjs");
