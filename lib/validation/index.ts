export * from "./errors";
export * from "./checks";
export * from "./assert";
