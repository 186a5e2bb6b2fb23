"""Tests of clients/python/smoke.py with botocore's Stubber: no network, no AWS account.

Run by tests/clients/python/smoke.spec.ts (python3 -m unittest); needs python3 and boto3.
"""
import datetime
import importlib.util
import io
import os
import re
import unittest
from contextlib import redirect_stderr, redirect_stdout
from unittest import mock

import boto3
from botocore.exceptions import EndpointConnectionError, NoCredentialsError
from botocore.stub import Stubber

HERE = os.path.dirname(os.path.abspath(__file__))
SPEC = importlib.util.spec_from_file_location("smoke", os.path.join(HERE, "..", "..", "..", "clients", "python", "smoke.py"))
smoke = importlib.util.module_from_spec(SPEC)
SPEC.loader.exec_module(smoke)

ROLE = "arn:aws:iam::111111111111:role/bedrock-lz-invoke-sapporo"
PROFILE = "jp.anthropic.claude-haiku-4-5-20251001-v1:0"
CREDENTIALS = {
    "AccessKeyId": "ASIAEXAMPLEEXAMPLE00",
    "SecretAccessKey": "secret",
    "SessionToken": "token",
    "Expiration": datetime.datetime(2026, 11, 23, 15, 0, tzinfo=datetime.timezone.utc),
}
REPLY = {
    "output": {"message": {"role": "assistant", "content": [{"text": "こんにちは！"}, {"text": "Claude です。"}]}},
    "stopReason": "end_turn",
    "usage": {"inputTokens": 1, "outputTokens": 2, "totalTokens": 3},
    "metrics": {"latencyMs": 1},
}
CONVERSE_PARAMS = {
    "modelId": PROFILE,
    "messages": [{"role": "user", "content": [{"text": "こんにちは"}]}],
    "inferenceConfig": {"maxTokens": 512},
}


