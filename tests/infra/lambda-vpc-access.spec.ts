import * as assert from "node:assert/strict";
import { simulate } from "../../access/simulator";
import { lambdaVpcAccessPolicy } from "../../infra/policies";

const ACCOUNT = "222222222222";
const REGION = "ap-northeast-1";
const VPC_ID = "vpc-0123456789abcdef0";
const VPC_ARN = `arn:aws:ec2:${REGION}:${ACCOUNT}:vpc/${VPC_ID}`;
const OTHER_VPC_ARN = `arn:aws:ec2:${REGION}:${ACCOUNT}:vpc/vpc-0fedcba9876543210`;
const policy = lambdaVpcAccessPolicy({ region: REGION, accountId: ACCOUNT, vpcId: VPC_ID });

async function decide(action: string, resource: string, context: Record<string, string> = {}): Promise<string> {
  const decision = await simulate({
    principal: `arn:aws:sts::${ACCOUNT}:assumed-role/bedrock-lz-client-sapporo/fn`,
    action,
    resource,
    resourceAccountId: ACCOUNT,
    context: { "aws:RequestedRegion": REGION, ...context },
    identityPolicies: [policy],
  });
  return decision.result;
}

describe("Lambda in the closed VPC (clientRole.trustLambda), evaluated by @cloud-copilot/iam-simulate", () => {
  const eni = `arn:aws:ec2:${REGION}:${ACCOUNT}:network-interface/eni-0123456789abcdef0`;
  const subnet = `arn:aws:ec2:${REGION}:${ACCOUNT}:subnet/subnet-0123456789abcdef0`;

  it("creates, re-addresses and deletes the function's network interfaces in the closed VPC", async () => {
    assert.equal(await decide("ec2:CreateNetworkInterface", subnet, { "ec2:Vpc": VPC_ARN }), "Allowed");
    assert.equal(await decide("ec2:CreateNetworkInterface", eni), "Allowed");
    for (const action of [
      "ec2:DeleteNetworkInterface",
      "ec2:AssignPrivateIpAddresses",
      "ec2:UnassignPrivateIpAddresses",
    ]) {
      assert.equal(await decide(action, eni, { "ec2:Vpc": VPC_ARN }), "Allowed", action);
    }
    assert.equal(await decide("ec2:DescribeNetworkInterfaces", "*"), "Allowed");
  });

  it("touches no network interface or subnet of another VPC, region or account", async () => {
    assert.equal(await decide("ec2:CreateNetworkInterface", subnet, { "ec2:Vpc": OTHER_VPC_ARN }), "ImplicitlyDenied");
    assert.equal(await decide("ec2:DeleteNetworkInterface", eni, { "ec2:Vpc": OTHER_VPC_ARN }), "ImplicitlyDenied");
    assert.equal(
      await decide("ec2:DeleteNetworkInterface", eni.replace(ACCOUNT, "999999999999"), { "ec2:Vpc": VPC_ARN }),
      "ImplicitlyDenied",
    );
    assert.equal(
      await decide("ec2:CreateNetworkInterface", subnet.replace(REGION, "us-east-1"), { "ec2:Vpc": VPC_ARN }),
      "ImplicitlyDenied",
    );
  });

  it("writes only Lambda's own log groups", async () => {
    const stream = `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:/aws/lambda/smoke:log-stream:2026/01/01`;
    assert.equal(await decide("logs:PutLogEvents", stream), "Allowed");
    assert.equal(
      await decide("logs:CreateLogGroup", `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:/aws/lambda/smoke`),
      "Allowed",
    );
    assert.equal(
      await decide("logs:PutLogEvents", `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:/bedrock-lz/x:log-stream:s`),
      "ImplicitlyDenied",
    );
  });

  it("is exactly the five statements Lambda's VPC guide needs, each named for what it allows", () => {
    const ec2 = `arn:aws:ec2:${REGION}:${ACCOUNT}`;
    const logGroups = `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:/aws/lambda/*`;
    const inClosedVpc = { ArnEquals: { "ec2:Vpc": VPC_ARN } };
    assert.deepEqual(policy, {
      Version: "2012-10-17",
      Statement: [
        {
          Sid: "DescribeNetworkForLambda",
          Effect: "Allow",
          Action: ["ec2:DescribeNetworkInterfaces", "ec2:DescribeSubnets"],
          Resource: "*",
        },
        {
          Sid: "CreateNetworkInterfaceInClosedVpcSubnets",
          Effect: "Allow",
          Action: "ec2:CreateNetworkInterface",
          Resource: `${ec2}:subnet/*`,
          Condition: inClosedVpc,
        },
        {
          Sid: "CreateNetworkInterfaceWithItsGroups",
          Effect: "Allow",
          Action: "ec2:CreateNetworkInterface",
          Resource: [`${ec2}:network-interface/*`, `${ec2}:security-group/*`],
        },
        {
          Sid: "ManageNetworkInterfacesInClosedVpc",
          Effect: "Allow",
          Action: ["ec2:DeleteNetworkInterface", "ec2:AssignPrivateIpAddresses", "ec2:UnassignPrivateIpAddresses"],
          Resource: `${ec2}:network-interface/*`,
          Condition: inClosedVpc,
        },
        {
          Sid: "WriteLambdaLogs",
          Effect: "Allow",
          Action: ["logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents"],
          Resource: [logGroups, `${logGroups}:*`],
        },
      ],
    });
  });
});
