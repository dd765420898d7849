"""IAC115 scalar-type: version awareness, import forms, refusals, CRLF, idempotence."""
import pytest

from iacfix.codemods.scalar_type import Lit, judge
from iacfix.config import Config, Target
from iacfix.engine import Context, process
from iacfix.rules import lookup

RULE = lookup("IAC115")


def run(path, text, provider=None):
    ctx = Context(Target(provider=provider), Config())
    result = process(path, text.encode(), [RULE], ctx, fix=True, unsafe=False)
    assert result.error is None and result.internal_error is None, (result.error, result.internal_error)
    return result


def fixed(path, text, provider=None):
    result = run(path, text, provider)
    out = (result.fixed or text.encode()).decode()
    again = run(path, out, provider)
    assert not again.changed, "a second run must change nothing"
    return out


def left(path, text, provider=None):
    """Messages of the findings that stay (diagnostics), after fixing."""
    return [f.message for f in run(path, text, provider).findings]


PY_CACHE = """\
from cdktf_cdktf_provider_aws.elasticache_replication_group import ElasticacheReplicationGroup

ElasticacheReplicationGroup(self, "redis", replication_group_id="c", description="c", at_rest_encryption_enabled=True)
"""

TS_CACHE = """\
import { ElasticacheReplicationGroup } from '@cdktf/provider-aws/lib/elasticache-replication-group';

new ElasticacheReplicationGroup(this, 'redis', { replicationGroupId: 'c', description: 'c', atRestEncryptionEnabled: true });
"""


# -- version awareness ---------------------------------------------------------------------------

@pytest.mark.parametrize("version", ["19.20.0", "19.47.0"])
def test_boolean_kept_before_19_48(version):
    assert not run("lib/stack.py", PY_CACHE, version).changed
    assert not run("lib/stack.ts", TS_CACHE, version).changed


@pytest.mark.parametrize("version", ["19.48.0", "20.0.0", "21.22.1", None])
def test_boolean_to_string_from_19_48(version):
    assert 'at_rest_encryption_enabled="true")' in fixed("lib/stack.py", PY_CACHE, version)
    assert "atRestEncryptionEnabled: 'true' }" in fixed("lib/stack.ts", TS_CACHE, version)


LIFECYCLE = """\
from cdktf_cdktf_provider_aws.s3_bucket_lifecycle_configuration import S3BucketLifecycleConfigurationRuleFilter

S3BucketLifecycleConfigurationRuleFilter(object_size_greater_than={value})
"""


def test_the_same_property_is_fixed_in_opposite_directions_by_version():
    # objectSizeGreaterThan: a string until 19.52.0, a number from then on
    as_string = LIFECYCLE.format(value='"1024"')
    as_number = LIFECYCLE.format(value="1024")
    assert fixed("lib/stack.py", as_string, "21.22.1") == as_number
    assert not run("lib/stack.py", as_string, "19.51.0").changed
    assert fixed("lib/stack.py", as_number, "19.51.0") == as_string
    assert not run("lib/stack.py", as_number, "21.22.1").changed


# -- import forms --------------------------------------------------------------------------------

@pytest.mark.parametrize("imports,call", [
    ("from cdktf_cdktf_provider_aws.lb_target_group import LbTargetGroup as TG", "TG"),
    ("from cdktf_cdktf_provider_aws import lb_target_group", "lb_target_group.LbTargetGroup"),
    ("import cdktf_cdktf_provider_aws.lb_target_group as tg", "tg.LbTargetGroup"),
    ("import cdktf_cdktf_provider_aws.lb_target_group", "cdktf_cdktf_provider_aws.lb_target_group.LbTargetGroup"),
    ("from cdktf_cdktf_provider_aws.lb_target_group import *", "LbTargetGroup"),
    ("from cdktf_cdktf_provider_aws.lb_target_group import (\n    # the target group\n    LbTargetGroup,\n)",
     "LbTargetGroup"),
])
def test_python_import_forms(imports, call):
    text = f"{imports}\n\n{call}(self, 'tg', port='80', deregistration_delay=30)\n"
    assert fixed("lib/stack.py", text) == f"{imports}\n\n{call}(self, 'tg', port=80, deregistration_delay='30')\n"


