"""IAC116 token-list-index: import forms, bindings, refusals, CRLF, idempotence, the attribute index."""
import pytest

from iacfix.codemods.token_list_index import TokenListIndex
from iacfix.config import Config, Target
from iacfix.engine import Context, process
from iacfix.knowledge.provider import ProviderIndex

RULE = TokenListIndex()
AZS_TS = "import { DataAwsAvailabilityZones } from '@cdktf/provider-aws/lib/data-aws-availability-zones';\n"
AZS_PY = "from cdktf_cdktf_provider_aws.data_aws_availability_zones import DataAwsAvailabilityZones\n"


def run(text: str, language: str, family: str | None = None):
    path = "lib/stack.ts" if language == "typescript" else "lib/stack.py"
    target = Target().merged(**({"family": family} if family else {}))
    ctx = Context(target, Config())
    result = process(path, text.encode(), [RULE], ctx, fix=True, unsafe=False)
    assert result.error is None and result.internal_error is None
    out = (result.fixed or text.encode()).decode()
    again = process(path, out.encode(), [RULE], ctx, fix=True, unsafe=False)
    assert not again.changed and not again.findings, "a second run must change nothing"
    return out, result


# -- the attribute index --------------------------------------------------------------------------

def test_attribute_kinds_from_the_index():
    idx = ProviderIndex.load("21.22.1")
    assert idx.has_attributes()
    names = idx.attribute("dataAwsAvailabilityZones.DataAwsAvailabilityZones", "names")
    assert (names.kind, names.py_name, names.cls) == ("list_string", "names", None)
    identity = idx.attribute("eksCluster.EksCluster", "identity")
    assert identity.kind == "list_object" and identity.cls == "eksCluster.EksClusterIdentityOutputReference"
    assert idx.attribute("eksCluster.EksClusterIdentityOutputReference", "oidc").kind == "list_object"
    assert idx.attribute("eksCluster.EksCluster", "vpc_config").kind == "object"  # by Python name
    assert idx.attribute("eksCluster.EksCluster", "arn").kind == "string"
    assert idx.attribute("eksCluster.EksCluster", "nameInput") is None  # argument mirrors are not attributes
    assert idx.attributes("nope.Nope") == {}


def test_attribute_index_for_the_cdktn_family():
    idx = ProviderIndex.load(family="cdktn")
    assert idx.attribute("dataAwsAvailabilityZones.DataAwsAvailabilityZones", "names").kind == "list_string"


# -- TypeScript ------------------------------------------------------------------------------------

def test_ts_aliased_import_and_new_fn_import():
    out, _ = run("import { TerraformStack } from 'cdktf';\n"
                 "import { DataAwsAvailabilityZones as Zones } from '@cdktf/provider-aws/lib/data-aws-availability-zones';\n"
                 "const azs = new Zones(this, 'azs', {});\nconst a = azs.names.get(0);\n", "typescript")
    assert "import { TerraformStack, Fn } from 'cdktf';" in out
    assert "const a = Fn.element(azs.names, 0);" in out


def test_ts_submodule_namespace_import_and_existing_fn_alias():
    out, _ = run('import { Fn as F } from "cdktf";\n'
                 'import * as zones from "@cdktf/provider-aws/lib/data-aws-availability-zones";\n'
                 'const azs = new zones.DataAwsAvailabilityZones(this, "azs", {});\nconst a = azs.groupNames[2];\n',
                 "typescript")
    assert "const a = F.element(azs.groupNames, 2);" in out
    assert out.count("import") == 2


def test_ts_new_cdktf_import_line_when_none():
    out, _ = run(AZS_TS + "const azs = new DataAwsAvailabilityZones(this, 'azs', {});\nconst a = azs.names[0];\n",
                 "typescript")
    assert out.startswith(AZS_TS + "import { Fn } from 'cdktf';\n")


def test_ts_cdktn_family_imports_fn_from_cdktn():
    out, _ = run("import { TerraformStack } from 'cdktn';\n"
                 "import { DataAwsAvailabilityZones } from '@cdktn/provider-aws/lib/data-aws-availability-zones';\n"
                 "const azs = new DataAwsAvailabilityZones(this, 'azs', {});\nconst a = azs.names[1];\n",
                 "typescript", family="cdktn")
    assert "import { TerraformStack, Fn } from 'cdktn';" in out
    assert "Fn.element(azs.names, 1)" in out


