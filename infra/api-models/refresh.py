#!/usr/bin/env python3
"""Regenerates infra/api-models/api-models.json from AWS's machine-readable models.

    python3 infra/api-models/refresh.py        # needs the botocore and cfn-lint packages

What it extracts, and from where:

* botocore (the AWS SDK for Python's service models, service-2.json): the input shape of every
  operation listed in OPERATIONS below, with every shape it reaches, reduced to what AWS validates
  on a call (type, min/max length or value, pattern, enum, required members, list and map members).
* botocore endpoints.json: for each service, the regions it has an endpoint in (REGIONS only), or the
  one global endpoint and the region it signs for (Budgets, IAM, Organizations).
* cfn-lint (CloudFormation's registry schemas, per region): for each type in CFN_TYPES, the regions
  (REGIONS only) whose CloudFormation registry has it, and the constraints its schema puts on its
  properties (where the SDK model has none, e.g. an EC2 security group's description).

The program reads the result (infra/api-models/index.ts: config refusals) and so does the fidelity
gate (tests/fidelity/api-inputs.ts: every input the program sends). Add an operation or a type here
when the program starts calling it, run this script, and commit the JSON: npm test needs only Node.
"""
from __future__ import annotations

import importlib
import importlib.metadata
import json
import os
import shutil
import subprocess
import sys

import botocore
import botocore.loaders
import cfnlint

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "api-models.json")

# The regions the program may deploy to (infra/catalog.ts, JAPAN_REGIONS) and the region the global
# services it uses sign for.
REGIONS = ["ap-northeast-1", "ap-northeast-3", "us-east-1"]

# Every operation the program, its Pulumi provider or its tools call with values the program derives.
OPERATIONS: dict[str, list[str]] = {
    "bedrock": [
        "CreateFoundationModelAgreement",
        "CreateGuardrail",
        "CreateGuardrailVersion",
        "CreateInferenceProfile",
        "GetGuardrail",
        "GetModelInvocationLoggingConfiguration",
        "ListFoundationModelAgreementOffers",
        "ListGuardrails",
        "PutModelInvocationLoggingConfiguration",
        "PutUseCaseForModelAccess",
        "UpdateGuardrail",
    ],
    "bedrock-runtime": ["Converse", "ConverseStream"],
    "budgets": ["CreateBudget", "CreateNotification"],
    "cloudtrail": ["CreateTrail", "PutEventSelectors", "StartLogging"],
    "cloudwatch": ["GetMetricData", "PutDashboard", "PutMetricAlarm"],
    "codeartifact": [
        "AssociateExternalConnection",
        "CreateDomain",
        "CreateRepository",
        "PutDomainPermissionsPolicy",
        "PutRepositoryPermissionsPolicy",
    ],
    "ec2": [
        "AssociateRouteTable",
        "AuthorizeSecurityGroupEgress",
        "AuthorizeSecurityGroupIngress",
        "CreateRouteTable",
        "CreateSecurityGroup",
        "CreateSubnet",
        "CreateManagedPrefixList",
        "CreateTags",
        "CreateVpc",
        "CreateVpcEndpoint",
        "DescribeInternetGateways",
        "DescribeManagedPrefixLists",
        "DescribeNatGateways",
        "DescribeRouteTables",
        "DescribeSecurityGroups",
        "DescribeSubnets",
        "DescribeVpcAttribute",
        "DescribeVpcEndpointServices",
        "DescribeVpcEndpoints",
        "DescribeVpcs",
        "ModifyManagedPrefixList",
        "ModifySubnetAttribute",
        "ModifyVpcAttribute",
        "ModifyVpcEndpoint",
        "RevokeSecurityGroupEgress",
        "RevokeSecurityGroupIngress",
        "RunInstances",
    ],
    "iam": [
        "AddRoleToInstanceProfile",
        "AttachRolePolicy",
        "CreateInstanceProfile",
        "CreateOpenIDConnectProvider",
        "CreatePolicy",
        "CreateRole",
        "GetPolicy",
        "GetPolicyVersion",
        "GetRole",
        "GetRolePolicy",
        "ListAttachedRolePolicies",
        "ListRolePolicies",
        "ListRoles",
        "PutRolePolicy",
    ],
    "kms": ["CreateAlias", "CreateKey", "EnableKeyRotation", "ScheduleKeyDeletion"],
    "logs": ["CreateLogGroup", "PutRetentionPolicy"],
    "organizations": ["AttachPolicy", "CreatePolicy", "DescribeOrganization", "DescribePolicy", "ListPoliciesForTarget"],
    "route53": ["ListHostedZonesByVPC"],
    "s3": [
        "CreateBucket",
        "PutBucketEncryption",
        "PutBucketLifecycleConfiguration",
        "PutBucketPolicy",
        "PutBucketTagging",
        "PutBucketVersioning",
        "PutPublicAccessBlock",
    ],
    "sns": ["CreateTopic", "SetTopicAttributes", "Subscribe"],
    "ssm": ["GetParameter"],
    "sts": ["AssumeRole", "GetCallerIdentity"],
}