@pytest.mark.parametrize("imports,ctor", [
    ("import { LbTargetGroup as TG } from '@cdktf/provider-aws/lib/lb-target-group';", "TG"),
    ("import * as aws from '@cdktf/provider-aws';", "aws.lbTargetGroup.LbTargetGroup"),
    ("import * as tg from '@cdktf/provider-aws/lib/lb-target-group';", "tg.LbTargetGroup"),
    ('import {\n  // target groups\n  LbTargetGroup,\n} from "@cdktf/provider-aws/lib/lb-target-group";', "LbTargetGroup"),
])
def test_typescript_import_forms(imports, ctor):
    quote = '"' if '"' in imports else "'"
    text = f"{imports}\n\nnew {ctor}(this, 'tg', {{ port: '80', deregistrationDelay: 30 }});\n"
    assert fixed("lib/stack.ts", text) == \
        f"{imports}\n\nnew {ctor}(this, 'tg', {{ port: 80, deregistrationDelay: {quote}30{quote} }});\n"


def test_unrelated_classes_are_not_touched():
    text = "from mylib import LbTargetGroup\n\nLbTargetGroup(port='80', deregistration_delay=30)\n"
    assert not run("lib/stack.py", "import cdktf\n" + text).changed
    ts = "import { LbTargetGroup } from './local';\nimport { App } from 'cdktf';\n\nnew LbTargetGroup(this, 'x', { port: '80' });\n"
    assert not run("lib/stack.ts", ts).changed


# -- nested blocks, lists and maps ---------------------------------------------------------------

def test_nested_dicts_struct_calls_lists_and_maps_python():
    text = """\
from cdktf_cdktf_provider_aws.security_group import SecurityGroup, SecurityGroupEgress
from cdktf_cdktf_provider_aws.route53_record import Route53Record

SecurityGroup(self, "sg", ingress=[{"from_port": "443", "to_port": "443", "protocol": "tcp"}],
              egress=[SecurityGroupEgress(from_port="0", to_port=0, protocol="-1")], tags={"Port": 443, "On": True})
Route53Record(self, "txt", zone_id=z, name="x", type="TXT", ttl="300", records=[42, "v=spf1"])
"""
    assert fixed("lib/stack.py", text) == """\
from cdktf_cdktf_provider_aws.security_group import SecurityGroup, SecurityGroupEgress
from cdktf_cdktf_provider_aws.route53_record import Route53Record

SecurityGroup(self, "sg", ingress=[{"from_port": 443, "to_port": 443, "protocol": "tcp"}],
              egress=[SecurityGroupEgress(from_port=0, to_port=0, protocol="-1")], tags={"Port": "443", "On": "true"})
Route53Record(self, "txt", zone_id=z, name="x", type="TXT", ttl=300, records=["42", "v=spf1"])
"""


def test_typed_struct_variable_typescript():
    text = """\
import { LbTargetGroupHealthCheck } from '@cdktf/provider-aws/lib/lb-target-group';

const hc: LbTargetGroupHealthCheck = { port: 8080, interval: '30', enabled: 'true' };
"""
    assert fixed("lib/stack.ts", text) == text.replace("port: 8080, interval: '30', enabled: 'true'",
                                                         "port: '8080', interval: 30, enabled: true")


def test_negative_numbers_and_template_strings_without_substitutions():
    text = """\
import { SecurityGroupRule } from '@cdktf/provider-aws/lib/security-group-rule';

new SecurityGroupRule(this, 'r', { type: 'egress', fromPort: `0`, toPort: '-1', protocol: '-1', securityGroupId: sg.id });
"""
    assert "fromPort: 0, toPort: -1, protocol: '-1'" in fixed("lib/stack.ts", text)
    py = """\
from cdktf_cdktf_provider_aws.lb_target_group import LbTargetGroup

LbTargetGroup(self, "tg", deregistration_delay=-1)
"""
    assert 'deregistration_delay="-1")' in fixed("lib/stack.py", py)