def test_ts_crlf():
    text = ("import { TerraformStack } from 'cdktf';\r\n" + AZS_TS.replace("\n", "\r\n") +
            "const azs = new DataAwsAvailabilityZones(this, 'azs', {});\r\nconst a = azs.names.get(0);\r\n")
    out, _ = run(text, "typescript")
    assert "\n" not in out.replace("\r\n", "")
    assert "const a = Fn.element(azs.names, 0);\r\n" in out


@pytest.mark.parametrize("line", [
    "const a = azs.names[-1];",  # negative: element() wraps, an array does not
    "const a = azs.names['0'];",  # a string key
    "azs.names[0] = 'x';",  # an assignment target
    "const a = azs.names[/* first */ 0];",  # a comment would be lost
    "const a = azs.names.get(0, 1);",
    "const a = azs.id[0];",  # a string, not a list
    "const a = other.names[0];",  # not a provider construct
    "const a = azs.names.slice(0, 2);",
])
def test_ts_refusals(line):
    text = AZS_TS + "const azs = new DataAwsAvailabilityZones(this, 'azs', {});\n" + line + "\n"
    out, result = run(text, "typescript")
    assert out == text and not result.findings


def test_ts_name_bound_to_two_classes_is_left_alone():
    text = (AZS_TS + "import { Vpc } from '@cdktf/provider-aws/lib/vpc';\n"
            "function a() { const x = new DataAwsAvailabilityZones(this, 'azs', {}); return x.names[0]; }\n"
            "function b() { const x = new Vpc(this, 'vpc', {}); return x.names; }\n")
    out, result = run(text, "typescript")
    assert out == text and not result.findings


def test_ts_name_also_bound_to_a_local_value_is_left_alone():
    text = (AZS_TS + "function a() { const x = new DataAwsAvailabilityZones(this, 'azs', {}); return x.id; }\n"
            "function b() { const x = { names: ['a'] }; return x.names[0]; }\n")
    out, result = run(text, "typescript")
    assert out == text and not result.findings


def test_ts_typed_field_alias_and_parameter():
    text = (AZS_TS + "import { EksCluster } from '@cdktf/provider-aws/lib/eks-cluster';\n"
            "class S {\n  private zones!: DataAwsAvailabilityZones;\n"
            "  m(c: EksCluster) {\n    const z = this.zones;\n    const y = z;\n"
            "    return [y.names.get(0), c.identity[0].oidc.get(0).issuer, (this.zones).names[1]];\n  }\n}\n")
    out, _ = run(text, "typescript")
    assert "return [Fn.element(y.names, 0), c.identity.get(0).oidc.get(0).issuer, Fn.element((this.zones).names, 1)];" in out


def test_ts_object_helper_attribute_chain():
    # an OutputReference getter leads to the next class
    text = ("import { EksCluster } from '@cdktf/provider-aws/lib/eks-cluster';\n"
            "const c = new EksCluster(this, 'c', { name: 'n', roleArn: 'r', vpcConfig: { subnetIds: [] } });\n"
            "const sg = c.vpcConfig.securityGroupIds[0];\n")
    out, _ = run(text, "typescript")
    assert "const sg = Fn.element(c.vpcConfig.securityGroupIds, 0);" in out


# -- Python ----------------------------------------------------------------------------------------

def test_py_module_import_of_cdktf():
    out, _ = run("import cdktf\n" + AZS_PY + "azs = DataAwsAvailabilityZones(self, 'azs')\nx = azs.names[0]\n",
                 "python")
    assert "x = cdktf.Fn.element(azs.names, 0)" in out


def test_py_star_import_and_new_cdktf_import():
    out, _ = run("from cdktf_cdktf_provider_aws.data_aws_availability_zones import *\n"
                 "azs = DataAwsAvailabilityZones(self, 'azs')\nx = azs.zone_ids.get(1)\n", "python")
    assert "from cdktf import Fn\n" in out
    assert "x = Fn.element(azs.zone_ids, 1)" in out


def test_py_annotated_parameter_and_module_alias():
    out, _ = run("from cdktf import Fn\nimport cdktf_cdktf_provider_aws.eks_cluster as eks\n"
                 "def issuer(c: eks.EksCluster) -> str:\n    return c.identity[0].oidc[0].issuer\n", "python")
    assert "return c.identity.get(0).oidc.get(0).issuer" in out


def test_py_crlf():
    text = ("from cdktf import Fn\r\n" + AZS_PY.replace("\n", "\r\n") +
            "azs = DataAwsAvailabilityZones(self, 'azs')\r\nx = azs.names[0]\r\n")
    out, _ = run(text, "python")
    assert out.endswith("x = Fn.element(azs.names, 0)\r\n")


