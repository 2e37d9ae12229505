export * from "./dashscope-endpoint";
export * from "./types";