# -- refusals ------------------------------------------------------------------------------------

@pytest.mark.parametrize("value,why", [
    ('"0755"', "by hand"),
    ('"1e3"', "by hand"),
    ('" 80"', "by hand"),
    ('"eighty"', "not a number"),
    ("True", "not a number"),
    ('f"{port}"', "Token.as_number"),
    ("str(port)", "Token.as_number"),
])
def test_python_number_refusals(value, why):
    text = f"from cdktf_cdktf_provider_aws.lb_listener import LbListener\n\nLbListener(self, 'l', port={value})\n"
    messages = left("lib/stack.py", text)
    assert not run("lib/stack.py", text).changed
    assert len(messages) == 1 and why in messages[0], messages


@pytest.mark.parametrize("value", ["1_000", "1e3", "30.0", "0x1E"])
def test_numbers_not_written_plainly_are_reported_not_converted(value):
    text = f"from cdktf_cdktf_provider_aws.lb_target_group import LbTargetGroup\n\nLbTargetGroup(self, 't', deregistration_delay={value})\n"
    assert not run("lib/stack.py", text).changed
    assert left("lib/stack.py", text)


@pytest.mark.parametrize("value,why", [
    ("'yes'", "not a boolean"),
    ("1", "not a boolean"),
    ("`${flag}`", "not a boolean"),
])
def test_typescript_boolean_refusals(value, why):
    text = f"import {{ S3Bucket }} from '@cdktf/provider-aws/lib/s3-bucket';\n\nnew S3Bucket(this, 'b', {{ forceDestroy: {value} }});\n"
    assert not run("lib/stack.ts", text).changed
    messages = left("lib/stack.ts", text)
    assert len(messages) == 1 and why in messages[0]


def test_variables_and_calls_are_not_touched():
    text = """\
import { LbListener } from '@cdktf/provider-aws/lib/lb-listener';
import { LbTargetGroup } from '@cdktf/provider-aws/lib/lb-target-group';

new LbListener(this, 'l', { port: config.port, protocol: proto(), loadBalancerArn: lb.arn, defaultAction: [] });
new LbTargetGroup(this, 't', { deregistrationDelay: delay.toString(), port: Number(p) });
"""
    assert not run("lib/stack.ts", text).findings


def test_template_string_for_a_number_is_a_diagnostic_with_the_fix_named():
    text = "import { LbListener } from '@cdktf/provider-aws/lib/lb-listener';\n\nnew LbListener(this, 'l', { port: `${p}` });\n"
    (message,) = left("lib/stack.ts", text)
    assert "Token.asNumber" in message


# -- Eip vpc -------------------------------------------------------------------------------------

def test_eip_vpc_true_becomes_domain_in_both_languages():
    py = "from cdktf_cdktf_provider_aws.eip import Eip\n\nEip(self, 'e', vpc=True, tags={'Name': 'x'})\n"
    assert fixed("lib/stack.py", py) == py.replace("vpc=True", "domain='vpc'")
    ts = 'import { Eip } from "@cdktf/provider-aws/lib/eip";\n\nnew Eip(this, "e", {\n  vpc: true,\n});\n'
    assert fixed("lib/stack.ts", ts) == ts.replace("vpc: true", 'domain: "vpc"')


@pytest.mark.parametrize("args", ["vpc=False", "vpc=use_vpc", 'vpc=True, domain="vpc"'])
def test_eip_vpc_refusals(args):
    text = f"from cdktf_cdktf_provider_aws.eip import Eip\n\nEip(self, 'e', {args})\n"
    assert not run("lib/stack.py", text).changed
    assert any("domain" in m for m in left("lib/stack.py", text))


# -- provider given as a string ------------------------------------------------------------------