@pytest.mark.parametrize("line", [
    "x = azs.names[:2]",  # a slice: Fn.slice, not element
    "x = azs.names[-1]",
    "x = azs.names['a']",
    "azs.names[0] = 'a'",
    "x = azs.names[  # first\n    0]",
    "x = f'{azs.names[0]}'",  # inside an f-string: no reliable positions before 3.12
    "x = f'${{element({azs.names}, {i + 1})}}'",  # index is an expression
    "x = f'zone-${{element({azs.names}, 0)}}'",  # not the whole string
    "x = azs.id[0]",
    "x = other.names[0]",
])
def test_py_refusals(line):
    text = "from cdktf import Fn\n" + AZS_PY + "azs = DataAwsAvailabilityZones(self, 'azs')\n" + line + "\n"
    out, result = run(text, "python")
    assert out == text and not result.findings


def test_py_rebound_name_is_left_alone():
    text = ("from cdktf import Fn\n" + AZS_PY + "azs = DataAwsAvailabilityZones(self, 'azs')\n"
            "azs = load_zones()\nx = azs.names[0]\n")
    out, result = run(text, "python")
    assert out == text and not result.findings


def test_py_members_of_a_local_construct_class():
    text = ("from cdktf import Fn\n" + AZS_PY +
            "class Net(Construct):\n    def __init__(self, scope, id):\n        super().__init__(scope, id)\n"
            "        self.azs = DataAwsAvailabilityZones(self, 'azs')\n"
            "net = Net(app, 'net')\nx = net.azs.names[0]\n")
    out, _ = run(text, "python")
    assert "x = Fn.element(net.azs.names, 0)" in out


def test_py_element_fstring_with_literal_index():
    out, _ = run("from cdktf import Fn\n" + AZS_PY + "azs = DataAwsAvailabilityZones(self, 'azs')\n"
                 "x = f\"${{element({azs.names}, 2)}}\"\n", "python")
    assert "x = Fn.element(azs.names, 2)" in out


def test_findings_are_safe():
    _, result = run(AZS_TS + "const azs = new DataAwsAvailabilityZones(this, 'azs', {});\nconst a = azs.names[0];\n",
                    "typescript")
    assert result.applied and all(f.fix.applicability.value == "safe" for f in result.applied)


# -- IAC118 token-construct-id ---------------------------------------------------------------------

from iacfix.codemods.token_construct_id import TokenConstructId  # noqa: E402

ID_RULE = TokenConstructId()
SUBNET_TS = ("import { Subnet } from '@cdktf/provider-aws/lib/subnet';\n"
             "import { RouteTableAssociation as Rta } from '@cdktf/provider-aws/lib/route-table-association';\n"
             "const subnets: Array<Subnet> = [a, b];\n")
SUBNET_PY = ("from cdktf_cdktf_provider_aws.subnet import Subnet\n"
             "from cdktf_cdktf_provider_aws.route_table_association import RouteTableAssociation as Rta\n"
             "subnets = [Subnet(self, 'a'), Subnet(self, 'b')]\n")


def run_id(text: str, language: str):
    path = "lib/stack.ts" if language == "typescript" else "lib/stack.py"
    ctx = Context(Target(), Config())
    result = process(path, text.encode(), [ID_RULE], ctx, fix=True, unsafe=True)
    assert result.error is None and result.internal_error is None
    out = (result.fixed or text.encode()).decode()
    again = process(path, out.encode(), [ID_RULE], ctx, fix=True, unsafe=True)
    assert not again.changed
    return out, result


def test_id_ts_loop_index_fix_is_unsafe():
    text = SUBNET_TS + "subnets.forEach((s, i) => new Rta(this, `rta-${s.id}`, { subnetId: s.id }));\n"
    out, result = run_id(text, "typescript")
    assert "new Rta(this, `rta-${i}`, { subnetId: s.id })" in out
    assert result.applied[0].fix.applicability.value == "unsafe"
    safe = process("lib/stack.ts", text.encode(), [ID_RULE], Context(Target(), Config()), fix=True, unsafe=False)
    assert not safe.changed


