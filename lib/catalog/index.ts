export * from "./regions";
export * from "./dashscope";
export * from "./api-families";
