#!/usr/bin/env python3
"""bedrock-lz smoke test: prove that this closed VPC reaches Claude through the operator's role.

1. AssumeRole into the operator (事業者) account's invoke role through the regional STS endpoint
   (the VPC has an STS interface endpoint for that hostname only).
2. Converse with the JP cross-region inference profile (Tokyo and Osaka only).
3. Print the reply; exit non-zero with the likely fix on error (in Japanese: --lang ja).

The smoke-test instance gets this file (gzip-compressed) in its user data (infra/smoke-test.ts) and a
wrapper, /opt/bedrock-lz/smoke, that passes this stack's role ARN, region and profile. Needs boto3.
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
APP_PROFILE = re.compile(r"^arn:aws:bedrock:ap-northeast-[13]:\d{12}:application-inference-profile/[a-z0-9]+$")
# A missing endpoint or security-group rule fails in seconds instead of hanging; throttling backs off.
CLIENT_CONFIG = Config(connect_timeout=5, read_timeout=60, retries={"mode": "adaptive", "total_max_attempts": 4})


# Help and argument errors by language; argparse's own words (usage:, options:, its errors) too.
ARGS = {"en": {
    "role": "the operator's invoke role (stack output operatorRoleArn)",
    "model": "stack output modelId: a jp. profile id or the application profile ARN",
    "guardrail": "the guardrail the operator enforces: its ARN, not its id (stack output guardrail.arn)",
    "version": "its published version (stack output guardrail.version)",
    "help": "show this help and exit",
    "no-role": "--role-arn is required (or set BEDROCK_LZ_ROLE_ARN)",
    "region": "--region (or AWS_REGION) must be ap-northeast-1 or ap-northeast-3: data stays in Japan",
    "no-model": "--model-id is required (or set BEDROCK_LZ_MODEL_ID): the stack output modelId",
    "model-jp": "--model-id must be a jp. profile or a Japan application profile ARN (stack output modelId)",
    "pair": "--guardrail-arn and --guardrail-version go together",
    "arn": "--guardrail-arn must be the guardrail's ARN, not its id: the invoke role compares the ARN",
    "number": "--guardrail-version must be a published version number (not DRAFT)",
}, "ja": {
    "description": "bedrock-lz スモークテスト: この閉域 VPC から事業者の呼び出しロールで Claude に届くことを確かめます。",
    "role": "事業者の呼び出しロール(スタックの出力 operatorRoleArn)",
    "model": "スタックの出力 modelId: jp. プロファイルの ID か、アプリケーション推論プロファイルの ARN",
    "guardrail": "事業者が強制する Bedrock ガードレールの ARN(ID ではない。スタックの出力 guardrail.arn)",
    "version": "その公開バージョン(スタックの出力 guardrail.version)",
    "help": "この説明を表示して終了します",
    "no-role": "--role-arn が必要です(または BEDROCK_LZ_ROLE_ARN を設定します)",
    "region": "--region(または AWS_REGION)は ap-northeast-1 か ap-northeast-3 です。データは日本国内にとどめます",
    "no-model": "--model-id が必要です(または BEDROCK_LZ_MODEL_ID を設定します): スタックの出力 modelId",
    "model-jp": "--model-id は jp. プロファイルか、日本のアプリケーション推論プロファイルの ARN です(スタックの出力 modelId)",
    "pair": "--guardrail-arn と --guardrail-version は一緒に指定します",
    "arn": "--guardrail-arn は Bedrock ガードレールの ID ではなく ARN です。呼び出しロールは ARN を比べます",
    "number": "--guardrail-version は公開バージョンの番号です(DRAFT は不可)",
    "usage: ": "使い方: ", "options": "オプション", "error": "エラー",
    # argparse's own errors (Python's words), for the mistakes a command line has
    "unrecognized arguments": "使えない引数です", "expected one argument": "値が必要です",
    "invalid choice": "使えない値です", "argument ": "引数 ", "choose from": "次から選びます",
}}


def lang_of(argv):
    """--lang if given, else the locale (LC_ALL, LC_MESSAGES, LANG, the first set): ja or en."""
    for index, arg in enumerate(argv):
        value = argv[index + 1] if arg == "--lang" and index + 1 < len(argv) else arg[7:] if arg.startswith("--lang=") else ""
        if value in ("en", "ja"):
            return value
    locale = os.environ.get("LC_ALL") or os.environ.get("LC_MESSAGES") or os.environ.get("LANG") or ""
    return "ja" if re.match(r"ja([_.@-]|$)", locale) else "en"


class Parser(argparse.ArgumentParser):
    """argparse in the reader's language: its headings and its own errors too."""
    text = ARGS["en"]

    def format_usage(self):
        return super().format_usage().replace("usage: ", self.text.get("usage: ", "usage: "), 1)

    def format_help(self):
        return super().format_help().replace("usage: ", self.text.get("usage: ", "usage: "), 1)

    def error(self, message):
        for english, said in self.text.items():
            message = message.replace(english, said) if english[:1].islower() and " " in english else message
        self.print_usage(sys.stderr)
        self.exit(2, "%s: %s: %s\n" % (self.prog, self.text.get("error", "error"), message))


