/**
 * Runs the real program under Pulumi's mock engine and records what it declares: every resource
 * (with its parent and resolved inputs), the stack outputs and the warnings. Used by the tests
 * and the offline plan. Nothing here is part of the program `pulumi up` runs.
 */
import { createHash } from "node:crypto";
import * as pulumi from "@pulumi/pulumi";
// The recording monitor extends the SDK's own mock monitor; neither is re-exported at the root.
import { MockMonitor } from "@pulumi/pulumi/runtime/mocks";

export const PROJECT_NAME = "bedrock-lz";
export const STACK_REFERENCE_TYPE = "pulumi:pulumi:StackReference";

export interface RecordedResource {
  readonly urn: string;
  readonly type: string;
  /** Logical name. */
  readonly name: string;
  /** Logical name of the parent, or undefined for children of the stack itself. */
  readonly parent: string | undefined;
  /** ComponentResources are not custom. */
  readonly custom: boolean;
  readonly inputs: Record<string, unknown>;
  /**
   * The state the mock provider answered with (inputs plus the ids and ARNs AWS would assign): what
   * a stack policy sees as the resource's properties after `pulumi up`.
   */
  readonly outputs: Record<string, unknown>;
  /** Resource options the engine received (the mock API itself does not expose them). */
  readonly options: RecordedOptions;
}

/** The destroy- and replace-safety options of one registration, as the engine saw them. */
export interface RecordedOptions {
  readonly protect: boolean;
  readonly retainOnDelete: boolean;
  /** `undefined` when the program left it to the engine's default. */
  readonly deleteBeforeReplace: boolean | undefined;
  readonly ignoreChanges: readonly string[];
  readonly replaceOnChanges: readonly string[];
  /** Logical names of every resource this one waits for (`dependsOn` and input dependencies). */
  readonly dependencies: readonly string[];
  /** The same as URNs (names repeat across types), plus the provider it is created through. */
  readonly dependencyUrns: readonly string[];
  /** Earlier identities this resource answers to (`aliases`), so a rename keeps its URN's state. */
  readonly aliases: readonly RecordedAlias[];
}

/** One alias as the engine received it: a full URN, or the parts of the old URN that differ. */
export interface RecordedAlias {
  readonly urn?: string;
  readonly name?: string;
  readonly type?: string;
}

const NO_OPTIONS: RecordedOptions = {
  protect: false,
  retainOnDelete: false,
  deleteBeforeReplace: undefined,
  ignoreChanges: [],
  replaceOnChanges: [],
  dependencies: [],
  dependencyUrns: [],
  aliases: [],
};

export interface ProgramRun {
  readonly stack: string;
  readonly resources: RecordedResource[];
  readonly outputs: Record<string, unknown>;
  readonly warnings: string[];
}

export interface RunOptions {
  readonly stack: string;
  /** Full config keys (`bedrock-lz:account`, `aws:region`) with Pulumi's string encoding. */
  readonly config: Readonly<Record<string, string>>;
  /** The account the mocked provider "deploys" into; used to build ARNs of created resources. */
  readonly accountId: string;
  /** Outputs of other stacks by stack name, as a StackReference would read them. */
  readonly stackOutputs?: Readonly<Record<string, Record<string, unknown>>>;
  /** Declares the resources and returns the stack outputs, like `index.ts` does. */
  readonly program: () => unknown;
}

/**
 * Deterministic fake ids with AWS's prefixes, so plans are stable across runs. The stack is part
 * of the hash: two municipalities declare the same logical names, and their endpoints must not
 * share an id, or an operator locked to the wrong municipality would look right.
 */
const ID_PREFIXES: Record<string, string> = {
  "aws:ec2/vpc:Vpc": "vpc",
  "aws:ec2/subnet:Subnet": "subnet",
  "aws:ec2/routeTable:RouteTable": "rtb",
  "aws:ec2/routeTableAssociation:RouteTableAssociation": "rtbassoc",
  "aws:ec2/securityGroup:SecurityGroup": "sg",
  "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup": "sg",
  "aws:ec2/vpcEndpoint:VpcEndpoint": "vpce",
  "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule": "sgr",
  "aws:ec2/managedPrefixList:ManagedPrefixList": "pl",
};

