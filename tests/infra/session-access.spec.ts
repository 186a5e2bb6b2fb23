import * as assert from "node:assert/strict";
import { ENDPOINT_CATALOG } from "../../infra/endpoints";
import {
  REQUIRED_SESSION_ENDPOINT_KEYS,
  SESSION_ENDPOINT_KEYS,
  sessionEndpointPolicies,
  sessionManagerInstancePolicy,
} from "../../infra/session-access";

const CLIENT_ROLE = "arn:aws:iam::222222222222:role/bedrock-lz-client-sapporo";

describe("Session Manager access builders", () => {
  it("the three endpoints are in the catalog as interface endpoints, off by default", () => {
    assert.deepEqual(SESSION_ENDPOINT_KEYS, ["ssm", "ssmmessages", "ec2messages"]);
    // Agents from 3.3.40.0 on reach everything through ssmmessages: only ec2messages may be off.
    assert.deepEqual(REQUIRED_SESSION_ENDPOINT_KEYS, ["ssm", "ssmmessages"]);
    for (const key of SESSION_ENDPOINT_KEYS) {
      assert.equal(ENDPOINT_CATALOG[key].kind, "Interface", key);
      assert.equal(ENDPOINT_CATALOG[key].enabledByDefault, false, key);
    }
  });

  it("the client role gets the agent's actions only, not AmazonSSMManagedInstanceCore's parameter reads", () => {
    const policy = sessionManagerInstancePolicy();
    assert.deepEqual(policy, {
      Version: "2012-10-17",
      Statement: [
        {
          Sid: "SessionManagerAgentOnly",
          Effect: "Allow",
          Action: [
            "ssm:UpdateInstanceInformation",
            "ssmmessages:CreateControlChannel",
            "ssmmessages:CreateDataChannel",
            "ssmmessages:OpenControlChannel",
            "ssmmessages:OpenDataChannel",
            "ec2messages:AcknowledgeMessage",
            "ec2messages:DeleteMessage",
            "ec2messages:FailMessage",
            "ec2messages:GetEndpoint",
            "ec2messages:GetMessages",
            "ec2messages:SendReply",
          ],
          Resource: "*",
        },
      ],
    });
    const actions = policy.Statement.flatMap((s) => s.Action ?? []);
    assert.ok(!actions.some((a) => /^ssm:Get|ssm:\*|^ssm:StartSession$/.test(a)));
  });

  it("each endpoint admits the client role with that service's agent actions only", () => {
    const policies = sessionEndpointPolicies(CLIENT_ROLE);
    assert.deepEqual(Object.keys(policies), ["ssm", "ssmmessages", "ec2messages"]);
    assert.deepEqual(policies.ssm, {
      Version: "2012-10-17",
      Statement: [
        {
          Sid: "ClientRoleSessionManagerAgentOnly",
          Effect: "Allow",
          Principal: "*",
          Action: ["ssm:UpdateInstanceInformation"],
          Resource: "*",
          Condition: { ArnEquals: { "aws:PrincipalArn": CLIENT_ROLE } },
        },
      ],
    });
    for (const key of SESSION_ENDPOINT_KEYS) {
      const [statement] = policies[key].Statement;
      assert.ok(
        (statement.Action as string[]).every((action) => action.startsWith(`${key}:`)),
        `${key} endpoint allows another service's actions`,
      );
    }
    assert.equal((policies.ssmmessages.Statement[0].Action as string[]).length, 4);
    assert.equal((policies.ec2messages.Statement[0].Action as string[]).length, 6);
  });
});
