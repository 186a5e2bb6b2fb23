/**
 * The loosenings of access/mutations.ts on small documents: which mutants each statement yields,
 * what each one changes, and how a mutant is applied to every place its document appears. The
 * matrix spec runs them against the scenarios; this pins down the loosenings themselves.
 */
import { deepStrictEqual, notStrictEqual, strictEqual, throws } from "node:assert/strict";
import type { MatrixInput, PolicyJson, StatementJson } from "../../access/matrix";
import {
  ABSENTABLE_KEYS,
  MUTATION_TARGETS,
  allMutations,
  applyMutation,
  documentAt,
  mutationsOf,
  withDocument,
} from "../../access/mutations";

function policy(...statements: Record<string, unknown>[]): PolicyJson {
  return { Version: "2012-10-17", Statement: statements as unknown as StatementJson[] };
}

const ALLOW: StatementJson = {
  Sid: "Invoke",
  Effect: "Allow",
  Principal: { AWS: "arn:aws:iam::111111111111:role/r" },
  Action: "bedrock:InvokeModel",
  Resource: "arn:aws:bedrock:ap-northeast-1::foundation-model/m",
  Condition: {
    StringEquals: { "aws:SourceVpce": "vpce-1", "aws:PrincipalAccount": "111111111111" },
    ArnEquals: { "aws:PrincipalArn": "arn:aws:iam::111111111111:role/r" },
  },
};

const DENY: StatementJson = {
  Sid: "DenyOutside",
  Effect: "Deny",
  Action: ["bedrock:InvokeModel", "bedrock:Converse"],
  Resource: "*",
  Condition: {
    StringNotEquals: { "aws:SourceVpce": "vpce-1", "aws:PrincipalTag/team": "x" },
    StringEquals: { "sts:ExternalId": "e" },
  },
};