# The CloudFormation types of the Pulumi resource types the program declares (the mapping in
# tests/fidelity/api-mapping.ts names one per Pulumi type where CloudFormation has one).
CFN_TYPES = [
    "AWS::Bedrock::ApplicationInferenceProfile",
    "AWS::Bedrock::Guardrail",
    "AWS::Bedrock::GuardrailVersion",
    "AWS::Budgets::Budget",
    "AWS::CloudTrail::Trail",
    "AWS::CloudWatch::Alarm",
    "AWS::CloudWatch::Dashboard",
    "AWS::CodeArtifact::Domain",
    "AWS::CodeArtifact::Repository",
    "AWS::EC2::Instance",
    "AWS::EC2::PrefixList",
    "AWS::EC2::RouteTable",
    "AWS::EC2::SecurityGroup",
    "AWS::EC2::SecurityGroupEgress",
    "AWS::EC2::SecurityGroupIngress",
    "AWS::EC2::Subnet",
    "AWS::EC2::SubnetRouteTableAssociation",
    "AWS::EC2::VPC",
    "AWS::EC2::VPCEndpoint",
    "AWS::IAM::InstanceProfile",
    "AWS::IAM::ManagedPolicy",
    "AWS::IAM::OIDCProvider",
    "AWS::IAM::Role",
    "AWS::IAM::RolePolicy",
    "AWS::KMS::Alias",
    "AWS::KMS::Key",
    "AWS::Logs::LogGroup",
    "AWS::Organizations::Policy",
    "AWS::S3::Bucket",
    "AWS::S3::BucketPolicy",
    "AWS::SNS::Subscription",
    "AWS::SNS::Topic",
    "AWS::SNS::TopicPolicy",
]

SHAPE_KEYS = ("type", "min", "max", "pattern", "enum", "required", "union")
CFN_KEYS = ("pattern", "minLength", "maxLength", "enum", "minItems", "maxItems", "minimum", "maximum")


def reduce_shape(shape: dict) -> dict:
    reduced = {key: shape[key] for key in SHAPE_KEYS if key in shape}
    if "members" in shape:
        reduced["members"] = {name: member["shape"] for name, member in shape["members"].items()}
    for key in ("member", "key", "value"):
        if key in shape:
            reduced[key] = shape[key]["shape"]
    return reduced


def extract_service(loader: botocore.loaders.Loader, service: str, operations: list[str]) -> dict:
    model = loader.load_service_model(service, "service-2")
    shapes = model["shapes"]
    kept: dict[str, dict] = {}

    def visit(name: str) -> None:
        if name in kept:
            return
        kept[name] = reduce_shape(shapes[name])
        shape = shapes[name]
        for member in shape.get("members", {}).values():
            visit(member["shape"])
        for key in ("member", "key", "value"):
            if key in shape:
                visit(shape[key]["shape"])

    inputs = {}
    for operation in operations:
        if operation not in model["operations"]:
            sys.exit(f"{service} has no operation {operation} in botocore {botocore.__version__}")
        shape = model["operations"][operation].get("input", {}).get("shape")
        inputs[operation] = shape
        if shape is not None:
            visit(shape)
    metadata = model["metadata"]
    return {
        "serviceId": metadata["serviceId"],
        "apiVersion": metadata["apiVersion"],
        "endpointPrefix": metadata["endpointPrefix"],
        "operations": inputs,
        "shapes": dict(sorted(kept.items())),
    }


