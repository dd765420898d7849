"""Provider knowledge: the shipped index, the runtime API, and the derivation.

Facts checked here come from FACTS.md A1/A2 (checked against the real packages); the `oracle`
tests re-derive the shipped data from the installed provider and compare it byte for byte.
"""

from __future__ import annotations

import gzip
import json
import os
import re
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest

from iacfix.knowledge import derive_provider as dp
from iacfix.knowledge.provider import (
    DATA_DIR,
    KIND_CHANGES_FILE,
    Prop,
    ProviderIndex,
    kind_history,
    parse_version,
    python_root,
    shipped_versions,
    ts_package,
)

SITE = Path.home() / ".cache/iacfix-eval/.venv-cdktf/lib/python3.11/site-packages"
ASM_TGZ = SITE / "cdktf_cdktf_provider_aws/_jsii/provider-aws@21.22.1.jsii.tgz"
CORE_TGZ = SITE / "cdktf/_jsii/cdktf@0.21.0.jsii.tgz"
PY_PKG = SITE / "cdktf_cdktf_provider_aws"


def need(path: Path) -> None:
    if not path.exists():
        if os.environ.get("IACFIX_REQUIRE_ORACLES"):
            pytest.fail(f"{path} missing (IACFIX_REQUIRE_ORACLES is set)")
        pytest.skip(f"{path} not installed (bash ../shared/eval/setup_env.sh)")


@pytest.fixture(scope="module")
def idx() -> ProviderIndex:
    return ProviderIndex.load("21.22.1")


# --------------------------------------------------------------------------- shipped files

def test_shipped_files():
    assert "21.22.1" in shipped_versions("cdktf")
    assert os.path.isfile(KIND_CHANGES_FILE)
    for name in os.listdir(DATA_DIR):
        if name.endswith(".json.gz"):
            assert os.path.getsize(os.path.join(DATA_DIR, name)) < 4_000_000, name


def test_helpers():
    assert python_root("cdktf") == "cdktf_cdktf_provider_aws"
    assert python_root("cdktn") == "cdktn_provider_aws"
    assert ts_package("cdktf") == "@cdktf/provider-aws"
    assert ts_package("cdktn") == "@cdktn/provider-aws"
    assert parse_version("^21.22.1") == (21, 22, 1)
    assert parse_version("19.51") == (19, 51, 0)


def test_load_is_cached_and_newest(idx):
    assert ProviderIndex.load() is ProviderIndex.load(None, "cdktf")
    assert ProviderIndex.load("21.22.1") is idx
    assert idx.version == "21.22.1" and idx.family == "cdktf"
    assert ProviderIndex.load().version == shipped_versions("cdktf")[-1]
    assert idx.meta["terraform_provider_version"] == "6.25.0"


