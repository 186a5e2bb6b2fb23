import * as assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { gunzipSync } from "node:zlib";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { CodeArtifactSettings } from "../../infra/codeartifact";
import { ENDPOINT_CATALOG, ENDPOINT_KEYS, type EndpointKey } from "../../infra/endpoints";
import {
  DEFAULT_SMOKE_PROMPT,
  PYTHON_SMOKE_SOURCE,
  SMOKE_SCRIPT_PATH,
  SMOKE_WRAPPER_PATH,
  compressedSource,
  SMOKE_INSTANCE_TYPES,
  al2023AmiParameter,
  missingSmokePrerequisites,
  readPythonSmokeSource,
  shellQuote,
  smokeUserData,
} from "../../infra/smoke-test";

const ROLE = "arn:aws:iam::111111111111:role/bedrock-lz-invoke-sapporo";
const PROFILE = "jp.anthropic.claude-haiku-4-5-20251001-v1:0";
const SETTINGS: CodeArtifactSettings = {
  domainName: "bedrock-lz",
  domainOwner: "111111111111",
  repositoryName: "pypi",
  upstreamRepositoryName: "pypi-store",
  mirror: false,
  clientReadAccess: true,
};
const PYTHON = readFileSync(join(__dirname, "..", "..", "clients", "python", "smoke.py"), "utf8");

function userData(overrides: Partial<Parameters<typeof smokeUserData>[0]> = {}): string {
  return smokeUserData({
    region: "ap-northeast-1",
    operatorRoleArn: ROLE,
    modelId: PROFILE,
    prompt: "こんにちは",
    codeArtifact: SETTINGS,
    pythonSource: PYTHON,
    ...overrides,
  });
}