def parse_args(argv):
    lang = lang_of(argv)
    text = ARGS[lang]
    parser = Parser(description=text.get("description", __doc__.splitlines()[0]), add_help=False)
    parser.text = text
    parser._optionals.title = text.get("options", "options")
    parser.add_argument("-h", "--help", action="help", help=text["help"])
    parser.add_argument("--role-arn", default=os.environ.get("BEDROCK_LZ_ROLE_ARN"), help=text["role"])
    parser.add_argument("--region", default=os.environ.get("AWS_REGION", "ap-northeast-1"))
    parser.add_argument("--model-id", default=os.environ.get("BEDROCK_LZ_MODEL_ID"), help=text["model"])
    parser.add_argument("--prompt", default="こんにちは")
    parser.add_argument("--external-id", default=os.environ.get("BEDROCK_LZ_EXTERNAL_ID"))
    parser.add_argument("--guardrail-arn", default=os.environ.get("BEDROCK_LZ_GUARDRAIL_ARN"), help=text["guardrail"])
    parser.add_argument("--guardrail-version", default=os.environ.get("BEDROCK_LZ_GUARDRAIL_VERSION"),
                        help=text["version"])
    parser.add_argument("--lang", choices=("en", "ja"), default=lang)
    args = parser.parse_args(argv)
    if not args.role_arn:
        parser.error(text["no-role"])
    if args.region not in JAPAN_REGIONS:
        parser.error(text["region"])
    if not args.model_id:
        parser.error(text["no-model"])
    if not (args.model_id.startswith("jp.") or APP_PROFILE.match(args.model_id)):
        parser.error(text["model-jp"])
    if bool(args.guardrail_arn) != bool(args.guardrail_version):
        parser.error(text["pair"])
    if args.guardrail_arn and not GUARDRAIL_ARN.match(args.guardrail_arn):
        parser.error(text["arn"])
    if args.guardrail_version and not args.guardrail_version.isdigit():
        parser.error(text["number"])
    return args


