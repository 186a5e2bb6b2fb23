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

  it("an operatorRoleArn in another account than the only operator given: exactly one error, naming both", () => {
    const problems = crossStackProblems([
      operator(),
      municipality({ "bedrock-lz:operatorRoleArn": "arn:aws:iam::999999999999:role/bedrock-lz-invoke-sapporo" }),
    ]);
    deepStrictEqual(
      problems.map((p) => [p.severity, p.keys]),
      [
        [
          "error",
          ["bedrock-lz:operatorRoleArn (Pulumi.municipality.yaml)", "bedrock-lz:accountId (Pulumi.operator.yaml)"],
        ],
      ],
    );
    strictEqual(
      problems[0].message,
      "Pulumi.municipality.yaml assumes arn:aws:iam::999999999999:role/bedrock-lz-invoke-sapporo, in account 999999999999, " +
        "but Pulumi.operator.yaml deploys into 111111111111: point operatorRoleArn at arn:aws:iam::111111111111:role/bedrock-lz-invoke-sapporo",
    );
  });

  describe("mistakes only the set of files shows", () => {
    it("the same municipality in two files: an error naming both files' municipalityName", () => {
      const problems = crossStackProblems([operator(), municipality(), municipality({}, "Pulumi.sapporo-copy.yaml")]);
      const [twice] = problems;
      strictEqual(twice.severity, "error");
      deepStrictEqual(twice.keys, [
        "bedrock-lz:municipalityName (Pulumi.municipality.yaml)",
        "bedrock-lz:municipalityName (Pulumi.sapporo-copy.yaml)",
      ]);
      ok(
        twice.message.startsWith(
          'Pulumi.municipality.yaml and Pulumi.sapporo-copy.yaml are both municipality "sapporo"',
        ),
      );
      strictEqual(problems.filter((p) => p.message.includes("are both municipality")).length, 1);
    });

    it("two operator files in one account listing the same municipality: an error per invoke role, naming both", () => {
      const second = { ...operator(), file: "Pulumi.operator-b.yaml" };
      const problems = crossStackProblems([operator(), second]);
      deepStrictEqual(
        problems.map((p) => p.keys),
        ["sapporo", "hakodate"].map((name) => [
          `bedrock-lz:municipalities.${name} (Pulumi.operator.yaml)`,
          `bedrock-lz:municipalities.${name} (Pulumi.operator-b.yaml)`,
        ]),
      );
      ok(problems[0].message.includes("bedrock-lz-invoke-sapporo") && problems[0].message.includes("111111111111"));
      // In two accounts the role names do not collide.
      const elsewhere = {
        file: "Pulumi.operator-b.yaml",
        config: parsed(withConfig(fixtureConfig("operator"), { "bedrock-lz:accountId": "555555555555" })),
      };
      deepStrictEqual(crossStackProblems([operator(), elsewhere]), []);
    });

    it("an operator and a municipality in one account: an error naming both accountId keys", () => {
      const problems = crossStackProblems([
        operator(),
        municipality(
          {
            "bedrock-lz:municipalityName": "hakodate",
            "bedrock-lz:accountId": "111111111111",
            "bedrock-lz:operatorRoleArn": "arn:aws:iam::111111111111:role/bedrock-lz-invoke-hakodate",
            "bedrock-lz:smokeTest": undefined,
          },
          "Pulumi.hakodate.yaml",
        ),
      ]);
      const [shared] = problems;
      deepStrictEqual(
        [shared.severity, shared.keys],
        ["error", ["bedrock-lz:accountId (Pulumi.operator.yaml)", "bedrock-lz:accountId (Pulumi.hakodate.yaml)"]],
      );
      ok(shared.message.includes("both deploy into account 111111111111"));
    });

    it("a municipalityStack that names no given stack, or another municipality's, while the municipality is given", () => {
      const locked = (reference: string) =>
        operator({
          "bedrock-lz:municipalities": JSON.stringify({
            sapporo: { accountId: "222222222222", externalId: "sapporo-bedrock-poc", municipalityStack: reference },
            hakodate: { accountId: "333333333333" },
          }),
        });
      const hakodate = municipality(
        {
          "bedrock-lz:municipalityName": "hakodate",
          "bedrock-lz:accountId": "333333333333",
          "bedrock-lz:operatorRoleArn": "arn:aws:iam::111111111111:role/bedrock-lz-invoke-hakodate",
          "bedrock-lz:smokeTest": undefined,
        },
        "Pulumi.hakodate.yaml",
      );
      deepStrictEqual(crossStackProblems([locked("organization/bedrock-lz/municipality"), municipality()]), []);
      const [typo] = crossStackProblems([locked("organization/bedrock-lz/municipalty"), municipality()]);
      deepStrictEqual(typo.keys, [
        "bedrock-lz:municipalities.sapporo.municipalityStack (Pulumi.operator.yaml)",
        "bedrock-lz:municipalityName (Pulumi.municipality.yaml)",
      ]);
      ok(typo.message.includes("names none of the files given") && typo.message.includes("stack is municipality"));
      const [wrong] = crossStackProblems([locked("hakodate"), municipality(), hakodate]);
      ok(wrong.message.includes('which is Pulumi.hakodate.yaml, municipality "hakodate"'), wrong.message);
      // Without sapporo's file the reference may name a stack planned elsewhere: nothing to say.
      deepStrictEqual(crossStackProblems([locked("elsewhere"), hakodate]), []);
    });

    it("an operatorStack that names none of the operator files given", () => {
      const byStack = (reference: string) =>
        municipality({ "bedrock-lz:operatorRoleArn": undefined, "bedrock-lz:operatorStack": reference });
      deepStrictEqual(crossStackProblems([operator(), byStack("organization/bedrock-lz/operator")]), []);
      const [typo] = crossStackProblems([operator(), byStack("organization/bedrock-lz/operater")]);
      deepStrictEqual(
        [typo.severity, typo.keys],
        [
          "error",
          ["bedrock-lz:operatorStack (Pulumi.municipality.yaml)", "bedrock-lz:accountId (Pulumi.operator.yaml)"],
        ],
      );
      ok(typo.message.includes('"organization/bedrock-lz/operater", which names none of the operator files given'));
      deepStrictEqual(crossStackProblems([byStack("organization/bedrock-lz/operater")]), []);
    });

    it("an explicit endpoint id that is not the existing endpoint the municipality references", () => {
      const existingVpc = {
        vpcId: "vpc-0a1b2c3d4e5f60789",
        subnetIds: ["subnet-0a1b2c3d4e5f60780"],
        routeTableIds: ["rtb-0a1b2c3d4e5f60782"],
        endpoints: { sts: { existingEndpointId: "vpce-0a1b2c3d4e5f60783", manageExistingPolicy: true } },
      };
      const locked = (stsEndpointId: string) =>
        operator({
          "bedrock-lz:municipalities": JSON.stringify({
            sapporo: { accountId: "222222222222", externalId: "sapporo-bedrock-poc", stsEndpointId },
          }),
        });
      const shared = municipality({
        "bedrock-lz:vpc": undefined,
        "bedrock-lz:existingVpc": JSON.stringify(existingVpc),
      });
      deepStrictEqual(crossStackProblems([locked("vpce-0a1b2c3d4e5f60783"), shared]), []);
      const [problem] = crossStackProblems([locked("vpce-0ffffffffffffffff"), shared]);
      deepStrictEqual(
        [problem.severity, problem.keys],
        [
          "error",
          [
            "bedrock-lz:municipalities.sapporo.stsEndpointId (Pulumi.operator.yaml)",
            "bedrock-lz:existingVpc.endpoints.sts.existingEndpointId (Pulumi.municipality.yaml)",
          ],
        ],
      );
      ok(problem.message.includes("Copy vpce-0a1b2c3d4e5f60783"));
    });

    it("a municipality calling an application profile of an operator that does not meter", () => {
      const profile = "arn:aws:bedrock:ap-northeast-1:111111111111:application-inference-profile/a1b2c3d4e5f6";
      const [problem] = crossStackProblems([
        operator(),
        municipality({ "bedrock-lz:operatorInferenceProfileArn": profile }),
      ]);
      deepStrictEqual(
        [problem.severity, problem.keys],
        [
          "error",
          [
            "bedrock-lz:operatorInferenceProfileArn (Pulumi.municipality.yaml)",
            "bedrock-lz:metering.enabled (Pulumi.operator.yaml)",
          ],
        ],
      );
    });
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