describe("smoke-test instance builders", () => {
  it("reads AL2023 from AWS's public SSM parameter for the instance type's architecture", () => {
    assert.equal(
      al2023AmiParameter("t3.micro"),
      "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64",
    );
    assert.equal(
      al2023AmiParameter("t4g.micro"),
      "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-arm64",
    );
    assert.deepEqual(Object.keys(SMOKE_INSTANCE_TYPES), ["t3.micro", "t3.small", "t4g.micro", "t4g.small"]);
  });

  it("embeds clients/python/smoke.py, from the repository file, as bash decodes it back byte for byte", () => {
    assert.equal(PYTHON_SMOKE_SOURCE, join(__dirname, "..", "..", "clients", "python", "smoke.py"));
    assert.equal(readPythonSmokeSource(), PYTHON);
    const script = userData();
    const heredoc =
      /^base64 -d <<'BEDROCK_LZ_SMOKE_PY' \| gunzip > \/opt\/bedrock-lz\/smoke\.py\n([A-Za-z0-9+/=\n]+)BEDROCK_LZ_SMOKE_PY\n/m;
    const match = heredoc.exec(script);
    assert.ok(match, "the Python source is not in a quoted heredoc decoded into /opt/bedrock-lz/smoke.py");
    assert.equal(gunzipSync(Buffer.from(match[1], "base64")).toString("utf8"), PYTHON);
    // The same decoding the instance runs, done by the shell's own tools.
    const decoded = spawnSync("bash", ["-c", `base64 -d | gunzip`], { input: match[1], encoding: "utf8" });
    assert.equal(decoded.stdout, PYTHON);
    // Deterministic: the same source gives the same user data, so an unchanged client keeps its instance.
    assert.equal(userData(), script);
  });

  it("installs pip with dnf, logs in to the configured CodeArtifact repository, installs boto3, in that order", () => {
    const script = userData();
    const steps = [
      "#!/bin/bash\n",
      "set -euo pipefail\n",
      "export AWS_REGION=ap-northeast-1\n",
      "export AWS_STS_REGIONAL_ENDPOINTS=regional\n",
      "dnf install -y python3-pip\n",
      "  if aws codeartifact login --tool pip --domain bedrock-lz --domain-owner 111111111111 --repository pypi " +
        "--region ap-northeast-1 --duration-seconds 900; then break; fi\n",
      "python3 -m pip install boto3\n",
      "base64 -d <<'BEDROCK_LZ_SMOKE_PY' | gunzip > /opt/bedrock-lz/smoke.py\n",
      "exec python3 /opt/bedrock-lz/smoke.py --region ap-northeast-1 --role-arn " +
        "arn:aws:iam::111111111111:role/bedrock-lz-invoke-sapporo --model-id " +
        'jp.anthropic.claude-haiku-4-5-20251001-v1:0 "$@"\n',
      "chmod 0755 /opt/bedrock-lz/smoke.py /opt/bedrock-lz/smoke\n",
      "if /opt/bedrock-lz/smoke --prompt 'こんにちは'; then\n",
    ];
    let from = 0;
    for (const step of steps) {
      const at = script.indexOf(step, from);
      assert.ok(at >= 0, `missing or out of order: ${JSON.stringify(step)}`);
      from = at + step.length;
    }
    assert.ok(script.startsWith("#!/bin/bash\n"));
  });

  it("follows the configured domain, owner, repository and region", () => {
    const script = userData({
      region: "ap-northeast-3",
      codeArtifact: {
        ...SETTINGS,
        domainName: "sapporo-mirror",
        domainOwner: "222222222222",
        repositoryName: "python",
      },
    });
    assert.match(
      script,
      / aws codeartifact login --tool pip --domain sapporo-mirror --domain-owner 222222222222 --repository python --region ap-northeast-3 /,
    );
    assert.match(script, /--region ap-northeast-3 --role-arn /);
  });

  it("passes a prompt with quotes to the shell as one word, unchanged", () => {
    const prompt = "It's 'quoted' $HOME `x`";
    const script = userData({ prompt });
    assert.ok(script.includes(`--prompt ${shellQuote(prompt)}; then`));
    const echoed = spawnSync("sh", ["-c", `printf %s ${shellQuote(prompt)}`], { encoding: "utf8" });
    assert.equal(echoed.stdout, prompt);
    assert.equal(shellQuote("arn:aws:iam::1:role/x"), "arn:aws:iam::1:role/x");
  });

  it("is a valid bash script", () => {
    const result = spawnSync("bash", ["-n"], { input: userData(), encoding: "utf8" });
    assert.equal(result.status, 0, result.stderr);
  });

  it("keeps a Python source containing the heredoc's terminator whole (base64 never contains it)", () => {
    const pythonSource = "print(1)\nBEDROCK_LZ_SMOKE_PY\nprint(2)\n";
    const script = userData({ pythonSource });
    const body = /<<'BEDROCK_LZ_SMOKE_PY' \| gunzip > \S+\n([\s\S]*?)BEDROCK_LZ_SMOKE_PY\n/.exec(script)![1];
    assert.equal(gunzipSync(Buffer.from(body, "base64")).toString("utf8"), pythonSource);
  });

  it("names every missing prerequisite of the boot script, and none when the setup toggles are on", () => {
    const endpoints = (off: EndpointKey[]) =>
      Object.fromEntries(ENDPOINT_KEYS.map((key) => [key, { enabled: !off.includes(key) }])) as Record<
        EndpointKey,
        { enabled: boolean }
      >;
    assert.deepEqual(
      missingSmokePrerequisites({ endpoints: endpoints([]), codeArtifact: { clientReadAccess: true } }),
      [],
    );
    assert.deepEqual(
      missingSmokePrerequisites({
        endpoints: endpoints(["codeartifact.repositories", "s3"]),
        codeArtifact: { clientReadAccess: false },
      }),
      [
        "bedrock-lz:endpoints.s3.enabled is false (needed for: dnf install python3-pip)",
        "bedrock-lz:endpoints.codeartifact.repositories.enabled is false (needed for: pip install boto3)",
        "bedrock-lz:codeArtifact.clientReadAccess is false (needed for: aws codeartifact login, pip install boto3)",
      ],
    );
    // Session endpoints are not prerequisites: the boot script reports through the console output.
    assert.equal(ENDPOINT_CATALOG.ssm.enabledByDefault, false);
    assert.deepEqual(
      missingSmokePrerequisites({ endpoints: endpoints(["ssm"]), codeArtifact: { clientReadAccess: true } }),
      [],
    );
  });

  it("stays well under EC2's 16 KB user-data limit", () => {
    // EC2 takes 16 KB of raw user data; 14 KB leaves room for the wrapper's ARNs and the guardrail flags.
    assert.ok(Buffer.byteLength(userData(), "utf8") < 14 * 1024, `${Buffer.byteLength(userData(), "utf8")} bytes`);
  });
});

