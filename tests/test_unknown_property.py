"""IAC114 unknown-property: import forms, refusals, nested positions, CRLF, idempotence."""
import pytest

from iacfix.codemods.unknown_property import UnknownProperty, words
from iacfix.config import Config, Target
from iacfix.engine import Context, process
from iacfix.fixes import Applicability

RULE = UnknownProperty()
PY = "from cdktf_cdktf_provider_aws.{module} import {cls}\n\n"
TS = "import {{ {cls} }} from '@cdktf/provider-aws/lib/{module}';\n\n"


def run(text: str, language: str = "python", unsafe: bool = True):
    path = "lib/stack.py" if language == "python" else "lib/stack.ts"
    ctx = Context(Target(), Config())
    result = process(path, text.encode(), [RULE], ctx, fix=True, unsafe=unsafe)
    assert result.error is None and result.internal_error is None, (result.error, result.internal_error)
    fixed = result.fixed.decode() if result.fixed is not None else text
    if result.fixed is not None:  # idempotent: a second run changes nothing
        again = process(path, result.fixed, [RULE], ctx, fix=True, unsafe=unsafe)
        assert not again.changed
    return fixed, result


def check(text: str, language: str = "python"):
    path = "lib/stack.py" if language == "python" else "lib/stack.ts"
    return process(path, text.encode(), [RULE], Context(Target(), Config()), fix=False).findings


def test_words():
    assert words("replicationGroupDescription") == ["replication", "group", "description"]
    assert words("subnet_group_name") == ["subnet", "group", "name"]
    assert words("S3BucketLifecycleConfiguration") == ["s3", "bucket", "lifecycle", "configuration"]


# -- Python import forms -------------------------------------------------------------------------

@pytest.mark.parametrize("header,call", [
    ("from cdktf_cdktf_provider_aws.elasticache_subnet_group import ElasticacheSubnetGroup\n", "ElasticacheSubnetGroup"),
    ("from cdktf_cdktf_provider_aws.elasticache_subnet_group import ElasticacheSubnetGroup as Esg\n", "Esg"),
    ("from cdktf_cdktf_provider_aws import elasticache_subnet_group\n", "elasticache_subnet_group.ElasticacheSubnetGroup"),
    ("import cdktf_cdktf_provider_aws.elasticache_subnet_group as esg\n", "esg.ElasticacheSubnetGroup"),
    ("import cdktf_cdktf_provider_aws.elasticache_subnet_group\n",
     "cdktf_cdktf_provider_aws.elasticache_subnet_group.ElasticacheSubnetGroup"),
    ("from cdktf_cdktf_provider_aws.elasticache_subnet_group import *\n", "ElasticacheSubnetGroup"),
    ("from cdktn_provider_aws.elasticache_subnet_group import (\n    # cache\n    ElasticacheSubnetGroup,\n)\n",
     "ElasticacheSubnetGroup"),
])
def test_python_import_forms(header, call):
    text = f'{header}\n{call}(self, "g", subnet_group_name="cache", subnetIds=ids)\n'
    fixed, _ = run(text, unsafe=False)
    assert fixed == f'{header}\n{call}(self, "g", name="cache", subnet_ids=ids)\n'


def test_not_a_provider_class_or_unresolved():
    text = ('from mylib import ElasticacheSubnetGroup\n'
            'from cdktf_cdktf_provider_aws.s3_bucket import S3Bucket\n\n'
            'ElasticacheSubnetGroup(self, "g", subnet_group_name="x")\n'
            'Unknown(self, "g", subnet_group_name="x")\n'
            'S3Bucket(self, "b", "positional", **extra)\n')
    assert not check(text)


def test_crlf_rename_and_move():
    text = ('from cdktf_cdktf_provider_aws.lb_target_group import LbTargetGroup\r\n\r\n'
            'LbTargetGroup(\r\n    self,\r\n    "tg",\r\n    healthCheck={"path": "/"},\r\n'
            '    healthy_threshold=3,\r\n    port=80,\r\n)\r\n')
    fixed, _ = run(text)
    assert fixed == ('from cdktf_cdktf_provider_aws.lb_target_group import LbTargetGroup\r\n\r\n'
                     'LbTargetGroup(\r\n    self,\r\n    "tg",\r\n    health_check={"path": "/", "healthy_threshold": 3},\r\n'
                     '    port=80,\r\n)\r\n')