class SmokeTest(unittest.TestCase):
    def run_smoke(self, argv, stub_sts, stub_bedrock=None, env=None):
        """Runs main() with stubbed clients; returns (exit code, stdout, stderr, client kwargs)."""
        original_client = boto3.client
        created = {}
        stubbers = []

        def factory(service, **kwargs):
            created[service] = dict(kwargs)
            kwargs.setdefault("aws_access_key_id", "AKIAEXAMPLEEXAMPLE00")
            kwargs.setdefault("aws_secret_access_key", "ambient")
            client = original_client(service, **kwargs)
            stubber = Stubber(client)
            (stub_sts if service == "sts" else stub_bedrock)(stubber)
            stubber.activate()
            stubbers.append(stubber)
            return client

        out, err = io.StringIO(), io.StringIO()
        # The ambient AWS_REGION / BEDROCK_LZ_* of whoever runs the tests must not leak in.
        with mock.patch.dict(os.environ, env or {}, clear=True), mock.patch.object(smoke.boto3, "client", side_effect=factory), \
                redirect_stdout(out), redirect_stderr(err):
            code = smoke.main(argv)
        for stubber in stubbers:
            stubber.assert_no_pending_responses()
        return code, out.getvalue(), err.getvalue(), created

    def test_assumes_the_role_through_regional_sts_then_converses_with_the_jp_profile(self):
        def sts(stubber):
            stubber.add_response(
                "assume_role",
                {"Credentials": CREDENTIALS},
                {"RoleArn": ROLE, "RoleSessionName": "bedrock-lz-smoke", "ExternalId": "sapporo-2026"},
            )

        def bedrock(stubber):
            stubber.add_response("converse", REPLY, CONVERSE_PARAMS)

        code, out, err, created = self.run_smoke(["--role-arn", ROLE, "--model-id", PROFILE, "--external-id", "sapporo-2026"], sts, bedrock)
        self.assertEqual((code, out, err), (0, "こんにちは！Claude です。\n", ""))
        for service in ("sts", "bedrock-runtime"):
            config = created[service].pop("config")
            self.assertEqual((config.connect_timeout, config.read_timeout), (5, 60))
            self.assertEqual(config.retries, {"mode": "adaptive", "total_max_attempts": 4})
        self.assertEqual(created["sts"], {"region_name": "ap-northeast-1", "endpoint_url": "https://sts.ap-northeast-1.amazonaws.com"})
        self.assertEqual(created["bedrock-runtime"], {
            "region_name": "ap-northeast-1",
            "aws_access_key_id": CREDENTIALS["AccessKeyId"],
            "aws_secret_access_key": "secret",
            "aws_session_token": "token",
        })

    def test_names_the_enforced_guardrail_by_arn_and_version(self):
        guardrail = "arn:aws:bedrock:ap-northeast-1:111111111111:guardrail/abcd1234efgh"

        def sts(stubber):
            stubber.add_response("assume_role", {"Credentials": CREDENTIALS})

        def bedrock(stubber):
            params = dict(CONVERSE_PARAMS, guardrailConfig={"guardrailIdentifier": guardrail, "guardrailVersion": "2"})
            stubber.add_response("converse", REPLY, params)

        argv = ["--role-arn", ROLE, "--model-id", PROFILE, "--guardrail-arn", guardrail, "--guardrail-version", "2"]
        code, _, err, _ = self.run_smoke(argv, sts, bedrock)
        self.assertEqual((code, err), (0, ""))

    def test_explicit_deny_without_a_guardrail_names_the_missing_guardrail(self):
        def sts(stubber):
            stubber.add_response("assume_role", {"Credentials": CREDENTIALS})

        def bedrock(stubber):
            stubber.add_client_error(
                "converse", "AccessDeniedException",
                "not authorized to perform: bedrock:InvokeModel with an explicit deny in an identity-based policy", 403)

        code, _, err, _ = self.run_smoke(["--role-arn", ROLE, "--model-id", PROFILE], sts, bedrock)
        self.assertEqual(code, 3)
        self.assertIn("named no guardrail", err)
        self.assertIn("the ARN, not the id", err)

    def test_the_model_comes_from_the_stack_output_not_a_built_in_default(self):
        with redirect_stderr(io.StringIO()) as err, self.assertRaises(SystemExit):
            with mock.patch.dict(os.environ, {}, clear=True):
                smoke.parse_args(["--role-arn", ROLE])
        self.assertIn("modelId", err.getvalue())
        own = "arn:aws:bedrock:ap-northeast-3:111111111111:application-inference-profile/a1b2c3d4e5f6"
        self.assertEqual(smoke.parse_args(["--role-arn", ROLE, "--model-id", own]).model_id, own)
        with redirect_stderr(io.StringIO()), self.assertRaises(SystemExit):
            smoke.parse_args(["--role-arn", ROLE, "--model-id", own.replace("ap-northeast-3", "us-west-2")])
        with mock.patch.dict(os.environ, {"BEDROCK_LZ_MODEL_ID": PROFILE}, clear=True):
            self.assertEqual(smoke.parse_args(["--role-arn", ROLE]).model_id, PROFILE)
        for bad in (["--guardrail-arn", "abcd1234efgh", "--guardrail-version", "1"],
                    ["--guardrail-arn", "arn:aws:bedrock:ap-northeast-1:111111111111:guardrail/abcd1234efgh"]):
            with redirect_stderr(io.StringIO()), self.assertRaises(SystemExit):
                with mock.patch.dict(os.environ, {}, clear=True):
                    smoke.parse_args(["--role-arn", ROLE, "--model-id", PROFILE, *bad])

    def test_access_denied_on_assume_role_names_the_trust_policy_and_exits_2(self):
        def sts(stubber):
            stubber.add_client_error("assume_role", "AccessDenied", "not authorized to perform sts:AssumeRole", 403)

        code, out, err, created = self.run_smoke(["--role-arn", ROLE, "--model-id", PROFILE], sts)
        self.assertEqual(code, 2)
        self.assertEqual(out, "")
        self.assertIn("AssumeRole failed", err)
        self.assertIn("bedrock-lz:municipalities.<name>", err)
        self.assertNotIn("bedrock-runtime", created)

    def test_model_access_not_granted_names_the_operator_model_access_and_exits_3(self):
        def sts(stubber):
            stubber.add_response("assume_role", {"Credentials": CREDENTIALS})

        def bedrock(stubber):
            stubber.add_client_error(
                "converse", "AccessDeniedException", "You don't have access to the model with the specified model ID.", 403
            )

        code, _, err, _ = self.run_smoke(["--role-arn", ROLE, "--model-id", PROFILE], sts, bedrock)
        self.assertEqual(code, 3)
        self.assertIn("model access is not granted in the operator account", err)

    def test_access_denied_on_converse_names_the_invoke_policy_and_the_endpoint_policy(self):
        def sts(stubber):
            stubber.add_response("assume_role", {"Credentials": CREDENTIALS})

        def bedrock(stubber):
            stubber.add_client_error("converse", "AccessDeniedException", "not authorized to perform bedrock:InvokeModel", 403)

        code, _, err, _ = self.run_smoke(["--role-arn", ROLE, "--model-id", PROFILE], sts, bedrock)
        self.assertEqual(code, 3)
        self.assertIn("the bedrock-runtime endpoint policy", err)

    def test_unreachable_sts_endpoint_names_the_vpc_endpoint_and_security_group(self):
        failing = mock.Mock()
        failing.assume_role.side_effect = EndpointConnectionError(endpoint_url="https://sts.ap-northeast-1.amazonaws.com/")
        out, err = io.StringIO(), io.StringIO()
        with mock.patch.object(smoke.boto3, "client", return_value=failing), redirect_stdout(out), redirect_stderr(err):
            code = smoke.main(["--role-arn", ROLE, "--model-id", PROFILE])
        self.assertEqual(code, 2)
        self.assertIn("cannot reach https://sts.ap-northeast-1.amazonaws.com/", err.getvalue())
        self.assertIn("private DNS", err.getvalue())

    def test_no_credentials_names_the_client_instance_profile(self):
        failing = mock.Mock()
        failing.assume_role.side_effect = NoCredentialsError()
        err = io.StringIO()
        with mock.patch.object(smoke.boto3, "client", return_value=failing), redirect_stdout(io.StringIO()), \
                redirect_stderr(err):
            code = smoke.main(["--role-arn", ROLE, "--model-id", PROFILE])
        self.assertEqual(code, 2)
        self.assertIn("the client instance profile", err.getvalue())

    def test_rejects_profiles_that_leave_japan_and_regions_outside_japan(self):
        for argv in (["--role-arn", ROLE, "--model-id", "global.anthropic.claude-haiku-4-5-20251001-v1:0"],
                     ["--role-arn", ROLE, "--model-id", PROFILE, "--region", "us-east-1"],
                     []):
            with redirect_stderr(io.StringIO()), self.assertRaises(SystemExit) as raised:
                with mock.patch.dict(os.environ, {}, clear=True):
                    smoke.parse_args(argv)
            self.assertEqual(raised.exception.code, 2)
        with redirect_stderr(io.StringIO()) as err, self.assertRaises(SystemExit):
            with mock.patch.dict(os.environ, {"AWS_REGION": "us-west-2"}, clear=True):
                smoke.parse_args(["--role-arn", ROLE, "--model-id", PROFILE])
        self.assertIn("--region (or AWS_REGION) must be ap-northeast-1 or ap-northeast-3", err.getvalue())

    def test_every_message_has_both_languages_with_the_same_placeholders_and_identifiers(self):
        self.assertEqual(sorted(smoke.MESSAGES), ["en", "ja"])
        en, ja = smoke.MESSAGES["en"], smoke.MESSAGES["ja"]
        self.assertEqual(sorted(ja), sorted(en), "a key in one language only")
        placeholders = re.compile(r"%\((\w+)\)s")
        # Config keys, AWS actions, flags, stack outputs and env vars stay verbatim in Japanese.
        verbatim = re.compile(r"bedrock-lz:[\w.<>]+|\w+:[A-Z]\w+|--[a-z-]+|\b[a-z]+[A-Z]\w*|\b[A-Z]+_[A-Z_]+\b|AssumeRole|Converse")
        for key in en:
            self.assertEqual(sorted(placeholders.findall(ja[key])), sorted(placeholders.findall(en[key])), key)
            self.assertRegex(ja[key], r"[\u3040-\u30ff\u4e00-\u9fff]", key)
            for identifier in verbatim.findall(en[key]):
                self.assertIn(identifier, ja[key], key)

    def test_lang_ja_explains_a_denied_assume_role_in_japanese(self):
        def sts(stubber):
            stubber.add_client_error("assume_role", "AccessDenied", "not authorized to perform sts:AssumeRole", 403)

        code, _, err, _ = self.run_smoke(["--lang", "ja", "--role-arn", ROLE, "--model-id", PROFILE], sts)
        self.assertEqual(code, 2)
        self.assertIn("bedrock-lz smoke: AssumeRole に失敗しました: ", err)
        self.assertIn("対処: AssumeRole が拒否されました。", err)
        self.assertIn("bedrock-lz:municipalities.<name>", err)
        self.assertIn(ROLE + " への sts:AssumeRole", err)

    def test_a_ja_locale_explains_missing_model_access_in_japanese_and_lang_en_overrides_it(self):
        def sts(stubber):
            stubber.add_response("assume_role", {"Credentials": CREDENTIALS})

        def bedrock(stubber):
            stubber.add_client_error(
                "converse", "AccessDeniedException", "You don't have access to the model with the specified model ID.", 403
            )

        argv = ["--role-arn", ROLE, "--model-id", PROFILE]
        code, _, err, _ = self.run_smoke(argv, sts, bedrock, env={"LANG": "ja_JP.UTF-8"})
        self.assertEqual(code, 3)
        self.assertIn("対処: 事業者アカウントに %s のモデルアクセスがありません。" % PROFILE, err)
        _, _, err, _ = self.run_smoke(["--lang", "en", *argv], sts, bedrock, env={"LC_ALL": "ja_JP.UTF-8"})
        self.assertIn("model access is not granted in the operator account", err)

    def test_the_language_follows_lc_all_then_lc_messages_then_lang(self):
        cases = [({}, "en"), ({"LANG": "ja_JP.UTF-8"}, "ja"), ({"LANG": "ja"}, "ja"), ({"LANG": "C.UTF-8"}, "en"),
                 ({"LANG": "ja_JP.UTF-8", "LC_MESSAGES": "en_US.UTF-8"}, "en"),
                 ({"LC_ALL": "ja_JP.eucJP", "LC_MESSAGES": "en_US.UTF-8"}, "ja"), ({"LANG": "jam_JM"}, "en")]
        for env, lang in cases:
            with mock.patch.dict(os.environ, env, clear=True):
                self.assertEqual(smoke.parse_args(["--role-arn", ROLE, "--model-id", PROFILE]).lang, lang, env)
        with redirect_stderr(io.StringIO()), self.assertRaises(SystemExit):
            smoke.parse_args(["--role-arn", ROLE, "--model-id", PROFILE, "--lang", "jp"])

    def test_help_and_argument_errors_follow_the_language(self):
        with redirect_stdout(io.StringIO()) as out, self.assertRaises(SystemExit) as raised:
            with mock.patch.dict(os.environ, {"LANG": "ja_JP.UTF-8"}, clear=True):
                smoke.parse_args(["--help"])
        self.assertEqual(raised.exception.code, 0)
        text = out.getvalue()
        self.assertTrue(text.startswith("使い方: "), text)
        self.assertIn("オプション:", text)
        self.assertIn("この説明を表示して終了します", text)
        # Every help text of an option is Japanese, its identifiers verbatim.
        self.assertIn("スタックの出力 operatorRoleArn", text)
        self.assertNotRegex(text, r"\bthe\b|usage:|options:|show this help")
        for argv, said in [(["--bogus"], "使えない引数です: --bogus"), (["--role-arn"], "引数 --role-arn: 値が必要です"),
                           (["--lang", "ja", "--model-id", PROFILE], "--role-arn が必要です")]:
            with redirect_stderr(io.StringIO()) as err, self.assertRaises(SystemExit):
                with mock.patch.dict(os.environ, {"LANG": "ja_JP.UTF-8"}, clear=True):
                    smoke.parse_args(argv)
            self.assertIn(": エラー: " + said, err.getvalue())
        with redirect_stdout(io.StringIO()) as out, self.assertRaises(SystemExit):
            with mock.patch.dict(os.environ, {"LANG": "ja_JP.UTF-8"}, clear=True):
                smoke.parse_args(["--lang", "en", "--help"])
        self.assertTrue(out.getvalue().startswith("usage: "), out.getvalue())
        self.assertIn("show this help and exit", out.getvalue())

    def test_both_languages_have_every_help_and_argument_text(self):
        en, ja = smoke.ARGS["en"], smoke.ARGS["ja"]
        self.assertEqual(sorted(set(en) - set(ja)), [])
        for key in en:
            self.assertRegex(ja[key], r"[\u3040-\u30ff\u4e00-\u9fff]", key)
            for flag in re.findall(r"--[a-z-]+|\b[A-Z]+_[A-Z_]+\b|\b[a-z]+[A-Z]\w*", en[key]):
                self.assertIn(flag, ja[key], key)


if __name__ == "__main__":
    unittest.main()
