import { deepStrictEqual, strictEqual, throws } from "node:assert/strict";
import { iamDocumentsIn } from "../../../infra/iam/find-documents";

const DOCUMENT = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "bedrock:*", Resource: "*" }] };
const json = JSON.stringify(DOCUMENT);

describe("iamDocumentsIn", () => {
  it("finds documents under every input that names a policy, nested ones with their path", () => {
    const found = iamDocumentsIn("aws:iam/role:Role", {
      assumeRolePolicy: json,
      inlinePolicies: [{ name: "a", policy: json }],
      name: "role",
    });
    deepStrictEqual(
      found.map((one) => one.path),
      ["assumeRolePolicy", "inlinePolicies[0].policy"],
    );
    deepStrictEqual(found[0].document, DOCUMENT);
  });

  it("finds a CodeArtifact policyDocument and an Organizations policy content", () => {
    deepStrictEqual(
      iamDocumentsIn("aws:codeartifact/repositoryPermissionsPolicy:RepositoryPermissionsPolicy", {
        policyDocument: json,
      }).map((one) => one.path),
      ["policyDocument"],
    );
    deepStrictEqual(
      iamDocumentsIn("aws:organizations/policy:Policy", { content: json, type: "SERVICE_CONTROL_POLICY" }).map(
        (one) => one.path,
      ),
      ["content"],
    );
  });

  it("ignores text that is not a document, and `content` of resources where it is a file", () => {
    deepStrictEqual(iamDocumentsIn("aws:s3/bucketObjectv2:BucketObjectv2", { content: json }), []);
    deepStrictEqual(iamDocumentsIn("aws:iam/rolePolicy:RolePolicy", { policy: "not json", name: "{x}" }), []);
    deepStrictEqual(iamDocumentsIn("aws:iam/rolePolicy:RolePolicy", { policy: '{"Version":"2012-10-17"}' }), []);
  });

  it("rethrows an unreadable document input, and skips any other unreadable input", () => {
    const unreadable = (key: string) =>
      new Proxy({ [key]: "", policy: json } as Record<string, unknown>, {
        get: (target, property) => {
          if (property === key) throw new Error(`unknown ${key}`);
          return target[property as string];
        },
      });
    throws(() => iamDocumentsIn("aws:iam/role:Role", unreadable("assumeRolePolicy")), /unknown assumeRolePolicy/);
    strictEqual(iamDocumentsIn("aws:iam/role:Role", unreadable("managedPolicyArns")).length, 1);
    strictEqual(iamDocumentsIn("aws:iam/role:Role", unreadable("vpcId")).length, 1);
  });
});