export function fakeId(type: string, name: string, stack: string): string {
  const prefix = ID_PREFIXES[type];
  const digest = createHash("sha256").update(`${stack}/${type}/${name}`).digest("hex");
  return prefix ? `${prefix}-${digest.slice(0, 17)}` : `${name}-id`;
}

/** The key id the engine gives a KMS key (AWS assigns a UUID). */
export function fakeKeyId(name: string): string {
  return `${name}-key-id`;
}

/** The id the engine gives a Bedrock guardrail (AWS assigns 12 lowercase letters and digits). */
export function fakeGuardrailId(name: string): string {
  return `${name}-gr-id`;
}

/** The version every published guardrail version gets from the engine (AWS numbers them from 1). */
export const FAKE_GUARDRAIL_VERSION = "1";

/** The id the engine gives an application inference profile: 12 characters, as Bedrock's, stable per name. */
export function fakeInferenceProfileId(name: string): string {
  return [...name]
    .reduce((h, c) => (h * 31 + c.charCodeAt(0)) >>> 0, 7)
    .toString(36)
    .padStart(12, "0");
}

/** The stand-in ARN of a resource type whose ARN format the engine does not model. */
function mockArn(type: string, name: string): string {
  return `arn:aws:mock:::${type}/${name}`;
}

type StateOf = (name: string, inputs: Record<string, unknown>, accountId: string, region: string) => object;

/** The state of the types whose outputs the engine models; every other type gets {@link mockArn}. */
const MODELLED_STATE: Readonly<Record<string, StateOf>> = {
  "aws:kms/key:Key": (name, _inputs, accountId, region) => ({
    keyId: fakeKeyId(name),
    arn: `arn:aws:kms:${region}:${accountId}:key/${fakeKeyId(name)}`,
  }),
  "aws:cloudwatch/logGroup:LogGroup": (_name, inputs, accountId, region) => ({
    arn: `arn:aws:logs:${region}:${accountId}:log-group:${inputs.name as string}`,
  }),
  "aws:s3/bucket:Bucket": (name, inputs) => {
    const bucket = (inputs.bucket as string | undefined) ?? name;
    return { bucket, arn: `arn:aws:s3:::${bucket}` };
  },
  "aws:bedrock/guardrail:Guardrail": (name, _inputs, accountId, region) => ({
    guardrailId: fakeGuardrailId(name),
    guardrailArn: `arn:aws:bedrock:${region}:${accountId}:guardrail/${fakeGuardrailId(name)}`,
    version: "DRAFT",
  }),
  "aws:bedrock/inferenceProfile:InferenceProfile": (name, _inputs, accountId, region) => ({
    arn: `arn:aws:bedrock:${region}:${accountId}:application-inference-profile/${fakeInferenceProfileId(name)}`,
  }),
  "aws:bedrock/guardrailVersion:GuardrailVersion": () => ({ version: FAKE_GUARDRAIL_VERSION }),
  "aws:iam/role:Role": (name, inputs, accountId) => {
    const roleName = (inputs.name as string | undefined) ?? name;
    return { name: roleName, arn: `arn:aws:iam::${accountId}:role/${roleName}` };
  },
  "aws:iam/instanceProfile:InstanceProfile": (name, inputs, accountId) => {
    const profileName = (inputs.name as string | undefined) ?? name;
    return { name: profileName, arn: `arn:aws:iam::${accountId}:instance-profile/${profileName}` };
  },
};

function fakeState(
  type: string,
  name: string,
  inputs: Record<string, unknown>,
  accountId: string,
  region = "ap-northeast-1",
) {
  const modelled = MODELLED_STATE[type];
  return { ...inputs, ...(modelled ? modelled(name, inputs, accountId, region) : { arn: mockArn(type, name) }) };
}

/**
 * What the engine invents for a resource that AWS assigns only when it creates it: prefixed ids,
 * KMS key ids, guardrail and application-profile ids, and the stand-in ARN of an unmodelled type.
 * A document holding one of these is known only after `pulumi up` (the live audit binds them to
 * what it finds). Names and ARNs the program derives from its own inputs are not among them.
 */