# -- applicability and refusals ------------------------------------------------------------------

def test_prefix_is_safe_move_is_unsafe():
    text = (PY.format(module="lb_target_group", cls="LbTargetGroup") +
            'LbTargetGroup(self, "tg", health_check={"path": "/"}, healthy_threshold=3, target_group_name="x")\n')
    found = {f.message.split("`")[1]: f for f in check(text)}
    assert found["target_group_name"].fix.applicability is Applicability.SAFE
    assert found["healthy_threshold"].fix.applicability is Applicability.UNSAFE
    safe_only, _ = run(text, unsafe=False)
    assert 'name="x"' in safe_only and "healthy_threshold=3" in safe_only


def test_move_into_camel_dict_uses_camel_key():
    text = (PY.format(module="lb_target_group", cls="LbTargetGroup") +
            'LbTargetGroup(self, "tg", health_check=[{"healthyThreshold": 2}], unhealthy_threshold=3)\n')
    fixed, _ = run(text)
    assert fixed.endswith('health_check=[{"healthyThreshold": 2, "unhealthyThreshold": 3}])\n')


def test_move_refused_without_a_literal_block_or_with_a_comment():
    header = PY.format(module="lb_target_group", cls="LbTargetGroup")
    variable = header + 'LbTargetGroup(self, "tg", health_check=hc, healthy_threshold=3)\n'
    [finding] = check(variable)
    assert finding.fix is None and "belongs in `health_check`" in finding.message
    absent = header + 'LbTargetGroup(self, "tg", healthy_threshold=3)\n'
    [finding] = check(absent)
    assert finding.fix is None
    several = header + 'LbTargetGroup(self, "tg", health_check=[{}, {}], healthy_threshold=3)\n'
    [finding] = check(several)
    assert finding.fix is None


def test_move_refused_when_a_comment_ends_the_line():
    header = PY.format(module="lb_target_group", cls="LbTargetGroup")
    text = header + 'LbTargetGroup(\n    self, "tg",\n    health_check={},\n    healthy_threshold=3,  # three\n)\n'
    [finding] = check(text)
    assert finding.fix is None and "belongs in `health_check`" in finding.message
    ts = TS.format(cls="LbTargetGroup", module="lb-target-group") + \
        "new LbTargetGroup(this, 'tg', {\r\n  healthCheck: {},\r\n  interval: 30, // seconds\r\n  healthyThreshold: 3\r\n});\r\n"
    fixed, result = run(ts, "typescript")
    assert "healthCheck: { healthyThreshold: 3 },\r\n  interval: 30, // seconds\r\n});" in fixed
    assert [f.fix for f in result.findings] == [None]


def test_target_already_given_or_claimed_twice():
    header = PY.format(module="elasticache_subnet_group", cls="ElasticacheSubnetGroup")
    given = header + 'ElasticacheSubnetGroup(self, "g", name="a", subnet_group_name="b")\n'
    [finding] = check(given)
    assert finding.fix is None and "already given" in finding.message
    twice = header + 'ElasticacheSubnetGroup(self, "g", subnet_group_name="a", Name="b")\n'
    findings = check(twice)
    assert [f.fix is not None for f in findings] == [True, False]


def test_shape_conflict_is_reported_not_renamed():
    text = PY.format(module="db_subnet_group", cls="DbSubnetGroup") + 'DbSubnetGroup(self, "g", subnet_id="subnet-1")\n'
    [finding] = check(text)
    assert finding.fix is None and "subnet_ids" in finding.message


def test_edit_distance_keeps_the_words():
    # security_group_id is two edits from security_groups, but another name altogether
    text = PY.format(module="security_group", cls="SecurityGroupIngress") + \
        'SecurityGroupIngress(from_port=1, to_port=1, protocol="tcp", security_group_id=sg)\n'
    [finding] = check(text)
    assert finding.fix is None and "closest declared" in finding.message


