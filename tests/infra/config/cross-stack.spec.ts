import { deepStrictEqual, ok, strictEqual } from "node:assert/strict";
import { type StackConfig, crossStackProblems, parseStackConfig, rawConfigOf } from "../../../infra/config";
import { fixtureConfig, withConfig } from "../../support";

const OPERATOR = "Pulumi.operator.yaml";
const MUNICIPALITY = "Pulumi.municipality.yaml";
const parsed = (flat: Record<string, string>): StackConfig => parseStackConfig(rawConfigOf(flat));
const operator = (changes: Record<string, string | undefined> = {}) => ({
  file: OPERATOR,
  config: parsed(withConfig(fixtureConfig("operator"), changes)),
});
const municipality = (changes: Record<string, string | undefined> = {}, file = MUNICIPALITY) => ({
  file,
  config: parsed(withConfig(fixtureConfig("municipality"), changes)),
});

describe("cross-stack consistency (crossStackProblems)", () => {
  it("the shipped pair agrees; one kind alone has nothing to compare", () => {
    deepStrictEqual(crossStackProblems([operator(), municipality()]), []);
    deepStrictEqual(crossStackProblems([municipality()]), []);
    deepStrictEqual(crossStackProblems([operator()]), []);
  });

  it("a municipality missing from the operator's list names the file and key to add", () => {
    const [problem, ...rest] = crossStackProblems([
      operator(),
      municipality(
        {
          "bedrock-lz:municipalityName": "otaru",
          "bedrock-lz:operatorRoleArn": "arn:aws:iam::111111111111:role/bedrock-lz-invoke-otaru",
        },
        "Pulumi.otaru.yaml",
      ),
    ]);
    deepStrictEqual(rest, []);
    strictEqual(problem.severity, "error");
    deepStrictEqual(problem.keys, [
      "bedrock-lz:municipalityName (Pulumi.otaru.yaml)",
      "bedrock-lz:municipalities (Pulumi.operator.yaml)",
    ]);
    ok(
      problem.message.includes('add bedrock-lz:municipalities.otaru.accountId: "222222222222" to Pulumi.operator.yaml'),
    );
  });

  it("an external id the smoke test would not pass: error when the smoke test is on, warning when off", () => {
    for (const enabled of [true, false]) {
      const [problem] = crossStackProblems([
        operator(),
        municipality({ "bedrock-lz:smokeTest": JSON.stringify({ enabled, externalId: "other-id" }) }),
      ]);
      strictEqual(problem.severity, enabled ? "error" : "warning");
      deepStrictEqual(problem.keys, [
        "bedrock-lz:municipalities.sapporo.externalId (Pulumi.operator.yaml)",
        "bedrock-lz:smokeTest.externalId (Pulumi.municipality.yaml)",
      ]);
      ok(problem.message.includes('"sapporo-bedrock-poc"') && problem.message.includes('"other-id"'), problem.message);
    }
  });

  it("account id, client role, region and profile: each names both keys and both values", () => {
    const problems = crossStackProblems([
      operator(),
      municipality({
        "bedrock-lz:accountId": "444444444444",
        "aws:region": "ap-northeast-3",
        "bedrock-lz:inferenceProfileId": "jp.anthropic.claude-sonnet-4-5-20250929-v1:0",
        "bedrock-lz:endpoints": undefined,
        "bedrock-lz:codeArtifact": undefined,
      }),
    ]);
    deepStrictEqual(
      problems.map((p) => [p.severity, p.keys[0]]),
      [
        ["error", "bedrock-lz:municipalities.sapporo.accountId (Pulumi.operator.yaml)"],
        ["error", "aws:region (Pulumi.operator.yaml)"],
        ["error", "bedrock-lz:inferenceProfileId (Pulumi.operator.yaml)"],
      ],
    );
    ok(problems[0].message.includes("222222222222") && problems[0].message.includes("444444444444"));
    ok(problems[1].message.includes("ap-northeast-1") && problems[1].message.includes("ap-northeast-3"));
    const [role] = crossStackProblems([operator(), municipality({ "bedrock-lz:clientRoleName": "other-client" })]);
    deepStrictEqual(role.keys, [
      "bedrock-lz:municipalities.sapporo.clientRoleName (Pulumi.operator.yaml)",
      "bedrock-lz:clientRoleName (Pulumi.municipality.yaml)",
    ]);
    ok(role.message.includes("role/bedrock-lz-client-sapporo") && role.message.includes("role/other-client"));
  });

  it("an operatorRoleArn in another account than the only operator given", () => {
    const [problem] = crossStackProblems([
      operator(),
      municipality({ "bedrock-lz:operatorRoleArn": "arn:aws:iam::999999999999:role/bedrock-lz-invoke-sapporo" }),
    ]);
    strictEqual(problem.severity, "error");
    ok(problem.message.includes("arn:aws:iam::111111111111:role/bedrock-lz-invoke-sapporo"), problem.message);
  });

  it("an operatorRoleArn that is not the role the operator creates for this municipality", () => {
    const [problem] = crossStackProblems([
      operator(),
      municipality({ "bedrock-lz:operatorRoleArn": "arn:aws:iam::111111111111:role/bedrock-lz-invoke-otaru" }),
    ]);
    strictEqual(problem.severity, "error");
    ok(problem.message.includes("creates arn:aws:iam::111111111111:role/bedrock-lz-invoke-sapporo"), problem.message);
  });

  describe("a metering operator and a municipality on operatorRoleArn", () => {
    const metering = { "bedrock-lz:metering": JSON.stringify({ enabled: true }) };
    const profile = "arn:aws:bedrock:ap-northeast-1:111111111111:application-inference-profile/a1b2c3d4e5f6";

    it("warns, naming both keys, until the profile ARN is handed over", () => {
      const problems = crossStackProblems([operator(metering), municipality()]);
      strictEqual(problems.length, 1);
      strictEqual(problems[0].severity, "warning");
      deepStrictEqual(problems[0].keys, [
        "bedrock-lz:metering.enabled (Pulumi.operator.yaml)",
        "bedrock-lz:operatorInferenceProfileArn (Pulumi.municipality.yaml)",
      ]);
      ok(problems[0].message.includes("inferenceProfileArns.sapporo"));
      deepStrictEqual(
        crossStackProblems([operator(metering), municipality({ "bedrock-lz:operatorInferenceProfileArn": profile })]),
        [],
      );
    });

    it("the profile must be the operator role's account and the stack's region, and only with operatorRoleArn", () => {
      const problemsOf = (changes: Record<string, string | undefined>) => {
        try {
          parsed(withConfig(fixtureConfig("municipality"), changes));
          return [];
        } catch (error) {
          return (error as { problems: { key: string; message: string }[] }).problems.map(
            (p) => `${p.key}: ${p.message}`,
          );
        }
      };
      deepStrictEqual(problemsOf({ "bedrock-lz:operatorInferenceProfileArn": profile }), []);
      deepStrictEqual(
        problemsOf({ "bedrock-lz:operatorInferenceProfileArn": profile.replace("111111111111", "999999999999") }),
        [
          "bedrock-lz:operatorInferenceProfileArn: must be in the operator role's account 111111111111 and this stack's region ap-northeast-1; got 999999999999 in ap-northeast-1",
        ],
      );
      deepStrictEqual(
        problemsOf({
          "bedrock-lz:operatorInferenceProfileArn": profile,
          "bedrock-lz:operatorRoleArn": undefined,
          "bedrock-lz:operatorStack": "operator",
        }),
        [
          "bedrock-lz:operatorInferenceProfileArn: only with bedrock-lz:operatorRoleArn; with operatorStack the profile is read from the operator stack",
        ],
      );
      ok(
        problemsOf({
          "bedrock-lz:operatorInferenceProfileArn":
            "arn:aws:bedrock:us-east-1:111111111111:application-inference-profile/x",
        })[0].includes("Tokyo or Osaka"),
      );
    });
  });
});
