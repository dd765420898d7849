"""IAC108 region-default."""
from __future__ import annotations

import ast
import json
import re

from iacfix.fixes import Applicability
from iacfix.rules import Example, Rule

REGION = re.compile(r"(?:[a-z]{2}(?:-gov|-iso[a-z]?)?-[a-z]+-\d)")
# the deploy region's names; a state bucket's or a replica's region is another thing
_REGION_KEY = re.compile(r"^(?:aws_?region|region|awsRegion|AWS_REGION|AWS_DEFAULT_REGION|CDK_DEFAULT_REGION|deploy_?[rR]egion)$")
_TRIGGER = re.compile(r"(?:[a-z]{2}(?:-gov)?-[a-z]+-\d)")


def declared_region(ctx, option: str = "") -> tuple[str, str] | None:
    """The `region` option when set, else (region, where) the project declares: `lib/AWS_REGION` (or `AWS_REGION` at the root), else
    `metadata.json`'s `region`; None when it declares none or several."""
    if option:
        return option, "option `region`"
    try:
        files = ctx.sources.files("AWS_REGION", "metadata.json")
        root = ctx.sources.root
    except Exception:  # noqa: BLE001 - no project view
        return None

    def build():
        found = []
        for path, text in files:
            rel = path.relative_to(root).as_posix() if root else path.name
            if path.name == "AWS_REGION" and rel in ("AWS_REGION", "lib/AWS_REGION"):
                value = text.strip()
                if REGION.fullmatch(value):
                    found.append((0 if rel.startswith("lib/") else 1, value, rel))
            elif path.name == "metadata.json" and rel == "metadata.json":
                try:
                    data = json.loads(text)
                except ValueError:
                    continue
                value = data.get("region") if isinstance(data, dict) else None
                if isinstance(value, str) and REGION.fullmatch(value.strip()):
                    found.append((2, value.strip(), rel))
        if not found or len({v for _, v, _ in found}) > 1:
            return None
        found.sort()
        return found[0][1], found[0][2]

    return ctx.sources.memo(("iac108-declared-region",), build)