def test_one_edit_safe_two_edits_unsafe():
    header = PY.format(module="s3_bucket", cls="S3Bucket")
    [one] = check(header + 'S3Bucket(self, "b", force_destory=True)\n')
    assert one.fix.applicability is Applicability.SAFE
    [two] = check(header + 'S3Bucket(self, "b", objct_lock_enabld=True)\n')
    assert two.fix.applicability is Applicability.UNSAFE
    assert "`object_lock_enabled`" in two.message


def test_separate_resource_hint_and_closest():
    text = (PY.format(module="api_gateway_integration", cls="ApiGatewayIntegration") +
            'ApiGatewayIntegration(self, "i", rest_api_id="a", resource_id="r", http_method="GET", type="MOCK",\n'
            '                      integration_responses=[{"status_code": "200"}])\n')
    [finding] = check(text)
    assert finding.fix.applicability is Applicability.UNSAFE
    assert "`ApiGatewayIntegrationResponse` is a separate resource" in finding.message
    assert "closest declared" in finding.message


def test_eip_vpc_is_left_to_the_scalar_rule():
    assert not check(PY.format(module="eip", cls="Eip") + 'Eip(self, "ip", vpc=True)\n')


def test_free_form_maps_and_meta_arguments():
    text = (PY.format(module="s3_bucket", cls="S3Bucket") +
            'S3Bucket(self, "b", tags={"subnetIds": "x"}, depends_on=[a], provider=p, count=c, for_each=e,\n'
            '         lifecycle={"prevent_destroy": True})\n')
    assert not check(text)


def test_unknown_key_inside_lifecycle_struct():
    text = PY.format(module="s3_bucket", cls="S3Bucket") + 'S3Bucket(self, "b", lifecycle={"ignore_change": ["tags"]})\n'
    fixed, _ = run(text)
    assert '{"ignore_changes": ["tags"]}' in fixed


# -- TypeScript ------------------------------------------------------------------------------

def test_ts_shorthand_rename():
    text = TS.format(cls="SnsTopic", module="sns-topic") + "new SnsTopic(this, 't', { name: 'a', kmsKeyId });\n"
    fixed, _ = run(text, "typescript", unsafe=False)
    assert "{ name: 'a', kmsMasterKeyId: kmsKeyId }" in fixed


def test_ts_spread_computed_and_tags_untouched():
    text = TS.format(cls="S3Bucket", module="s3-bucket") + \
        "new S3Bucket(this, 'b', { ...base, [key]: 1, tags: { subnet_ids: 'x' }, bucket: 'b' });\n"
    assert not check(text, "typescript")


def test_ts_root_namespace_and_nested_list():
    text = ("import * as aws from '@cdktf/provider-aws';\n\n"
            "new aws.lbTargetGroup.LbTargetGroup(this, 'tg', { port: 80, health_check: { path: '/' } });\n")
    fixed, _ = run(text, "typescript", unsafe=False)
    assert "healthCheck: { path: '/' }" in fixed


def test_ts_struct_map_values_walked():
    text = TS.format(cls="AppsyncResolver", module="appsync-resolver") + \
        "new AppsyncResolver(this, 'r', { apiId: 'a', type: 'Query', field: 'f', caching_config: { ttl: 60 } });\n"
    fixed, _ = run(text, "typescript", unsafe=False)
    assert "cachingConfig: { ttl: 60 }" in fixed


def test_ts_several_candidates_reported():
    # `volumeSize` is declared by rootBlockDevice and by ebsBlockDevice
    text = TS.format(cls="Instance", module="instance") + "new Instance(this, 'i', { ami: 'a', volumeSize: 20 });\n"
    [finding] = check(text, "typescript")
    assert finding.fix is None
    assert "`rootBlockDevice`" in finding.message and "`ebsBlockDevice`" in finding.message


