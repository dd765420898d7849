"""IAC122 struct-class-position: import forms, import retirement, nesting, refusals, CRLF, idempotence."""
import pytest

from iacfix.codemods.struct_class_position import StructClassPosition
from iacfix.config import Config, Target
from iacfix.engine import Context, process

RULE = StructClassPosition()
VIS = "cloudwatch_metrics_enabled=True, metric_name=\"m\", sampled_requests_enabled=True"


def run(text: str):
    ctx = Context(Target(), Config())
    result = process("lib/stack.py", text.encode(), [RULE], ctx, fix=True, unsafe=False)
    assert result.error is None and result.internal_error is None, (result.error, result.internal_error)
    fixed = result.fixed.decode() if result.fixed is not None else text
    if result.fixed is not None:  # idempotent: a second run changes nothing
        again = process("lib/stack.py", result.fixed, [RULE], ctx, fix=True, unsafe=False)
        assert not again.changed
        assert not again.findings
    return fixed, result


def check(text: str):
    return process("lib/stack.py", text.encode(), [RULE], Context(Target(), Config()), fix=False).findings


# -- import forms --------------------------------------------------------------------------------

@pytest.mark.parametrize("header,prefix,after_header", [
    ("from cdktf_cdktf_provider_aws.wafv2_web_acl import Wafv2WebAclRule, Wafv2WebAclVisibilityConfig as Vis\n",
     ("", "Vis"),
     "from cdktf_cdktf_provider_aws.wafv2_web_acl import Wafv2WebAclRule, Wafv2WebAclVisibilityConfig as Vis, "
     "Wafv2WebAclRuleVisibilityConfig\n"),
    ("from cdktf_cdktf_provider_aws import wafv2_web_acl\n", ("wafv2_web_acl.", "wafv2_web_acl.Wafv2WebAclVisibilityConfig"),
     None),
    ("import cdktf_cdktf_provider_aws.wafv2_web_acl as w\n", ("w.", "w.Wafv2WebAclVisibilityConfig"), None),
    ("import cdktf_cdktf_provider_aws.wafv2_web_acl\n",
     ("cdktf_cdktf_provider_aws.wafv2_web_acl.", "cdktf_cdktf_provider_aws.wafv2_web_acl.Wafv2WebAclVisibilityConfig"),
     None),
    ("from cdktf_cdktf_provider_aws.wafv2_web_acl import *\n", ("", "Wafv2WebAclVisibilityConfig"), None),
    ("from cdktn_provider_aws.wafv2_web_acl import (\n    # waf\n    Wafv2WebAclRule,\n    Wafv2WebAclVisibilityConfig,\n)\n",
     ("", "Wafv2WebAclVisibilityConfig"),
     "from cdktn_provider_aws.wafv2_web_acl import (\n    # waf\n    Wafv2WebAclRule,\n    Wafv2WebAclRuleVisibilityConfig,\n)\n"),
])
def test_python_import_forms(header, prefix, after_header):
    module, wrong = prefix
    rule_cls = f"{module}Wafv2WebAclRule"
    body = f"x = {rule_cls}(name=\"r\", priority=1, visibility_config={wrong}({VIS}))\n"
    fixed, result = run(header + "\n" + body)
    assert len(result.applied) == 1
    expected_body = body.replace(f"={wrong}(", f"={module}Wafv2WebAclRuleVisibilityConfig(")
    assert fixed == (after_header or header) + "\n" + expected_body


def test_old_import_kept_while_used_elsewhere():
    text = ("from cdktf_cdktf_provider_aws.wafv2_web_acl import Wafv2WebAclRule, Wafv2WebAclVisibilityConfig\n\n"
            f"acl_vis = Wafv2WebAclVisibilityConfig({VIS})\n"
            f"rule = Wafv2WebAclRule(name=\"r\", priority=1, visibility_config=Wafv2WebAclVisibilityConfig({VIS}))\n")
    fixed, _ = run(text)
    assert fixed.startswith("from cdktf_cdktf_provider_aws.wafv2_web_acl import Wafv2WebAclRule, "
                            "Wafv2WebAclVisibilityConfig, Wafv2WebAclRuleVisibilityConfig\n")
    assert f"acl_vis = Wafv2WebAclVisibilityConfig({VIS})" in fixed
    assert f"visibility_config=Wafv2WebAclRuleVisibilityConfig({VIS})" in fixed


def test_several_uses_renamed_together_with_their_import():
    text = ("from cdktf_cdktf_provider_aws.wafv2_web_acl import (\n"
            "    Wafv2WebAclRule,\n"
            "    Wafv2WebAclVisibilityConfig,\n"
            ")\n\n"
            f"a = Wafv2WebAclRule(name=\"a\", priority=1, visibility_config=Wafv2WebAclVisibilityConfig({VIS}))\n"
            f"b = Wafv2WebAclRule(name=\"b\", priority=2, visibility_config=Wafv2WebAclVisibilityConfig({VIS}))\n")
    fixed, result = run(text)
    assert fixed == text.replace("Wafv2WebAclVisibilityConfig", "Wafv2WebAclRuleVisibilityConfig")
    assert len(result.applied) == 1 and "1 more" in result.applied[0].message


