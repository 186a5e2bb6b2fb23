// Entry point the Pulumi CLI runs for `--policy-pack crossguard`; the policies live in pack.ts.
import { PolicyPack } from "@pulumi/policy";
import { POLICY_PACK_NAME, policyPackArgs } from "./pack";

new PolicyPack(POLICY_PACK_NAME, policyPackArgs);