def test_python_dict_names_follow_what_jsii_does_with_the_dict():
    header = PY.format(module="lb_target_group", cls="LbTargetGroup")
    # a dict at a single-struct position becomes LbTargetGroupHealthCheck(**d): Python names only
    fixed, _ = run(header + 'LbTargetGroup(self, "tg", health_check={"healthyThreshold": 3})\n', unsafe=False)
    assert fixed.endswith('health_check={"healthy_threshold": 3})\n')
    # a dict inside a list is passed through as a map: the jsii names are right there
    text = (PY.format(module="cloudwatch_event_target", cls="CloudwatchEventTarget") +
            'CloudwatchEventTarget(self, "t", rule="r", arn="a", ecs_target=[{"taskDefinitionArn": "x"}],\n'
            '                      retry_policy={"maximumEventAgeInSeconds": 60})\n')
    fixed, _ = run(text)
    assert '[{"taskDefinitionArn": "x"}]' in fixed
    assert 'retry_policy={"maximum_event_age_in_seconds": 60}' in fixed
    raw = (PY.format(module="s3_bucket_lifecycle_configuration", cls="S3BucketLifecycleConfiguration") +
           'S3BucketLifecycleConfiguration(self, "l", bucket="b", rule=[{"id": "x", "status": "Enabled",\n'
           '    "expiration": [{"expirationDays": 7}], "abortIncompleteMultipartUpload": [{"days_after_initiation": 1}]}])\n')
    fixed, _ = run(raw, unsafe=False)
    assert '"expiration": [{"days": 7}]' in fixed
    # a declared Python name inside a list is IAC102's (jsii drops it; that rule writes the struct class)
    assert '[{"days_after_initiation": 1}]' in fixed


def test_other_major_target_makes_fixes_unsafe():
    text = PY.format(module="elasticache_subnet_group", cls="ElasticacheSubnetGroup") + \
        'ElasticacheSubnetGroup(self, "g", subnet_group_name="cache")\n'
    old = process("lib/stack.py", text.encode(), [RULE], Context(Target().merged(provider="15.0.0"), Config()))
    [finding] = old.findings
    assert finding.fix.applicability is Applicability.UNSAFE
    assert "types of provider-aws 21.22.1; the target is 15.0.0" in finding.message
    [same] = check(text)
    assert same.fix.applicability is Applicability.SAFE


def test_lifecycle_settings_belong_in_lifecycle():
    text = PY.format(module="s3_bucket", cls="S3Bucket") + \
        'S3Bucket(self, "b", bucket="x", lifecycle={"create_before_destroy": True}, prevent_destroy=True)\n'
    fixed, _ = run(text)
    assert fixed.endswith('lifecycle={"create_before_destroy": True, "prevent_destroy": True})\n')


# -- settings of separate resources --------------------------------------------------------------

def test_public_access_block_moved_into_its_resource_ts():
    text = (TS.format(cls="S3Bucket", module="s3-bucket") +
            "const b = new S3Bucket(this, 'logs', {\n"
            "  bucket: 'logs',\n"
            "  publicAccessBlock: { blockPublicAcls: true, ignorePublicAcls: true },\n"
            "});\n")
    fixed, result = run(text, "typescript")
    assert fixed == (
        "import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';\n"
        "import { S3BucketPublicAccessBlock } from '@cdktf/provider-aws/lib/s3-bucket-public-access-block';\n\n"
        "const b = new S3Bucket(this, 'logs', {\n"
        "  bucket: 'logs',\n"
        "});\n"
        "new S3BucketPublicAccessBlock(this, 'logs-public-access-block', {\n"
        "  bucket: b.id,\n"
        "  blockPublicAcls: true,\n"
        "  ignorePublicAcls: true,\n"
        "});\n")
    [finding] = result.applied
    assert finding.fix.applicability is Applicability.UNSAFE


def test_separate_resource_not_moved_without_unsafe_fixes():
    text = PY.format(module="s3_bucket", cls="S3Bucket") + 'b = S3Bucket(self, "b", public_access_block={"block_public_acls": True})\n'
    fixed, _ = run(text, unsafe=False)
    assert fixed == text