def test_class_of_another_module_imported_and_old_import_removed():
    text = ("from cdktf_cdktf_provider_aws.wafv2_web_acl import Wafv2WebAclRule\n"
            "from cdktf_cdktf_provider_aws.wafv2_rule_group import Wafv2RuleGroupRuleVisibilityConfig\n\n"
            f"r = Wafv2WebAclRule(name=\"a\", priority=1, visibility_config=Wafv2RuleGroupRuleVisibilityConfig({VIS}))\n")
    fixed, _ = run(text)
    assert fixed == ("from cdktf_cdktf_provider_aws.wafv2_web_acl import Wafv2WebAclRule, Wafv2WebAclRuleVisibilityConfig\n\n"
                     f"r = Wafv2WebAclRule(name=\"a\", priority=1, visibility_config=Wafv2WebAclRuleVisibilityConfig({VIS}))\n")


def test_old_import_with_a_comment_is_left():
    text = ("from cdktf_cdktf_provider_aws.wafv2_web_acl import Wafv2WebAclRule\n"
            "from cdktf_cdktf_provider_aws.wafv2_rule_group import Wafv2RuleGroupRuleVisibilityConfig  # metrics\n\n"
            f"r = Wafv2WebAclRule(name=\"a\", priority=1, visibility_config=Wafv2RuleGroupRuleVisibilityConfig({VIS}))\n")
    fixed, _ = run(text)
    assert "import Wafv2RuleGroupRuleVisibilityConfig  # metrics\n" in fixed
    assert "visibility_config=Wafv2WebAclRuleVisibilityConfig(" in fixed


def test_alias_kept_when_the_class_joins_its_statement():
    text = ("from cdktf_cdktf_provider_aws.wafv2_web_acl import Wafv2WebAclRule, Wafv2WebAclVisibilityConfig as Vis\n\n"
            f"r = Wafv2WebAclRule(name=\"a\", priority=1, visibility_config=Vis({VIS}))\n")
    fixed, _ = run(text)
    # the new name goes into the same statement: the alias stays rather than two edits in one import
    assert "visibility_config=Wafv2WebAclRuleVisibilityConfig(" in fixed
    assert "Wafv2WebAclRuleVisibilityConfig\n" in fixed.splitlines(keepends=True)[0]


# -- nesting, positions --------------------------------------------------------------------------

def test_nested_wrong_classes_fixed_at_every_level():
    text = ("from cdktf_cdktf_provider_aws.wafv2_web_acl import Wafv2WebAcl, Wafv2WebAclRuleAction, "
            "Wafv2WebAclDefaultAction, Wafv2WebAclRule, Wafv2WebAclVisibilityConfig\n\n"
            "Wafv2WebAcl(self, \"acl\", name=\"a\", scope=\"REGIONAL\",\n"
            "    default_action=Wafv2WebAclRuleAction(allow={}),\n"
            f"    visibility_config=Wafv2WebAclVisibilityConfig({VIS}),\n"
            "    rule=[Wafv2WebAclRule(name=\"r\", priority=1, action=Wafv2WebAclDefaultAction(block={}),\n"
            f"                          visibility_config=Wafv2WebAclVisibilityConfig({VIS}))])\n")
    fixed, result = run(text)
    assert "default_action=Wafv2WebAclDefaultAction(allow={})" in fixed
    assert "action=Wafv2WebAclRuleAction(block={})" in fixed
    assert f"    visibility_config=Wafv2WebAclVisibilityConfig({VIS})," in fixed
    assert f"visibility_config=Wafv2WebAclRuleVisibilityConfig({VIS}))])" in fixed


def test_children_of_a_renamed_call_are_typed_by_the_right_struct():
    # a listener rule's action used as a listener's default action: its forward block is the
    # rule's too, and becomes the default action's forward in the same run
    text = ("from cdktf_cdktf_provider_aws.lb_listener import LbListener\n"
            "from cdktf_cdktf_provider_aws.lb_listener_rule import LbListenerRuleAction, LbListenerRuleActionForward, "
            "LbListenerRuleActionForwardTargetGroup\n\n"
            "LbListener(self, \"l\", load_balancer_arn=lb.arn, default_action=[LbListenerRuleAction(type=\"forward\", "
            "forward=LbListenerRuleActionForward(target_group=[LbListenerRuleActionForwardTargetGroup(arn=tg.arn)]))])\n")
    fixed, _ = run(text)
    assert ("default_action=[LbListenerDefaultAction(type=\"forward\", forward=LbListenerDefaultActionForward("
            "target_group=[LbListenerDefaultActionForwardTargetGroup(arn=tg.arn)]))])") in fixed
    assert "lb_listener_rule import" not in fixed
    assert fixed.startswith("from cdktf_cdktf_provider_aws.lb_listener import LbListener, ")