@pytest.mark.parametrize("line", [
    "[vpc.id, vpc.arn].forEach((x) => new Rta(this, `rta-${x}`, {}));",  # no index, no construct
    "new Rta(this, vpc.id, {});",  # nothing but the token: its node id would clash
    "new Rta(this, `${vpc.cidrBlock}`, {});",
    "new Rta(this, `rta-${c.vpcConfig.vpcId}`, {});",  # an attribute of a block, not of a construct
])
def test_id_ts_reported_without_fix(line):
    text = (SUBNET_TS + "import { Vpc } from '@cdktf/provider-aws/lib/vpc';\n"
            "import { EksCluster } from '@cdktf/provider-aws/lib/eks-cluster';\n"
            "const vpc = new Vpc(this, 'v', {});\nconst c = new EksCluster(this, 'c', {});\n" + line + "\n")
    out, result = run_id(text, "typescript")
    assert out == text
    assert [f.fix for f in result.findings if f.rule == "IAC118"] == [None]


def test_id_ts_construct_node_id_without_a_loop_index():
    text = SUBNET_TS + ("subnets.forEach((s) => new Rta(this, `rta-${s.id}`, {}));\n"
                        "function f(scope: Construct, subnet: Subnet) { new Rta(scope, subnet.id + '-rta', {}); }\n")
    out, result = run_id(text, "typescript")
    assert "new Rta(this, `rta-${s.node.id}`, {})" in out
    assert "new Rta(scope, subnet.node.id + '-rta', {})" in out
    assert all(f.fix.applicability.value == "unsafe" for f in result.applied)


def test_id_ts_index_of_an_outer_callback_and_for_of_element_class():
    text = SUBNET_TS + ("subnets.forEach((s, i) => { const f = () => new Rta(this, `rta-${s.id}`, {}); });\n"
                        "for (const s of subnets) { new Rta(this, 'x-' + s.arn, {}); }\n")
    out, result = run_id(text, "typescript")
    assert "new Rta(this, `rta-${i}`, {})" in out
    assert "new Rta(this, 'x-' + s.node.id, {})" in out  # no index: the subnet's construct id
    assert len(result.applied) == 2 and not result.findings


@pytest.mark.parametrize("line", [
    "subnets.forEach((s, i) => new Rta(this, `rta-${i}`, { subnetId: s.id }));",
    "['a', 'b'].forEach((z, i) => new Rta(this, `rta-${z}`, {}));",
    "class Local extends Construct {}\nsubnets.forEach((s) => new Local(this, `l-${s.id}`));",  # not a Terraform element
])
def test_id_ts_not_reported(line):
    text = SUBNET_TS + line + "\n"
    out, result = run_id(text, "typescript")
    assert out == text and not result.findings


def test_id_py_construct_node_id():
    text = SUBNET_PY + ("for s in subnets:\n    Rta(self, f'rta-{s.id}')\n"
                        "Rta(self, f'first-{subnets[0].id}')\n")
    out, _ = run_id(text, "python")
    assert "Rta(self, f'rta-{s.node.id}')" in out
    assert "Rta(self, f'first-{subnets[0].node.id}')" in out


def test_id_py_fstring_and_concatenation_fixes():
    text = SUBNET_PY + ("for i, s in enumerate(subnets):\n"
                        "    Rta(self, f'rta-{s.id}', subnet_id=s.id)\n"
                        "    Rta(self, 'rta2-' + s.id, subnet_id=s.id)\n")
    out, _ = run_id(text, "python")
    assert "Rta(self, f'rta-{i}', subnet_id=s.id)" in out
    assert "Rta(self, 'rta2-' + str(i), subnet_id=s.id)" in out


@pytest.mark.parametrize("line", [
    "for x in [subnets[0].id, subnets[1].id]:\n    Rta(self, f'rta-{x}')",  # no index, no construct
    "for i, s in enumerate(subnets):\n    Rta(self, 'rta-{}'.format(s.id))",  # .format: reported only
    "for i, s in enumerate(subnets):\n    Rta(self, f'rta-{s.id}-{s.id}')",  # the field twice: not rewritten
    "Rta(self, subnets[0].id)",  # nothing but the token
])
def test_id_py_reported_without_fix(line):
    text = SUBNET_PY + line + "\n"
    out, result = run_id(text, "python")
    assert out == text
    assert [f.fix for f in result.findings if f.rule == "IAC118"] == [None]


# -- IAC119 raw-interpolation ----------------------------------------------------------------------

from iacfix.codemods.raw_interpolation import RawInterpolation  # noqa: E402

RAW_RULE = RawInterpolation()
BUCKET_TS = ("import { TerraformStack } from 'cdktf';\n"
             "import { S3Bucket as Bucket } from '@cdktf/provider-aws/lib/s3-bucket';\n")
