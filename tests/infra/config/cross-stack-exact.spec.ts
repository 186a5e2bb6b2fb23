/**
 * crossStackProblems, problem by problem: the whole list each mistake gives (keys, severity and the
 * English message with both values), and the consistent sets that give none. The fixtures are a
 * consistent pair: operator 111111111111 listing sapporo (222222222222, external id
 * sapporo-bedrock-poc) and hakodate; municipality sapporo on operatorRoleArn, smoke test off.
 */
import { deepStrictEqual, strictEqual } from "node:assert/strict";
import { type CrossStackProblem, crossStackProblems, parseStackConfig, rawConfigOf } from "../../../infra/config";
import { referencesStack, stackNameOf } from "../../../infra/config/cross-stack";
import { fixtureConfig, withConfig } from "../../support";

const OPERATOR = "Pulumi.operator.yaml";
const MUNICIPALITY = "Pulumi.municipality.yaml";
const HAIKU = "jp.anthropic.claude-haiku-4-5-20251001-v1:0";
const PROFILE = "arn:aws:bedrock:ap-northeast-1:111111111111:application-inference-profile/a1b2c3d4e5f6";
const parsed = (flat: Record<string, string>) => parseStackConfig(rawConfigOf(flat));
const operator = (changes: Record<string, unknown> = {}, file = OPERATOR) => ({
  file,
  config: parsed(withConfig(fixtureConfig("operator"), changes)),
});
const municipality = (changes: Record<string, unknown> = {}, file = MUNICIPALITY) => ({
  file,
  config: parsed(withConfig(fixtureConfig("municipality"), changes)),
});
const byStack = (reference: string, changes: Record<string, unknown> = {}) =>
  municipality({ "bedrock-lz:operatorRoleArn": undefined, "bedrock-lz:operatorStack": reference, ...changes });
const error = (keys: string[], message: string): CrossStackProblem => ({ severity: "error", keys, message });
const warning = (keys: string[], message: string): CrossStackProblem => ({ severity: "warning", keys, message });
/** Compares as plain objects: the order of a problem's own properties does not matter. */
const same = (actual: readonly CrossStackProblem[], expected: readonly CrossStackProblem[]) =>
  deepStrictEqual(
    actual.map((p) => ({ ...p })),
    expected.map((p) => ({ ...p })),
  );