def test_list_struct_element_and_single_value():
    text = ("from cdktf_cdktf_provider_aws.codebuild_project import CodebuildProject, CodebuildProjectArtifacts\n\n"
            "CodebuildProject(self, \"p\", name=\"p\", service_role=r, artifacts=CodebuildProjectArtifacts(type=\"NO_ARTIFACTS\"),\n"
            "    secondary_artifacts=[CodebuildProjectArtifacts(type=\"S3\", artifact_identifier=\"a\"), x])\n")
    fixed, _ = run(text)
    assert "secondary_artifacts=[CodebuildProjectSecondaryArtifacts(type=\"S3\", artifact_identifier=\"a\"), x]" in fixed
    assert "artifacts=CodebuildProjectArtifacts(type=\"NO_ARTIFACTS\")" in fixed


def test_dict_positions_are_walked():
    text = ("from cdktf_cdktf_provider_aws.wafv2_web_acl import Wafv2WebAcl, Wafv2WebAclVisibilityConfig\n\n"
            "Wafv2WebAcl(self, \"acl\", name=\"a\", scope=\"REGIONAL\", default_action={\"allow\": {}},\n"
            f"    visibility_config=Wafv2WebAclVisibilityConfig({VIS}),\n"
            f"    rule=[{{\"name\": \"r\", \"priority\": 1, \"visibility_config\": Wafv2WebAclVisibilityConfig({VIS})}}])\n")
    fixed, _ = run(text)
    assert f"\"visibility_config\": Wafv2WebAclRuleVisibilityConfig({VIS})}}" in fixed


# -- refusals, untouched -------------------------------------------------------------------------

def test_undeclared_keyword_reported_with_names():
    text = ("from cdktf_cdktf_provider_aws.wafv2_web_acl import Wafv2WebAcl, Wafv2WebAclRuleAction\n\n"
            "Wafv2WebAcl(self, \"acl\", name=\"a\", scope=\"REGIONAL\", default_action=Wafv2WebAclRuleAction(count={}, block={}))\n")
    fixed, result = run(text)
    assert fixed == text
    [finding] = result.findings
    assert finding.fix is None
    assert "`Wafv2WebAclDefaultAction` does not declare `count`" in finding.message


@pytest.mark.parametrize("call", [
    "Wafv2WebAclVisibilityConfig(**metrics)",
    "Wafv2WebAclVisibilityConfig(True, \"m\", True)",
])
def test_splat_and_positional_arguments_reported_only(call):
    text = ("from cdktf_cdktf_provider_aws.wafv2_web_acl import Wafv2WebAclRule, Wafv2WebAclVisibilityConfig\n\n"
            f"Wafv2WebAclRule(name=\"r\", priority=1, visibility_config={call})\n")
    fixed, result = run(text)
    assert fixed == text
    assert len(result.findings) == 1 and result.findings[0].fix is None


def test_untouched():
    text = ("from cdktf_cdktf_provider_aws.wafv2_web_acl import Wafv2WebAcl, Wafv2WebAclRule, "
            "Wafv2WebAclRuleVisibilityConfig, Wafv2WebAclVisibilityConfig\n"
            "from cdktf_cdktf_provider_aws.s3_bucket import S3Bucket\n\n"
            "class Other:\n    pass\n\n"
            f"v = Wafv2WebAclVisibilityConfig({VIS})  # not at a position\n"
            "Wafv2WebAclRule(name=\"r\", priority=1, visibility_config=v)\n"
            "Wafv2WebAclRule(name=\"r\", priority=1, visibility_config=make())\n"
            f"Wafv2WebAclRule(name=\"r\", priority=1, visibility_config=Wafv2WebAclRuleVisibilityConfig({VIS}))\n"
            "Wafv2WebAclRule(name=\"r\", priority=1, visibility_config=Other())\n"
            "S3Bucket(self, \"b\", tags={\"visibility_config\": Wafv2WebAclVisibilityConfig})\n")
    assert check(text) == []


def test_crlf():
    text = ("from cdktf_cdktf_provider_aws.wafv2_web_acl import (\r\n"
            "    Wafv2WebAclRule,\r\n"
            "    Wafv2WebAclVisibilityConfig,\r\n"
            ")\r\n\r\n"
            f"Wafv2WebAclVisibilityConfig({VIS})\r\n"
            f"a = Wafv2WebAclRule(name=\"a\", priority=1,\r\n    visibility_config=Wafv2WebAclVisibilityConfig({VIS}))\r\n")
    fixed, _ = run(text)
    assert "\r\n    Wafv2WebAclVisibilityConfig,\r\n    Wafv2WebAclRuleVisibilityConfig,\r\n)\r\n" in fixed
    assert "visibility_config=Wafv2WebAclRuleVisibilityConfig(" in fixed
    assert "\n" not in fixed.replace("\r\n", "")


def test_trigger():
    ctx = Context(Target(), Config())
    assert RULE.triggered('from cdktf_cdktf_provider_aws.x import *\nd = {"visibility_config": W.Vis(a=1)}\n', ctx, "python")
    assert RULE.triggered("from cdktf_cdktf_provider_aws.x import *\nR(rule=[\n    Rule(a=1)])\n", ctx, "python")
    assert not RULE.triggered("from cdktf_cdktf_provider_aws.x import *\nR(name=\"a\", tags={})\n", ctx, "python")