@pytest.mark.parametrize("value,why", [
    ("prod ? { automaticallyAfterDays: 30 } : { automaticallyAfterDays: 90 }", "not a literal"),
    ("rotate ? rules : undefined", "not a literal"),
    ("shouldRotate() ? { automaticallyAfterDays: 30 } : undefined", "computed condition"),
    ("(n = 1) ? { automaticallyAfterDays: 30 } : undefined", "computed condition"),
    ("void rotate ? { automaticallyAfterDays: 30 } : undefined", "computed condition"),
    ("a &&\n  b ? { automaticallyAfterDays: 30 } : undefined", "condition spans lines"),
    ("{ ...defaults, automaticallyAfterDays: 30 }", "not a literal"),
    ("rules", "not a literal"),
])
def test_rotation_not_moved_when_not_a_literal(value, why):
    text = (TS.format(cls="SecretsmanagerSecret", module="secretsmanager-secret") +
            f"const s = new SecretsmanagerSecret(this, 's', {{ name: 'x', rotationRules: {value} }});\n")
    [finding] = check(text, "typescript")
    assert finding.fix is None
    assert "`SecretsmanagerSecretRotation` is a separate resource" in finding.message and why in finding.message


def test_not_moved_when_the_companion_exists():
    text = (PY.format(module="s3_bucket", cls="S3Bucket") +
            "from cdktf_cdktf_provider_aws.s3_bucket_public_access_block import S3BucketPublicAccessBlock\n"
            'self.b = S3Bucket(self, "b", public_access_block={"block_public_acls": True})\n'
            'S3BucketPublicAccessBlock(self, "pab", bucket=self.b.id, block_public_acls=False)\n')
    [finding] = check(text)
    assert finding.fix is None and "already exists" in finding.message


def test_not_moved_when_an_owner_argument_is_a_call():
    text = (PY.format(module="api_gateway_integration", cls="ApiGatewayIntegration") +
            'i = ApiGatewayIntegration(self, "i", rest_api_id=api.id, resource_id=r.id, http_method=method(),\n'
            '                          type="MOCK", integration_responses=[{"status_code": "200"}])\n')
    [finding] = check(text)
    assert finding.fix is None and "`http_method` cannot be derived" in finding.message


def test_not_moved_when_an_item_lacks_a_required_field():
    text = (PY.format(module="api_gateway_integration", cls="ApiGatewayIntegration") +
            'i = ApiGatewayIntegration(self, "i", rest_api_id=api.id, resource_id=r.id, http_method="GET",\n'
            '                          type="MOCK", integration_responses=[{"status_code": "200"},\n'
            '                                                              {"selection_pattern": "x"}])\n')
    [finding] = check(text)
    assert finding.fix is None and "`status_code` is not given" in finding.message


def test_not_moved_when_the_owner_is_inside_an_expression():
    text = PY.format(module="s3_bucket", cls="S3Bucket") + 'use(S3Bucket(self, "b", public_access_block={"block_public_acls": True}))\n'
    [finding] = check(text)
    assert finding.fix is None and "not a statement of its own" in finding.message


def test_bare_python_statement_bound_aliased_import_crlf():
    text = ("from cdktf_cdktf_provider_aws.s3_bucket import S3Bucket as Bucket\r\n\r\n"
            'Bucket(self, f"data-{env}", public_access_block={"block_public_acls": True})\r\n'
            "other = 1\r\n")
    fixed, _ = run(text)
    assert fixed == (
        "from cdktf_cdktf_provider_aws.s3_bucket import S3Bucket as Bucket\r\n"
        "from cdktf_cdktf_provider_aws.s3_bucket_public_access_block import S3BucketPublicAccessBlock\r\n\r\n"
        'data = Bucket(self, f"data-{env}")\r\n'
        'S3BucketPublicAccessBlock(self, f"data-{env}-public-access-block",\r\n'
        "    bucket=data.id,\r\n"
        "    block_public_acls=True\r\n"
        ")\r\n"
        "other = 1\r\n")


