export * from "./regions";
export * from "./dashscope";
