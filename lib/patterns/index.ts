export * from "./dashscope-private-access";
export * from "./types";
export { ENDPOINT_ATTACHMENT_NAME } from "./plan";
