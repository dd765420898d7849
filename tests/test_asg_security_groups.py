"""Helpers of the Auto Scaling / load balancer / security group rules (IAC315–IAC324)."""
import pytest

from iacfix.codemods import _resource_args as ra
from iacfix.codemods.security_group_descriptions import _peer_name, describe
from iacfix.config import Config, Target
from iacfix.engine import Context, process
from iacfix.rules import lookup


@pytest.mark.parametrize("args,expected", [
    (("ingress", "tcp", 5432, 5432, ["app_sg"]), "PostgreSQL (TCP 5432) from app_sg"),
    (("egress", "-1", 0, 0, ["0.0.0.0/0"]), "All traffic to 0.0.0.0/0"),
    (("ingress", "tcp", 8000, 8100, ["10.0.0.0/16"]), "TCP 8000-8100 from 10.0.0.0/16"),
    (("ingress", "tcp", 8080, 8080, []), "TCP 8080 inbound"),
    (("ingress", "6", 0, 65535, ["self"]), "All TCP from self"),
    (("ingress", "udp", 53, 53, ["10.0.0.0/8", "10.0.0.0/8"]), "UDP 53 from 10.0.0.0/8"),
    (("ingress", "icmp", -1, -1, ["0.0.0.0/0"]), "ICMP from 0.0.0.0/0"),
    (("ingress", None, 22, 22, ["0.0.0.0/0"]), None),
    (("ingress", "tcp", 443, 443, ["my'peer\"x"]), "HTTPS (TCP 443) from mypeerx"),
])
def test_describe(args, expected):
    assert describe(*args) == expected


@pytest.mark.parametrize("dotted,expected", [
    ("self.alb_sg.id", "alb_sg"), ("this.albSg.id", "albSg"), ("vpc.cidr_block", "vpc"),
    ("allowed_cidr", "allowed_cidr"), ("props.allowedCidr", "allowedCidr"), ("f(x)", None), (None, None),
])
def test_peer_name(dotted, expected):
    assert _peer_name(dotted) == expected


def _run(rule, path, before):
    return process(path, before.encode(), [lookup(rule)], Context(Target(), Config()), fix=True, unsafe=True)


PY_HEAD = "from cdktf_cdktf_provider_aws.autoscaling_group import AutoscalingGroup\n\n"


@pytest.mark.parametrize("call,expected", [
    # one line
    ('AutoscalingGroup(self, "a", target_group_arns=[t.arn])\n',
     'AutoscalingGroup(self, "a", target_group_arns=[t.arn], health_check_type="ELB", health_check_grace_period=300)\n'),
    # one argument per line, trailing comma
    ('AutoscalingGroup(\n    self,\n    "a",\n    target_group_arns=[t.arn],\n)\n',
     'AutoscalingGroup(\n    self,\n    "a",\n    target_group_arns=[t.arn],\n    health_check_type="ELB",\n'
     '    health_check_grace_period=300,\n)\n'),
    # no trailing comma, comment after the last argument
    ('AutoscalingGroup(\n    self,\n    "a",\n    target_group_arns=[t.arn]  # lb\n)\n',
     'AutoscalingGroup(\n    self,\n    "a",\n    target_group_arns=[t.arn],  # lb\n    health_check_type="ELB",\n'
     '    health_check_grace_period=300\n)\n'),
    # closing bracket on the last argument's line
    ('AutoscalingGroup(self, "a",\n                 target_group_arns=[t.arn])\n',
     'AutoscalingGroup(self, "a",\n                 target_group_arns=[t.arn],\n                 health_check_type="ELB",\n'
     '                 health_check_grace_period=300)\n'),
])
def test_python_argument_layouts(call, expected):
    result = _run("IAC315", "lib/stack.py", PY_HEAD + call)
    assert result.fixed.decode() == PY_HEAD + expected


def test_python_kwargs_left_alone():
    result = _run("IAC315", "lib/stack.py", PY_HEAD + 'AutoscalingGroup(self, "a", target_group_arns=[t.arn], **extra)\n')
    assert not result.changed and not result.findings


