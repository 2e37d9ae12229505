export * from "./errors";
export * from "./checks";
export * from "./assert";
export * from "./regions";
