"""IAC320 cognito-mfa."""
from __future__ import annotations

import ast
import re

from iacfix.codemods import _provider
from iacfix.codemods._siblings import insert_after
from iacfix.fixes import Applicability
from iacfix.rules import Example, Rule

_POOL = ("cognitoUserPool", "CognitoUserPool")
_STRUCT = "cognitoUserPool.CognitoUserPoolSoftwareTokenMfaConfiguration"
_CDKTF_TRIGGER = re.compile(r"mfa_configuration|mfaConfiguration")
_NEEDS_FACTOR = ("OPTIONAL", "ON")


class CognitoMfa(Rule):
    """A Cognito user pool with MFA `OPTIONAL` or `ON` and no second factor configured.

    AWS refuses such a pool at deployment: "Invalid MFA configuration given, can't disable all
    MFAs with a required or optional configuration" (seed 002 #5). A factor is configured by an
    SMS configuration or a software-token (TOTP) configuration.

    Checked: CDKTF `CognitoUserPool` (Python `mfa_configuration="OPTIONAL"|"ON"`, TypeScript
    `mfaConfiguration: 'OPTIONAL'|'ON'`) with neither `sms_configuration` nor
    `software_token_mfa_configuration` (`smsConfiguration` / `softwareTokenMfaConfiguration`);
    CloudFormation `AWS::Cognito::UserPool` with `MfaConfiguration: OPTIONAL|ON` and neither
    `EnabledMfas` nor `SmsConfiguration`.

    Policy (option `mode`):
    - `software-token` (default): keep the MFA setting the author chose and enable TOTP, the factor
      that needs no SNS set-up: `software_token_mfa_configuration=CognitoUserPoolSoftwareTokenMfaConfiguration(enabled=True)`
      (the struct imported like every other provider class; its shape — a single struct — read
      from the provider index of the target), `softwareTokenMfaConfiguration: { enabled: true }`,
      CloudFormation `EnabledMfas: [SOFTWARE_TOKEN_MFA]`. Safe: the deployment could not succeed
      before and the pool keeps the MFA its author asked for.
    - `off`: what the seed did, `mfa_configuration` → `"OFF"`. Unsafe: it removes MFA from the pool.

    Left alone: an MFA setting that is not a string literal (a variable, a parameter `Ref`),
    `OFF`, a call or object with `**kwargs` / a spread (the factor may be in there), and pools that
    configure SMS or TOTP in any form (even a variable or `enabled=False`: that is a decision).
    """

    id = "IAC320"
    slug = "cognito-mfa"
    summary = "Cognito user pool with MFA OPTIONAL/ON and no SMS or TOTP factor: TOTP enabled (or MFA set OFF)"
    rationale = "seed 002 #5 (mfaConfiguration 'OPTIONAL' without SMS configuration; the seed set it 'OFF')"
    seeds = ("002#5",)
    languages = ("python", "typescript", "cloudformation")
    options = {"mode": "software-token"}
    option_choices = {"mode": ("software-token", "off")}
    examples = (
        Example("typescript", """\
import { CognitoUserPool } from '@cdktf/provider-aws/lib/cognito-user-pool';

new CognitoUserPool(this, 'pool', {
  name: 'students',
  mfaConfiguration: 'OPTIONAL', // students choose
});
""", """\
import { CognitoUserPool } from '@cdktf/provider-aws/lib/cognito-user-pool';

new CognitoUserPool(this, 'pool', {
  name: 'students',
  mfaConfiguration: 'OPTIONAL', // students choose
  softwareTokenMfaConfiguration: { enabled: true },
});
"""),
        Example("python", """\
from cdktf_cdktf_provider_aws.cognito_user_pool import CognitoUserPool

CognitoUserPool(self, "pool", name="users", mfa_configuration="ON")
""", """\
from cdktf_cdktf_provider_aws.cognito_user_pool import CognitoUserPool, CognitoUserPoolSoftwareTokenMfaConfiguration

CognitoUserPool(self, "pool", name="users", mfa_configuration="ON", software_token_mfa_configuration=CognitoUserPoolSoftwareTokenMfaConfiguration(enabled=True))
"""),
        Example("python", """\
from cdktf_cdktf_provider_aws.cognito_user_pool import CognitoUserPool

CognitoUserPool(self, "pool", name="users", mfa_configuration='OPTIONAL')
""", """\
from cdktf_cdktf_provider_aws.cognito_user_pool import CognitoUserPool

CognitoUserPool(self, "pool", name="users", mfa_configuration='OFF')
""", options={"rules": {"cognito-mfa": {"mode": "off"}}}),
        Example("cloudformation", """\
Resources:
  UserPool:
    Type: AWS::Cognito::UserPool
    Properties:
      UserPoolName: users
      MfaConfiguration: OPTIONAL
""", """\
Resources:
  UserPool:
    Type: AWS::Cognito::UserPool
    Properties:
      UserPoolName: users
      MfaConfiguration: OPTIONAL
      EnabledMfas:
        - SOFTWARE_TOKEN_MFA
"""),
        # valid: SMS configured, MFA off, a factor list already there
        Example("typescript", """\
import { CognitoUserPool } from '@cdktf/provider-aws/lib/cognito-user-pool';

new CognitoUserPool(this, 'a', { mfaConfiguration: 'ON', smsConfiguration: { externalId: 'x', snsCallerArn: role.arn } });
new CognitoUserPool(this, 'b', { mfaConfiguration: 'OFF' });
"""),
        Example("cloudformation", """\
Resources:
  UserPool:
    Type: AWS::Cognito::UserPool
    Properties: {MfaConfiguration: 'ON', EnabledMfas: [SOFTWARE_TOKEN_MFA]}
"""),
    )

    def triggered(self, text: str, ctx, language: str) -> bool:
        if language == "cloudformation":
            return "MfaConfiguration" in text and "AWS::Cognito::UserPool" in text
        return any(t in text for t in _provider.TRIGGERS) and bool(_CDKTF_TRIGGER.search(text))

    def _message(self, value: str, mode: str) -> str:
        head = f"MFA `{value}` with no SMS or software-token (TOTP) factor: AWS rejects the user pool"
        if mode == "off":
            return f"{head}; unsafe fix: MFA set to `OFF`"
        return f"{head}; the software-token (TOTP) factor is enabled"

    def _applicability(self, mode: str) -> Applicability:
        return Applicability.UNSAFE if mode == "off" else Applicability.SAFE

    # -- Python ------------------------------------------------------------------------------
    def check_python(self, doc, ctx):
        index = ctx.provider
        mode = ctx.option(self, "mode")
        for call in doc.calls:
            if _provider.python_resolve(index, doc, call.func) != _POOL:
                continue
            if any(k.arg is None for k in call.keywords):
                continue  # **kwargs may carry the factor
            args = {k.arg: k for k in call.keywords}
            mfa = args.get("mfa_configuration")
            if mfa is None or not (isinstance(mfa.value, ast.Constant) and mfa.value.value in _NEEDS_FACTOR):
                continue
            if "sms_configuration" in args or "software_token_mfa_configuration" in args:
                continue
            start, end = doc.span(mfa.value)
            literal = doc.text[start:end]
            if len(literal) < 2 or literal[0] not in "'\"" or literal[1:-1] != mfa.value.value:
                continue
            if mode == "off":
                edits = [doc.source.edit(start + 1, end - 1, "OFF")]
            else:
                prop = index.prop(index.params_struct(*_POOL), "softwareTokenMfaConfiguration")
                module = index.python_module(_POOL[0])
                name, import_edits = doc.reference(module, _STRUCT.split(".")[1])
                value = f"{name}(enabled=True)"
                if prop is not None and prop.kind == "list_struct":
                    value = f"[{value}]"
                kw_start, kw_end = doc.span(mfa)
                edits = import_edits + insert_after(doc.source, "python", kw_start, kw_end,
                                                    f"software_token_mfa_configuration={value}")
            yield doc.source.finding(self, start, end, self._message(mfa.value.value, mode), edits,
                                     self._applicability(mode))

    # -- TypeScript --------------------------------------------------------------------------
    def check_typescript(self, doc, ctx):
        index = ctx.provider
        mode = ctx.option(self, "mode")
        for new in doc.root.find_all(kind="new_expression"):
            ctor, args = new.field("constructor"), new.field("arguments")
            if ctor is None or args is None or _provider.ts_type(index, doc.imports.resolve(ctor)) != _POOL:
                continue
            objects = [a for a in args.children() if a.kind() == "object"]
            if not objects:
                continue
            obj = objects[-1]
            if any(c.kind() == "spread_element" for c in obj.children()):
                continue
            pairs = {}
            for pair in obj.children():
                key = pair.field("key") if pair.kind() == "pair" else None
                if key is not None:
                    pairs[key.text().strip("'\"")] = pair
                elif pair.kind() == "shorthand_property_identifier":
                    pairs[pair.text()] = pair
            mfa = pairs.get("mfaConfiguration")
            if mfa is None or "smsConfiguration" in pairs or "softwareTokenMfaConfiguration" in pairs:
                continue
            value = mfa.field("value")
            if value is None or value.kind() not in ("string", "template_string"):
                continue
            literal = value.text()[1:-1]
            if literal not in _NEEDS_FACTOR:
                continue
            start, end = doc.span(value)
            if mode == "off":
                edits = [doc.source.edit(start + 1, end - 1, "OFF")]
            else:
                prop = index.prop(index.params_struct(*_POOL), "softwareTokenMfaConfiguration")
                member = "{ enabled: true }"
                if prop is not None and prop.kind == "list_struct":
                    member = f"[{member}]"
                pair_start, pair_end = doc.span(mfa)
                edits = insert_after(doc.source, "typescript", pair_start, pair_end,
                                     f"softwareTokenMfaConfiguration: {member}")
            yield doc.source.finding(self, start, end, self._message(literal, mode), edits,
                                     self._applicability(mode))

    # -- CloudFormation ----------------------------------------------------------------------
    def check_cloudformation(self, doc, ctx):
        mode = ctx.option(self, "mode")
        for name, resource in doc.resources.items():
            if not isinstance(resource, dict) or resource.get("Type") != "AWS::Cognito::UserPool":
                continue
            props = resource.get("Properties")
            if not isinstance(props, dict):
                continue
            value = props.get("MfaConfiguration")
            if not isinstance(value, str) or getattr(value, "tag", None) is not None and \
                    getattr(value.tag, "value", None) or value not in _NEEDS_FACTOR:
                continue
            if "EnabledMfas" in props or "SmsConfiguration" in props:
                continue
            path = ("Resources", name, "Properties")
            span = doc.span(path + ("MfaConfiguration",))
            if span is None:
                continue
            start, end = span
            if mode == "off":
                raw = doc.text[start:end]
                quote = raw[0] if raw[:1] in ("'", '"') else ("'" if not doc.is_json else '"')
                edit = doc.replace_value(path + ("MfaConfiguration",), raw=f"{quote}OFF{quote}")
            else:
                edit = doc.insert_entry(path, "EnabledMfas", ["SOFTWARE_TOKEN_MFA"], after="MfaConfiguration")
            if edit is None:
                continue
            yield doc.source.finding(self, start, end, self._message(value, mode), [edit],
                                     self._applicability(mode))
