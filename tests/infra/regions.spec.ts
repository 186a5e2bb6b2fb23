import * as assert from "node:assert/strict";
import { type MunicipalityConfig, ConfigError, parseStackConfig, rawConfigOf } from "../../infra/config";
import { ENDPOINT_KEYS } from "../../infra/endpoints";
import { MODEL_SOURCES } from "../../infra/api-models";
import {
  ENDPOINT_REGIONS,
  SERVICE_REGIONS,
  endpointOffered,
  endpointsNotOffered,
  fromModels,
  serviceOffered,
} from "../../infra/regions";
import { withConfig } from "../support";

const MUNICIPALITY = {
  "aws:region": "ap-northeast-3",
  "bedrock-lz:account": "municipality",
  "bedrock-lz:accountId": "222222222222",
  "bedrock-lz:municipalityName": "sapporo",
  "bedrock-lz:operatorRoleArn": "arn:aws:iam::111111111111:role/bedrock-lz-invoke-sapporo",
};

function problemsOf(flat: Record<string, string>): string[] {
  try {
    parseStackConfig(rawConfigOf(flat));
  } catch (error) {
    if (error instanceof ConfigError) return error.problems.map((p) => `${p.key}: ${p.message}`);
    throw error;
  }
  return [];
}

describe("region facts (infra/regions.ts)", () => {
  it("every catalog endpoint and service has a dated public source", () => {
    for (const key of ENDPOINT_KEYS) {
      assert.match(ENDPOINT_REGIONS[key].source, /^https:\/\/docs\.aws\.amazon\.com\//, key);
      assert.match(ENDPOINT_REGIONS[key].checked, /^\d{4}-\d{2}-\d{2}$/, key);
    }
    for (const fact of Object.values(SERVICE_REGIONS)) assert.match(fact.source, /^https:\/\//);
  });

  it("the services' regions come from AWS's models: CodeArtifact in Tokyo only, the rest in both", () => {
    assert.deepEqual(SERVICE_REGIONS.codeartifact.regions, ["ap-northeast-1"]);
    for (const service of ["bedrock", "ssm", "sts"] as const)
      assert.deepEqual(SERVICE_REGIONS[service].regions, ["ap-northeast-1", "ap-northeast-3"], service);
    for (const fact of Object.values(SERVICE_REGIONS)) assert.match(fact.models ?? "", /^botocore \d/);
  });

  it("each fact names its page, the date it was read and, for a service, the models and type it was read from", () => {
    const privateLink = "https://docs.aws.amazon.com/vpc/latest/privatelink/aws-services-privatelink-support.html";
    const fromPage = (source: string) => ({ source, checked: "2026-05-01" });
    const both = ["ap-northeast-1", "ap-northeast-3"];
    const fromModels = (regions: string[], source: string, read: string) => ({
      regions,
      ...fromPage(source),
      models: `${MODEL_SOURCES}: ${read}`,
    });
    assert.deepEqual(SERVICE_REGIONS, {
      bedrock: fromModels(
        both,
        "https://docs.aws.amazon.com/bedrock/latest/userguide/endpoints-region-availability.html",
        "bedrock, AWS::Bedrock::Guardrail",
      ),
      codeartifact: fromModels(
        ["ap-northeast-1"],
        "https://docs.aws.amazon.com/general/latest/gr/codeartifact.html",
        "codeartifact, AWS::CodeArtifact::Domain",
      ),
      ssm: fromModels(both, "https://docs.aws.amazon.com/general/latest/gr/ssm.html", "ssm"),
      sts: fromModels(both, "https://docs.aws.amazon.com/general/latest/gr/sts.html", "sts"),
    });
    assert.deepEqual(ENDPOINT_REGIONS, {
      "bedrock-runtime": SERVICE_REGIONS.bedrock,
      sts: { regions: both, ...fromPage(privateLink) },
      "codeartifact.api": SERVICE_REGIONS.codeartifact,
      "codeartifact.repositories": SERVICE_REGIONS.codeartifact,
      s3: { regions: both, ...fromPage("https://docs.aws.amazon.com/vpc/latest/privatelink/vpc-endpoints-s3.html") },
      ssm: { regions: both, ...fromPage(privateLink) },
      ssmmessages: { regions: both, ...fromPage(privateLink) },
      ec2messages: { regions: both, ...fromPage(privateLink) },
    });
  });

  it("a service is offered in the regions its models list", () => {
    assert.equal(serviceOffered("ap-northeast-1", "codeartifact"), true);
    assert.equal(serviceOffered("ap-northeast-3", "codeartifact"), false);
    assert.equal(serviceOffered("ap-northeast-3", "bedrock"), true);
    assert.equal(serviceOffered("us-east-1", "sts"), false);
    assert.equal(endpointOffered("ap-northeast-3", "codeartifact.api"), false);
  });

  it("Osaka lacks exactly the CodeArtifact endpoints; Tokyo has every one", () => {
    assert.deepEqual(endpointsNotOffered("ap-northeast-3"), ["codeartifact.api", "codeartifact.repositories"]);
    assert.deepEqual(endpointsNotOffered("ap-northeast-1"), []);
    assert.equal(endpointOffered("ap-northeast-3", "bedrock-runtime"), true);
  });

  it("in Osaka the CodeArtifact endpoints default to off, and the rest of the defaults stay on", () => {
    const config = parseStackConfig(rawConfigOf(MUNICIPALITY)) as MunicipalityConfig;
    assert.equal(config.endpoints["codeartifact.api"].enabled, false);
    assert.equal(config.endpoints["codeartifact.repositories"].enabled, false);
    assert.equal(config.endpoints["bedrock-runtime"].enabled, true);
    assert.equal(config.endpoints.sts.enabled, true);
  });

  it("turning CodeArtifact on in Osaka is a config error naming each key", () => {
    const problems = problemsOf(
      withConfig(MUNICIPALITY, {
        "bedrock-lz:endpoints": { "codeartifact.api": { enabled: true } },
        "bedrock-lz:codeArtifact": { mirror: true, clientReadAccess: true },
      }),
    );
    assert.deepEqual(
      problems.map((p) => p.split(":").slice(0, 2).join(":")),
      [
        "bedrock-lz:endpoints.codeartifact.api.enabled",
        "bedrock-lz:codeArtifact.mirror",
        "bedrock-lz:codeArtifact.clientReadAccess",
      ],
    );
    assert.match(
      problems[0],
      /codeartifact\.api is not offered in ap-northeast-3 \(https:\/\/docs\.aws\.amazon\.com\/general\/latest\/gr\/codeartifact\.html\)/,
    );
    assert.deepEqual(
      problemsOf(
        withConfig(MUNICIPALITY, { "aws:region": "ap-northeast-1", "bedrock-lz:codeArtifact": { mirror: true } }),
      ),
      [],
    );
  });
});

describe("regions read from the models (fromModels in infra/regions.ts)", () => {
  it("needs both the service's endpoint and the CloudFormation type in a region", () => {
    // Osaka has the Guardrail type but no CodeArtifact endpoint, and Bedrock but no CodeArtifact domain type.
    assert.deepEqual(fromModels("codeartifact", "AWS::Bedrock::Guardrail", "s").regions, ["ap-northeast-1"]);
    assert.deepEqual(fromModels("bedrock", "AWS::CodeArtifact::Domain", "s").regions, ["ap-northeast-1"]);
    assert.deepEqual(fromModels("bedrock", undefined, "s").regions, ["ap-northeast-1", "ap-northeast-3"]);
  });

  it("offers a type no region's registry lists nowhere, instead of failing", () => {
    assert.deepEqual(fromModels("bedrock", "AWS::Bedrock::NoSuchType", "s").regions, []);
  });
});
