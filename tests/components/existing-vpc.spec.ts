import { deepStrictEqual, throws } from "node:assert/strict";
import { subnetsByZone } from "../../components/existing-vpc";

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