BUCKET_PY = ("from cdktf import TerraformStack\n"
             "import cdktf_cdktf_provider_aws.s3_bucket as s3\n")


def run_raw(text: str, language: str, unsafe: bool = True):
    path = "lib/stack.ts" if language == "typescript" else "lib/stack.py"
    ctx = Context(Target(), Config())
    result = process(path, text.encode(), [RAW_RULE], ctx, fix=True, unsafe=unsafe)
    assert result.error is None and result.internal_error is None
    out = (result.fixed or text.encode()).decode()
    again = process(path, out.encode(), [RAW_RULE], ctx, fix=True, unsafe=unsafe)
    assert not again.changed
    return out, result


def _ts_stack(body: str) -> str:
    return BUCKET_TS + ("class S extends TerraformStack {\n  constructor(scope: Construct, id: string) {\n"
                        "    super(scope, id);\n" + body + "  }\n}\n")


def test_raw_ts_escapes_backticks_and_other_interpolations_and_crlf():
    text = _ts_stack("    const logs = new Bucket(this, 'logs', {});\n"
                     "    const s = 'a `b` ${var.x} ${aws_s3_bucket.logs.id}';\n").replace("\n", "\r\n")
    out, result = run_raw(text, "typescript", unsafe=False)
    assert "const s = `a \\`b\\` \\${var.x} ${logs.id}`;\r\n" in out
    assert result.applied[0].fix.applicability.value == "safe"


@pytest.mark.parametrize("body", [
    "    const s = '${aws_s3_bucket.logs.id}';\n    const logs = new Bucket(this, 'logs', {});\n",  # after the string
    "    new Bucket(this, 'logs', {});\n    const s = '${aws_s3_bucket.logs.id}';\n",  # not bound
    "    const logs = new Bucket(this, 'logs', {});\n    const s = '${aws_s3_bucket.logs.website[0].x}';\n",
    "    const logs = new Bucket(this, 'logs', {});\n    const s = '${aws_s3_bucket.logs.nope}';\n",  # no such attribute
    "    const s = '${var.name}-${local.x}';\n",
])
def test_raw_ts_left_alone(body):
    text = _ts_stack(body)
    out, result = run_raw(text, "typescript")
    assert out == text and not result.findings


def test_raw_ts_several_candidates_reported():
    text = _ts_stack("    const a = new Bucket(scope, 'logs', {});\n    const logs = new Bucket(this, 'other', {});\n"
                     "    const s = '${aws_s3_bucket.logs.arn}';\n")
    out, result = run_raw(text, "typescript")
    assert out == text
    assert [f.fix for f in result.findings] == [None] and "`a`" in result.findings[0].message


def test_raw_ts_unknown_elsewhere_is_reported_and_nested_match_is_unsafe():
    text = (BUCKET_TS + "class C extends Construct {\n  constructor(scope: Construct, id: string) {\n"
            "    super(scope, id);\n    const logs = new Bucket(this, 'logs', {});\n"
            "    const s = '${aws_s3_bucket.logs.arn}';\n  }\n}\n")
    out, result = run_raw(text, "typescript", unsafe=False)
    assert out == text and result.findings[0].fix.applicability.value == "unsafe"
    out, _ = run_raw(text, "typescript")
    assert "const s = `${logs.arn}`;" in out


def test_raw_py_module_import_rstring_and_refusals():
    text = (BUCKET_PY + "class S(TerraformStack):\n    def __init__(self, scope, id):\n"
            "        super().__init__(scope, id)\n        self.logs = s3.S3Bucket(self, 'logs')\n"
            "        a = r'\\d ${aws_s3_bucket.logs.arn}'\n"
            "        b = 'x' '${aws_s3_bucket.logs.arn}'\n"  # implicit concatenation: left alone
            "        c = b'${aws_s3_bucket.logs.arn}'\n")
    out, result = run_raw(text, "python")
    assert "a = rf'\\d {self.logs.arn}'" in out
    assert "b = 'x' '${aws_s3_bucket.logs.arn}'" in out and "c = b'${aws_s3_bucket.logs.arn}'" in out


def test_raw_py_never_created_is_reported():
    text = BUCKET_PY + "x = 'arn:aws:iam::${data.aws_caller_identity.current.account_id}:root'\n"
    out, result = run_raw(text, "python")
    assert out == text
    assert [f.fix for f in result.findings] == [None] and "DataAwsCallerIdentity" in result.findings[0].message


# -- deriving the attribute table (synthetic assembly) --------------------------------------------

