export * from "./dashscope-private-access";
export * from "./types";
