export * from "./client-role";
export * from "./closed-vpc";
export * from "./invoke-role";
export * from "./vpc-endpoints";
export * from "./github-oidc-role";
