import { deepStrictEqual, throws } from "node:assert/strict";
import { associatedIpv4Blocks, subnetsByZone } from "../../components/existing-vpc";

const VPC = "vpc-0a1b2c3d4e5f60789";

describe("ExistingVpc: subnets by AZ", () => {
  it("keys the subnets by the AZ AWS reports", () => {
    deepStrictEqual(
      subnetsByZone(VPC, [
        { id: "subnet-1", vpcId: VPC, availabilityZone: "ap-northeast-1c" },
        { id: "subnet-2", vpcId: VPC, availabilityZone: "ap-northeast-1a" },
      ]),
      { "ap-northeast-1c": "subnet-1", "ap-northeast-1a": "subnet-2" },
    );
  });

  it("refuses two subnets in one AZ (an interface endpoint takes one per AZ)", () => {
    throws(
      () =>
        subnetsByZone(VPC, [
          { id: "subnet-1", vpcId: VPC, availabilityZone: "ap-northeast-1a" },
          { id: "subnet-2", vpcId: VPC, availabilityZone: "ap-northeast-1a" },
        ]),
      /subnet-1 and subnet-2 are both in ap-northeast-1a/,
    );
  });

  it("refuses a subnet of another VPC", () => {
    throws(
      () => subnetsByZone(VPC, [{ id: "subnet-1", vpcId: "vpc-12345678", availabilityZone: "ap-northeast-1a" }]),
      /subnet-1 is in vpc-12345678, not in existingVpc.vpcId/,
    );
  });
});

describe("ExistingVpc: the IPv4 blocks clients can have an address in", () => {
  it("keeps the primary block and every associated secondary one, in AWS's order", () => {
    deepStrictEqual(
      associatedIpv4Blocks("10.20.0.0/16", [
        { cidrBlock: "10.20.0.0/16", state: "associated" },
        { cidrBlock: "100.64.0.0/16", state: "associated" },
        { cidrBlock: "100.65.0.0/16", state: "associated" },
      ]),
      ["10.20.0.0/16", "100.64.0.0/16", "100.65.0.0/16"],
    );
  });

  it("leaves out blocks that are being associated, disassociated or failed: they hold no client", () => {
    deepStrictEqual(
      associatedIpv4Blocks("10.20.0.0/16", [
        { cidrBlock: "10.20.0.0/16", state: "associated" },
        { cidrBlock: "100.64.0.0/16", state: "associating" },
        { cidrBlock: "172.31.0.0/16", state: "disassociating" },
        { cidrBlock: "192.168.0.0/16", state: "failed" },
      ]),
      ["10.20.0.0/16"],
    );
  });

  it("keeps the primary block even when AWS lists no association", () => {
    deepStrictEqual(associatedIpv4Blocks("10.20.0.0/16", []), ["10.20.0.0/16"]);
  });
});