def test_load_time_fresh_process():
    code = ("import time; t=time.perf_counter(); from iacfix.knowledge.provider import ProviderIndex; "
            "i=ProviderIndex.load(); i.props('s3Bucket.S3BucketConfig'); print(time.perf_counter()-t)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    # measured ~0.1 s on the dev machine; a generous bound so a loaded CI box does not flake
    assert float(out.stdout) < 1.5


# --------------------------------------------------------------------------- modules

def test_modules(idx):
    sub = idx.module_for_python("s3_bucket_versioning")
    assert sub == "s3BucketVersioning"
    assert idx.module_for_ts("s3-bucket-versioning") == sub
    assert idx.module_for_ts("@cdktf/provider-aws/lib/s3-bucket-versioning") == sub
    assert idx.module_for_ts_namespace("s3BucketVersioning") == sub
    assert idx.python_leaf(sub) == "s3_bucket_versioning"
    assert idx.ts_leaf(sub) == "s3-bucket-versioning"
    assert idx.ts_namespace(sub) == "s3BucketVersioning"
    assert idx.python_module(sub) == "cdktf_cdktf_provider_aws.s3_bucket_versioning"
    assert idx.ts_module(sub) == "@cdktf/provider-aws/lib/s3-bucket-versioning"
    assert idx.module_for_python("cdktf_cdktf_provider_aws.s3_bucket") == "s3Bucket"
    assert idx.module_for_python("no_such_module") is None
    assert idx.module_for_ts_namespace("noSuchThing") is None
    assert len(idx.submodules()) == 2212


def test_casing_after_digits(idx):
    # the python module follows the class, the TS path keeps the tf spelling
    sub = idx.module_for_ts("s3control-bucket")
    assert sub == "s3ControlBucket"
    assert idx.python_leaf(sub) == "s3_control_bucket"
    assert idx.module_for_python("s3control_bucket") is None
    assert idx.module_for_python_loose("s3control_bucket") == sub
    assert idx.has_type(sub, "S3ControlBucket")
    assert idx.rename(sub, "S3controlBucket") == "S3ControlBucket"
    assert idx.casing_fix("Lexv2modelsBot") == ("lexv2ModelsBot", "Lexv2ModelsBot")
    assert idx.python_leaf("lexv2ModelsBot") == "lexv2_models_bot"
    assert idx.ts_leaf("lexv2ModelsBot") == "lexv2models-bot"


# --------------------------------------------------------------------------- types and renames

def test_a_suffix_renames(idx):
    sub = idx.module_for_python("s3_bucket_server_side_encryption_configuration")
    assert idx.rename(sub, "S3BucketServerSideEncryptionConfiguration") == "S3BucketServerSideEncryptionConfigurationA"
    assert idx.rename(sub, "S3BucketServerSideEncryptionConfigurationConfig") == \
        "S3BucketServerSideEncryptionConfigurationAConfig"
    assert idx.rename(sub, "S3BucketServerSideEncryptionConfigurationRule") == \
        "S3BucketServerSideEncryptionConfigurationRuleA"
    assert idx.rename(sub, "S3BucketServerSideEncryptionConfigurationRuleApplyServerSideEncryptionByDefault") == \
        "S3BucketServerSideEncryptionConfigurationRuleApplyServerSideEncryptionByDefaultA"
    assert not idx.has_type(sub, "S3BucketServerSideEncryptionConfiguration")
    assert idx.kind_of(sub, "S3BucketServerSideEncryptionConfigurationA") == "resource"
    # the wrong name is a valid struct in s3_bucket: no rename there
    assert idx.has_type("s3Bucket", "S3BucketServerSideEncryptionConfiguration")
    assert idx.kind_of("s3Bucket", "S3BucketServerSideEncryptionConfiguration") == "struct"
    assert idx.rename("s3Bucket", "S3BucketServerSideEncryptionConfiguration") is None
    assert "s3Bucket" in idx.exists_elsewhere("S3BucketServerSideEncryptionConfiguration")
    assert "s3Bucket" in idx.modules_with_type("S3BucketServerSideEncryptionConfiguration")
    # not every type of a suffixed module is renamed
    assert idx.rename("s3BucketVersioning", "S3BucketVersioning") == "S3BucketVersioningA"
    assert idx.rename("s3BucketVersioning", "S3BucketVersioningVersioningConfiguration") is None
    assert idx.has_type("s3BucketVersioning", "S3BucketVersioningVersioningConfiguration")
    # unknown names
    assert idx.rename("s3BucketVersioning", "NoSuchType") is None
    assert idx.rename("noSuchModule", "S3BucketVersioning") is None


def test_struct_suffix_renames(idx):
    sub = idx.module_for_python("msk_replicator")
    assert idx.rename(sub, "MskReplicatorReplicationInfoList") == "MskReplicatorReplicationInfoListStruct"
    assert idx.rename("cloudwatchEventTarget", "CloudwatchEventTargetSagemakerPipelineTargetPipelineParameterList") \
        == "CloudwatchEventTargetSagemakerPipelineTargetPipelineParameterListStruct"


def test_ambiguous_names_are_not_renamed(idx):
    for leaf, wrong in [
        ("connect_hours_of_operation", "ConnectHoursOfOperationConfig"),
        ("data_aws_connect_hours_of_operation", "DataAwsConnectHoursOfOperationConfig"),
        ("vpclattice_target_group", "VpclatticeTargetGroupConfig"),
    ]:
        sub = idx.module_for_python(leaf)
        assert idx.has_type(sub, wrong)
        assert idx.rename(sub, wrong) is None
        assert idx.ambiguous_rename(sub, wrong) == wrong + "A"
        assert idx.has_type(sub, wrong + "A")


def test_rename_counts(idx):
    data = idx._data
    assert sum(len(v) for v in data["renames"].values()) == 74
    assert sum(len(v) for v in data["ambiguous"].values()) == 3
    resources = [w for v in data["renames"].values() for w, r in v.items()
                 if r.endswith("A") and idx.kind_of(idx.module_for_ts_namespace(
                     next(s for s, d in data["renames"].items() if w in d)), r) == "resource"]
    assert len(resources) == 10
    assert len(data["casing"]) == 47


def test_kinds_and_params(idx):
    assert idx.kind_of("s3Bucket", "S3Bucket") == "resource"
    assert idx.kind_of("dataAwsS3Bucket", "DataAwsS3Bucket") == "data"
    assert idx.kind_of("provider", "AwsProvider") == "provider"
    assert idx.kind_of("s3Bucket", "S3BucketConfig") == "struct"
    assert idx.kind_of("s3Bucket", "S3BucketVersioningOutputReference") == "class"
    assert idx.kind_of("s3Bucket", "Nope") is None
    assert idx.params_struct("s3BucketVersioning", "S3BucketVersioningA") == "s3BucketVersioning.S3BucketVersioningAConfig"
    assert idx.params_struct("provider", "AwsProvider") == "provider.AwsProviderConfig"
    assert idx.params_struct("s3Bucket", "S3BucketVersioning") == "s3Bucket.S3BucketVersioning"
    assert idx.params_struct("s3Bucket", "S3BucketVersioningOutputReference") is None


# --------------------------------------------------------------------------- props

def test_list_and_single_props(idx):
    p = idx.prop("s3BucketLifecycleConfiguration.S3BucketLifecycleConfigurationRule", "expiration")
    assert p == Prop("expiration", "expiration", "list_struct",
                     "s3BucketLifecycleConfiguration.S3BucketLifecycleConfigurationRuleExpiration")
    assert idx.prop("lbTargetGroup.LbTargetGroupConfig", "healthCheck").kind == "struct"
    assert idx.prop("lbTargetGroup.LbTargetGroupConfig", "health_check").struct == "lbTargetGroup.LbTargetGroupHealthCheck"
    assert idx.kind_at("cognitoUserPoolClient.CognitoUserPoolClientConfig", "tokenValidityUnits") == "list_struct"
    assert idx.kind_at("provider.AwsProviderConfig", "defaultTags") == "list_struct"
    assert idx.kind_at("launchTemplate.LaunchTemplateConfig", "metadataOptions") == "struct"
    assert idx.kind_at("route53Record.Route53RecordConfig", "alias") == "struct"
    assert idx.kind_at("elasticacheReplicationGroup.ElasticacheReplicationGroupConfig", "atRestEncryptionEnabled") == "string"
    assert idx.kind_at("elasticacheReplicationGroup.ElasticacheReplicationGroupConfig", "transitEncryptionEnabled") == "boolean"
    assert idx.kind_at("lexv2ModelsBotVersion.Lexv2ModelsBotVersionConfig", "localeSpecification") == "map_struct"
    assert idx.kind_at("s3Bucket.S3BucketConfig", "tags") == "map_string"
    assert idx.kind_at("s3Bucket.S3BucketConfig", "nope") is None


def test_prop_counts(idx):
    counts = idx.meta["counts"]["struct_props_by_kind"]
    assert counts["list_struct"] == 3054
    assert counts["struct"] == 3403
    assert counts["map_struct"] == 1
    assert idx.meta["counts"]["structs"] == 10196


def test_python_names(idx):
    s = ("medialiveChannel.MedialiveChannelEncoderSettingsOutputGroupsOutputsOutputSettings"
         "ArchiveOutputSettingsContainerSettings")
    p = idx.prop(s, "m2TsSettings")
    assert p.py_name == "m2_ts_settings"
    assert idx.prop(s, "m2_ts_settings") is p
    assert idx.prop(s, "m2ts_settings") is None
    f = "s3BucketLifecycleConfiguration.S3BucketLifecycleConfigurationRuleFilter"
    assert idx.prop(f, "and").py_name == "and_"
    assert idx.prop(f, "and_").name == "and"
    assert idx.prop("bedrockagentFlow.BedrockagentFlowDefinition", "node_attribute").name == "nodeAttribute"


def test_meta_arguments_are_known(idx):
    cfg = idx.params_struct("s3Bucket", "S3Bucket")
    for py in ("provider", "depends_on", "count", "for_each", "lifecycle", "connection", "provisioners"):
        assert idx.prop(cfg, py) is not None, py
    lc = idx.prop(cfg, "lifecycle")
    assert lc.kind == "struct" and lc.struct == "cdktf.TerraformResourceLifecycle"
    assert idx.prop(lc.struct, "prevent_destroy").kind == "boolean"
    assert idx.prop(lc.struct, "precondition").struct == "cdktf.Precondition"
    assert idx.prop("cdktf.Precondition", "error_message").name == "errorMessage"
    assert idx.prop("provider.AwsProviderConfig", "alias").kind == "string"
    # props of the struct itself are not shadowed
    assert idx.prop(cfg, "bucket").kind == "string"


def test_unknown_struct(idx):
    assert idx.props("s3Bucket.NoSuchStruct") == {}
    assert idx.prop("nope.Nope", "x") is None


# --------------------------------------------------------------------------- versions

def test_kind_changes_table():
    assert kind_history("s3BucketLifecycleConfiguration.S3BucketLifecycleConfigurationRule", "expiration") == [
        ("struct", "10.0.2"), ("list_struct", "19.52.0")]
    assert kind_history("elasticacheReplicationGroup.ElasticacheReplicationGroupConfig",
                        "atRestEncryptionEnabled") == [("boolean", "10.0.2"), ("string", "19.48.0")]
    assert kind_history("lbTargetGroup.LbTargetGroupConfig", "healthCheck") == []
    table = json.load(open(KIND_CHANGES_FILE))
    for key, hist in table.items():
        assert len(hist) >= 2 and all(a[0] != b[0] for a, b in zip(hist, hist[1:])), key
        assert [parse_version(v) for _, v in hist] == sorted(parse_version(v) for _, v in hist), key


@pytest.mark.parametrize("version,kinds", [
    ("19.51.0", {"expiration": "struct", "atRest": "string", "tvu": "list_struct", "tags": "list_struct"}),
    ("19.52.0", {"expiration": "list_struct", "atRest": "string", "tvu": "list_struct", "tags": "list_struct"}),
    ("19.47.0", {"expiration": "struct", "atRest": "boolean", "tvu": "list_struct", "tags": "list_struct"}),
    ("12.0.10", {"expiration": "struct", "atRest": "boolean", "tvu": "struct", "tags": "list_struct"}),
    ("12.0.11", {"expiration": "struct", "atRest": "boolean", "tvu": "list_struct", "tags": "list_struct"}),
    ("11.0.8", {"expiration": "struct", "atRest": "boolean", "tvu": "struct", "tags": "struct"}),
    ("11.0.9", {"expiration": "struct", "atRest": "boolean", "tvu": "struct", "tags": "list_struct"}),
    ("21.22.1", {"expiration": "list_struct", "atRest": "string", "tvu": "list_struct", "tags": "list_struct"}),
])
def test_version_corrected_kinds(version, kinds):
    i = ProviderIndex.load(version)
    assert i.version == version
    assert i.index_version == "21.22.1"
    rule = "s3BucketLifecycleConfiguration.S3BucketLifecycleConfigurationRule"
    assert i.kind_at(rule, "expiration") == kinds["expiration"]
    assert i.prop(rule, "expiration").struct == \
        "s3BucketLifecycleConfiguration.S3BucketLifecycleConfigurationRuleExpiration"
    assert i.kind_at("elasticacheReplicationGroup.ElasticacheReplicationGroupConfig",
                     "atRestEncryptionEnabled") == kinds["atRest"]
    assert i.prop("elasticacheReplicationGroup.ElasticacheReplicationGroupConfig",
                  "at_rest_encryption_enabled").kind == kinds["atRest"]
    assert i.kind_at("cognitoUserPoolClient.CognitoUserPoolClientConfig", "tokenValidityUnits") == kinds["tvu"]
    assert i.kind_at("provider.AwsProviderConfig", "defaultTags") == kinds["tags"]
    assert i.kind_at("lbTargetGroup.LbTargetGroupConfig", "healthCheck") == "struct"


def test_version_load_variants():
    assert ProviderIndex.load("19.51").version == "19.51.0"
    assert ProviderIndex.load("99.0.0").index_version == "21.22.1"


def test_cdktn_family():
    i = ProviderIndex.load(family="cdktn")
    assert i.family == "cdktn"
    assert i.python_module("s3Bucket") == "cdktn_provider_aws.s3_bucket"
    assert i.ts_module("s3Bucket") == "@cdktn/provider-aws/lib/s3-bucket"
    assert i.rename("s3BucketVersioning", "S3BucketVersioning") == "S3BucketVersioningA"
    if i.index_version == "25.8.1":
        assert i.rename("wafv2WebAclRule", "Wafv2WebAclRule") == "Wafv2WebAclRuleA"
        assert i.kind_at("s3BucketLifecycleConfiguration.S3BucketLifecycleConfigurationRule", "expiration") == "list_struct"
        cfg = i.params_struct("s3BucketVersioning", "S3BucketVersioningA")
        assert i.prop(cfg, "lifecycle").struct == "cdktn.TerraformResourceLifecycle"


# --------------------------------------------------------------------------- derivation (synthetic)

P = "@cdktf/provider-aws"


def _link(kind_path: str, tf: str, attr: str | None = None) -> dict:
    url = f"https://registry.terraform.io/providers/hashicorp/aws/6.0.0/docs/{kind_path}/{tf[4:]}"
    if attr:
        return {"summary": f"Docs at Terraform Registry: {{@link {url}#{attr} X#{attr}}}."}
    return {"summary": f"Represents a {{@link {url} {tf}}}."}


def _resource(sub, name, cfg, tf, base="cdktf.TerraformResource", props=()):
    return {f"{P}.{sub}.{name}": {
        "kind": "class", "base": base, "fqn": f"{P}.{sub}.{name}", "name": name,
        "docs": _link("data-sources" if "Data" in base else "resources", tf),
        "initializer": {"parameters": [
            {"name": "scope", "type": {"fqn": "constructs.Construct"}},
            {"name": "id", "type": {"primitive": "string"}},
            {"name": "config", "type": {"fqn": f"{P}.{sub}.{cfg}"}}]},
        "properties": list(props)}}


def _struct(sub, name, props, bases=None, tf=None):
    t = {"kind": "interface", "datatype": True, "fqn": f"{P}.{sub}.{name}", "name": name,
         "properties": [{"name": n, "type": ty, **({"docs": _link("resources", tf, a)} if tf and a else {})}
                        for n, ty, a in props]}
    if bases:
        t["interfaces"] = bases
    return {f"{P}.{sub}.{name}": t}


def _helper(sub, name, base="cdktf.ComplexObject", props=()):
    return {f"{P}.{sub}.{name}": {"kind": "class", "base": base, "fqn": f"{P}.{sub}.{name}",
                                  "name": name, "properties": list(props)}}


def synthetic_assembly() -> dict:
    ir = {"fqn": "cdktf.IResolvable"}
    types: dict = {}
    # module s3Bucket: resource S3Bucket with a `versioning` block -> struct S3BucketVersioning
    types |= _resource("s3Bucket", "S3Bucket", "S3BucketConfig", "aws_s3_bucket")
    types |= _struct("s3Bucket", "S3BucketConfig", [
        ("bucket", {"primitive": "string"}, "bucket"),
        ("versioning", {"fqn": f"{P}.s3Bucket.S3BucketVersioning"}, "versioning"),
        ("grant", {"union": {"types": [ir, {"collection": {"kind": "array", "elementtype": {
            "fqn": f"{P}.s3Bucket.S3BucketGrant"}}}]}}, "grant"),
        ("forceDestroy", {"union": {"types": [{"primitive": "boolean"}, ir]}}, "force_destroy"),
        ("tags", {"collection": {"kind": "map", "elementtype": {"primitive": "string"}}}, "tags"),
        ("lambda", {"primitive": "string"}, "lambda"),
    ], bases=["cdktf.TerraformMetaArguments"], tf="aws_s3_bucket")
    types |= _struct("s3Bucket", "S3BucketVersioning", [("enabled", {"primitive": "boolean"}, "enabled")],
                     tf="aws_s3_bucket")
    types |= _struct("s3Bucket", "S3BucketGrant", [("id", {"primitive": "string"}, "id")], tf="aws_s3_bucket")
    types |= _helper("s3Bucket", "S3BucketVersioningOutputReference")
    types |= _helper("s3Bucket", "S3BucketGrantOutputReference")
    types |= _helper("s3Bucket", "S3BucketGrantList", base="cdktf.ComplexList")
    # module s3BucketVersioning: the resource collides with the struct above -> ...A
    types |= _resource("s3BucketVersioning", "S3BucketVersioningA", "S3BucketVersioningAConfig",
                       "aws_s3_bucket_versioning")
    types |= _struct("s3BucketVersioning", "S3BucketVersioningAConfig", [
        ("versioningConfiguration", {"fqn": f"{P}.s3BucketVersioning.S3BucketVersioningVersioningConfiguration"},
         "versioning_configuration"),
        ("infoList", {"union": {"types": [ir, {"collection": {"kind": "array", "elementtype": {
            "fqn": f"{P}.s3BucketVersioning.S3BucketVersioningInfoListStruct"}}}]}}, "info_list"),
    ], bases=["cdktf.TerraformMetaArguments"], tf="aws_s3_bucket_versioning")
    types |= _struct("s3BucketVersioning", "S3BucketVersioningVersioningConfiguration",
                     [("status", {"primitive": "string"}, "status")], tf="aws_s3_bucket_versioning")
    types |= _struct("s3BucketVersioning", "S3BucketVersioningInfoListStruct",
                     [("x", {"primitive": "number"}, "x")], tf="aws_s3_bucket_versioning")
    types |= _helper("s3BucketVersioning", "S3BucketVersioningVersioningConfigurationOutputReference")
    types |= _helper("s3BucketVersioning", "S3BucketVersioningInfoListStructOutputReference")
    types |= _helper("s3BucketVersioning", "S3BucketVersioningInfoListStructList", base="cdktf.ComplexList")
    # module s3ControlBucket: casing after digits; a data source with a computed block
    types |= _resource("s3ControlBucket", "S3ControlBucket", "S3ControlBucketConfig", "aws_s3control_bucket")
    types |= _struct("s3ControlBucket", "S3ControlBucketConfig", [], bases=["cdktf.TerraformMetaArguments"])
    types |= _resource("dataAwsThing", "DataAwsThing", "DataAwsThingConfig", "aws_thing",
                       base="cdktf.TerraformDataSource",
                       props=[{"name": "items", "type": {"fqn": f"{P}.dataAwsThing.DataAwsThingItemsList"}}])
    types |= _struct("dataAwsThing", "DataAwsThingConfig", [], bases=["cdktf.TerraformMetaArguments"])
    types |= _struct("dataAwsThing", "DataAwsThingItems", [])
    types |= _helper("dataAwsThing", "DataAwsThingItemsList", base="cdktf.ComplexList")
    types[f"{P}.dataAwsThing.DataAwsThingItemsList"]["methods"] = [
        {"name": "get", "returns": {"type": {"fqn": f"{P}.dataAwsThing.DataAwsThingItemsOutputReference"}}}]
    types |= _helper("dataAwsThing", "DataAwsThingItemsOutputReference", props=[
        {"name": "internalValue", "type": {"fqn": f"{P}.dataAwsThing.DataAwsThingItems"}}])
    subs = {f"{P}.{s}": {"symbolId": f"src/{ts}/index:"} for s, ts in [
        ("s3Bucket", "s3-bucket"), ("s3BucketVersioning", "s3-bucket-versioning"),
        ("s3ControlBucket", "s3control-bucket"), ("dataAwsThing", "data-aws-thing")]}
    return {"name": P, "version": "1.2.3", "types": types, "submodules": subs,
            "targets": {"python": {"module": "cdktf_cdktf_provider_aws", "distName": "cdktf-cdktf-provider-aws"}},
            "dependencies": {"cdktf": "^0.21.0"}}


def test_derive_synthetic():
    asm = synthetic_assembly()
    index = dp.build_index(asm, {"cdktf": {"provider": {"version": "6.0.0"}}})
    assert index["meta"]["counts"]["types_unreached_by_walk"] == 0
    assert index["renames"]["s3BucketVersioning"] == {
        "S3BucketVersioning": "S3BucketVersioningA",
        "S3BucketVersioningConfig": "S3BucketVersioningAConfig",
        "S3BucketVersioningInfoList": "S3BucketVersioningInfoListStruct",
        "S3BucketVersioningInfoListList": "S3BucketVersioningInfoListStructList",
        "S3BucketVersioningInfoListOutputReference": "S3BucketVersioningInfoListStructOutputReference",
    }
    assert "s3Bucket" not in index["renames"]
    assert index["elsewhere"]["S3BucketVersioning"] == ["s3Bucket"]
    assert index["casing"] == {"S3controlBucket": ["s3ControlBucket", "S3ControlBucket"]}
    assert index["modules"]["s3ControlBucket"] == ["s3_control_bucket", "s3control-bucket"]
    raw = dp.dumps_index(index)
    assert raw == dp.dumps_index(dp.build_index(synthetic_assembly(), {"cdktf": {"provider": {"version": "6.0.0"}}}))
    i = ProviderIndex(json.loads(gzip.decompress(raw)))
    assert i.version == "1.2.3" and i.meta["terraform_provider_version"] == "6.0.0"
    cfg = i.params_struct("s3Bucket", "S3Bucket")
    assert cfg == "s3Bucket.S3BucketConfig"
    assert i.prop(cfg, "versioning") == Prop("versioning", "versioning", "struct", "s3Bucket.S3BucketVersioning")
    assert i.prop(cfg, "grant") == Prop("grant", "grant", "list_struct", "s3Bucket.S3BucketGrant")
    assert i.prop(cfg, "force_destroy").kind == "boolean"
    assert i.prop(cfg, "tags").kind == "map_string"
    assert i.prop(cfg, "lambda_").name == "lambda"
    assert i.prop(cfg, "depends_on").kind == "other"
    assert i.kind_of("dataAwsThing", "DataAwsThing") == "data"
    assert i.rename("s3BucketVersioning", "S3BucketVersioningConfig") == "S3BucketVersioningAConfig"
    assert i.rename("s3ControlBucket", "S3controlBucket") == "S3ControlBucket"


def test_naming_helpers():
    assert dp.pascal("s3control_bucket") == "S3ControlBucket"
    assert dp.pascal("lexv2models_bot") == "Lexv2ModelsBot"
    assert dp.pascal("m2ts_settings") == "M2TsSettings"
    assert dp.pascal("aws") == "Aws"
    assert dp.python_name("m2TsSettings") == "m2_ts_settings"
    assert dp.python_name("m3U8Settings") == "m3_u8_settings"
    assert dp.python_name("from") == "from_"
    assert dp.python_name("type") == "type"
    assert dp.python_name("kmsKeyID") == "kms_key_id"


# --------------------------------------------------------------------------- oracle: re-derive

@pytest.mark.oracle
def test_shipped_index_is_what_derivation_produces():
    need(ASM_TGZ)
    asm, pkg = dp.load_assembly(str(ASM_TGZ))
    data = dp.dumps_index(dp.build_index(asm, pkg))
    shipped = Path(DATA_DIR, "provider-aws-cdktf-21.22.1.json.gz").read_bytes()
    assert data == shipped, "regenerate: python -m iacfix.knowledge.derive_provider " + str(ASM_TGZ)


@pytest.mark.oracle
def test_python_names_match_generated_package(idx):
    """Every struct's name_mapping in the generated Python equals our jsii->Python names
    (inherited meta-argument props included)."""
    need(PY_PKG)
    rx = re.compile(r'@jsii\.data_type\(\s*jsii_type="@cdktf/provider-aws\.([^"]+)",\s*'
                    r'jsii_struct_bases=\[[^\]]*\],\s*name_mapping=\{([^}]*)\}', re.S)
    checked = 0
    for d in sorted(os.listdir(PY_PKG)):
        f = PY_PKG / d / "__init__.py"
        if d.startswith("_") or not f.is_file():
            continue
        sub = idx.module_for_python(d)
        assert sub is not None, d
        for m in rx.finditer(f.read_text()):
            generated = {j: p for p, j in re.findall(r'"([^"]+)":\s*"([^"]+)"', m.group(2))}
            ours = {p.name: p.py_name for p in idx.props(m.group(1)).values()}
            assert ours == generated, m.group(1)
            checked += 1
    assert checked == 10196


@pytest.mark.oracle
def test_core_struct_table_matches_cdktf():
    need(CORE_TGZ)
    with tarfile.open(CORE_TGZ) as tf:
        core = json.load(tf.extractfile("package/.jsii"))
    for name, props in dp.CORE_STRUCTS.items():
        if f"cdktf.{name}" not in core["types"]:
            assert "Ephemeral" in name  # only in the cdktn core library
            continue
        t = core["types"][f"cdktf.{name}"]
        assert t.get("datatype") is True, name
        real = {p["name"]: p["type"] for p in t.get("properties", [])}
        ours = json.loads(json.dumps(props).replace("{core}", "cdktf"))
        assert real == ours, name
        assert [b.partition(".")[2] for b in t.get("interfaces", [])] == dp.CORE_BASES.get(name, []), name
