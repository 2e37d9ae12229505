export * from "./dashscope-endpoint";
export * from "./types";
export * from "./dashscope-endpoint-outputs";