describe("cross-stack consistency, exactly (crossStackProblems)", () => {
  describe("stack names and references", () => {
    it("a stack file's stack name: Pulumi.<stack>.yaml or .yml, in any folder; other names are kept whole", () => {
      strictEqual(stackNameOf("Pulumi.operator.yaml"), "operator");
      strictEqual(stackNameOf("Pulumi.operator-b.yml"), "operator-b");
      strictEqual(stackNameOf("stacks/Pulumi.sapporo.yaml"), "sapporo");
      strictEqual(stackNameOf("stacks\\Pulumi.sapporo.yaml"), "sapporo");
      strictEqual(stackNameOf("NotPulumi.sapporo.yaml"), "NotPulumi.sapporo.yaml");
      strictEqual(stackNameOf("Pulumi.sapporo.yaml.bak"), "Pulumi.sapporo.yaml.bak");
      strictEqual(stackNameOf("sapporo.json"), "sapporo.json");
    });

    it("a StackReference names a stack of this project by its last segment, with at most three segments", () => {
      for (const reference of ["operator", "org/operator", "org/bedrock-lz/operator"]) {
        strictEqual(referencesStack(reference, "operator"), true, reference);
      }
      for (const reference of ["org/other-project/operator", "a/b/bedrock-lz/operator", "org/bedrock-lz/operators"]) {
        strictEqual(referencesStack(reference, "operator"), false, reference);
      }
    });
  });

  describe("one operator and one municipality", () => {
    it("a municipality the operator does not list: only that error, listing the names it does list", () => {
      same(
        crossStackProblems([
          operator(),
          municipality(
            {
              "bedrock-lz:municipalityName": "otaru",
              "bedrock-lz:operatorRoleArn": "arn:aws:iam::111111111111:role/bedrock-lz-invoke-otaru",
            },
            "Pulumi.otaru.yaml",
          ),
        ]),
        [
          error(
            ["bedrock-lz:municipalityName (Pulumi.otaru.yaml)", "bedrock-lz:municipalities (Pulumi.operator.yaml)"],
            'Pulumi.otaru.yaml is municipality "otaru", but Pulumi.operator.yaml lists only sapporo, hakodate: ' +
              'add bedrock-lz:municipalities.otaru.accountId: "222222222222" to Pulumi.operator.yaml (or fix ' +
              "municipalityName); without it no invoke role trusts this municipality",
          ),
        ],
      );
    });

    it("another account than the operator trusts: the account error, and no client-role error on top", () => {
      same(crossStackProblems([operator(), municipality({ "bedrock-lz:accountId": "444444444444" })]), [
        error(
          [
            "bedrock-lz:municipalities.sapporo.accountId (Pulumi.operator.yaml)",
            "bedrock-lz:accountId (Pulumi.municipality.yaml)",
          ],
          'Pulumi.operator.yaml trusts account 222222222222 for "sapporo", but Pulumi.municipality.yaml deploys into ' +
            "444444444444: the invoke role would trust the wrong account. Make the two account ids agree",
        ),
      ]);
    });

    it("another client role in the same account", () => {
      same(crossStackProblems([operator(), municipality({ "bedrock-lz:clientRoleName": "other-client" })]), [
        error(
          [
            "bedrock-lz:municipalities.sapporo.clientRoleName (Pulumi.operator.yaml)",
            "bedrock-lz:clientRoleName (Pulumi.municipality.yaml)",
          ],
          "Pulumi.operator.yaml trusts arn:aws:iam::222222222222:role/bedrock-lz-client-sapporo, but " +
            "Pulumi.municipality.yaml's client role is arn:aws:iam::222222222222:role/other-client: set both " +
            "clientRoleName keys to the same name (default bedrock-lz-client-sapporo)",
        ),
      ]);
    });

    it("an operatorRoleArn in the operator's account that is not the role it creates for this municipality", () => {
      same(
        crossStackProblems([
          operator(),
          municipality({ "bedrock-lz:operatorRoleArn": "arn:aws:iam::111111111111:role/bedrock-lz-invoke-otaru" }),
        ]),
        [
          error(
            [
              "bedrock-lz:operatorRoleArn (Pulumi.municipality.yaml)",
              "bedrock-lz:municipalities.sapporo (Pulumi.operator.yaml)",
            ],
            "Pulumi.municipality.yaml assumes arn:aws:iam::111111111111:role/bedrock-lz-invoke-otaru, but " +
              'Pulumi.operator.yaml creates arn:aws:iam::111111111111:role/bedrock-lz-invoke-sapporo for "sapporo"',
          ),
        ],
      );
    });

    it("another region and another profile: one error each, region first", () => {
      same(
        crossStackProblems([
          operator(),
          municipality({
            "aws:region": "ap-northeast-3",
            "bedrock-lz:inferenceProfileId": "jp.anthropic.claude-sonnet-4-5-20250929-v1:0",
            "bedrock-lz:codeArtifact": undefined,
          }),
        ]),
        [
          error(
            ["aws:region (Pulumi.operator.yaml)", "aws:region (Pulumi.municipality.yaml)"],
            "Pulumi.operator.yaml is in ap-northeast-1 and Pulumi.municipality.yaml in ap-northeast-3: the invoke " +
              "role allows only its own region's inference profile, so every call through the municipality's " +
              "endpoint is denied. Use one region",
          ),
          error(
            [
              "bedrock-lz:inferenceProfileId (Pulumi.operator.yaml)",
              "bedrock-lz:inferenceProfileId (Pulumi.municipality.yaml)",
            ],
            `Pulumi.operator.yaml allows ${HAIKU} and Pulumi.municipality.yaml calls ` +
              "jp.anthropic.claude-sonnet-4-5-20250929-v1:0: the endpoint and invoke role policies name different " +
              "profiles, so every call is denied. Use one profile",
          ),
        ],
      );
    });

    it("an application profile while the operator does not meter", () => {
      same(crossStackProblems([operator(), municipality({ "bedrock-lz:operatorInferenceProfileArn": PROFILE })]), [
        error(
          [
            "bedrock-lz:operatorInferenceProfileArn (Pulumi.municipality.yaml)",
            "bedrock-lz:metering.enabled (Pulumi.operator.yaml)",
          ],
          `Pulumi.municipality.yaml calls the application profile ${PROFILE}, but Pulumi.operator.yaml does not ` +
            `meter (no metering.enabled), so the invoke role allows only ${HAIKU} and every call is denied. ` +
            "Remove operatorInferenceProfileArn, or switch metering on in the operator's file",
        ),
      ]);
    });

    it("a metering operator: a warning until the profile is handed over, none on operatorStack", () => {
      const metering = operator({ "bedrock-lz:metering": { enabled: true } });
      same(crossStackProblems([metering, municipality()]), [
        warning(
          [
            "bedrock-lz:metering.enabled (Pulumi.operator.yaml)",
            "bedrock-lz:operatorInferenceProfileArn (Pulumi.municipality.yaml)",
          ],
          'Pulumi.operator.yaml meters "sapporo" through its own application inference profile, and ' +
            "Pulumi.municipality.yaml gives operatorRoleArn without operatorInferenceProfileArn: after the " +
            "operator's first up, copy its output inferenceProfileArns.sapporo there, or the client calls and the " +
            `bedrock-runtime endpoint use the bare ${HAIKU}, which the invoke role denies`,
        ),
      ]);
      // With operatorStack the municipality reads the profile from the operator's outputs.
      same(crossStackProblems([metering, byStack("organization/bedrock-lz/operator")]), []);
    });

    describe("external ids", () => {
      const keys = [
        "bedrock-lz:municipalities.sapporo.externalId (Pulumi.operator.yaml)",
        "bedrock-lz:smokeTest.externalId (Pulumi.municipality.yaml)",
      ];

      it("none required and none passed agree; one passed that is not required is a warning", () => {
        const unrequired = operator({ "bedrock-lz:municipalities": { sapporo: { accountId: "222222222222" } } });
        same(crossStackProblems([unrequired, municipality({ "bedrock-lz:smokeTest": { enabled: true } })]), []);
        same(crossStackProblems([unrequired, municipality()]), [
          warning(
            keys,
            'Pulumi.municipality.yaml\'s smoke test passes external id "sapporo-bedrock-poc", which ' +
              "Pulumi.operator.yaml does not require: AssumeRole still succeeds, but the two files disagree on " +
              "whether one is needed",
          ),
        ]);
      });

      it("one required and none passed: an error with the smoke test on, a warning with it off", () => {
        same(crossStackProblems([operator(), municipality({ "bedrock-lz:smokeTest": { enabled: true } })]), [
          error(
            keys,
            'Pulumi.operator.yaml requires external id "sapporo-bedrock-poc" and Pulumi.municipality.yaml\'s smoke ' +
              "test passes none: its AssumeRole is denied. Set both to the same value",
          ),
        ]);
        same(
          crossStackProblems([
            operator(),
            municipality({ "bedrock-lz:smokeTest": { enabled: false, externalId: "other" } }),
          ]),
          [
            warning(
              keys,
              'Pulumi.operator.yaml requires external id "sapporo-bedrock-poc" and Pulumi.municipality.yaml\'s smoke ' +
                'test passes "other": its AssumeRole is denied once smokeTest.enabled is switched on. Set both to ' +
                "the same value",
            ),
          ],
        );
      });
    });

    describe("an explicit endpoint id next to an existing endpoint", () => {
      const existingVpc = (endpoints: Record<string, string>) =>
        municipality({
          "bedrock-lz:vpc": undefined,
          "bedrock-lz:existingVpc": {
            vpcId: "vpc-0a1b2c3d4e5f60789",
            subnetIds: ["subnet-0a1b2c3d4e5f60780"],
            routeTableIds: ["rtb-0a1b2c3d4e5f60782"],
            endpoints: Object.fromEntries(
              Object.entries(endpoints).map(([key, id]) => [key, { existingEndpointId: id }]),
            ),
          },
        });
      const locked = (ids: Record<string, string>) =>
        operator({
          "bedrock-lz:municipalities": {
            sapporo: { accountId: "222222222222", externalId: "sapporo-bedrock-poc", ...ids },
          },
        });

      it("bedrock-runtime: another id is an error naming both keys and both ids", () => {
        same(
          crossStackProblems([
            locked({ bedrockRuntimeEndpointId: "vpce-0ffffffffffffffff" }),
            existingVpc({ "bedrock-runtime": "vpce-0a1b2c3d4e5f60784" }),
          ]),
          [
            error(
              [
                "bedrock-lz:municipalities.sapporo.bedrockRuntimeEndpointId (Pulumi.operator.yaml)",
                "bedrock-lz:existingVpc.endpoints.bedrock-runtime.existingEndpointId (Pulumi.municipality.yaml)",
              ],
              'Pulumi.operator.yaml locks "sapporo" to bedrock-runtime endpoint vpce-0ffffffffffffffff, but ' +
                "Pulumi.municipality.yaml uses the existing endpoint vpce-0a1b2c3d4e5f60784: every call through it " +
                "would be denied. Copy vpce-0a1b2c3d4e5f60784",
            ),
          ],
        );
      });

      it("the same id, an id with no existing endpoint, or an existing endpoint with no id: nothing to say", () => {
        same(
          crossStackProblems([
            locked({ bedrockRuntimeEndpointId: "vpce-0a1b2c3d4e5f60784" }),
            existingVpc({ "bedrock-runtime": "vpce-0a1b2c3d4e5f60784" }),
          ]),
          [],
        );
        same(
          crossStackProblems([
            locked({ stsEndpointId: "vpce-0ffffffffffffffff" }),
            existingVpc({ s3: "vpce-0a1b2c3d4e5f60785" }),
          ]),
          [],
        );
        same(crossStackProblems([locked({}), existingVpc({ sts: "vpce-0a1b2c3d4e5f60783" })]), []);
      });
    });
  });

  describe("which operator a municipality is paired with", () => {
    const second = (changes: Record<string, unknown> = {}) =>
      operator({ "bedrock-lz:accountId": "555555555555", ...changes }, "Pulumi.operator-b.yaml");

    it("an operatorRoleArn in another account than the only operator: that error, then the pair's own checks", () => {
      same(
        crossStackProblems([
          operator(),
          municipality({
            "bedrock-lz:operatorRoleArn": "arn:aws:iam::999999999999:role/bedrock-lz-invoke-sapporo",
            "bedrock-lz:clientRoleName": "other-client",
          }),
        ]).map((p) => ({ ...p, message: p.message.split(":")[0] })),
        [
          error(
            ["bedrock-lz:operatorRoleArn (Pulumi.municipality.yaml)", "bedrock-lz:accountId (Pulumi.operator.yaml)"],
            "Pulumi.municipality.yaml assumes arn",
          ),
          error(
            [
              "bedrock-lz:municipalities.sapporo.clientRoleName (Pulumi.operator.yaml)",
              "bedrock-lz:clientRoleName (Pulumi.municipality.yaml)",
            ],
            "Pulumi.operator.yaml trusts arn",
          ),
        ],
      );
    });

    it("an operatorRoleArn pairs with the operator of its account only; in none of several, with none", () => {
      const other = second({ "bedrock-lz:municipalities": { hakodate: { accountId: "333333333333" } } });
      same(crossStackProblems([other, operator(), municipality()]), []);
      same(
        crossStackProblems([
          operator(),
          other,
          municipality({ "bedrock-lz:operatorRoleArn": "arn:aws:iam::999999999999:role/bedrock-lz-invoke-sapporo" }),
        ]),
        [],
      );
    });

    it("an operatorStack pairs with the operator it names, not with the others", () => {
      const other = second({ "bedrock-lz:municipalities": { hakodate: { accountId: "333333333333" } } });
      same(crossStackProblems([other, operator(), byStack("organization/bedrock-lz/operator")]), []);
      deepStrictEqual(
        crossStackProblems([operator(), other, byStack("operator-b")]).map((p) => p.keys[0]),
        ["bedrock-lz:municipalityName (Pulumi.municipality.yaml)"],
      );
    });

    it("an operatorStack that names none of several operators: one error listing them all, and no pair", () => {
      same(crossStackProblems([operator(), second(), byStack("operater")]), [
        error(
          [
            "bedrock-lz:operatorStack (Pulumi.municipality.yaml)",
            "bedrock-lz:accountId (Pulumi.operator.yaml)",
            "bedrock-lz:accountId (Pulumi.operator-b.yaml)",
          ],
          'Pulumi.municipality.yaml reads its invoke role from stack "operater", which names none of the operator ' +
            "files given (stacks: operator, operator-b): fix operatorStack, or give that stack's file",
        ),
      ]);
    });

    it("an operatorStack that names none of one operator: the error, then the pair's own checks", () => {
      deepStrictEqual(
        crossStackProblems([
          operator(),
          byStack("operater", { "aws:region": "ap-northeast-3", "bedrock-lz:codeArtifact": undefined }),
        ]).map((p) => p.keys[0]),
        ["bedrock-lz:operatorStack (Pulumi.municipality.yaml)", "aws:region (Pulumi.operator.yaml)"],
      );
    });
  });

  describe("mistakes only the set shows", () => {
    it("two operator files in one account listing one municipality: an error naming the role both create", () => {
      const again = operator(
        { "bedrock-lz:municipalities": { hakodate: { accountId: "333333333333" } } },
        "Pulumi.operator-b.yaml",
      );
      same(crossStackProblems([operator(), again]), [
        error(
          [
            "bedrock-lz:municipalities.hakodate (Pulumi.operator.yaml)",
            "bedrock-lz:municipalities.hakodate (Pulumi.operator-b.yaml)",
          ],
          "Pulumi.operator.yaml and Pulumi.operator-b.yaml both deploy into account 111111111111 and both list " +
            '"hakodate": both would create the IAM role bedrock-lz-invoke-hakodate, whose name is unique per ' +
            "account, so the second pulumi up fails. List each municipality in one operator file per account",
        ),
      ]);
    });

    it("one municipality in three files: one error for the first two", () => {
      const problems = crossStackProblems([
        municipality(),
        municipality({}, "Pulumi.copy.yaml"),
        municipality({}, "Pulumi.copy2.yaml"),
      ]);
      same(problems, [
        error(
          ["bedrock-lz:municipalityName (Pulumi.municipality.yaml)", "bedrock-lz:municipalityName (Pulumi.copy.yaml)"],
          'Pulumi.municipality.yaml and Pulumi.copy.yaml are both municipality "sapporo": the operator has one ' +
            "invoke role per name, trusting one client role. Give each municipality its own municipalityName (and " +
            "its own entry under bedrock-lz:municipalities), or remove one of the files",
        ),
      ]);
    });

    it("an operator and a municipality in one account", () => {
      const problems = crossStackProblems([operator({ "bedrock-lz:accountId": "222222222222" }), byStack("elsewhere")]);
      same(problems.slice(0, 1), [
        error(
          ["bedrock-lz:accountId (Pulumi.operator.yaml)", "bedrock-lz:accountId (Pulumi.municipality.yaml)"],
          "Pulumi.operator.yaml (operator) and Pulumi.municipality.yaml (municipality) both deploy into account " +
            "222222222222: the operator's account holds Bedrock and the municipality's may not (docs/design.md §1), " +
            "so they must be two accounts. Set each file's accountId to its own account",
        ),
      ]);
    });

    describe("a municipalityStack while the municipality's own file is given", () => {
      const locked = (reference: string) =>
        operator({
          "bedrock-lz:municipalities": {
            sapporo: { accountId: "222222222222", externalId: "sapporo-bedrock-poc", municipalityStack: reference },
            hakodate: { accountId: "333333333333" },
          },
        });
      // Parsed in each test: a describe body runs when mocha loads the file, before any test.
      const hakodate = () =>
        municipality(
          {
            "bedrock-lz:municipalityName": "hakodate",
            "bedrock-lz:accountId": "333333333333",
            "bedrock-lz:operatorRoleArn": "arn:aws:iam::111111111111:role/bedrock-lz-invoke-hakodate",
            "bedrock-lz:smokeTest": undefined,
          },
          "Pulumi.hakodate.yaml",
        );
      const keys = [
        "bedrock-lz:municipalities.sapporo.municipalityStack (Pulumi.operator.yaml)",
        "bedrock-lz:municipalityName (Pulumi.municipality.yaml)",
      ];

      it("naming its own stack: nothing", () => {
        same(crossStackProblems([locked("municipality"), municipality(), hakodate()]), []);
      });

      it("naming another municipality's stack", () => {
        same(crossStackProblems([locked("organization/bedrock-lz/hakodate"), municipality(), hakodate()]), [
          error(
            keys,
            'Pulumi.operator.yaml locks "sapporo" to stack "organization/bedrock-lz/hakodate", which is ' +
              'Pulumi.hakodate.yaml, municipality "hakodate": sapporo\'s invoke role would accept calls only through ' +
              "another municipality's endpoints. Set it to sapporo's stack (municipality)",
          ),
        ]);
      });

      it("naming no stack given", () => {
        same(crossStackProblems([locked("municipalty"), municipality(), hakodate()]), [
          error(
            keys,
            'Pulumi.operator.yaml locks "sapporo" to stack "municipalty", which names none of the files given, ' +
              'while Pulumi.municipality.yaml is "sapporo": fix municipalityStack (sapporo\'s stack is municipality)',
          ),
        ]);
      });
    });
  });
});