describe("smoke-test user data with an external id", () => {
  it("passes the operator's sts:ExternalId to the one-shot run, quoted", () => {
    const base = {
      region: "ap-northeast-1",
      operatorRoleArn: "arn:aws:iam::111111111111:role/bedrock-lz-invoke-sapporo",
      modelId: "jp.anthropic.claude-haiku-4-5-20251001-v1:0",
      prompt: "hi",
      codeArtifact: {
        domainName: "bedrock-lz",
        domainOwner: "222222222222",
        repositoryName: "pypi",
        upstreamRepositoryName: "pypi-store",
        mirror: true,
        clientReadAccess: true,
      },
      pythonSource: readPythonSmokeSource(),
    };
    // The wrapper line is the one that passes the role ARN (the embedded Python defines the flag too).
    const wrapperLine = (userData: string) =>
      userData
        .split("\n")
        .filter((line) => line.includes("--role-arn"))
        .join("\n");
    const withId = wrapperLine(smokeUserData({ ...base, externalId: "sapporo-bedrock-poc" }));
    if (!/--external-id '?sapporo-bedrock-poc'?/.test(withId)) throw new Error(`no --external-id in: ${withId}`);
    const without = wrapperLine(smokeUserData(base));
    if (without === "" || without.includes("--external-id")) throw new Error(`unexpected wrapper: ${without}`);
  });
});

describe("smoke-test boot script, line by line", () => {
  const GUARDRAIL = { arn: "arn:aws:bedrock:ap-northeast-1:111111111111:guardrail/abc123", version: "2" };

  it("is exactly the documented script, the compressed client aside", () => {
    const script = userData({ pythonSource: "print(1)\n", externalId: "id with space", guardrail: GUARDRAIL });
    const expected = [
      "#!/bin/bash",
      "# bedrock-lz smoke test (docs/municipality.md). Output: /var/log/cloud-init-output.log and the",
      "# instance's console output.",
      "set -euo pipefail",
      "export AWS_REGION=ap-northeast-1",
      "export AWS_STS_REGIONAL_ENDPOINTS=regional",
      "",
      "# pip from the Amazon Linux 2023 repositories, through the S3 gateway endpoint.",
      "dnf install -y python3-pip",
      "",
      "# pip's index becomes the CodeArtifact mirror. IAM changes made by the same deployment can take",
      "# a minute to reach CodeArtifact, so the login is retried.",
      "for attempt in 1 2 3 4 5 6 7 8 9 10; do",
      "  if aws codeartifact login --tool pip --domain bedrock-lz --domain-owner 111111111111 --repository pypi " +
        "--region ap-northeast-1 --duration-seconds 900; then break; fi",
      '  if [ "$attempt" = 10 ]; then echo "bedrock-lz: CodeArtifact login failed" >&2; exit 1; fi',
      "  sleep 15",
      "done",
      "python3 -m pip install boto3",
      "",
      "install -d -m 0755 /opt/bedrock-lz",
      "base64 -d <<'BEDROCK_LZ_SMOKE_PY' | gunzip > /opt/bedrock-lz/smoke.py",
      `${compressedSource("print(1)\n")}BEDROCK_LZ_SMOKE_PY`,
      "cat > /opt/bedrock-lz/smoke <<'BEDROCK_LZ_SMOKE_WRAPPER'",
      "#!/bin/sh",
      `exec python3 /opt/bedrock-lz/smoke.py --region ap-northeast-1 --role-arn ${ROLE} --model-id ${PROFILE} ` +
        `--external-id 'id with space' --guardrail-arn ${GUARDRAIL.arn} --guardrail-version 2 "$@"`,
      "BEDROCK_LZ_SMOKE_WRAPPER",
      "chmod 0755 /opt/bedrock-lz/smoke.py /opt/bedrock-lz/smoke",
      "",
      "# Once at boot, so the result is in the console output even without a session.",
      "if /opt/bedrock-lz/smoke --prompt 'こんにちは'; then",
      '  echo "bedrock-lz: smoke test passed"',
      "else",
      '  echo "bedrock-lz: smoke test FAILED (see the message above)" >&2',
      "fi",
      "",
    ].join("\n");
    assert.equal(script, expected);
    assert.equal(SMOKE_SCRIPT_PATH, "/opt/bedrock-lz/smoke.py");
    assert.equal(SMOKE_WRAPPER_PATH, "/opt/bedrock-lz/smoke");
  });

  const wrapper = (script: string) => script.split("\n").find((line) => line.startsWith("exec python3 "));

  it("passes the guardrail and the external id to the wrapper only when they are given", () => {
    const head = `exec python3 /opt/bedrock-lz/smoke.py --region ap-northeast-1 --role-arn ${ROLE} --model-id ${PROFILE}`;
    assert.equal(wrapper(userData()), `${head} "$@"`);
    assert.equal(wrapper(userData({ externalId: "sapporo" })), `${head} --external-id sapporo "$@"`);
    assert.equal(
      wrapper(userData({ guardrail: GUARDRAIL })),
      `${head} --guardrail-arn ${GUARDRAIL.arn} --guardrail-version 2 "$@"`,
    );
    assert.equal(wrapper(userData({ externalId: "" })), `${head} --external-id '' "$@"`);
  });

  it("appends the newline a source without one lacks, and adds none to a source that has one", () => {
    const body = (script: string) =>
      /<<'BEDROCK_LZ_SMOKE_PY' \| gunzip > \S+\n([\s\S]*?)BEDROCK_LZ_SMOKE_PY\n/.exec(script)![1];
    const decode = (script: string) => gunzipSync(Buffer.from(body(script), "base64")).toString("utf8");
    assert.equal(decode(userData({ pythonSource: "print(1)" })), "print(1)\n");
    assert.equal(decode(userData({ pythonSource: "print(1)\n" })), "print(1)\n");
  });

  it("splits the base64 into lines of 76 characters, ending with a newline", () => {
    const source = Array.from({ length: 400 }, (_, index) => `print(${index * 7919})`).join("\n");
    const text = compressedSource(source);
    assert.ok(text.endsWith("\n"));
    const lines = text.slice(0, -1).split("\n");
    assert.ok(lines.length > 2, `${lines.length} lines`);
    for (const line of lines.slice(0, -1)) assert.equal(line.length, 76);
    assert.ok(lines.at(-1)!.length >= 1 && lines.at(-1)!.length <= 76);
    assert.equal(gunzipSync(Buffer.from(lines.join(""), "base64")).toString("utf8"), source);
  });

  it("compresses UTF-8 at gzip's best level, the smallest user data", () => {
    const gzip = Buffer.from(compressedSource("こんにちは\n").replace(/\n/g, ""), "base64");
    // RFC 1952 §2.3.1: XFL (byte 8) is 2 when the compressor used its slowest, best algorithm.
    assert.equal(gzip[8], 2);
    assert.equal(gunzipSync(gzip).toString("utf8"), "こんにちは\n");
  });
});

