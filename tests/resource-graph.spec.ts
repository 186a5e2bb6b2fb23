import { deepStrictEqual } from "node:assert/strict";
import { criticalPath } from "../tools/resource-graph";

describe("critical path (tools/resource-graph.ts)", () => {
  it("follows the longest dependency chain of custom resources", () => {
    deepStrictEqual(
      criticalPath([
        { name: "provider", dependsOn: [], custom: true },
        { name: "vpc", dependsOn: ["provider"], custom: true },
        { name: "subnet", dependsOn: ["vpc", "provider"], custom: true },
        { name: "sg", dependsOn: ["vpc"], custom: true },
        { name: "endpoint", dependsOn: ["subnet", "sg"], custom: true },
        { name: "role", dependsOn: ["provider"], custom: true },
      ]),
      ["provider", "vpc", "subnet", "endpoint"],
    );
  });

  it("does not count components, but follows dependencies through them", () => {
    deepStrictEqual(
      criticalPath([
        { name: "a", dependsOn: [], custom: true },
        { name: "component", dependsOn: ["a"], custom: false },
        { name: "b", dependsOn: ["component"], custom: true },
      ]),
      ["a", "b"],
    );
  });

  it("is empty for an empty graph", () => {
    deepStrictEqual(criticalPath([]), []);
  });
});
