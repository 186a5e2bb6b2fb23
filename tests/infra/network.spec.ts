import { deepStrictEqual, strictEqual, throws } from "node:assert/strict";
import { isolatedSubnetCidrs, subnetSlots } from "../../infra/network";

describe("subnet maths (infra/network.ts)", () => {
  it("gives each AZ a quarter of a /16 and keeps the fourth slot free", () => {
    deepStrictEqual(isolatedSubnetCidrs("10.0.0.0/16", ["ap-northeast-1a", "ap-northeast-1c", "ap-northeast-1d"]), {
      "ap-northeast-1a": "10.0.0.0/18",
      "ap-northeast-1c": "10.0.64.0/18",
      "ap-northeast-1d": "10.0.128.0/18",
    });
  });

  it("works from any aligned base address", () => {
    deepStrictEqual(isolatedSubnetCidrs("172.16.8.0/22", ["a", "b"]), { a: "172.16.8.0/24", b: "172.16.9.0/24" });
  });

  it("stops at /28, AWS's smallest subnet", () => {
    strictEqual(subnetSlots("10.0.0.0/26"), 4);
    strictEqual(subnetSlots("10.0.0.0/27"), 2);
    strictEqual(subnetSlots("10.0.0.0/28"), 1);
    deepStrictEqual(isolatedSubnetCidrs("10.0.0.0/27", ["a", "b"]), { a: "10.0.0.0/28", b: "10.0.0.16/28" });
    throws(() => isolatedSubnetCidrs("10.0.0.0/28", ["a", "b"]), /room for 1 isolated subnet/);
  });
});