describe("shellQuote", () => {
  it("leaves words of safe characters bare", () => {
    for (const word of ["abc_XYZ09", "a@b%c+d=e:f,g.h/i-j", "arn:aws:iam::1:role/x", "-"]) {
      assert.equal(shellQuote(word), word);
    }
  });

  it("single-quotes anything else, a single quote as '\\''", () => {
    assert.equal(shellQuote("a b"), "'a b'");
    assert.equal(shellQuote(" a"), "' a'");
    assert.equal(shellQuote("a "), "'a '");
    assert.equal(shellQuote(""), "''");
    assert.equal(shellQuote("$HOME"), "'$HOME'");
    assert.equal(shellQuote("it's"), "'it'\\''s'");
    assert.equal(shellQuote("''"), "''\\'''\\'''");
    assert.equal(shellQuote("a\nb"), "'a\nb'");
  });
});

describe("smoke-test settings", () => {
  it("maps each instance type to its architecture and says hello in Japanese by default", () => {
    assert.deepEqual(SMOKE_INSTANCE_TYPES, {
      "t3.micro": "x86_64",
      "t3.small": "x86_64",
      "t4g.micro": "arm64",
      "t4g.small": "arm64",
    });
    assert.equal(DEFAULT_SMOKE_PROMPT, "こんにちは。一文で自己紹介してください。");
  });

  it("reads the client from the path it is given", () => {
    const fixture = join(__dirname, "..", "fixtures", "counted-module.cjs");
    assert.equal(readPythonSmokeSource(fixture), readFileSync(fixture, "utf8"));
  });

  it("names each endpoint the boot script needs with the step that needs it", () => {
    const allOff = Object.fromEntries(ENDPOINT_KEYS.map((key) => [key, { enabled: false }])) as Record<
      EndpointKey,
      { enabled: boolean }
    >;
    assert.deepEqual(missingSmokePrerequisites({ endpoints: allOff, codeArtifact: { clientReadAccess: true } }), [
      "bedrock-lz:endpoints.s3.enabled is false (needed for: dnf install python3-pip)",
      "bedrock-lz:endpoints.codeartifact.api.enabled is false (needed for: aws codeartifact login)",
      "bedrock-lz:endpoints.codeartifact.repositories.enabled is false (needed for: pip install boto3)",
      "bedrock-lz:endpoints.sts.enabled is false (needed for: sts:AssumeRole)",
      "bedrock-lz:endpoints.bedrock-runtime.enabled is false (needed for: Converse)",
    ]);
  });
});
