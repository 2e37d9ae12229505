export * from "./dashscope-private-zone";
