import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { GuardrailReference } from "../infra/bedrock-guardrail";
import { type ProfileTarget, invokeRolePolicy, invokeRoleTrustPolicy } from "../infra/policies";
import { PROGRAM_WARNINGS } from "../infra/warnings";
import { mapInputs } from "./inputs";

/**
 * Where a hardening value comes from, for the warning when it is missing. `undefined` means the
 * operator has not asked for the lock yet (first deploy).
 */
export type PeerSource = string | undefined;

/** Arguments of {@link BedrockInvokeRole}. */
export interface BedrockInvokeRoleArgs {
  /** Fixed IAM role name, so the municipality can be told the ARN before deploying. */
  readonly roleName: string;
  readonly municipalityName: string;
  readonly municipalityAccountId: string;
  /** The municipality client role allowed to assume this role (matched by `aws:PrincipalArn`). */
  readonly clientRoleArn: string;
  readonly externalId?: string;
  /** The JP inference profile, the region it is called in and the operator account. */
  readonly target: ProfileTarget;
  /** Hardening: deny `bedrock:*` unless the call arrives through this endpoint. */
  readonly bedrockRuntimeEndpointId?: pulumi.Input<string | undefined>;
  /** Where `bedrockRuntimeEndpointId` and `stsEndpointId` come from (config key or stack output). */
  readonly peerSource: PeerSource;
  /** Opt-in hardening: trust only AssumeRole calls through the municipality's STS endpoint. */
  readonly lockTrustToStsEndpoint: boolean;
  readonly stsEndpointId?: pulumi.Input<string | undefined>;
  /** Opt-in guardrail boundary (infra/org-guardrails.ts): the role can never exceed it. */
  readonly permissionsBoundary?: pulumi.Input<string>;
  /** Deny every invoke that does not name this published guardrail version. */
  readonly guardrail?: pulumi.Input<GuardrailReference | undefined>;
  /** Metering: the municipality's application inference profile, the only model id the role may call. */
  readonly applicationProfileArn?: pulumi.Input<string>;
}

/**
 * The operator-account role one municipality assumes to call Bedrock: order-free trust on the
 * municipality's client role, invoke rights on the JP inference profile and, through it only,
 * on its foundation models; optionally locked to the municipality's VPC endpoints. Missing peer
 * data leaves the role valid but unlocked, with a warning, never open and never failing.
 */
export class BedrockInvokeRole extends pulumi.ComponentResource {
  readonly roleArn: pulumi.Output<string>;
  readonly roleName: pulumi.Output<string>;
  /** The bedrock-runtime endpoint the role is locked to, or `null` while unlocked (plain when its id is plain config). */
  readonly lockedToBedrockEndpoint: pulumi.Input<string | null>;
  /** The STS endpoint the trust policy is locked to, or `null`. */
  readonly lockedToStsEndpoint: pulumi.Input<string | null>;

  constructor(name: string, args: BedrockInvokeRoleArgs, opts?: pulumi.ComponentResourceOptions) {
    // The alias keeps the URNs of stacks deployed before the token named the domain, not the account.
    super(
      "bedrock-lz:iam:BedrockInvokeRole",
      name,
      {},
      { ...opts, aliases: [...(opts?.aliases ?? []), { type: "bedrock-lz:operator:BedrockInvokeRole" }] },
    );

    // Plain config values give plain documents; an Output (a stack reference, the application
    // profile's ARN) gives one `apply`, not a chain of wrappers (components/inputs.ts).
    const lock = (id: string | undefined | null, endpoint: "bedrock-runtime" | "sts"): string | null => {
      if (id === undefined || id === null || id === "") {
        pulumi.log.warn(unlockedWarning(args, endpoint), this);
        return null;
      }
      return id;
    };
    const bedrockEndpoint = mapInputs([args.bedrockRuntimeEndpointId], ([id]) => lock(id, "bedrock-runtime"));
    const stsEndpoint = args.lockTrustToStsEndpoint ? mapInputs([args.stsEndpointId], ([id]) => lock(id, "sts")) : null;

    const role = new aws.iam.Role(
      `${name}-role`,
      {
        name: args.roleName,
        description:
          args.applicationProfileArn !== undefined
            ? `Bedrock invoke role for municipality ${args.municipalityName} (its own JP application profile only)`
            : `Bedrock invoke role for municipality ${args.municipalityName} (JP inference profile only)`,
        assumeRolePolicy: mapInputs([stsEndpoint], ([stsEndpointId]) =>
          JSON.stringify(
            invokeRoleTrustPolicy({
              municipalityAccountId: args.municipalityAccountId,
              clientRoleArn: args.clientRoleArn,
              externalId: args.externalId,
              stsEndpointId: stsEndpointId ?? undefined,
            }),
          ),
        ),
        maxSessionDuration: 3600,
        permissionsBoundary: args.permissionsBoundary,
      },
      { parent: this },
    );

    new aws.iam.RolePolicy(
      `${name}-invoke`,
      {
        role: role.name,
        name: "invoke-japan-inference-profile",
        policy: mapInputs(
          [bedrockEndpoint, args.guardrail, args.applicationProfileArn],
          ([endpointId, guardrail, applicationProfileArn]) =>
            JSON.stringify(
              invokeRolePolicy({
                ...args.target,
                bedrockRuntimeEndpointId: endpointId ?? undefined,
                guardrail: guardrail ?? undefined,
                applicationProfileArn: applicationProfileArn ?? undefined,
              }),
            ),
        ),
      },
      { parent: this },
    );

    this.roleArn = role.arn;
    this.roleName = role.name;
    this.lockedToBedrockEndpoint = bedrockEndpoint;
    this.lockedToStsEndpoint = stsEndpoint;
    this.registerOutputs({
      roleArn: this.roleArn,
      roleName: this.roleName,
      lockedToBedrockEndpoint: this.lockedToBedrockEndpoint,
      lockedToStsEndpoint: this.lockedToStsEndpoint,
    });
  }
}

function unlockedWarning(args: BedrockInvokeRoleArgs, endpoint: "bedrock-runtime" | "sts"): string {
  return PROGRAM_WARNINGS.invokeRoleUnlocked({ name: args.municipalityName, endpoint, peerSource: args.peerSource });
}