def test_a_field_the_resource_does_not_declare_is_not_moved():
    text = PY.format(module="s3_bucket", cls="S3Bucket") + 'b = S3Bucket(self, "b", public_access_block={"block_everything": True})\n'
    [finding] = check(text)
    assert finding.fix is None and "moved" not in finding.message


def test_required_from_the_index_or_from_jsii_order():
    from iacfix.codemods.unknown_property import _required
    from iacfix.knowledge.provider import ProviderIndex

    index = ProviderIndex.load()
    struct = "apiGatewayIntegrationResponse.ApiGatewayIntegrationResponseConfig"
    expected = ["httpMethod", "resourceId", "restApiId", "statusCode"]
    assert [p.name for p in _required(index, struct)] == expected

    class NoOptionality:  # an index that does not record optionality: the jsii-order bound
        def __getattr__(self, name):
            return getattr(index, name)
        required_props = None

    assert [p.name for p in _required(NoOptionality(), struct)] == expected
    bound = [p.name for p in _required(NoOptionality(), "s3BucketPublicAccessBlock.S3BucketPublicAccessBlockConfig")]
    assert bound == ["bucket"]


# -- a setting given under a condition -------------------------------------------------------------

SECRET_TS = TS.format(cls="SecretsmanagerSecret", module="secretsmanager-secret")
ROTATION_TS = "import { SecretsmanagerSecretRotation } from '@cdktf/provider-aws/lib/secretsmanager-secret-rotation';\n"


@pytest.mark.parametrize("value,test", [
    ("config.rotate !== false ? { automaticallyAfterDays: 30 } : undefined", "config.rotate !== false"),
    ("rotate ? null : { automaticallyAfterDays: 30 }", "!rotate"),
    ("!rotate ? undefined : { automaticallyAfterDays: 30 }", "rotate"),
    ("!(a || b) ? undefined : { automaticallyAfterDays: 30 }", "a || b"),
    ("a === b ? null : { automaticallyAfterDays: 30 }", "!(a === b)"),
    ("props?.rotate ? { automaticallyAfterDays: 30 } : undefined", "props?.rotate"),
    ("props!.rotate ? undefined : { automaticallyAfterDays: 30 }", "!(props!.rotate)"),
    ("this.rotate ? undefined : { automaticallyAfterDays: 30 }", "!this.rotate"),
])
def test_conditional_rotation_moved_under_the_condition_ts(value, test):
    text = SECRET_TS + f"const s = new SecretsmanagerSecret(this, 's', {{ name: 'x', rotationRules: {value} }});\n"
    fixed, result = run(text, "typescript")
    assert fixed == (SECRET_TS.rstrip("\n") + "\n" + ROTATION_TS + "\n"
                     "const s = new SecretsmanagerSecret(this, 's', { name: 'x' });\n"
                     f"if ({test}) {{\n"
                     "  new SecretsmanagerSecretRotation(this, 's-rotation', {\n"
                     "    secretId: s.id,\n"
                     "    rotationRules: { automaticallyAfterDays: 30 },\n"
                     "  });\n"
                     "}\n")
    [finding] = result.applied
    assert finding.fix.applicability is Applicability.UNSAFE


def test_conditional_multiline_ternary_reindented_ts():
    text = (SECRET_TS +
            "class S {\n"
            "  constructor() {\n"
            "    const db = new SecretsmanagerSecret(\n"
            "      this,\n"
            "      'db',\n"
            "      {\n"
            "        name: 'db',\n"
            "        rotationRules:\n"
            "          config.enableAutoRotation !== false\n"
            "            ? {\n"
            "                automaticallyAfterDays: 30,\n"
            "              }\n"
            "            : undefined,\n"
            "        tags: { a: 'b' },\n"
            "      }\n"
            "    );\n"
            "  }\n"
            "}\n")
    fixed, _ = run(text, "typescript")
    assert fixed == (
        SECRET_TS.rstrip("\n") + "\n" + ROTATION_TS + "\n"
        "class S {\n"
        "  constructor() {\n"
        "    const db = new SecretsmanagerSecret(\n"
        "      this,\n"
        "      'db',\n"
        "      {\n"
        "        name: 'db',\n"
        "        tags: { a: 'b' },\n"
        "      }\n"
        "    );\n"
        "    if (config.enableAutoRotation !== false) {\n"
        "      new SecretsmanagerSecretRotation(this, 'db-rotation', {\n"
        "        secretId: db.id,\n"
        "        rotationRules: {\n"
        "          automaticallyAfterDays: 30,\n"
        "        },\n"
        "      });\n"
        "    }\n"
        "  }\n"
        "}\n")