def test_typescript_layouts_and_crlf():
    head = "import { AutoscalingGroup } from '@cdktf/provider-aws/lib/autoscaling-group';\r\n\r\n"
    before = head + "new AutoscalingGroup(this, 'a', {\r\n  targetGroupArns: [t.arn] // lb\r\n});\r\n"
    result = _run("IAC315", "lib/stack.ts", before)
    assert result.fixed.decode() == head + ("new AutoscalingGroup(this, 'a', {\r\n  targetGroupArns: [t.arn], // lb\r\n"
                                            "  healthCheckType: 'ELB',\r\n  healthCheckGracePeriod: 300\r\n});\r\n")


def test_cfn_json_health_check_members():
    before = ('{"Resources": {"G": {"Type": "AWS::AutoScaling::AutoScalingGroup", "Properties": '
              '{"MinSize": "1", "MaxSize": "2", "TargetGroupARNs": [{"Ref": "T"}]}}}}\n')
    result = _run("IAC315", "template.json", before)
    assert result.fixed.decode() == before.replace('[{"Ref": "T"}]}', '[{"Ref": "T"}], "HealthCheckType": "ELB", '
                                                   '"HealthCheckGracePeriod": 300}')


def test_cross_file_attachment_is_not_an_unconnected_group(tmp_path):
    """An attachment in another file of the project (cdktf-ts Pr1963 shape): no IAC316 finding."""
    (tmp_path / "cdktf.json").write_text("{}")
    (tmp_path / "lib").mkdir()
    (tmp_path / "lib" / "stack.ts").write_text(
        "import { AutoscalingAttachment } from '@cdktf/provider-aws/lib/autoscaling-attachment';\n"
        "new AutoscalingAttachment(this, 'x', { autoscalingGroupName: m.asg.id, lbTargetGroupArn: a.tg.arn });\n")
    modules = ("import { AutoscalingGroup } from '@cdktf/provider-aws/lib/autoscaling-group';\n"
               "import { LbTargetGroup } from '@cdktf/provider-aws/lib/lb-target-group';\n"
               "this.asg = new AutoscalingGroup(this, 'asg', { minSize: 1, maxSize: 2 });\n"
               "this.tg = new LbTargetGroup(this, 'tg', { port: 80, protocol: 'HTTP' });\n")
    (tmp_path / "lib" / "modules.ts").write_text(modules)
    ctx = Context(Target(), Config(), project=tmp_path)
    result = process(str(tmp_path / "lib" / "modules.ts"), modules.encode(), [lookup("IAC316")], ctx,
                     fix=True, unsafe=True)
    assert not result.findings and not result.changed


def test_insert_into_empty_ts_object():
    from ast_grep_py import SgRoot

    from iacfix.languages.base import Source
    from iacfix.languages.typescript import TypeScriptDocument
    text = "const x = {};\n"
    doc = TypeScriptDocument(Source("a.ts", text.encode(), text), SgRoot(text, "typescript").root())
    obj = doc.root.find(kind="object")
    edit, = ra.ts_insert(doc, obj, ["a: 1"])
    assert text[:edit.start] + edit.text + text[edit.end:] == "const x = { a: 1 };\n"


def test_group_attached_from_another_file_gets_elb_checks(tmp_path):
    (tmp_path / "cdktf.json").write_text("{}")
    (tmp_path / "lib").mkdir()
    (tmp_path / "lib" / "stack.ts").write_text(
        "new AutoscalingAttachment(this, 'x', { autoscalingGroupName: ec2Module.autoScalingGroup.id, "
        "lbTargetGroupArn: alb.targetGroup.arn });\n")
    modules = ("import { AutoscalingGroup } from '@cdktf/provider-aws/lib/autoscaling-group';\n"
               "this.autoScalingGroup = new AutoscalingGroup(this, 'asg', { minSize: 1, maxSize: 2 });\n")
    (tmp_path / "lib" / "modules.ts").write_text(modules)
    ctx = Context(Target(), Config(), project=tmp_path)
    result = process(str(tmp_path / "lib" / "modules.ts"), modules.encode(), [lookup("IAC315")], ctx,
                     fix=True, unsafe=True)
    assert result.fixed.decode().endswith("maxSize: 2, healthCheckType: 'ELB', healthCheckGracePeriod: 300 });\n")