def endpoint_facts(loader: botocore.loaders.Loader, prefix: str) -> dict:
    partitions = loader.load_data("endpoints")["partitions"]
    aws = next(p for p in partitions if p["partition"] == "aws")
    service = aws["services"].get(prefix)
    if service is None:
        return {"listed": False}
    endpoints = service.get("endpoints", {})
    facts: dict = {"listed": True, "regions": [r for r in REGIONS if r in endpoints]}
    if service.get("isRegionalized") is False and "partitionEndpoint" in service:
        global_endpoint = endpoints[service["partitionEndpoint"]]
        facts["global"] = {
            "endpoint": service["partitionEndpoint"],
            "signingRegion": global_endpoint.get("credentialScope", {}).get("region", "us-east-1"),
        }
    return facts


def cfn_types_by_region() -> dict[str, dict[str, str]]:
    found = {}
    for region in REGIONS:
        module = importlib.import_module(f"cfnlint.data.schemas.providers.{region.replace('-', '_')}")
        found[region] = module.types
    return found


def cfn_constraints(schema: dict) -> dict:
    """Every property (and property of a definition) that carries a constraint, by dotted path."""
    constraints = {}

    def visit(prefix: str, properties: dict) -> None:
        for name, spec in properties.items():
            picked = {key: spec[key] for key in CFN_KEYS if key in spec}
            items = spec.get("items", {})
            picked.update({f"items.{key}": items[key] for key in CFN_KEYS if key in items})
            if picked:
                constraints[f"{prefix}{name}"] = picked

    visit("", schema.get("properties", {}))
    for definition, spec in schema.get("definitions", {}).items():
        visit(f"{definition}.", spec.get("properties", {}))
    return dict(sorted(constraints.items()))


def main() -> None:
    loader = botocore.loaders.Loader()
    services = {service: extract_service(loader, service, ops) for service, ops in sorted(OPERATIONS.items())}
    endpoints = {service: endpoint_facts(loader, data["endpointPrefix"]) for service, data in services.items()}

    by_region = cfn_types_by_region()
    schemas_dir = os.path.join(os.path.dirname(cfnlint.__file__), "data", "schemas", "resources")
    cfn = {}
    for cfn_type in CFN_TYPES:
        regions = [region for region in REGIONS if cfn_type in by_region[region]]
        if not regions:
            sys.exit(f"{cfn_type} is in none of {REGIONS} in cfn-lint {importlib.metadata.version('cfn-lint')}")
        with open(os.path.join(schemas_dir, f"{by_region[regions[0]][cfn_type]}.json"), encoding="utf-8") as file:
            schema = json.load(file)
        cfn[cfn_type] = {"regions": regions, "properties": cfn_constraints(schema)}

    data = {
        "about": (
            "Generated by infra/api-models/refresh.py from AWS's machine-readable models; do not edit. "
            "Read by infra/api-models/index.ts and tests/fidelity/api-inputs.ts."
        ),
        "sources": {
            "botocore": botocore.__version__,
            "cfn-lint": importlib.metadata.version("cfn-lint"),
        },
        "regions": REGIONS,
        "services": services,
        "endpoints": endpoints,
        "cloudFormation": cfn,
    }
    with open(OUT, "w", encoding="utf-8") as file:
        json.dump(data, file, ensure_ascii=False, indent=2)
        file.write("\n")
    # Prettier's layout, so `npm run format:check` passes on the committed file.
    npx = shutil.which("npx")
    if npx is not None:
        subprocess.run([npx, "prettier", "--write", OUT], check=True, cwd=os.path.join(HERE, "..", ".."))
    print(f"wrote {os.path.relpath(OUT)}: botocore {data['sources']['botocore']}, cfn-lint {data['sources']['cfn-lint']}")


if __name__ == "__main__":
    main()