def test_conditional_rotation_moved_under_the_condition_python_crlf():
    header = PY.format(module="secretsmanager_secret", cls="SecretsmanagerSecret").replace("\n", "\r\n")
    text = (header +
            "class S:\r\n"
            "    def __init__(self):\r\n"
            '        secret = SecretsmanagerSecret(self, "db", name="db",\r\n'
            "            rotation_rules=None if cfg.a or cfg.b else {\r\n"
            '                "automatically_after_days": 30,\r\n'
            "            })\r\n"
            "        other = 1\r\n")
    fixed, result = run(text)
    assert fixed == (
        "from cdktf_cdktf_provider_aws.secretsmanager_secret import SecretsmanagerSecret\r\n"
        "from cdktf_cdktf_provider_aws.secretsmanager_secret_rotation import SecretsmanagerSecretRotation\r\n\r\n"
        "class S:\r\n"
        "    def __init__(self):\r\n"
        '        secret = SecretsmanagerSecret(self, "db", name="db")\r\n'
        "        if not (cfg.a or cfg.b):\r\n"
        '            SecretsmanagerSecretRotation(self, "db_rotation",\r\n'
        "                secret_id=secret.id,\r\n"
        "                rotation_rules={\r\n"
        '                    "automatically_after_days": 30,\r\n'
        "                }\r\n"
        "            )\r\n"
        "        other = 1\r\n")
    [finding] = result.applied
    assert finding.fix.applicability is Applicability.UNSAFE


@pytest.mark.parametrize("value,test", [
    ('{"automatically_after_days": 30} if rotate else None', "rotate"),
    ('None if self.cfg.off else {"automatically_after_days": 30}', "not self.cfg.off"),
    ('None if not rotate else {"automatically_after_days": 30}', "rotate"),
    ('{"automatically_after_days": 30} if cfg["rotate"] == "yes" else None', 'cfg["rotate"] == "yes"'),
])
def test_conditional_rotation_python_forms(value, test):
    text = PY.format(module="secretsmanager_secret", cls="SecretsmanagerSecret") + f's = SecretsmanagerSecret(self, "s", rotation_rules={value})\n'
    fixed, _ = run(text)
    assert fixed.endswith('s = SecretsmanagerSecret(self, "s")\n'
                          f"if {test}:\n"
                          '    SecretsmanagerSecretRotation(self, "s_rotation",\n'
                          "        secret_id=s.id,\n"
                          '        rotation_rules={"automatically_after_days": 30}\n'
                          "    )\n")


@pytest.mark.parametrize("value,why", [
    ('{"automatically_after_days": 30} if rotate() else None', "computed condition"),
    ('{"automatically_after_days": 30} if rotate else {"automatically_after_days": 90}', "not a literal"),
    ('{"automatically_after_days": 30} if (n := 1) else None', "computed condition"),
])
def test_conditional_rotation_python_refused(value, why):
    text = PY.format(module="secretsmanager_secret", cls="SecretsmanagerSecret") + f's = SecretsmanagerSecret(self, "s", rotation_rules={value})\n'
    [finding] = check(text)
    assert finding.fix is None and why in finding.message


# -- API-shaped blocks the provider flattened ------------------------------------------------------

def test_api_shape_targets_are_declared_in_the_index():
    from iacfix.codemods.unknown_property import API_SHAPES
    from iacfix.knowledge.provider import ProviderIndex

    index = ProviderIndex.load()
    for (struct, key), (target, path, origin) in API_SHAPES.items():
        assert target in index.props(struct), (struct, target)
        assert index.prop(struct, key) is None, (struct, key)
        assert path.startswith("[0].") and origin