export function assignedValues(type: string, name: string, stack: string): string[] {
  const values = ID_PREFIXES[type] !== undefined ? [fakeId(type, name, stack)] : [];
  if (type === "aws:kms/key:Key") values.push(fakeKeyId(name));
  else if (type === "aws:bedrock/guardrail:Guardrail") values.push(fakeGuardrailId(name));
  else if (type === "aws:bedrock/inferenceProfile:InferenceProfile") values.push(fakeInferenceProfileId(name));
  else if (MODELLED_STATE[type] === undefined) values.push(mockArn(type, name));
  return values;
}

/**
 * Canned answers for the data sources (invokes) the program calls, keyed by token. An invoke
 * without an entry fails the run, so a new data source cannot slip in unmocked.
 */
export const INVOKE_ANSWERS: Record<
  string,
  (inputs: Record<string, unknown>, options: RunOptions) => Record<string, unknown>
> = {};

/** A fake AMI id per public AL2023 parameter, so tests can tell the architectures apart. */
export const FAKE_AL2023_AMIS: Readonly<Record<string, string>> = {
  "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64": "ami-0a1b2c3d4e5f60718",
  "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-arm64": "ami-0f1e2d3c4b5a69788",
};
/** The S3 prefix list the mocked `ec2.getPrefixList` returns. */
export const FAKE_S3_PREFIX_LIST_ID = "pl-0123456789abcdef0";

INVOKE_ANSWERS["aws:ssm/getParameter:getParameter"] = (inputs) => {
  const value = FAKE_AL2023_AMIS[inputs.name as string];
  if (value === undefined) throw new Error(`no canned SSM parameter ${String(inputs.name)}`);
  return {
    id: inputs.name,
    name: inputs.name,
    arn: `arn:aws:ssm:ap-northeast-1::parameter${inputs.name}`,
    type: "String",
    value,
    insecureValue: value,
    version: 1,
  };
};
INVOKE_ANSWERS["aws:ec2/getPrefixList:getPrefixList"] = (inputs) => ({
  id: FAKE_S3_PREFIX_LIST_ID,
  prefixListId: FAKE_S3_PREFIX_LIST_ID,
  name: inputs.name,
  cidrBlocks: ["52.219.0.0/20"],
});

/**
 * The fake account's existing VPC (existing-VPC mode): whatever VPC the config names exists with
 * this block, and each named subnet lies in it, in an AZ picked from the subnet id's last hex
 * digit (so a stack file chooses its AZs by its fake ids), with a /20 of its own.
 */
export const FAKE_EXISTING_VPC_CIDR = "10.20.0.0/16";
/** A secondary block associated with that VPC: its clients must reach the endpoints as well. */
export const FAKE_EXISTING_VPC_SECONDARY_CIDR = "100.64.0.0/16";
/** A block being disassociated from it: no client has an address there any more. */
export const FAKE_EXISTING_VPC_LEAVING_CIDR = "172.31.0.0/16";
const FAKE_ZONES: Readonly<Record<string, readonly string[]>> = {
  "ap-northeast-1": ["ap-northeast-1a", "ap-northeast-1c", "ap-northeast-1d"],
  "ap-northeast-3": ["ap-northeast-3a", "ap-northeast-3b", "ap-northeast-3c"],
};

export function fakeSubnetZone(subnetId: string, region: string): string {
  const zones = FAKE_ZONES[region] ?? FAKE_ZONES["ap-northeast-1"];
  return zones[parseInt(subnetId.slice(-1), 16) % zones.length];
}

function configuredExistingVpcId(options: RunOptions): string | undefined {
  const raw = options.config["bedrock-lz:existingVpc"];
  if (raw === undefined) return undefined;
  const vpcId = (JSON.parse(raw) as { vpcId?: unknown }).vpcId;
  return typeof vpcId === "string" ? vpcId : undefined;
}

