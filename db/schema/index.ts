export * from "./organisations";
export * from "./users";
export * from "./auth";
export * from "./audit";
export * from "./programmes";
export * from "./first-year";
export * from "./supervision";
export * from "./workload";
