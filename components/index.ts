export * from "./client-role";
export * from "./closed-vpc";
export * from "./invoke-role";
export * from "./vpc-endpoints";
export * from "./codeartifact-mirror";
export * from "./codeartifact-read-access";
export * from "./session-access";
export * from "./smoke-test-instance";