INVOKE_ANSWERS["aws:ec2/getVpc:getVpc"] = (inputs) => ({
  id: inputs.id,
  arn: `arn:aws:ec2:ap-northeast-1:000000000000:vpc/${String(inputs.id)}`,
  cidrBlock: FAKE_EXISTING_VPC_CIDR,
  // DescribeVpcs lists the primary block among the associations, as the data source passes it on.
  cidrBlockAssociations: [
    { associationId: "vpc-cidr-assoc-0a1b2c3d4e5f60781", cidrBlock: FAKE_EXISTING_VPC_CIDR, state: "associated" },
    {
      associationId: "vpc-cidr-assoc-0a1b2c3d4e5f60782",
      cidrBlock: FAKE_EXISTING_VPC_SECONDARY_CIDR,
      state: "associated",
    },
    {
      associationId: "vpc-cidr-assoc-0a1b2c3d4e5f60783",
      cidrBlock: FAKE_EXISTING_VPC_LEAVING_CIDR,
      state: "disassociating",
    },
  ],
  enableDnsSupport: true,
  enableDnsHostnames: true,
  state: "available",
});
INVOKE_ANSWERS["aws:ec2/getSubnet:getSubnet"] = (inputs, options) => {
  const id = String(inputs.id);
  const digit = parseInt(id.slice(-1), 16);
  return {
    id,
    vpcId: configuredExistingVpcId(options) ?? "vpc-0fa4e00000000000",
    availabilityZone: fakeSubnetZone(id, options.config["aws:region"] ?? "ap-northeast-1"),
    cidrBlock: `10.20.${digit * 16}.0/20`,
    availableIpAddressCount: 4091,
    mapPublicIpOnLaunch: false,
  };
};

/** The getters of the engine's RegisterResourceRequest (protobuf) this monitor reads. */
interface RegisterResourceRequest {
  getParent(): string;
  getType(): string;
  getName(): string;
  getProvider(): string;
  getProtect(): boolean | undefined;
  getRetainondelete(): boolean | undefined;
  getDeletebeforereplacedefined(): boolean;
  getDeletebeforereplace(): boolean;
  getIgnorechangesList(): string[];
  getReplaceonchangesList(): string[];
  getDependenciesList(): string[];
  getAliasesList(): {
    getUrn(): string;
    getSpec(): { getName(): string; getType(): string } | undefined;
  }[];
}

class RecordingMonitor extends MockMonitor {
  readonly parents = new Map<string, string>();
  readonly options = new Map<string, RecordedOptions>();

  // The mock API does not pass the parent or the options to newResource; the monitor's request has them.
  async registerResource(req: RegisterResourceRequest, callback: (err: unknown, resp: unknown) => void): Promise<void> {
    const parentUrn: string = req.getParent();
    if (parentUrn) this.parents.set(`${req.getType()}::${req.getName()}`, parentUrn);
    this.options.set(`${req.getType()}::${req.getName()}`, {
      protect: req.getProtect() === true,
      retainOnDelete: req.getRetainondelete() === true,
      deleteBeforeReplace: req.getDeletebeforereplacedefined() ? req.getDeletebeforereplace() : undefined,
      ignoreChanges: req.getIgnorechangesList(),
      replaceOnChanges: req.getReplaceonchangesList(),
      dependencies: (req.getDependenciesList() as string[]).map((urn) => urn.split("::")[3]).sort(),
      dependencyUrns: [
        ...(req.getDependenciesList() as string[]),
        // A provider reference is "<urn>::<id>": the resource waits for its provider too.
        ...(req.getProvider() ? [String(req.getProvider()).split("::").slice(0, -1).join("::")] : []),
      ],
      aliases: req.getAliasesList().map((alias): RecordedAlias => {
        const spec = alias.getSpec();
        if (!spec) return { urn: alias.getUrn() };
        return {
          ...(spec.getName() ? { name: spec.getName() } : {}),
          ...(spec.getType() ? { type: spec.getType() } : {}),
        };
      }),
    });
    return super.registerResource(req, callback);
  }
}

/** One public offer per model, with a token the tests can recognise. */
INVOKE_ANSWERS["aws:bedrockfoundation/getModelAgreementOffers:getModelAgreementOffers"] = (inputs, options) => ({
  modelId: inputs.modelId,
  offerType: inputs.offerType,
  region: options.config["aws:region"] ?? "ap-northeast-1",
  offers: [{ offerId: `offer-${inputs.modelId}`, offerToken: `token-${inputs.modelId}`, termDetails: [] }],
});

/** Serialises runs: the Pulumi runtime is process-global. */
let queue: Promise<unknown> = Promise.resolve();

export function runProgram(options: RunOptions): Promise<ProgramRun> {
  const run = queue.then(() => runExclusive(options));
  queue = run.catch(() => undefined);
  return run;
}

