"""IAC510 unattached-instance-role."""
from __future__ import annotations

import re

from iacfix.cfn_transforms import _template
from iacfix.codemods import _checks
from iacfix.codemods import _resource_args as ra
from iacfix.rules import Example, Rule

_EC2 = re.compile(r"ec2\.amazonaws\.com|ec2\.\$\{AWS::URLSuffix\}")
_ROLE = {("iamRole", "IamRole"): "role"}
_PROFILE = {("iamInstanceProfile", "IamInstanceProfile"): "profile"}


class UnattachedInstanceRole(Rule):
    """An IAM role that EC2 may assume, with no instance profile carrying it.

    An instance cannot use a role directly: the role goes into an instance profile
    (`IamInstanceProfile` / `AWS::IAM::InstanceProfile`), and the profile is set on the instance
    or launch template (`iam_instance_profile`, `IamInstanceProfile`). Seed 003 #6: the stack
    created an EC2 role and never used it; the correction created
    `IamInstanceProfile(role=ec2_role.name)` and set it in the launch template (and attached the
    SSM and CloudWatch agent policies). Without it the instances run with no credentials: no
    Systems Manager access, no CloudWatch agent, and whatever the role grants is dead code.

    Reported: a CDKTF `IamRole` whose call mentions `ec2.amazonaws.com` (the trust policy written
    inline, as JSON text, a dict or `jsonencode`), or a CloudFormation `AWS::IAM::Role` trusting
    `ec2.amazonaws.com` / `ec2.${AWS::URLSuffix}`, when no instance profile refers to it: in
    CDKTF no `IamInstanceProfile` of the file names the role's variable or name (and, when the
    file has no profile at all, no other file of the project creates one); in CloudFormation no
    `AWS::IAM::InstanceProfile` `Roles` entry refers to it (`!Ref`, `Ref:`, a name in `!Sub`).

    A role another resource refers to (an EKS node group's `NodeRole`, its ARN handed on with
    `.arn` / `!GetAtt X.Arn`) or exported from the stack (`Outputs` with `Export`) is in use and
    not reported.

    Diagnostic only: which instances or launch templates the profile belongs on, and which
    policies the role needs, are design decisions. A trust policy built elsewhere (a variable, a
    `DataAwsIamPolicyDocument`) is not followed, so such a role is not reported.
    """

    id = "IAC510"
    slug = "unattached-instance-role"
    summary = "EC2 role never put in an instance profile: instances cannot use it"
    rationale = "seed 003 #6 (an EC2 role created but never attached: no instance profile)"
    seeds = ("003#6",)
    languages = ("python", "typescript", "cloudformation")
    triggers = ("ec2.amazonaws.com", "ec2.${AWS::URLSuffix}")
    examples = (
        Example("python", """\
import json
from cdktf_cdktf_provider_aws.iam_role import IamRole

ec2_role = IamRole(self, "ec2_role", name="web-ec2",
    assume_role_policy=json.dumps({"Version": "2012-10-17", "Statement": [{
        "Effect": "Allow", "Action": "sts:AssumeRole", "Principal": {"Service": "ec2.amazonaws.com"}}]}))
""", reported=True),
        Example("typescript", """\
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';

const role = new IamRole(this, 'ec2-role', {
  assumeRolePolicy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { Service: 'ec2.amazonaws.com' } }] }),
});
""", reported=True),
        Example("cloudformation", """\
Resources:
  Ec2Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Statement:
          - Effect: Allow
            Principal: {Service: ec2.amazonaws.com}
            Action: sts:AssumeRole
""", reported=True),
        Example("cloudformation", """\
Resources:
  Ec2Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Statement:
          - Effect: Allow
            Principal: {Service: !Sub 'ec2.${AWS::URLSuffix}'}
            Action: sts:AssumeRole
  Profile:
    Type: AWS::IAM::InstanceProfile
    Properties:
      Roles: [!Ref Ec2Role]
"""),
        Example("python", """\
from cdktf_cdktf_provider_aws.iam_role import IamRole
from cdktf_cdktf_provider_aws.iam_instance_profile import IamInstanceProfile

ec2_role = IamRole(self, "ec2_role", assume_role_policy='{"Principal": {"Service": "ec2.amazonaws.com"}}')
IamInstanceProfile(self, "profile", role=ec2_role.name)
"""),
    )

    def _message(self, name):
        return (f"IAM role `{name}` trusts ec2.amazonaws.com but no instance profile carries it, so no instance "
                "can use it: create an instance profile with this role and set it as the instance's or launch "
                "template's `iam_instance_profile` (or delete the role)")

    def _cdktf(self, doc, ctx, roles, profiles, suffixes):
        texts = [doc.text[slice(*doc.span(p.container if doc.language == "typescript" else p.node))]
                 for p in profiles]
        if not profiles:
            others = [t for path, t in _checks.project_files(ctx, *suffixes)
                      if "IamInstanceProfile" in t and str(path) != str(doc.source.path)]
            if others:
                return
        for c, span, label in roles:
            keys = set()
            if c.variable:
                keys.add(c.variable.split(".")[-1])
            name_node = c.args.get("name")
            name = ra.py_str(name_node) if doc.language == "python" else ra.ts_literal(name_node)
            if isinstance(name, str):
                keys.add(name)
            if keys and any(re.search(r"(?<![\w$])" + re.escape(k) + r"(?![\w$])", t) for k in keys for t in texts):
                continue
            if not keys and texts:
                continue  # cannot tell which role a profile names
            var = c.variable.split(".")[-1] if c.variable else None
            if var and re.search(r"(?<![\w$])" + re.escape(var) + r"\.arn\b", doc.text):
                continue  # its ARN is handed to something (an EKS node group, a pass-role policy): used
            yield doc.source.finding(self, span[0], span[1], self._message(label))

    def check_python(self, doc, ctx):
        roles = []
        for c in ra.py_constructs(doc, ctx.provider, _ROLE):
            s, e = doc.span(c.node)
            if _EC2.search(doc.text[s:e]):
                fs, fe = doc.span(c.node.func)
                roles.append((c, (fs, fe), c.construct_id or c.variable or "?"))
        if roles:
            yield from self._cdktf(doc, ctx, roles, ra.py_constructs(doc, ctx.provider, _PROFILE), (".py",))

    def check_typescript(self, doc, ctx):
        roles = []
        for c in ra.ts_constructs(doc, ctx.provider, _ROLE):
            s, e = doc.span(c.node)
            if _EC2.search(doc.text[s:e]):
                ctor = c.node.field("constructor")
                roles.append((c, doc.span(ctor), c.construct_id or c.variable or "?"))
        if roles:
            yield from self._cdktf(doc, ctx, roles, ra.ts_constructs(doc, ctx.provider, _PROFILE), (".ts",))

    def check_cloudformation(self, doc, ctx):
        attached = set()
        for name, res in doc.resources.items():
            if isinstance(res, dict) and res.get("Type") == "AWS::IAM::InstanceProfile":
                attached |= _template.refs(doc.node(("Resources", name, "Properties", "Roles")))
                roles = doc.node(("Resources", name, "Properties", "Roles"))
                for string, sub, _ in _template.strings(roles):
                    attached.add(string.value)
        for name, res in doc.resources.items():
            kind = res.get("Type") if isinstance(res, dict) else None
            if kind in ("AWS::IAM::InstanceProfile",) or str(kind).startswith(("AWS::IAM::", "Custom::")) and \
                    kind not in ("AWS::IAM::Role",):
                continue
            # a role another resource refers to (an EKS node group's NodeRole, a GetAtt Arn handed on)
            used = _template.refs(doc.node(("Resources", name)))
            used_arn = {n for n in used if re.search(re.escape(n) + r"\.Arn|\[\s*['\"]?" + re.escape(n) + r"['\"]?\s*,\s*['\"]?Arn",
                                                   doc.text[slice(*doc.span(("Resources", name)))])}
            attached |= (used - {name}) if kind != "AWS::IAM::Role" else used_arn - {name}
        outputs = doc.data.get("Outputs") if isinstance(doc.data.get("Outputs"), dict) else {}
        for out, body in outputs.items():
            if isinstance(body, dict) and "Export" in body:  # exported for another stack to use
                attached |= _template.refs(doc.node(("Outputs", out, "Value")))
        for name, res in doc.resources.items():
            if not isinstance(res, dict) or res.get("Type") != "AWS::IAM::Role" or name in attached:
                continue
            trust = doc.span(("Resources", name, "Properties", "AssumeRolePolicyDocument"))
            if trust is None or not _EC2.search(doc.text[trust[0]:trust[1]]):
                continue
            role_name = doc.get(("Resources", name, "Properties")).get("RoleName")
            if isinstance(role_name, str) and role_name in attached:
                continue
            key = doc.key_offset(("Resources", name))
            yield doc.source.finding(self, key, key + len(name), self._message(name))
