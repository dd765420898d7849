"""IAC504 overbroad-managed-policy."""
from __future__ import annotations

import re

from iacfix.rules import Example, Rule

_POLICIES = ("AdministratorAccess", "PowerUserAccess", "IAMFullAccess")
_ARN = re.compile(r"iam::aws:policy/(" + "|".join(_POLICIES) + r")(?![\w-])")
_WHAT = {
    "AdministratorAccess": "every action on every resource",
    "PowerUserAccess": "every action on every resource except IAM and Organizations management",
    "IAMFullAccess": "full control of IAM, so it can grant itself anything",
}


class OverbroadManagedPolicy(Rule):
    """An AWS managed policy that grants (nearly) everything, attached by the infrastructure code.

    `arn:aws:iam::aws:policy/AdministratorAccess`, `…/PowerUserAccess` and `…/IAMFullAccess`
    (any partition form: `arn:aws:`, `arn:${AWS::Partition}:`, `arn:${partition}:`) in a role's
    `managedPolicyArns` / `managed_policy_arns`, an `IamRolePolicyAttachment` `policy_arn`, a
    CloudFormation `ManagedPolicyArns` / `PolicyArn`, or anywhere else in a string of the code.
    Seed 002 #9: a CI/CD role with `PowerUserAccess`; the correction is a policy with only the
    actions the pipeline needs. Such a role, if its credentials or the pipeline are compromised,
    can change anything in the account — least privilege (IAM best practices) asks for a
    customer-managed or inline policy scoped to the services and resources the stack deploys.

    Diagnostic only: which permissions the role needs is a judgement the code does not contain.
    Narrower AWS managed policies (`ReadOnlyAccess`, `AmazonS3ReadOnlyAccess`,
    `service-role/AWSLambdaBasicExecutionRole` …) and text in comments are left alone.
    """

    id = "IAC504"
    slug = "overbroad-managed-policy"
    summary = "AdministratorAccess / PowerUserAccess / IAMFullAccess attached: grant only what the role needs"
    rationale = "seed 002 #9 (PowerUserAccess on the CI/CD role)"
    seeds = ("002#9",)
    languages = ("python", "typescript", "cloudformation")
    triggers = tuple(f"policy/{p}" for p in _POLICIES)
    examples = (
        Example("typescript", """\
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';

new IamRole(this, 'cicd-role', {
  name: 'cicd',
  assumeRolePolicy: trust,
  managedPolicyArns: ['arn:aws:iam::aws:policy/PowerUserAccess'],
});
""", reported=True),
        Example("python", """\
from cdktf_cdktf_provider_aws.iam_role_policy_attachment import IamRolePolicyAttachment

IamRolePolicyAttachment(self, "admin", role=role.name,
                        policy_arn="arn:aws:iam::aws:policy/AdministratorAccess")
""", reported=True),
        Example("cloudformation", """\
Resources:
  DeployRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: {}
      ManagedPolicyArns:
        - !Sub arn:${AWS::Partition}:iam::aws:policy/AdministratorAccess
""", reported=True),
        # valid: a narrow managed policy; a mention in a comment
        Example("cloudformation", """\
Resources:
  LambdaRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: {}
      # not arn:aws:iam::aws:policy/AdministratorAccess
      ManagedPolicyArns:
        - arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole
"""),
        Example("typescript", """\
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';

new IamRolePolicyAttachment(this, 'ro', { role: role.name, policyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' });
"""),
    )

    def check(self, doc, ctx):
        text = doc.text
        comment = "#" if doc.language in ("python", "cloudformation") else "//"
        for m in _ARN.finditer(text):
            line_start = text.rfind("\n", 0, m.start()) + 1
            before = text[line_start:m.start()]
            if comment in before and before.lstrip().startswith(comment):
                continue
            if doc.language == "typescript" and before.lstrip().startswith(("*", "/*")):
                continue
            name = m.group(1)
            start = max(text.rfind("arn", line_start, m.start()), line_start)
            yield doc.source.finding(
                self, start, m.end(),
                f"AWS managed policy `{name}` grants {_WHAT[name]}; attach a policy limited to the actions "
                f"and resources this role needs (least privilege) instead (seed 002 #9)")