# Failure texts by language (--lang, or the locale); test_smoke.py checks every key has both.
MESSAGES = {"en": {
    "failed": "bedrock-lz smoke: %(call)s failed: %(error)s",
    "fix": "fix: ",
    "no-credentials": (
        "no AWS credentials for AssumeRole. Run this on an instance with the client instance profile, or set "
        "AWS_PROFILE."),
    "unreachable": (
        "cannot reach %(endpoint)s. Check that its VPC endpoint exists with private DNS on, and that this "
        "instance's security group allows 443 to the endpoint security group."),
    "assume-role-denied": (
        "AssumeRole was denied. The invoke role must trust this account's client role (operator stack: "
        "bedrock-lz:municipalities.<name>), this must be the instance's role, the external id must match, and the "
        "STS endpoint policy must allow sts:AssumeRole on %(role)s."),
    "model-access": (
        "model access is not granted in the operator account. The operator enables it for %(model)s (Anthropic "
        "first-use form and model agreement)."),
    "guardrail-missing": (
        "Converse was denied by an explicit deny and the request named no guardrail. If the operator enforces one "
        "(output guardrailEnforced), pass --guardrail-arn and --guardrail-version (the ARN, not the id: stack "
        "output guardrail). Otherwise the deny is the endpoint lock: call through this VPC's bedrock-runtime "
        "endpoint."),
    "invoke-denied": (
        "Converse was denied for the operator role. Check the invoke role's policy (%(model)s in %(region)s), "
        "the bedrock-runtime endpoint policy, and, if the role is locked, that the call goes through this VPC's "
        "endpoint."),
    "unexpected": "unexpected error; see the message above.",
}, "ja": {
    "failed": "bedrock-lz smoke: %(call)s に失敗しました: %(error)s",
    "fix": "対処: ",
    "no-credentials": (
        "AssumeRole 用の AWS 認証情報がありません。クライアントロールのインスタンスプロファイルを持つ"
        "インスタンスで実行するか、AWS_PROFILE を設定してください。"),
    "unreachable": (
        "%(endpoint)s に接続できません。VPC エンドポイント、そのプライベート DNS、セキュリティグループの"
        " 443 を確認してください。"),
    "assume-role-denied": (
        "AssumeRole が拒否されました。呼び出しロールがこのクライアントロールを信頼しているか(事業者スタックの "
        "bedrock-lz:municipalities.<name>)、インスタンスのロール、外部 ID、STS のエンドポイントポリシーの "
        "%(role)s への sts:AssumeRole を確認してください。"),
    "model-access": (
        "事業者アカウントに %(model)s のモデルアクセスがありません。事業者がモデルアクセス"
        "(ユースケースフォーム、モデル契約)を有効にします。"),
    "guardrail-missing": (
        "Converse が明示的な拒否で拒否されました。事業者が Bedrock ガードレールを強制している(出力 guardrailEnforced)なら "
        "--guardrail-arn と --guardrail-version(ID ではなく ARN。出力 guardrail)を渡してください。"
        "そうでなければロックによる拒否なので、この VPC の bedrock-runtime エンドポイント経由で呼び出します。"),
    "invoke-denied": (
        "Converse が拒否されました。呼び出しロールのポリシー(%(region)s の %(model)s)、bedrock-runtime の"
        "エンドポイントポリシー、ロックされているならこの VPC のエンドポイント経由かを確認してください。"),
    "unexpected": "予期しないエラーです。上のメッセージを確認してください。",
}}


def error_code(error):
    return error.response.get("Error", {}).get("Code", "") if isinstance(error, ClientError) else ""


def explain_key(stage, error, args):
    """The likely cause of the failures seen in practice (a key of MESSAGES)."""
    code = error_code(error)
    message = str(error)
    if isinstance(error, NoCredentialsError):
        return "no-credentials"
    if isinstance(error, EndpointConnectionError):
        return "unreachable"
    if stage == "assume-role" and code == "AccessDenied":
        return "assume-role-denied"
    if stage == "invoke" and code in ("AccessDeniedException", "ResourceNotFoundException") and (
            "access to the model" in message or "aws-marketplace" in message or "use case" in message.lower()):
        return "model-access"
    if stage == "invoke" and code == "AccessDeniedException" and not args.guardrail_arn and "explicit deny" in message:
        return "guardrail-missing"
    if stage == "invoke" and code == "AccessDeniedException":
        return "invoke-denied"
    return "unexpected"


def fail(stage, error, args):
    text = MESSAGES[args.lang]
    facts = {"role": args.role_arn, "model": args.model_id, "region": args.region, "error": error,
             "call": "AssumeRole" if stage == "assume-role" else "Converse",
             "endpoint": getattr(error, "kwargs", {}).get("endpoint_url", "the endpoint")}
    print(text["failed"] % facts, file=sys.stderr)
    print(text["fix"] + text[explain_key(stage, error, args)] % facts, file=sys.stderr)


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
        fail("assume-role", error, args)
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
        fail("invoke", error, args)
        return 3
    print("".join(block.get("text", "") for block in response["output"]["message"]["content"]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
