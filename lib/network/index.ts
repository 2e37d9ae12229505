export * from "./types";
export * from "./transit-router-network";
