/**
 * The `plan.json` contract (version 1), as one zod schema: what `npm run plan -- --out <dir>`
 * writes and what CI or a reviewer's script may rely on. Documented in docs/plan.md. Adding an
 * optional field keeps version 1; renaming or removing one needs version 2.
 */
import { z } from "zod";

/** JSON values only: no `undefined`, no functions, no Pulumi `Output`. */
const json = z.json();

export const PLAN_VERSION = 1;

export const planResourceSchema = z.strictObject({
  /** Pulumi type token, e.g. `aws:ec2/vpcEndpoint:VpcEndpoint`, `pulumi:pulumi:StackReference`. */
  type: z.string().min(1),
  /** Logical name, unique per type within the stack. */
  name: z.string().min(1),
  /** Logical name of the parent resource; null for children of the stack itself. */
  parent: z.string().min(1).nullable(),
  /** False for ComponentResources (and the stack), which AWS never sees. */
  custom: z.boolean(),
  /** Inputs as the engine received them, fully resolved; IAM documents are parsed JSON objects. */
  inputs: z.record(z.string(), json),
});

export const iamDocumentSchema = z.looseObject({
  Version: z.string().optional(),
  Statement: z.union([z.array(z.record(z.string(), json)), z.record(z.string(), json)]),
});

export const planDocumentSchema = z.strictObject({
  /** Resource logical name and type holding the document. */
  resource: z.string().min(1),
  type: z.string().min(1),
  /** Input path of the document inside the resource, e.g. `policy`, `assumeRolePolicy`. */
  input: z.string().min(1),
  /** Where `npm run plan -- --out` writes it, relative to the out directory. */
  file: z.string().min(1),
  document: iamDocumentSchema,
});

export const planStackSchema = z.strictObject({
  account: z.enum(["operator", "municipality"]),
  /** The config file the stack came from, as given on the command line (or the shipped default). */
  configFile: z.string(),
  /** The validated, resolved configuration the program ran with (defaults applied). */
  config: z.record(z.string(), json),
  resources: z.array(planResourceSchema),
  /** Every IAM document found in the inputs (also present, parsed, inside `resources`). */
  documents: z.array(planDocumentSchema),
  outputs: z.record(z.string(), json),
  /** Warnings the program logged, then notes the plan itself adds (prefixed `plan:`). */
  warnings: z.array(z.string()),
});

export const planWiringSchema = z.strictObject({
  from: z.strictObject({ stack: z.string(), output: z.string() }),
  to: z.strictObject({ stack: z.string(), config: z.string() }),
  /**
   * `wired`: the plan fed the output through a StackReference, as a shared backend would;
   * `given`: the consumer has the value as explicit config; `filled`: the file does not have it yet
   * and the plan filled it the way the documented hand-over does (a placeholder where AWS assigns
   * the value); `absent`: not configured (yet).
   */
  status: z.enum(["wired", "given", "filled", "absent"]),
  /** The value that crossed, when there is one. */
  value: json.optional(),
  /** Resources (logical name and input) in the consuming stack whose inputs contain the value. */
  feeds: z.array(z.string()),
  note: z.string().optional(),
});

export const planChangeSchema = z.strictObject({
  /** The document's file in this phase (`phases/<step>-<name>/policies/...`). */
  file: z.string().min(1),
  resource: z.string().min(1),
  input: z.string().min(1),
  change: z.enum(["added", "changed", "removed"]),
  /** Statement Sids with `+` (added), `~` (changed) or `-` (removed); empty for a new document. */
  statements: z.array(z.string()),
});

export const planPhaseStackSchema = z.strictObject({
  /** Every IAM document the stack holds after this phase. */
  documents: z.array(planDocumentSchema),
  /** What this phase changes in the stack's documents, against the stack's previous phase. */
  changes: z.array(planChangeSchema),
  /** What the plan assumed for this phase (prefixed `plan:`). */
  notes: z.array(z.string()),
});

/**
 * One step of the deploy order (docs/deployment.md) and the stacks it runs. `handover` is step 2
 * again for the municipalities that get the operator's application profile only after its step 1;
 * a plan has it only when some file needs it.
 */
export const planPhaseSchema = z.strictObject({
  name: z.enum(["operator", "municipalities", "handover", "locked"]),
  step: z.number().int().min(1),
  title: z.string(),
  stacks: z.record(z.string(), planPhaseStackSchema),
  /**
   * For each operator–municipality pair deployed by the end of this phase: whether the call its
   * clients make (the access matrix's C scenarios, with the `modelId` the municipality exports)
   * passes, and which scenarios are denied by which layers. Set by `npm run plan` after the proof.
   */
  clients: z
    .array(
      z.strictObject({
        operator: z.string(),
        municipality: z.string(),
        allowed: z.boolean(),
        /** Each denied scenario: its id, the request, and the layers that denied it. */
        denied: z.array(
          z.strictObject({
            id: z.string(),
            action: z.string(),
            resource: z.string(),
            deniedBy: z.array(z.string()),
          }),
        ),
      }),
    )
    .optional(),
});

export const planSchema = z.strictObject({
  version: z.literal(PLAN_VERSION),
  /** Keyed by stack name (from `Pulumi.<stack>.yaml`). */
  stacks: z.record(z.string(), planStackSchema),
  /** Cross-account wiring: which output of which stack feeds which config of another. */
  wiring: z.array(planWiringSchema),
  /**
   * The deploy order, step by step; `stacks` above is the end state (after the last phase).
   * Optional in version 1: plans written before phases existed have none.
   */
  phases: z.array(planPhaseSchema).optional(),
});

export type Plan = z.infer<typeof planSchema>;
export type PlanStack = z.infer<typeof planStackSchema>;
export type PlanResource = z.infer<typeof planResourceSchema>;
export type PlanDocument = z.infer<typeof planDocumentSchema>;
export type PlanWiring = z.infer<typeof planWiringSchema>;
export type PlanPhase = z.infer<typeof planPhaseSchema>;
export type PlanChange = z.infer<typeof planChangeSchema>;
export type PlanPhaseClients = NonNullable<PlanPhase["clients"]>[number];
export type JsonValue = z.infer<typeof json>;
