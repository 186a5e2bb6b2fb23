import { deepStrictEqual, strictEqual, throws } from "node:assert/strict";
import { asIamDocument, iamDocumentsIn } from "../../../infra/iam/find-documents";

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

describe("asIamDocument", () => {
  it("takes a document as an object or as JSON text, leading whitespace included", () => {
    deepStrictEqual(asIamDocument(DOCUMENT), DOCUMENT);
    deepStrictEqual(asIamDocument(json), DOCUMENT);
    deepStrictEqual(asIamDocument(` \n\t${json}`), DOCUMENT);
    const single = { Statement: { Effect: "Deny", Action: "*", Resource: "*" } };
    deepStrictEqual(asIamDocument(JSON.stringify(single)), single);
  });

  it("rejects JSON and values that are not an object with a Statement object or list", () => {
    for (const value of [
      "not json",
      "{ broken",
      "null",
      "42",
      '"{\\"Statement\\":[]}"',
      JSON.stringify([DOCUMENT]),
      '{"Version":"2012-10-17"}',
      '{"Statement":null}',
      '{"Statement":"*"}',
      null,
      undefined,
      42,
      [DOCUMENT],
      Object.assign([], { Statement: [] }),
      Object.assign(() => undefined, { Statement: [] }),
      { Statement: null },
      { Statement: "Allow" },
    ]) {
      strictEqual(asIamDocument(value), undefined, `accepted ${String(value)}`);
    }
  });
});

describe("iamDocumentsIn, which inputs it reads", () => {
  it("lists documents in sorted input-name order, nested keys sorted too", () => {
    const found = iamDocumentsIn("aws:iam/role:Role", {
      policy: json,
      inlinePolicies: [{ policy: json }, { policy: json }],
      assumeRolePolicy: json,
      accessPolicies: { zPolicy: json, aPolicy: json },
    });
    deepStrictEqual(
      found.map((one) => one.path),
      [
        "accessPolicies.aPolicy",
        "accessPolicies.zPolicy",
        "assumeRolePolicy",
        "inlinePolicies[0].policy",
        "inlinePolicies[1].policy",
        "policy",
      ],
    );
  });

  it("takes a document held as an object, and does not look for documents inside a document", () => {
    const inner = { ...DOCUMENT, nestedPolicy: json };
    const found = iamDocumentsIn("aws:iam/policy:Policy", { policy: inner });
    deepStrictEqual(found, [{ path: "policy", document: inner }]);
  });

  it("finds documents under a key that merely contains id, name, arn or type before `policy`", () => {
    deepStrictEqual(
      iamDocumentsIn("aws:iam/role:Role", { identityPolicy: json, namedPolicies: [json], typePolicy: json }).map(
        (one) => one.path,
      ),
      ["identityPolicy", "namedPolicies[0]", "typePolicy"],
    );
  });

  it("names nested paths from the root, an empty input name included", () => {
    deepStrictEqual(
      iamDocumentsIn("aws:iam/role:Role", { "": { policy: json } }).map((one) => one.path),
      ["policy"],
    );
  });

  it("reads a type's extra document keys only as the resource's own inputs, items of a list included", () => {
    const organizations = "aws:organizations/policy:Policy";
    deepStrictEqual(iamDocumentsIn(organizations, { tags: { content: json } }), []);
    deepStrictEqual(iamDocumentsIn(organizations, { tags: [{ content: json }] }), []);
    deepStrictEqual(
      iamDocumentsIn(organizations, { content: [json] }).map((one) => one.path),
      [],
    );
    deepStrictEqual(iamDocumentsIn("aws:unknown/thing:Thing", { content: json }), []);
  });

  it("skips an unreadable input that only names a policy, in singular and plural", () => {
    for (const key of [
      "policyArn",
      "managedPolicyArns",
      "policyId",
      "policyIds",
      "policyName",
      "policyNames",
      "policyType",
      "POLICYARN",
    ]) {
      const inputs = new Proxy({ [key]: "", policy: json } as Record<string, unknown>, {
        get: (target, property) => {
          if (property === key) throw new Error(`unknown ${key}`);
          return target[property as string];
        },
      });
      deepStrictEqual(
        iamDocumentsIn("aws:iam/role:Role", inputs).map((one) => one.path),
        ["policy"],
        key,
      );
    }
  });

  it("rethrows an unreadable item of a document list, and skips one of any other list", () => {
    const unreadableList = () =>
      new Proxy([json], {
        get: (target, property) => {
          if (property === "0") throw new Error("unknown item");
          return Reflect.get(target, property) as unknown;
        },
      });
    throws(() => iamDocumentsIn("aws:iam/role:Role", { inlinePolicies: unreadableList() }), /unknown item/);
    throws(() => iamDocumentsIn("aws:organizations/policy:Policy", { content: unreadableList() }), /unknown item/);
    deepStrictEqual(iamDocumentsIn("aws:iam/role:Role", { tags: unreadableList() }), []);
    throws(() => iamDocumentsIn("aws:iam/role:Role", { settings: { policy: unreadableList() } }), /unknown item/);
  });
});

describe("iamDocumentsIn, unreadable extra keys and values that are not data", () => {
  const organizations = "aws:organizations/policy:Policy";
  const unreadableContent = () =>
    new Proxy({ content: "" } as Record<string, unknown>, {
      get: (target, property) => {
        if (property === "content") throw new Error("unknown content");
        return target[property as string];
      },
    });

  it("rethrows an unreadable `content` input of an Organizations policy, and skips a nested one", () => {
    throws(() => iamDocumentsIn(organizations, unreadableContent()), /unknown content/);
    deepStrictEqual(iamDocumentsIn(organizations, { tags: unreadableContent() }), []);
  });

  it("passes over null and undefined inputs, a policy input included", () => {
    deepStrictEqual(
      iamDocumentsIn("aws:iam/role:Role", { tags: null, policy: null, inlinePolicies: [null], name: undefined }),
      [],
    );
  });

  it("does not search a function's properties", () => {
    deepStrictEqual(
      iamDocumentsIn("aws:iam/role:Role", { tags: Object.assign(() => undefined, { policy: json }) }),
      [],
    );
  });
});