SFN_PY = PY.format(module="sfn_state_machine", cls="SfnStateMachine, SfnStateMachineLoggingConfiguration")
SFN_TS = TS.format(module="sfn-state-machine", cls="SfnStateMachine")


@pytest.mark.parametrize("before,after", [
    ('logging_configuration={"level": "ALL", "destinations": [{"cloud_watch_logs_log_group": {"log_group_arn": f"{lg.arn}:*"}}]}',
     'logging_configuration={"level": "ALL", "log_destination": f"{lg.arn}:*"}'),
    ('logging_configuration={"destinations": [{"cloudWatchLogsLogGroup": {"logGroupArn": lg.arn}}], "level": "ALL"}',
     'logging_configuration={"log_destination": lg.arn, "level": "ALL"}'),
    ('logging_configuration=SfnStateMachineLoggingConfiguration(level="ALL", destinations=[\n'
     '    {"cloud_watch_logs_log_group": {"log_group_arn": lg.arn},},\n])',
     'logging_configuration=SfnStateMachineLoggingConfiguration(level="ALL", log_destination=lg.arn)'),
])
def test_api_shape_python_safe(before, after):
    text = SFN_PY + f'SfnStateMachine(self, "sm", name="x", role_arn=r.arn, definition=d, {before})\n'
    fixed, result = run(text, unsafe=False)
    assert fixed == SFN_PY + f'SfnStateMachine(self, "sm", name="x", role_arn=r.arn, definition=d, {after})\n'
    assert all(f.fix.applicability is Applicability.SAFE for f in result.applied)


def test_api_shape_typescript_safe_keeps_the_expression():
    text = (SFN_TS + "new SfnStateMachine(this, 'sm', {\n  name: 'x',\n  roleArn: r.arn,\n  definition: d,\n"
            "  loggingConfiguration: {\n    level: 'ALL',\n    destinations: [\n      {\n"
            "        cloudWatchLogsLogGroup: { logGroupArn: `${lg.arn}:*` },\n      },\n    ],\n  },\n});\n")
    fixed, _ = run(text, "typescript", unsafe=False)
    assert fixed == (SFN_TS + "new SfnStateMachine(this, 'sm', {\n  name: 'x',\n  roleArn: r.arn,\n  definition: d,\n"
                     "  loggingConfiguration: {\n    level: 'ALL',\n    logDestination: `${lg.arn}:*`,\n  },\n});\n")


@pytest.mark.parametrize("value,why", [
    ('[{"cloud_watch_logs_log_group": {"log_group_arn": a}}, {"cloud_watch_logs_log_group": {"log_group_arn": b}}]',
     "2 elements"),
    ("[]", "0 elements"),
    ("destinations", "not a list literal"),
    ('[{"cloud_watch_logs_log_group": {"log_group_arn": a, "extra": 1}}]', "other keys"),
    ('[{"cloud_watch_logs_log_group": group}]', "not given as a plain literal"),
    ('[{"cloud_watch_logs_log_group": {\n    "log_group_arn": a,  # the log group\n}}]', "comment"),
    ('[{"cloud_watch_logs_log_group": {"log_group_arn": {"arn": a}}}]', "not a string"),
])
def test_api_shape_python_refused(value, why):
    text = SFN_PY + f'SfnStateMachine(self, "sm", logging_configuration={{"level": "ALL", "destinations": {value}}})\n'
    [finding] = check(text)
    assert finding.fix is None and why in finding.message and "`log_destination`" in finding.message


def test_api_shape_refused_when_the_target_is_given_ts():
    text = (SFN_TS + "new SfnStateMachine(this, 'sm', { loggingConfiguration: { logDestination: a,"
            " destinations: [{ cloudWatchLogsLogGroup: { logGroupArn: a } }] } });\n")
    [finding] = check(text, "typescript")
    assert finding.fix is None and "already given" in finding.message
