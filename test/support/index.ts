// Loopback test peers for the verifier tests and benchmarks: import from "test/support".
export * from "./dns-server";
export * from "./openai-server";
export * from "./pki";
export * from "./verify-world";