def test_derive_attribute_table_synthetic():
    import gzip
    import json

    from iacfix.knowledge import derive_provider as dp

    P = "@cdktf/provider-aws"
    s = f"{P}.eksCluster"
    string_list = {"collection": {"kind": "array", "elementtype": {"primitive": "string"}}}
    asm = {
        "name": P, "version": "1.2.3", "submodules": {s: {}},
        "types": {
            f"{s}.EksCluster": {
                "kind": "class", "base": "cdktf.TerraformResource", "fqn": f"{s}.EksCluster", "name": "EksCluster",
                "properties": [
                    {"name": "tfResourceType", "static": True, "type": {"primitive": "string"}},
                    {"name": "arn", "type": {"primitive": "string"}},
                    {"name": "nameInput", "type": {"primitive": "string"}},
                    {"name": "subnetIds", "type": string_list},
                    {"name": "identity", "type": {"fqn": f"{s}.EksClusterIdentityList"}},
                    {"name": "labels", "type": {"fqn": f"{s}.EksClusterLabelsMap"}},
                    {"name": "timeouts", "type": {"fqn": f"{s}.EksClusterTimeoutsOutputReference"}},
                    {"name": "enabled", "type": {"union": {"types": [{"primitive": "boolean"},
                                                                      {"fqn": "cdktf.IResolvable"}]}}},
                ]},
            f"{s}.EksClusterIdentityList": {
                "kind": "class", "fqn": f"{s}.EksClusterIdentityList", "name": "EksClusterIdentityList",
                "methods": [{"name": "get", "parameters": [{"name": "index", "type": {"primitive": "number"}}],
                             "returns": {"type": {"fqn": f"{s}.EksClusterIdentityOutputReference"}}}]},
            f"{s}.EksClusterLabelsMap": {
                "kind": "class", "fqn": f"{s}.EksClusterLabelsMap", "name": "EksClusterLabelsMap",
                "methods": [{"name": "get", "parameters": [{"name": "key", "type": {"primitive": "string"}}],
                             "returns": {"type": {"fqn": f"{s}.EksClusterLabelsOutputReference"}}}]},
            f"{s}.EksClusterIdentityOutputReference": {
                "kind": "class", "fqn": f"{s}.EksClusterIdentityOutputReference",
                "name": "EksClusterIdentityOutputReference",
                "properties": [{"name": "issuer", "type": {"primitive": "string"}},
                               {"name": "internalValue", "type": {"primitive": "any"}}]},
            f"{s}.EksClusterLabelsOutputReference": {
                "kind": "class", "fqn": f"{s}.EksClusterLabelsOutputReference", "name": "EksClusterLabelsOutputReference"},
            f"{s}.EksClusterTimeoutsOutputReference": {
                "kind": "class", "fqn": f"{s}.EksClusterTimeoutsOutputReference",
                "name": "EksClusterTimeoutsOutputReference",
                "properties": [{"name": "create", "type": {"primitive": "string"}}]},
        },
    }
    index = dp.build_index(asm, None)
    assert index["attributes"]["eksCluster"]["EksCluster"] == [
        ["arn", "string"],
        ["enabled", "boolean"],
        ["identity", "list_object", "eksCluster.EksClusterIdentityOutputReference"],
        ["labels", "map_object", "eksCluster.EksClusterLabelsOutputReference"],
        ["subnetIds", "list_string"],
        ["timeouts", "object", "eksCluster.EksClusterTimeoutsOutputReference"],
    ]
    assert index["meta"]["counts"]["attributes"] == 8
    i = ProviderIndex(json.loads(gzip.decompress(dp.dumps_index(index))))
    assert i.attribute("eksCluster.EksClusterIdentityOutputReference", "issuer").kind == "string"
    assert i.attribute("eksCluster.EksCluster", "subnet_ids").name == "subnetIds"
    assert "internalValue" not in i.attributes("eksCluster.EksClusterIdentityOutputReference")


def test_untyped_parameter_of_the_same_name_is_left_alone():
    text = ("from cdktf import Fn\n" + AZS_PY + "azs = DataAwsAvailabilityZones(self, 'azs')\n"
            "def first(azs):\n    return azs.names[0]\n")
    out, result = run(text, "python")
    assert out == text and not result.findings
    text = (AZS_TS + "const azs = new DataAwsAvailabilityZones(this, 'azs', {});\n"
            "function first(azs) { return azs.names[0]; }\n")
    out, result = run(text, "typescript")
    assert out == text and not result.findings
