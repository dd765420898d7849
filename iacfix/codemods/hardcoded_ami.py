"""IAC508 hardcoded-ami."""
from __future__ import annotations

import re

from iacfix.rules import Example, Rule

_AMI = re.compile(r"(?<![\w-])ami-(?:[0-9a-f]{17}|[0-9a-f]{8})(?![\w-])")
_LATEST = "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64"


class HardcodedAmi(Rule):
    """A literal AMI id (`ami-0c802847a7dd848c0`) in the infrastructure code.

    An AMI id exists in one region only, and images are deprecated and replaced: a hard-coded id
    breaks the stack in any other region and pins an image that stops receiving patches. Seed
    003 #24 (an old AMI with no context; the correction documented it and aligned it with the
    region). Look the image up when the stack is deployed instead: CDKTF a `DataAwsAmi`
    (`most_recent`, `owners`, a `name` filter) or a `DataAwsSsmParameter` of a public parameter
    such as `/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64`;
    CloudFormation a parameter of type `AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>` with
    that path as `Default`, referenced with `!Ref`.

    Every string literal holding an AMI id is reported (a property value, a `config.get("ami",
    "ami-…")` default, a `Mappings` entry), not text in comments. Diagnostic only: which image
    family (Amazon Linux, Ubuntu, a golden image of the organisation) the id stood for cannot be
    read from the id, so no lookup is written automatically.
    """

    id = "IAC508"
    slug = "hardcoded-ami"
    summary = "Hard-coded AMI id: look the image up (DataAwsAmi / SSM public parameter)"
    rationale = "seed 003 #24 (old AMI id with no context)"
    seeds = ("003#24",)
    languages = ("python", "typescript", "cloudformation")
    triggers = ("ami-",)
    examples = (
        Example("python", """\
from cdktf_cdktf_provider_aws.launch_template import LaunchTemplate

LaunchTemplate(self, "lt", image_id=config.get("ami_id", "ami-0c802847a7dd848c0"), instance_type="t3.micro")
""", reported=True),
        Example("typescript", """\
import { Instance } from '@cdktf/provider-aws/lib/instance';

new Instance(this, 'web', { ami: 'ami-0abcdef1234567890', instanceType: 't3.micro' });
""", reported=True),
        Example("cloudformation", """\
Resources:
  Web:
    Type: AWS::EC2::Instance
    Properties:
      ImageId: ami-0abcdef1234567890
""", reported=True),
        Example("cloudformation", f"""\
Parameters:
  LatestAmiId:
    Type: AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>
    Default: {_LATEST}
Resources:
  Web:
    Type: AWS::EC2::Instance
    Properties:
      ImageId: !Ref LatestAmiId  # was ami-0abcdef1234567890
"""),
        Example("python", """\
from cdktf_cdktf_provider_aws.data_aws_ami import DataAwsAmi

ami = DataAwsAmi(self, "al2023", most_recent=True, owners=["amazon"],
                 filter=[{"name": "name", "values": ["al2023-ami-*-x86_64"]}])
"""),
    )

    def check(self, doc, ctx):
        text = doc.text
        comment = "#" if doc.language in ("python", "cloudformation") else "//"
        for m in _AMI.finditer(text):
            line_start = text.rfind("\n", 0, m.start()) + 1
            before = text[line_start:m.start()]
            if comment in before:
                # a comment before the id on its line (a `#` inside a string is rare in these lines)
                continue
            if doc.language == "typescript" and before.lstrip().startswith(("*", "/*")):
                continue
            if doc.language == "cloudformation":
                how = (f"a parameter `Type: AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>` with "
                       f"`Default: {_LATEST}` (or the image family's own public parameter) and `!Ref` it")
            else:
                how = (f"a `DataAwsAmi` lookup (most_recent, owners, name filter) or a `DataAwsSsmParameter` "
                       f"of `{_LATEST}`")
            yield doc.source.finding(
                self, m.start(), m.end(),
                f"hard-coded AMI id `{m.group(0)}`: it exists in one region only and pins an image that "
                f"stops being patched; look it up at deploy time with {how}")