async function runExclusive(options: RunOptions): Promise<ProgramRun> {
  const recorded: Omit<RecordedResource, "parent" | "options">[] = [];
  const mocks: pulumi.runtime.Mocks = {
    newResource(args) {
      if (args.type === STACK_REFERENCE_TYPE) {
        const stackName = args.inputs.name as string;
        const outputs = options.stackOutputs?.[stackName];
        if (outputs === undefined) throw new Error(`unknown stack "${stackName}" (no such stack in the plan)`);
        const state = { name: stackName, outputs, secretOutputNames: [] };
        recorded.push({
          urn: "",
          type: args.type,
          name: args.name,
          custom: true,
          inputs: { name: stackName },
          outputs: state,
        });
        return { id: stackName, state };
      }
      const state = fakeState(args.type, args.name, args.inputs, options.accountId, options.config["aws:region"]);
      recorded.push({
        urn: "",
        type: args.type,
        name: args.name,
        custom: args.custom ?? true,
        inputs: args.inputs,
        outputs: state,
      });
      return { id: args.custom === false ? undefined : fakeId(args.type, args.name, options.stack), state };
    },
    call(args) {
      const answer = INVOKE_ANSWERS[args.token];
      if (answer === undefined)
        throw new Error(`unexpected invoke ${args.token}: add a canned answer to INVOKE_ANSWERS`);
      return answer(args.inputs, options);
    },
  };

  await pulumi.runtime.setMocks(mocks, PROJECT_NAME, options.stack, false);
  const monitor = new RecordingMonitor(mocks);
  pulumi.runtime.setMockOptions(monitor, PROJECT_NAME, options.stack, false);
  pulumi.runtime.setAllConfig({ ...options.config });

  const restoreStackTraces = withoutStackTraces();
  const warnings: string[] = [];
  const originalWarn = console.warn;
  console.warn = (...parts: unknown[]) => {
    const text = parts.map(String).join(" ");
    if (text.startsWith("warning: [runtime] ")) warnings.push(text.slice("warning: [runtime] ".length));
    else originalWarn(...parts);
  };
  try {
    const outputs = (await pulumi.runtime.runInPulumiStack(async () => options.program())) ?? {};
    // Waits for every registration still in flight; the next run installs a fresh monitor.
    await pulumi.runtime.disconnect();
    const registered = monitor.getRegisteredResources();
    const urnsByKey = new Map<string, string>();
    for (const urn of registered.keys()) {
      const [, , qualifiedType, name] = urn.split("::");
      urnsByKey.set(`${qualifiedType.split("$").pop()}::${name}`, urn);
    }
    const nameOfUrn = (urn: string) => urn.split("::")[3];
    const resources = recorded.map((resource) => {
      const key = `${resource.type}::${resource.name}`;
      const parentUrn = monitor.parents.get(key);
      const parent = parentUrn && !parentUrn.includes("::pulumi:pulumi:Stack::") ? nameOfUrn(parentUrn) : undefined;
      return { ...resource, urn: urnsByKey.get(key) ?? "", parent, options: monitor.options.get(key) ?? NO_OPTIONS };
    });
    return { stack: options.stack, resources, outputs: outputs as Record<string, unknown>, warnings };
  } finally {
    console.warn = originalWarn;
    restoreStackTraces();
  }
}

/**
 * For the length of a run, errors carry no stack frames and none is source-mapped. The SDK records
 * a stack string for every promise it creates (its leak detector) and a full, unlimited one for
 * every resource (its source position); mapped through the loader's source maps these were about
 * three quarters of a run's time, and the mock engine reads neither. The program's own errors keep
 * their messages, which is what the plan and the specs report; {@link keepingStackTraces} keeps
 * Node's settings (the plan's `--verbose`). Returns the function that restores them.
 */
function withoutStackTraces(): () => void {
  if (stackTracesKept) return () => undefined;
  const limit = Error.stackTraceLimit;
  const sourceMaps = process.sourceMapsEnabled;
  Error.stackTraceLimit = 0;
  process.setSourceMapsEnabled(false);
  return () => {
    Error.stackTraceLimit = limit;
    process.setSourceMapsEnabled(sourceMaps);
  };
}

let stackTracesKept = false;

/** Runs `work` with the program runs inside it keeping their stack traces, to show where a program error was thrown. */
export async function keepingStackTraces<T>(work: () => Promise<T>): Promise<T> {
  const before = stackTracesKept;
  stackTracesKept = true;
  try {
    return await work();
  } finally {
    stackTracesKept = before;
  }
}