class RegionDefault(Rule):
    """A default deploy region in the code that contradicts the region the project declares.

    A project that states its region (`lib/AWS_REGION`, or `region` in `metadata.json`) is deployed
    there; a fallback such as `config.get("region", "us-east-1")` sends every deployment that does
    not pass a region elsewhere (seed 003 #23: the IDEAL changed the default to `ap-southeast-1`,
    "matches metadata.json region requirement"). The fix replaces the literal default with the
    declared region, keeping its quotes.

    Which defaults: `<config>.get("region" | "aws_region", "<region>")` and a parameter
    `region: str = "<region>"` / `aws_region=…` in Python; `props?.awsRegion || '<region>'`,
    `props.region ?? '<region>'` in TypeScript. A fallback after an environment variable
    (`os.getenv("AWS_REGION", "us-east-1")`, `process.env.AWS_REGION || 'us-east-1'`) is left
    alone: the environment is where the region comes from (CI sets `AWS_REGION`). The
    state bucket's region (`state_bucket_region`), replica or peer regions and explicit provider
    regions are other regions and are left alone, and so is everything when the project declares no
    region (or two different ones).

    Option `region`: the project's region, when it is not written in `lib/AWS_REGION` or
    `metadata.json` (default `""`: read it from the project).

    Unsafe: a stack deployed with the old default would be created anew in the other region.
    """

    id = "IAC108"
    slug = "region-default"
    summary = "Default deploy region differs from the region the project declares (lib/AWS_REGION, metadata.json)"
    rationale = "seed 003 #23 (region default us-east-1 → ap-southeast-1 from metadata)"
    seeds = ("003#23",)
    languages = ("python", "typescript")
    applicability = Applicability.UNSAFE
    options = {"region": ""}
    examples = (
        Example("python", """\
from cdktf_cdktf_provider_aws.provider import AwsProvider

region = config.get('region', 'us-east-1')
state_bucket_region = config.get('state_bucket_region', 'us-east-1')
AwsProvider(self, "aws", region=region)
""", """\
from cdktf_cdktf_provider_aws.provider import AwsProvider

region = config.get('region', 'ap-southeast-1')
state_bucket_region = config.get('state_bucket_region', 'us-east-1')
AwsProvider(self, "aws", region=region)
""", options={"rules": {"region-default": {"region": "ap-southeast-1"}}}),
        Example("typescript", """\
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';

const awsRegion = props?.awsRegion || 'us-east-1';
new AwsProvider(this, 'aws', { region: awsRegion });
""", """\
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';

const awsRegion = props?.awsRegion || 'eu-west-1';
new AwsProvider(this, 'aws', { region: awsRegion });
""", options={"rules": {"region-default": {"region": "eu-west-1"}}}),
        # valid: no region declared (the examples run without a project)
        Example("python", """\
from cdktf_cdktf_provider_aws.provider import AwsProvider

region = config.get("region", "us-east-1")
AwsProvider(self, "aws", region=region)
"""),
    )

    def triggered(self, text: str, ctx, language: str) -> bool:
        return bool(_TRIGGER.search(text)) and ("cdktf" in text or "cdktn" in text)

    def check_python(self, doc, ctx):
        declared = declared_region(ctx, ctx.option(self, "region"))
        if declared is None:
            return
        region, where = declared
        for node in doc.nodes:
            literal = None
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and len(node.args) == 2:
                key, default = node.args
                name = _py_dotted(node.func)
                if isinstance(key, ast.Constant) and isinstance(key.value, str) and _REGION_KEY.match(key.value) and \
                        node.func.attr == "get" and name != "os.environ.get" and key.value.lower() == key.value:
                    literal = default
            elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                args = node.args
                positional = args.posonlyargs + args.args
                pairs = list(zip(positional[len(positional) - len(args.defaults):], args.defaults))
                pairs += [(a, d) for a, d in zip(args.kwonlyargs, args.kw_defaults) if d is not None]
                for arg, default in pairs:
                    if _REGION_KEY.match(arg.arg):
                        yield from self._py_literal(doc, default, region, where)
                continue
            if literal is not None:
                yield from self._py_literal(doc, literal, region, where)

    def _py_literal(self, doc, node, region, where):
        if not (isinstance(node, ast.Constant) and isinstance(node.value, str) and REGION.fullmatch(node.value)):
            return
        if node.value == region:
            return
        start, end = doc.span(node)
        raw = doc.text[start:end]
        if raw[1:-1] != node.value:
            return
        yield doc.source.finding(self, start, end, self._message(node.value, region, where),
                                 [doc.source.edit(start + 1, end - 1, region)])

    def _message(self, value, region, where):
        return (f"default region `{value}` differs from the project's region `{region}` ({where}): deployments "
                f"without an explicit region go to the wrong region; default to `{region}`")

    def check_typescript(self, doc, ctx):
        declared = declared_region(ctx, ctx.option(self, "region"))
        if declared is None:
            return
        region, where = declared
        for node in doc.root.find_all(kind="binary_expression"):
            op = node.field("operator")
            left, right = node.field("left"), node.field("right")
            if op is None or op.text() not in ("||", "??") or left is None or right is None:
                continue
            if right.kind() != "string":
                continue
            value = right.text()[1:-1]
            if not REGION.fullmatch(value) or value == region:
                continue
            operand = left.field("right") if left.kind() == "binary_expression" else left
            if operand is None or "process.env" in operand.text():
                continue  # the environment (CI sets AWS_REGION) is where the region comes from
            last = re.split(r"\??\.", operand.text())[-1]
            if not _REGION_KEY.match(last):
                continue
            start, end = doc.span(right)
            yield doc.source.finding(self, start, end, self._message(value, region, where),
                                     [doc.source.edit(start + 1, end - 1, region)])


def _py_dotted(node) -> str:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return f"{_py_dotted(node.value)}.{node.attr}"
    return ""