def test_provider_string_refusals():
    base = "from cdktf_cdktf_provider_aws.provider import AwsProvider\nfrom cdktf_cdktf_provider_aws.s3_bucket import S3Bucket\n\n"
    two = base + ("def f(self):\n    AwsProvider(self, 'a', alias='west')\n    AwsProvider(self, 'b', alias='west')\n"
                  "    S3Bucket(self, 'b', provider='aws.west')\n")
    assert "2 `AwsProvider`" in left("lib/stack.py", two)[0]
    none = base + "def f(self):\n    S3Bucket(self, 'b', provider='aws.west')\n"
    assert "no `AwsProvider`" in left("lib/stack.py", none)[0]
    later = base + "def f(self):\n    S3Bucket(self, 'b', provider='aws.west')\n    AwsProvider(self, 'a', alias='west')\n"
    assert "not created earlier" in left("lib/stack.py", later)[0]
    other = base + ("def f(self):\n    AwsProvider(self, 'a', alias='west')\n\n"
                    "def g(self):\n    S3Bucket(self, 'b', provider='aws.west')\n")
    assert "not created earlier" in left("lib/stack.py", other)[0]
    for text in (two, none, later, other):
        assert not run("lib/stack.py", text).changed


def test_provider_string_bound_name_does_not_clash():
    text = """\
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';

function f(scope: Construct) {
  const euProvider = 1;
  new AwsProvider(scope, 'eu', { alias: 'eu', region: 'eu-west-1' });
  new S3Bucket(scope, 'a', { provider: 'aws.eu' });
  new S3Bucket(scope, 'b', { provider: 'aws.eu' });
}
"""
    out = fixed("lib/stack.ts", text)
    assert "const euProvider2 = new AwsProvider(scope, 'eu'" in out
    assert out.count("provider: euProvider2 }") == 2


# -- CRLF, quotes, judge -------------------------------------------------------------------------

def test_crlf_file():
    text = ("from cdktf_cdktf_provider_aws.lb_target_group import LbTargetGroup\r\n\r\n"
            "LbTargetGroup(\r\n    self,\r\n    'tg',\r\n    deregistration_delay=30,\r\n)\r\n")
    out = fixed("lib/stack.py", text)
    assert out == text.replace("deregistration_delay=30", "deregistration_delay='30'")
    assert out.count("\r\n") == text.count("\r\n")


def test_judge_table():
    assert judge("string", Lit("bool", True)) == ("true", None)
    assert judge("string", Lit("number", 30, "30")) == ("30", None)
    assert judge("string", Lit("number", 1.0, "1.0"))[0] is None
    assert judge("number", Lit("string", "0.25")) == (0.25, None)
    assert judge("number", Lit("string", "0.50")) == (0.5, None)
    assert judge("number", Lit("string", "0755"))[0] is None
    assert judge("number", Lit("string", "-0"))[0] == 0
    assert judge("boolean", Lit("string", "True"))[0] is None  # Terraform converts only true/false
    assert judge("string", Lit("string", "x")) == (None, None)
    assert judge("list_string", Lit("number", 1, "1")) == (None, None)  # elements are judged one by one


def test_provider_string_in_a_conditional_is_reported():
    py = ("from cdktf_cdktf_provider_aws.kms_key import KmsKey\n\n"
          "def f(self, region, idx):\n    KmsKey(self, 'k', provider=f\"aws.{region}\" if idx > 0 else None)\n")
    assert "not its name as a string" in left("lib/stack.py", py)[0]
    ts = ("import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';\n\n"
          "new KmsKey(this, 'k', { provider: idx > 0 ? `aws.${region}` : undefined });\n")
    assert "not its name as a string" in left("lib/stack.ts", ts)[0]


def test_eip_vpc_left_alone_before_domain_existed():
    # provider-aws 15.x (Terraform AWS 4.x) declares only `vpc`; `domain` arrived in 16.0.0
    py = "from cdktf_cdktf_provider_aws.eip import Eip\n\nEip(self, 'e', vpc=True)\n"
    assert not run("lib/stack.py", py, "15.0.0").findings
    assert "domain='vpc'" in fixed("lib/stack.py", py, "16.0.0")
