/**
 * Session Manager access to instances in the closed VPC (toggle `sessionAccess.enabled`): the
 * three endpoints SSM Agent talks to, their policies, and what the client role needs so that an
 * operator can open a shell without internet, SSH keys or inbound ports.
 *
 * Why not `AmazonSSMManagedInstanceCore`: it also grants `ssm:GetParameter(s)`, `ssm:GetDocument`,
 * `ssm:PutInventory` and more on `*`, so any workload carrying the client role could read every
 * SSM parameter in the municipality account. A shell needs far less: the documented minimal
 * Session Manager instance permissions (the same actions as the AWS managed policy
 * `AWSCloud9SSMInstanceProfile`) plus the ec2messages actions older agents poll with.
 * These actions have no resource types, so `Resource` must be `*`.
 */
import { type PolicyDocument, type PolicyStatement, policyDocument } from "./iam/document";

/** The endpoints `sessionAccess.enabled` switches on, in catalog order. */
export const SESSION_ENDPOINT_KEYS = ["ssm", "ssmmessages", "ec2messages"] as const;
export type SessionEndpointKey = (typeof SESSION_ENDPOINT_KEYS)[number];

/**
 * SSM Agent 3.3.40.0 and later send everything through ssmmessages, so ec2messages may be turned
 * off on current AL2023 images; ssm and ssmmessages cannot.
 */
export const REQUIRED_SESSION_ENDPOINT_KEYS: readonly SessionEndpointKey[] = ["ssm", "ssmmessages"];

/** What SSM Agent calls on each endpoint to register the instance and carry a session. */
export const SESSION_AGENT_ACTIONS: Readonly<Record<SessionEndpointKey, readonly string[]>> = {
  ssm: ["ssm:UpdateInstanceInformation"],
  ssmmessages: [
    "ssmmessages:CreateControlChannel",
    "ssmmessages:CreateDataChannel",
    "ssmmessages:OpenControlChannel",
    "ssmmessages:OpenDataChannel",
  ],
  ec2messages: [
    "ec2messages:AcknowledgeMessage",
    "ec2messages:DeleteMessage",
    "ec2messages:FailMessage",
    "ec2messages:GetEndpoint",
    "ec2messages:GetMessages",
    "ec2messages:SendReply",
  ],
};

/** Inline policy on the client role while `sessionAccess.enabled` is on. */
export function sessionManagerInstancePolicy(): PolicyDocument {
  return policyDocument({
    Sid: "SessionManagerAgentOnly",
    Effect: "Allow",
    Action: SESSION_AGENT_ACTIONS.ssm.concat(SESSION_AGENT_ACTIONS.ssmmessages, SESSION_AGENT_ACTIONS.ec2messages),
    Resource: "*",
  });
}

/**
 * Each endpoint lets only the client role's agent through, and only with the agent actions.
 * `ssm:StartSession` is not here on purpose: the operator starts a session from outside the VPC
 * (console or CLI on the public SSM API); only the agent inside uses these endpoints.
 */
export function sessionEndpointPolicies(clientRoleArn: string): Record<SessionEndpointKey, PolicyDocument> {
  const policyFor = (key: SessionEndpointKey): PolicyDocument => {
    const statement: PolicyStatement = {
      Sid: "ClientRoleSessionManagerAgentOnly",
      Effect: "Allow",
      Principal: "*",
      Action: SESSION_AGENT_ACTIONS[key],
      Resource: "*",
      Condition: { ArnEquals: { "aws:PrincipalArn": clientRoleArn } },
    };
    return policyDocument(statement);
  };
  return { ssm: policyFor("ssm"), ssmmessages: policyFor("ssmmessages"), ec2messages: policyFor("ec2messages") };
}
