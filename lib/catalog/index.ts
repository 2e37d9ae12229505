export * from "./regions";
export * from "./dashscope";
export * from "./privatelink-service";
export * from "./api-families";
