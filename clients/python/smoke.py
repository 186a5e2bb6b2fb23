#!/usr/bin/env python3
"""bedrock-lz smoke test: prove that this closed VPC reaches Claude through the operator's role.

1. AssumeRole into the operator (事業者) account's invoke role through the regional STS endpoint
   (the VPC has an STS interface endpoint for that hostname only).
2. Converse with the JP cross-region inference profile (Tokyo and Osaka only).
3. Print the reply; exit non-zero with the likely fix on error.

The smoke-test instance gets this file verbatim (infra/smoke-test.ts embeds it in its user data)
and a wrapper, /opt/bedrock-lz/smoke, that passes this stack's role ARN, region and profile.
Needs boto3 only.
"""
import argparse
import os
import re
import sys

import boto3
from botocore.config import Config
from botocore.exceptions import BotoCoreError, ClientError, EndpointConnectionError, NoCredentialsError

JAPAN_REGIONS = ("ap-northeast-1", "ap-northeast-3")
GUARDRAIL_ARN = re.compile(r"^arn:aws:bedrock:ap-northeast-[13]:\d{12}:guardrail/[a-z0-9]+$")
# A missing endpoint or security-group rule fails in seconds instead of hanging; throttling backs off.
CLIENT_CONFIG = Config(connect_timeout=5, read_timeout=60, retries={"mode": "adaptive", "total_max_attempts": 4})


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--role-arn", default=os.environ.get("BEDROCK_LZ_ROLE_ARN"),
                        help="the operator's invoke role (stack output operatorRoleArn)")
    parser.add_argument("--region", default=os.environ.get("AWS_REGION", "ap-northeast-1"))
    parser.add_argument("--model-id", default=os.environ.get("BEDROCK_LZ_MODEL_ID"),
                        help="a jp. inference profile id (stack output inferenceProfileId)")
    parser.add_argument("--prompt", default="こんにちは")
    parser.add_argument("--external-id", default=os.environ.get("BEDROCK_LZ_EXTERNAL_ID"))
    parser.add_argument("--guardrail-arn", default=os.environ.get("BEDROCK_LZ_GUARDRAIL_ARN"),
                        help="the guardrail the operator enforces: its ARN, not its id (stack output guardrail.arn)")
    parser.add_argument("--guardrail-version", default=os.environ.get("BEDROCK_LZ_GUARDRAIL_VERSION"),
                        help="its published version (stack output guardrail.version)")
    args = parser.parse_args(argv)
    if not args.role_arn:
        parser.error("--role-arn is required (or set BEDROCK_LZ_ROLE_ARN)")
    if args.region not in JAPAN_REGIONS:
        parser.error("--region (or AWS_REGION) must be ap-northeast-1 or ap-northeast-3: data stays in Japan")
    if not args.model_id:
        parser.error("--model-id is required (or set BEDROCK_LZ_MODEL_ID): the stack output inferenceProfileId")
    if not args.model_id.startswith("jp."):
        parser.error("--model-id must be a jp. inference profile: other profiles route outside Japan")
    if bool(args.guardrail_arn) != bool(args.guardrail_version):
        parser.error("--guardrail-arn and --guardrail-version go together")
    if args.guardrail_arn and not GUARDRAIL_ARN.match(args.guardrail_arn):
        parser.error("--guardrail-arn must be the guardrail's ARN, not its id: the invoke role compares the ARN")
    if args.guardrail_version and not args.guardrail_version.isdigit():
        parser.error("--guardrail-version must be a published version number (not DRAFT)")
    return args


def error_code(error):
    return error.response.get("Error", {}).get("Code", "") if isinstance(error, ClientError) else ""


def explain(stage, error, args):
    """The likely fix for the failures seen in practice; the raw error is printed as well."""
    code = error_code(error)
    message = str(error)
    if isinstance(error, NoCredentialsError):
        return ("no AWS credentials to call AssumeRole with. Run this where the municipality's client role is the "
                "ambient identity (an instance with the client instance profile), or set AWS_PROFILE.")
    if isinstance(error, EndpointConnectionError):
        return ("cannot reach %s. Check that the VPC endpoint for it exists with private DNS on, and that this "
                "instance's security group allows 443 to the endpoint security group." % getattr(error, "kwargs", {}).get("endpoint_url", "the endpoint"))
    if stage == "assume-role" and code == "AccessDenied":
        return ("AssumeRole was denied. The operator's invoke role must trust this account's client role "
                "(operator stack: bedrock-lz:municipalities.<name>), this role must be the instance's role, "
                "the external id must match, and the STS endpoint policy must allow sts:AssumeRole on %s."
                % args.role_arn)
    if stage == "invoke" and code in ("AccessDeniedException", "ResourceNotFoundException") and (
            "access to the model" in message or "aws-marketplace" in message or "use case" in message.lower()):
        return ("model access is not granted in the operator account. The operator enables Anthropic model "
                "access (first-use form and model agreement) for %s in the operator account." % args.model_id)
    if stage == "invoke" and code == "AccessDeniedException" and not args.guardrail_arn and "explicit deny" in message:
        return ("Converse was denied by an explicit deny and the request named no guardrail. If the operator enforces "
                "a guardrail (operator output guardrailEnforced), pass --guardrail-arn and --guardrail-version (the "
                "ARN, not the id: municipality stack output guardrail). Otherwise the deny is the endpoint lock: call "
                "through this VPC's bedrock-runtime endpoint.")
    if stage == "invoke" and code == "AccessDeniedException":
        return ("Converse was denied for the operator role. Check the invoke role's policy (profile %s in %s), "
                "the bedrock-runtime endpoint policy, and that the call goes through this VPC's bedrock-runtime "
                "endpoint if the operator has locked the role to it." % (args.model_id, args.region))
    return "unexpected error; see the message above."


def main(argv=None):
    args = parse_args(sys.argv[1:] if argv is None else argv)
    sts = boto3.client("sts", region_name=args.region, endpoint_url="https://sts.%s.amazonaws.com" % args.region,
                       config=CLIENT_CONFIG)
    request = {"RoleArn": args.role_arn, "RoleSessionName": "bedrock-lz-smoke"}
    if args.external_id:
        request["ExternalId"] = args.external_id
    try:
        credentials = sts.assume_role(**request)["Credentials"]
    except (ClientError, BotoCoreError) as error:
        print("bedrock-lz smoke: AssumeRole failed: %s" % error, file=sys.stderr)
        print("fix: " + explain("assume-role", error, args), file=sys.stderr)
        return 2
    bedrock = boto3.client(
        "bedrock-runtime",
        region_name=args.region,
        aws_access_key_id=credentials["AccessKeyId"],
        aws_secret_access_key=credentials["SecretAccessKey"],
        aws_session_token=credentials["SessionToken"],
        config=CLIENT_CONFIG,
    )
    request = {
        "modelId": args.model_id,
        "messages": [{"role": "user", "content": [{"text": args.prompt}]}],
        "inferenceConfig": {"maxTokens": 512},
    }
    if args.guardrail_arn:
        # An enforcing operator denies every invoke that does not name its guardrail version.
        request["guardrailConfig"] = {"guardrailIdentifier": args.guardrail_arn,
                                      "guardrailVersion": args.guardrail_version}
    try:
        response = bedrock.converse(**request)
    except (ClientError, BotoCoreError) as error:
        print("bedrock-lz smoke: Converse failed: %s" % error, file=sys.stderr)
        print("fix: " + explain("invoke", error, args), file=sys.stderr)
        return 3
    print("".join(block.get("text", "") for block in response["output"]["message"]["content"]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