describe("access matrix mutations (access/mutations.ts)", () => {
  describe("mutationsOf", () => {
    it("names every loosening of an Allow: resource and principal wildcards, each condition key dropped", () => {
      deepStrictEqual(
        mutationsOf("t", policy(ALLOW)).map((mutation) => [mutation.id, mutation.target, mutation.sid]),
        [
          ["t#Invoke:resource-wildcard", "t", "Invoke"],
          ["t#Invoke:principal-wildcard", "t", "Invoke"],
          ["t#Invoke:drop-condition:StringEquals:aws:SourceVpce", "t", "Invoke"],
          ["t#Invoke:drop-condition:StringEquals:aws:PrincipalAccount", "t", "Invoke"],
          ["t#Invoke:drop-condition:ArnEquals:aws:PrincipalArn", "t", "Invoke"],
        ],
      );
    });

    it("widens the resource, dropping a NotResource, and the principal", () => {
      const [resource, principal] = mutationsOf("t", policy(ALLOW));
      const { Resource: _resource, ...rest } = ALLOW;
      deepStrictEqual(resource.change(ALLOW), { ...rest, Resource: "*" });
      const notResource = { ...rest, NotResource: "arn:aws:s3:::b" } as StatementJson;
      deepStrictEqual(mutationsOf("t", policy(notResource))[0].id, "t#Invoke:resource-wildcard");
      deepStrictEqual(resource.change(notResource), { ...rest, Resource: "*" });
      deepStrictEqual(principal.change(ALLOW), { ...ALLOW, Principal: "*" });
    });

    it("has no wildcard loosening for what is already a wildcard, nor for a statement without Resource", () => {
      const wide = { Sid: "Wide", Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: "*" };
      deepStrictEqual(mutationsOf("t", policy(wide)), []);
      deepStrictEqual(mutationsOf("t", policy({ Sid: "Bare", Effect: "Allow", Action: "s3:GetObject" })), []);
      deepStrictEqual(mutationsOf("t", policy({ Sid: "Null", Effect: "Allow", Principal: null, Resource: "*" })), []);
    });

    it("drops one condition key, keeps the others and the operator while it has keys, and the Condition while it has operators", () => {
      const drops = mutationsOf("t", policy(ALLOW)).slice(2);
      const { Condition: _condition, ...rest } = ALLOW;
      deepStrictEqual(drops[0].change(ALLOW), {
        ...rest,
        Condition: {
          StringEquals: { "aws:PrincipalAccount": "111111111111" },
          ArnEquals: { "aws:PrincipalArn": "arn:aws:iam::111111111111:role/r" },
        },
      });
      deepStrictEqual(drops[2].change(ALLOW), {
        ...rest,
        Condition: { StringEquals: { "aws:SourceVpce": "vpce-1", "aws:PrincipalAccount": "111111111111" } },
      });
      const single = { ...rest, Condition: { ArnEquals: { "aws:PrincipalArn": "x" } } } as StatementJson;
      deepStrictEqual(drops[2].change(single), rest);
      // The statement in another document may lack the key (the unlocked operator): nothing to change.
      strictEqual(drops[0].change(rest as StatementJson), undefined);
      strictEqual(drops[0].change(single), undefined);
    });

    it("names every loosening of a Deny: the statement, each of several actions, each absentable negated key", () => {
      deepStrictEqual(
        mutationsOf("t", policy(DENY)).map((mutation) => mutation.id),
        [
          "t#DenyOutside:drop-statement",
          "t#DenyOutside:drop-action:bedrock:InvokeModel",
          "t#DenyOutside:drop-action:bedrock:Converse",
          "t#DenyOutside:only-when-present:aws:SourceVpce",
        ],
      );
      deepStrictEqual(
        mutationsOf("t", policy({ Sid: "One", Effect: "Deny", Action: ["s3:*"], Resource: "*" })).map((m) => m.id),
        ["t#One:drop-statement"],
      );
      deepStrictEqual(
        mutationsOf("t", policy({ Sid: "One", Effect: "Deny", Action: "s3:*", Resource: "*" })).map((m) => m.id),
        ["t#One:drop-statement"],
      );
      deepStrictEqual(ABSENTABLE_KEYS, ["aws:SourceVpce", "bedrock:InferenceProfileArn", "sts:ExternalId"]);
    });

    it("drops one action, and makes a negated condition apply only when its key is present", () => {
      const [, dropInvoke, , onlyWhenPresent] = mutationsOf("t", policy(DENY));
      deepStrictEqual(dropInvoke.change(DENY), { ...DENY, Action: ["bedrock:Converse"] });
      deepStrictEqual(onlyWhenPresent.change(DENY), {
        ...DENY,
        Condition: { ...(DENY.Condition as object), Null: { "aws:SourceVpce": "false" } },
      });
      const withNull = {
        ...DENY,
        Condition: { ...(DENY.Condition as object), Null: { "aws:PrincipalTag/team": "false" } },
      } as StatementJson;
      deepStrictEqual(onlyWhenPresent.change(withNull), {
        ...DENY,
        Condition: {
          ...(DENY.Condition as object),
          Null: { "aws:PrincipalTag/team": "false", "aws:SourceVpce": "false" },
        },
      });
      const { Condition: _condition, ...bare } = DENY;
      strictEqual(onlyWhenPresent.change(bare as StatementJson), undefined);
    });

    it("requires a Sid on every statement, naming the target", () => {
      throws(() => mutationsOf("operator.invokePolicy", policy({ Effect: "Deny", Action: "s3:*", Resource: "*" })), {
        message: "operator.invokePolicy: every generated statement needs a Sid",
      });
    });
  });

  describe("documents of the input", () => {
    const client = policy({
      Sid: "Assume",
      Effect: "Allow",
      Action: "sts:AssumeRole",
      Resource: "arn:aws:iam::1:role/r",
    });
    const invoke = (sid: string) => policy({ ...ALLOW, Sid: sid });
    const input = {
      municipality: { clientPolicy: client },
      unlocked: { invokePolicy: invoke("Invoke") },
      hardened: { invokePolicy: invoke("Invoke") },
      guarded: { invokePolicy: invoke("Other") },
    } as unknown as MatrixInput;

    it("reads and replaces a document by its path, on a copy", () => {
      strictEqual(documentAt(input, "municipality.clientPolicy"), client);
      strictEqual(documentAt(input, "setup.clientPolicy"), undefined);
      const replaced = withDocument(input, "hardened.invokePolicy", client);
      deepStrictEqual(documentAt(replaced, "hardened.invokePolicy"), client);
      deepStrictEqual(documentAt(replaced, "unlocked.invokePolicy"), invoke("Invoke"));
      deepStrictEqual(documentAt(input, "hardened.invokePolicy"), invoke("Invoke"));
    });

    it("applies a mutant wherever its statement appears, and nowhere else", () => {
      const [resourceWildcard] = mutationsOf("operator.invokePolicy", invoke("Invoke"));
      const mutated = applyMutation(input, resourceWildcard);
      strictEqual(documentAt(mutated, "unlocked.invokePolicy")!.Statement[0].Resource, "*");
      strictEqual(documentAt(mutated, "hardened.invokePolicy")!.Statement[0].Resource, "*");
      deepStrictEqual(documentAt(mutated, "guarded.invokePolicy"), invoke("Other"));
      notStrictEqual(mutated, input);
      strictEqual(documentAt(input, "hardened.invokePolicy")!.Statement[0].Resource, ALLOW.Resource);
    });

    it("drops a statement, keeping the others", () => {
      const two = policy(DENY, { Sid: "Keep", Effect: "Deny", Action: "s3:*", Resource: "*" });
      const withTwo = withDocument(input, "municipality.clientPolicy", two);
      const [drop] = mutationsOf("municipality.clientPolicy", two);
      deepStrictEqual(documentAt(applyMutation(withTwo, drop), "municipality.clientPolicy"), {
        ...two,
        Statement: [two.Statement[1]],
      });
    });

    it("refuses a mutant that changes no document", () => {
      const [resourceWildcard] = mutationsOf("operator.invokePolicy", invoke("Missing"));
      throws(() => applyMutation(input, resourceWildcard), {
        message: "operator.invokePolicy#Missing:resource-wildcard: changed no document",
      });
      const dropVpce = mutationsOf("operator.invokePolicy", invoke("Invoke"))[2];
      const withoutCondition = withDocument(
        withDocument(input, "unlocked.invokePolicy", policy({ ...ALLOW, Condition: undefined })),
        "hardened.invokePolicy",
        policy({ ...ALLOW, Condition: undefined }),
      );
      throws(() => applyMutation(withoutCondition, dropVpce), { message: `${dropVpce.id}: changed no document` });
    });

    it("takes each target's mutants from its fullest (last present) form", () => {
      const ids = allMutations(input).map((mutation) => mutation.id);
      deepStrictEqual(ids, [
        "municipality.clientPolicy#Assume:resource-wildcard",
        "operator.invokePolicy#Other:resource-wildcard",
        "operator.invokePolicy#Other:principal-wildcard",
        "operator.invokePolicy#Other:drop-condition:StringEquals:aws:SourceVpce",
        "operator.invokePolicy#Other:drop-condition:StringEquals:aws:PrincipalAccount",
        "operator.invokePolicy#Other:drop-condition:ArnEquals:aws:PrincipalArn",
      ]);
      // Every document a developer edits, at every place it appears in the input.
      deepStrictEqual(MUTATION_TARGETS, {
        "municipality.clientPolicy": ["municipality.clientPolicy"],
        "municipality.stsEndpointPolicy": ["municipality.stsEndpointPolicy"],
        "municipality.bedrockRuntimeEndpointPolicy": ["municipality.bedrockRuntimeEndpointPolicy"],
        "municipality.regionGuardScp": ["municipality.guardrails.regionGuardScp"],
        "municipality.bedrockScp": ["municipality.guardrails.bedrockScp"],
        "municipality.permissionBoundary": ["municipality.guardrails.permissionBoundary"],
        "operator.invokeTrust": ["unlocked.invokeTrust", "hardened.invokeTrust"],
        "operator.invokePolicy": ["unlocked.invokePolicy", "hardened.invokePolicy", "guarded.invokePolicy"],
        "operator.regionGuardScp": ["unlocked.guardrails.regionGuardScp", "hardened.guardrails.regionGuardScp"],
        "operator.bedrockScp": ["unlocked.guardrails.bedrockScp", "hardened.guardrails.bedrockScp"],
        "operator.permissionBoundary": [
          "unlocked.guardrails.permissionBoundary",
          "hardened.guardrails.permissionBoundary",
        ],
        "municipality.codeArtifactReadPolicy": ["setup.codeArtifactReadPolicy"],
        "municipality.sessionManagerPolicy": ["setup.sessionManagerPolicy"],
        "municipality.codeArtifactEndpointPolicy": ["setup.codeArtifactEndpointPolicy"],
        "municipality.ssmEndpointPolicy": ["setup.ssmEndpointPolicy"],
        "municipality.ssmmessagesEndpointPolicy": ["setup.ssmmessagesEndpointPolicy"],
        "municipality.ec2messagesEndpointPolicy": ["setup.ec2messagesEndpointPolicy"],
        "municipality.codeArtifactDomainPolicy": ["setup.domainPolicy"],
        "municipality.codeArtifactRepositoryPolicy": ["setup.repositoryPolicy"],
        "operator.logKeyPolicy": ["logging.keyPolicy"],
        "operator.logBucketPolicy": ["logging.bucketPolicy", "loggingTrail.bucketPolicy"],
      });
    });
  });
});
