#!/usr/bin/env python3
"""Generate a deterministic synthetic tree of CDKTF projects for the iacfix benchmark.

    python bench/generate.py --out bench/out/tree --files 2000 --defect-rate 0.05 --seed 1

The tree is a folder of projects, each laid out like a `cdktf init` project that grew a few
constructs: Python (about two thirds) with `main.py`, `lib/tap_stack.py` and `lib/<component>.py`
constructs; TypeScript (about a third) with `main.ts`, `lib/tap-stack.ts` and
`lib/<component>.ts`. Around them sit the files a real project has and iacfix must walk past:
README.md, cdktf.json, requirements.txt / package.json / tsconfig.json, .gitignore, an empty
`lib/__init__.py` and, in some projects, a plain (non-CDKTF) helper module.

Construct files are 80–400 lines of provider code written from templates with random variation:
VPC, subnets, routing, security groups, S3 buckets with versioning / encryption / lifecycle rules,
IAM roles with JSON policies, KMS, RDS, Lambda, ALB, DynamoDB, SNS/SQS, CloudWatch alarms, Cognito,
ECS. Every class and keyword comes from the provider-aws 21.22.1 bindings and nested blocks have the
shape the bindings want (`--verify` checks every provider call of the clean Python files against
iacfix's provider index), so iacfix reports nothing on a clean file.

`round(files × defect-rate)` construct files get 1–3 real defects each:

    class-name:S3BucketVersioning                      IAC101  (the class is S3BucketVersioningA)
    class-name:S3BucketServerSideEncryptionConfiguration IAC101 (…A, its own module)
    shape:expiration-not-list                          IAC102  (S3BucketLifecycleConfigurationRule.expiration)
    shape:health-check-in-list                         IAC102  (LbTargetGroup.health_check is one struct)
    shape:token-validity-units-not-list                IAC102  (CognitoUserPoolClient.token_validity_units)

The manifest (default `<out>.manifest.json`, beside the tree so that iacfix does not walk it) lists
every file with its kind, language, size, and for defect files the defects and the number of
findings iacfix is expected to fix.
"""
from __future__ import annotations

import argparse
import json
import random
import re
import shutil
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

WIDTH = 100
PY_ROOT = "cdktf_cdktf_provider_aws"
TS_PACKAGE = "@cdktf/provider-aws"
PROVIDER_VERSION = "21.22.1"

DEFECTS = {
    "class-name:S3BucketVersioning": ("IAC101", ("python", "typescript")),
    "class-name:S3BucketServerSideEncryptionConfiguration": ("IAC101", ("python", "typescript")),
    "shape:expiration-not-list": ("IAC102", ("python", "typescript")),
    "shape:health-check-in-list": ("IAC102", ("python", "typescript")),
    "shape:token-validity-units-not-list": ("IAC102", ("python", "typescript")),
}
RENAMES = {  # defect → (correct class, the un-suffixed name generated code often uses)
    "class-name:S3BucketVersioning": ("S3BucketVersioningA", "S3BucketVersioning"),
    "class-name:S3BucketServerSideEncryptionConfiguration": (
        "S3BucketServerSideEncryptionConfigurationA", "S3BucketServerSideEncryptionConfiguration"),
}


def camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(p[:1].upper() + p[1:] for p in rest)


def ts_path(path: str) -> str:
    """`self.private_subnet_a.id` → `this.privateSubnetA.id`."""
    return ".".join("this" if part == "self" else camel(part) for part in path.split("."))


def py_str(s: str) -> str:
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def ts_str(s: str) -> str:
    return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'"


_IDENT = re.compile(r"^[A-Za-z_$][A-Za-z0-9_$]*$")


def ts_key(k: str) -> str:
    return k if _IDENT.match(k) else ts_str(k)


# -- the value model ------------------------------------------------------------------------------
# Values are written once and rendered to Python (snake_case kwargs, struct classes, f-strings,
# json.dumps) or TypeScript (camelCase keys, object literals, template strings, JSON.stringify).

class Ref:
    """A dotted path in Python spelling: `self.vpc.id`, `azs.names`."""

    def __init__(self, path: str):
        self.path = path


class Fmt:
    """An interpolated string; placeholders are Python paths: `"{name_prefix}-logs"`."""

    def __init__(self, template: str):
        self.template = template


class Call:
    def __init__(self, fn: str, *args):
        self.fn, self.args = fn, args


class Lst:
    def __init__(self, items):
        self.items = list(items)


class Mp:
    """A map with string keys (tags, variables, dimensions), optionally spreading a variable."""

    def __init__(self, pairs, spread: str | None = None):
        self.pairs, self.spread = list(pairs), spread


class Json:
    """`json.dumps(...)` / `JSON.stringify(...)` of a literal made of dicts, lists and values."""

    def __init__(self, obj):
        self.obj = obj


class Struct:
    """A nested block: `Cls(a=1)` in Python (or a snake_case dict when `as_dict`), `{ a: 1 }` in TS."""

    def __init__(self, cls: str, module: str, props, as_dict: bool = False):
        self.cls, self.module, self.props, self.as_dict = cls, module, props, as_dict


def props(**kw):
    return [(k, v) for k, v in kw.items() if v is not None]


def St(cls, module, **kw):  # noqa: N802 - reads like the constructor it renders to
    return Struct(cls, module, props(**kw))


# -- statements -----------------------------------------------------------------------------------

@dataclass
class Res:
    cls: str
    module: str  # python leaf of the provider submodule, or "cdktf"
    var: str | None
    cid: object  # construct id: str or Fmt
    props: list
    positional: tuple = ()  # extra positional args (S3Backend has none but self)


@dataclass
class Assign:
    var: str
    value: object
    ts_type: str | None = None


@dataclass
class Comment:
    text: str


class Blank:
    pass


# -- rendering ------------------------------------------------------------------------------------

class Renderer:
    """Renders values and statements for one file (one language, one import style)."""

    def __init__(self, lang: str, style: str, renames: dict[str, str], rng: random.Random):
        self.lang, self.style, self.renames, self.rng = lang, style, renames, rng
        self.step = "    " if lang == "python" else "  "
        self.provider_imports: dict[str, list[str]] = {}  # module → class names, in first-use order
        self.core_imports: list[str] = []
        self.uses_json = False
        self.wrong_uses: dict[str, int] = {}  # wrong class name → number of rendered usage sites
        self.fields: list[tuple[str, str]] = []  # TS: (field name, type)
        self.one_arg_a_line = rng.random() < 0.5  # python: black style, or `Cls(self, "id",` + keywords

    # class references -----------------------------------------------------------------------
    def cls_ref(self, cls: str, module: str, usage: bool = True) -> str:
        if module == "cdktf":
            if cls not in self.core_imports:
                self.core_imports.append(cls)
            return cls
        name = self.renames.get(cls, cls)
        names = self.provider_imports.setdefault(module, [])
        if name not in names:
            names.append(name)
        if name != cls and usage:
            self.wrong_uses[name] = self.wrong_uses.get(name, 0) + 1
        if self.style == "module":  # python: `from cdktf_cdktf_provider_aws import s3_bucket`
            return f"{module}.{name}"
        if self.style == "namespace":  # typescript: `import * as aws from '@cdktf/provider-aws'`
            return f"aws.{camel(module)}.{name}"
        return name

    def path(self, p: str) -> str:
        if p.startswith("Fn.") and "Fn" not in self.core_imports:
            self.core_imports.append("Fn")
        return p if self.lang == "python" else ts_path(p)

    # values -----------------------------------------------------------------------------------
    def inline(self, v) -> str:
        py = self.lang == "python"
        if isinstance(v, bool):
            return ("True" if v else "False") if py else ("true" if v else "false")
        if isinstance(v, (int, float)):
            return str(v)
        if isinstance(v, str):
            return py_str(v) if py else ts_str(v)
        if isinstance(v, Ref):
            return self.path(v.path)
        if isinstance(v, Fmt):
            if py:
                return "f" + py_str(v.template)
            return "`" + re.sub(r"\{([^}]+)\}", lambda m: "${" + ts_path(m.group(1)) + "}", v.template) + "`"
        if isinstance(v, Call):
            return f"{self.path(v.fn)}({', '.join(self.inline(a) for a in v.args)})"
        if isinstance(v, Lst):
            return "[" + ", ".join(self.inline(i) for i in v.items) + "]"
        if isinstance(v, Mp):
            parts = [] if v.spread is None else [("**" if py else "...") + self.path(v.spread)]
            parts += [f"{py_str(k) if py else ts_key(k)}: {self.inline(x)}" for k, x in v.pairs]
            if py:
                return "{" + ", ".join(parts) + "}"
            return "{ " + ", ".join(parts) + " }" if parts else "{}"
        if isinstance(v, Json):
            self.uses_json = py
            return ("json.dumps(" if py else "JSON.stringify(") + self._json_inline(v.obj) + ")"
        if isinstance(v, Struct):
            if py and not v.as_dict:
                return f"{self.cls_ref(v.cls, v.module)}(" + ", ".join(f"{k}={self.inline(x)}" for k, x in v.props) + ")"
            if py:
                return "{" + ", ".join(f"{py_str(k)}: {self.inline(x)}" for k, x in v.props) + "}"
            return "{ " + ", ".join(f"{camel(k)}: {self.inline(x)}" for k, x in v.props) + " }"
        raise TypeError(type(v))

    def _json_inline(self, obj) -> str:
        py = self.lang == "python"
        if isinstance(obj, dict):
            items = [f"{py_str(k) if py else ts_key(k)}: {self._json_inline(x)}" for k, x in obj.items()]
            return "{" + ", ".join(items) + "}" if py else "{ " + ", ".join(items) + " }"
        if isinstance(obj, list):
            return "[" + ", ".join(self._json_inline(x) for x in obj) + "]"
        return self.inline(obj)

    def render(self, v, col: int, indent: str) -> str:
        """The value placed at column `col`; continuation lines are indented from `indent`."""
        if isinstance(v, (Lst, Mp, Struct, Json)) or isinstance(v, (dict, list)):
            probe = Renderer(self.lang, self.style, self.renames, self.rng)  # no import side effects
            text = probe._json_inline(v) if isinstance(v, (dict, list)) else probe.inline(v)
            if col + len(text) + 1 <= WIDTH and "\n" not in text:
                return self._json_inline(v) if isinstance(v, (dict, list)) else self.inline(v)
            return self.multiline(v, indent)
        return self.inline(v)

    def multiline(self, v, indent: str) -> str:
        py = self.lang == "python"
        inner = indent + self.step
        if isinstance(v, Lst) or isinstance(v, list):
            items = v.items if isinstance(v, Lst) else v
            rend = (lambda x, c: self.render(x, c, inner)) if isinstance(v, Lst) else (lambda x, c: self.json_render(x, c, inner))
            body = [f"{inner}{rend(x, len(inner))}," for x in items]
            return "[\n" + "\n".join(body) + f"\n{indent}]"
        if isinstance(v, Mp):
            body = [] if v.spread is None else [f"{inner}{'**' if py else '...'}{self.path(v.spread)},"]
            for k, x in v.pairs:
                key = py_str(k) if py else ts_key(k)
                body.append(f"{inner}{key}: {self.render(x, len(inner) + len(key) + 2, inner)},")
            return "{\n" + "\n".join(body) + f"\n{indent}}}"
        if isinstance(v, Json):
            self.uses_json = py
            return ("json.dumps(" if py else "JSON.stringify(") + self.json_render(v.obj, len(indent) + 12, indent) + ")"
        if isinstance(v, dict):
            body = []
            for k, x in v.items():
                key = py_str(k) if py else ts_key(k)
                body.append(f"{inner}{key}: {self.json_render(x, len(inner) + len(key) + 2, inner)},")
            return "{\n" + "\n".join(body) + f"\n{indent}}}"
        if isinstance(v, Struct):
            if py and not v.as_dict:
                head = f"{self.cls_ref(v.cls, v.module)}("
                body = [f"{inner}{k}={self.render(x, len(inner) + len(k) + 1, inner)}," for k, x in v.props]
                return head + "\n" + "\n".join(body) + f"\n{indent})"
            body = []
            for k, x in v.props:
                key = py_str(k) if py else camel(k)
                sep = ": "
                body.append(f"{inner}{key}{sep}{self.render(x, len(inner) + len(key) + 2, inner)},")
            return "{\n" + "\n".join(body) + f"\n{indent}}}"
        return self.inline(v)

    def json_render(self, obj, col: int, indent: str) -> str:
        if isinstance(obj, (dict, list)):
            return self.render(obj, col, indent)
        return self.inline(obj)

    # statements -------------------------------------------------------------------------------
    def statement(self, s, indent: str) -> list[str]:
        py = self.lang == "python"
        if isinstance(s, Blank):
            return [""]
        if isinstance(s, Comment):
            return [f"{indent}{'#' if py else '//'} {s.text}"]
        if isinstance(s, Assign):
            if py:
                lhs = s.var
            elif s.var.startswith("self."):
                lhs = ts_path(s.var)
                self.fields.append((camel(s.var[5:]), s.ts_type or "string"))
            else:
                lhs = "const " + camel(s.var)
            head = f"{indent}{lhs} = "
            return (head + self.render(s.value, len(head), indent) + ("" if py else ";")).split("\n")
        if isinstance(s, Res):
            return self._resource(s, indent)
        raise TypeError(type(s))

    def _resource(self, s: Res, indent: str) -> list[str]:
        py = self.lang == "python"
        inner = indent + self.step
        cls = self.cls_ref(s.cls, s.module)
        if s.var is None:
            lhs = "" if py else "new "
        elif py:
            lhs = f"{s.var} = "
        elif s.var.startswith("self."):
            self.fields.append((camel(s.var[5:]), self.cls_ref(s.cls, s.module, usage=True)))
            lhs = f"{ts_path(s.var)} = new "
        else:
            lhs = f"const {camel(s.var)} = new "
        cid = self.inline(s.cid) if s.cid is not None else None
        if py:
            args = ["self"] + ([cid] if cid is not None else [])
            kw = [(k, v) for k, v in s.props]
            one = f"{indent}{lhs}{cls}({', '.join(args + [f'{k}={self.probe(v)}' for k, v in kw])})"
            if len(one) <= WIDTH and len(kw) <= 3 and "\n" not in one:
                return [f"{indent}{lhs}{cls}({', '.join(args + [f'{k}={self.inline(v)}' for k, v in kw])})"]
            if self.one_arg_a_line:
                lines = [f"{indent}{lhs}{cls}("] + [f"{inner}{a}," for a in args]
            else:  # `Cls(self, "id",` then the keywords
                lines = [f"{indent}{lhs}{cls}({', '.join(args)},"]
            for k, v in kw:
                lines += f"{inner}{k}={self.render(v, len(inner) + len(k) + 1, inner)},".split("\n")
            lines.append(f"{indent})")
            return lines
        head = f"{indent}{lhs}{cls}(this" + (f", {cid}" if cid is not None else "")
        if not s.props:
            return [head + ");"]
        body = Struct("", "", s.props)
        one = head + ", " + self.probe(body) + ");"
        if len(one) <= WIDTH and len(s.props) <= 2:
            return [head + ", " + self.inline(body) + ");"]
        lines = [head + ", {"]
        for k, v in s.props:
            key = camel(k)
            lines += f"{inner}{key}: {self.render(v, len(inner) + len(key) + 2, inner)},".split("\n")
        lines.append(f"{indent}}});")
        return lines

    def probe(self, v) -> str:
        return Renderer(self.lang, self.style, self.renames, self.rng).inline(v)


# -- building one construct file ------------------------------------------------------------------

PARAM_TYPES = {  # parameter → (python annotation, TS type)
    "environment_suffix": ("str", "string"),
    "tags": ("Dict[str, str]", "{ [key: string]: string }"),
    "aws_region": ("str", "string"),
    "vpc_id": ("str", "string"),
    "public_subnet_ids": ("List[str]", "string[]"),
    "private_subnet_ids": ("List[str]", "string[]"),
    "kms_key_arn": ("str", "string"),
    "alarm_topic_arn": ("str", "string"),
}
PROVIDED_BY = {  # parameter → the component that exports it, and the attribute path
    "vpc_id": ("network", "vpc.id"),
    "public_subnet_ids": ("network", "public_subnet_ids"),
    "private_subnet_ids": ("network", "private_subnet_ids"),
    "kms_key_arn": ("encryption", "kms_key.arn"),
    "alarm_topic_arn": ("monitoring", "alarm_topic.arn"),
}
EXPORTS = {  # component → the attributes it exposes (set by its blocks)
    "network": ("vpc_id", "public_subnet_ids", "private_subnet_ids"),
    "encryption": ("kms_key_arn",),
    "monitoring": ("alarm_topic_arn",),
}

WORDS = ("orders", "payments", "ledger", "catalog", "inventory", "billing", "analytics", "reports",
         "events", "audit", "media", "profiles", "search", "sessions", "notifications", "exports",
         "telemetry", "invoices", "claims", "shipments", "checkout", "identity", "documents", "metrics")
PROJECTS = ("payments", "webapp", "dataplatform", "ecommerce", "healthcare", "fintech", "logistics",
            "media", "iot", "analytics", "crm", "booking", "learning", "gaming", "retail", "insurance")


class FileGen:
    """Collects the statements of one construct file; blocks call res()/comment()/need()."""

    def __init__(self, rng: random.Random, component: str, project: "Project", defects: list[str],
                 file_component: str | None = None):
        self.rng, self.component, self.project = rng, component, project
        self.file_component = file_component or component
        self.defects = list(defects)  # shape defects still to place
        self.stmts: list = []
        self.params: list[str] = ["environment_suffix", "tags"]
        self.provided: dict[str, object] = {}
        self.used_names: set[str] = set()
        self.counters: dict[str, int] = {}
        self.has_block: set[str] = set()

    # naming ---------------------------------------------------------------------------------
    def var(self, base: str) -> str:
        n = self.counters.get(base, 0)
        self.counters[base] = n + 1
        return base if n == 0 else f"{base}_{n + 1}"

    def word(self) -> str:
        free = [w for w in WORDS if w not in self.used_names]
        w = self.rng.choice(free) if free else f"{self.rng.choice(WORDS)}{len(self.used_names)}"
        self.used_names.add(w)
        return w

    # statements ------------------------------------------------------------------------------
    def res(self, cls, module, var, cid, /, **kw) -> str | None:
        self.stmts.append(Res(cls, module, var, cid, props(**kw)))
        return var

    def comment(self, text: str, p: float = 0.7) -> None:
        if self.stmts and not isinstance(self.stmts[-1], Blank):
            self.stmts.append(Blank())
        if self.rng.random() < p:
            self.stmts.append(Comment(text))

    def assign(self, var, value, ts_type=None) -> None:
        self.stmts.append(Assign(var, value, ts_type))

    def tags(self, name: str, **extra) -> Mp:
        pairs = [("Name", Fmt("{name_prefix}-" + name))] + [(k, v) for k, v in extra.items()]
        return Mp(pairs, spread="tags")

    def take(self, defect: str) -> bool:
        if defect in self.defects:
            self.defects.remove(defect)
            return True
        return False

    # dependencies ------------------------------------------------------------------------------
    def need(self, param: str):
        if param in self.provided:
            return self.provided[param]
        owner = PROVIDED_BY.get(param, (None,))[0]
        comps = self.project.components
        if param == "aws_region" or (owner in comps and owner != self.component
                                     and comps.index(owner) < comps.index(self.file_component)):
            if param not in self.params:
                self.params.append(param)
            return Ref(param)
        # nobody exports it: create it here
        {"kms_key_arn": blk_kms, "alarm_topic_arn": blk_sns}.get(param, blk_vpc)(self)
        return self.provided[param]


# -- blocks ---------------------------------------------------------------------------------------

def blk_vpc(g: FileGen) -> None:
    rng = g.rng
    octet = rng.choice((0, 10, 20, 32, 100, 16))
    base = rng.choice(("10.{o}", "10.{o}", "172.{s}"))
    prefix = base.format(o=octet, s=16 + octet % 16)
    g.comment("VPC with DNS support", 0.8)
    g.res("Vpc", "vpc", "self.vpc", "vpc", cidr_block=f"{prefix}.0.0/16", enable_dns_hostnames=True,
          enable_dns_support=True, tags=g.tags("vpc"))
    g.stmts.append(Blank())
    g.res("DataAwsAvailabilityZones", "data_aws_availability_zones", "azs", "azs", state="available")
    n = rng.choice((2, 2, 3))
    public, private = [], []
    g.comment("Public subnets (load balancers, NAT gateways)")
    for i in range(n):
        letter = "abc"[i]
        v = f"self.public_subnet_{letter}"
        g.res("Subnet", "subnet", v, f"public-subnet-{letter}", vpc_id=Ref("self.vpc.id"),
              cidr_block=f"{prefix}.{i + 1}.0/24", availability_zone=Call("Fn.element", Ref("azs.names"), i),
              map_public_ip_on_launch=True, tags=g.tags(f"public-{letter}", Tier="public"))
        public.append(v)
    g.comment("Private subnets (applications, databases)")
    for i in range(n):
        letter = "abc"[i]
        v = f"self.private_subnet_{letter}"
        g.res("Subnet", "subnet", v, f"private-subnet-{letter}", vpc_id=Ref("self.vpc.id"),
              cidr_block=f"{prefix}.{i + 11}.0/24", availability_zone=Call("Fn.element", Ref("azs.names"), i),
              tags=g.tags(f"private-{letter}", Tier="private"))
        private.append(v)
    g.stmts.append(Blank())
    g.assign("self.public_subnet_ids", Lst([Ref(v + ".id") for v in public]), "string[]")
    g.assign("self.private_subnet_ids", Lst([Ref(v + ".id") for v in private]), "string[]")
    g.comment("Internet gateway and NAT for outbound traffic from private subnets", 0.6)
    g.res("InternetGateway", "internet_gateway", "igw", "igw", vpc_id=Ref("self.vpc.id"), tags=g.tags("igw"))
    g.res("Eip", "eip", "nat_eip", "nat-eip", domain="vpc", tags=g.tags("nat-eip"))
    g.res("NatGateway", "nat_gateway", "nat_gw", "nat-gateway", allocation_id=Ref("nat_eip.id"),
          subnet_id=Ref(public[0] + ".id"), tags=g.tags("nat"), depends_on=Lst([Ref("igw")]))
    g.comment("Route tables")
    g.res("RouteTable", "route_table", "public_route_table", "public-rt", vpc_id=Ref("self.vpc.id"),
          route=Lst([St("RouteTableRoute", "route_table", cidr_block="0.0.0.0/0", gateway_id=Ref("igw.id"))]),
          tags=g.tags("public-rt"))
    g.res("RouteTable", "route_table", "private_route_table", "private-rt", vpc_id=Ref("self.vpc.id"),
          route=Lst([St("RouteTableRoute", "route_table", cidr_block="0.0.0.0/0", nat_gateway_id=Ref("nat_gw.id"))]),
          tags=g.tags("private-rt"))
    for kind, subnets in (("public", public), ("private", private)):
        for v in subnets:
            letter = v[-1]
            g.res("RouteTableAssociation", "route_table_association", None, f"{kind}-rta-{letter}",
                  subnet_id=Ref(v + ".id"), route_table_id=Ref(f"{kind}_route_table.id"))
    g.provided.update(vpc_id=Ref("self.vpc.id"), public_subnet_ids=Ref("self.public_subnet_ids"),
                      private_subnet_ids=Ref("self.private_subnet_ids"), route_table_ids=Lst([
                          Ref("public_route_table.id"), Ref("private_route_table.id")]))
    g.has_block.add("vpc")


def blk_vpc_endpoint(g: FileGen) -> None:
    service = g.rng.choice(("s3", "dynamodb"))
    g.comment(f"Gateway endpoint keeps {service} traffic inside the VPC")
    g.res("VpcEndpoint", "vpc_endpoint", None, g.var(f"{service}-endpoint").replace("_", "-"),
          vpc_id=g.need("vpc_id"), service_name=Fmt("com.amazonaws.{aws_region}." + service) if g.need("aws_region") else None,
          vpc_endpoint_type="Gateway",
          route_table_ids=g.provided.get("route_table_ids"), tags=g.tags(f"{service}-endpoint"))


def blk_flow_log(g: FileGen) -> None:
    lg = g.var("flow_log_group")
    g.comment("VPC flow logs to CloudWatch")
    g.res("CloudwatchLogGroup", "cloudwatch_log_group", lg, lg.replace("_", "-"),
          name=Fmt("/aws/vpc/{name_prefix}-flow-logs"), retention_in_days=g.rng.choice((14, 30, 90)),
          tags=g.tags("flow-logs"))
    role = blk_iam_role(g, "vpc-flow-logs.amazonaws.com", "flow-logs",
                        actions=["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"])
    g.res("FlowLog", "flow_log", None, g.var("flow-log"), vpc_id=g.need("vpc_id"), traffic_type="ALL",
          log_destination=Ref(lg + ".arn"), iam_role_arn=Ref(role + ".arn"), tags=g.tags("flow-log"))


TIERS = {"alb": (443, 443, "HTTPS from the internet"), "app": (8080, 8080, "application traffic"),
         "db": (5432, 5432, "PostgreSQL"), "cache": (6379, 6379, "Redis"), "bastion": (22, 22, "SSH"),
         "lambda": (443, 443, "HTTPS"), "efs": (2049, 2049, "NFS"), "mysql": (3306, 3306, "MySQL")}


def blk_security_group(g: FileGen, tier: str | None = None) -> str:
    tier = tier or g.rng.choice(sorted(TIERS))
    lo, hi, what = TIERS[tier]
    var = g.var(f"{tier}_sg")
    cidr = "0.0.0.0/0" if tier == "alb" else g.rng.choice(("10.0.0.0/16", "10.0.0.0/8", "172.16.0.0/12"))
    ingress = [St("SecurityGroupIngress", "security_group", description=what, from_port=lo, to_port=hi,
                  protocol="tcp", cidr_blocks=Lst([cidr]))]
    if tier == "alb" and g.rng.random() < 0.7:
        ingress.insert(0, St("SecurityGroupIngress", "security_group", description="HTTP from the internet",
                             from_port=80, to_port=80, protocol="tcp", cidr_blocks=Lst(["0.0.0.0/0"])))
    g.comment(f"Security group for the {tier} tier")
    g.res("SecurityGroup", "security_group", var, var.replace("_", "-"),
          name=Fmt("{name_prefix}-" + var.replace("_", "-")), description=f"Security group for {tier} ({what})",
          vpc_id=g.need("vpc_id"), ingress=Lst(ingress),
          egress=Lst([St("SecurityGroupEgress", "security_group", description="all outbound", from_port=0,
                         to_port=0, protocol="-1", cidr_blocks=Lst(["0.0.0.0/0"]))]),
          tags=g.tags(var.replace("_", "-")))
    if g.rng.random() < 0.3:
        g.res("SecurityGroupRule", "security_group_rule", None, g.var(f"{tier}-self-ingress"), type="ingress",
              from_port=0, to_port=65535, protocol="tcp", self_attribute=True, security_group_id=Ref(var + ".id"),
              description="traffic between members")
    return var


def blk_kms(g: FileGen, purpose: str | None = None) -> str:
    purpose = purpose or g.word()
    var = g.var("kms_key") if "kms_key_arn" in g.provided else "self.kms_key"
    if var == "self.kms_key":
        g.counters["kms_key"] = g.counters.get("kms_key", 0) + 1
    g.comment(f"Customer managed key for {purpose} data")
    policy = None
    if g.rng.random() < 0.5:
        policy = Json({"Version": "2012-10-17", "Statement": [
            {"Sid": "EnableRootAccess", "Effect": "Allow",
             "Principal": {"AWS": Fmt("arn:aws:iam::{caller.account_id}:root")}, "Action": "kms:*", "Resource": "*"},
            {"Sid": "AllowCloudWatchLogs", "Effect": "Allow",
             "Principal": {"Service": Fmt("logs.{aws_region}.amazonaws.com")},
             "Action": ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"],
             "Resource": "*"}]})
        if "caller" not in g.provided:
            g.res("DataAwsCallerIdentity", "data_aws_caller_identity", "caller", "caller")
            g.provided["caller"] = Ref("caller")
        g.need("aws_region")
    g.res("KmsKey", "kms_key", var, f"{purpose}-key", description=Fmt("{name_prefix} " + purpose + " encryption key"),
          enable_key_rotation=True, deletion_window_in_days=g.rng.choice((7, 10, 30)), policy=policy,
          tags=g.tags(f"{purpose}-key"))
    g.res("KmsAlias", "kms_alias", None, f"{purpose}-key-alias", name=Fmt("alias/{name_prefix}-" + purpose),
          target_key_id=Ref(var + ".key_id"))
    g.provided.setdefault("kms_key_arn", Ref(var + ".arn"))
    return var


def blk_sns(g: FileGen) -> str:
    var = "self.alarm_topic" if "alarm_topic_arn" not in g.provided else g.var("topic")
    g.comment("Topic for alarm notifications")
    g.res("SnsTopic", "sns_topic", var, var.split(".")[-1].replace("_", "-"), name=Fmt("{name_prefix}-alarms"),
          kms_master_key_id="alias/aws/sns", tags=g.tags("alarms"))
    g.res("SnsTopicSubscription", "sns_topic_subscription", None, g.var("alarm-email"), topic_arn=Ref(var + ".arn"),
          protocol="email", endpoint=g.rng.choice(("ops@example.com", "oncall@example.com", "platform@example.org")))
    g.provided.setdefault("alarm_topic_arn", Ref(var + ".arn"))
    return var


def blk_bucket(g: FileGen, lifecycle: bool | None = None) -> str:
    rng = g.rng
    purpose = g.word()
    var = g.var(f"{purpose}_bucket")
    kms = g.need("kms_key_arn") if rng.random() < 0.6 else None
    g.comment(f"S3 bucket for {purpose}")
    g.res("S3Bucket", "s3_bucket", var, f"{purpose}-bucket", bucket=Fmt("{name_prefix}-" + purpose),
          force_destroy=rng.random() < 0.5, tags=g.tags(f"{purpose}-bucket", Purpose=purpose))
    g.stmts.append(Blank())
    g.res("S3BucketVersioningA", "s3_bucket_versioning", None, f"{purpose}-versioning", bucket=Ref(var + ".id"),
          versioning_configuration=Struct("S3BucketVersioningVersioningConfiguration", "s3_bucket_versioning",
                                          [("status", "Enabled")], as_dict=rng.random() < 0.25))
    by_default = St("S3BucketServerSideEncryptionConfigurationRuleApplyServerSideEncryptionByDefaultA",
                    "s3_bucket_server_side_encryption_configuration",
                    sse_algorithm="aws:kms" if kms else "AES256", kms_master_key_id=kms)
    g.res("S3BucketServerSideEncryptionConfigurationA", "s3_bucket_server_side_encryption_configuration", None,
          f"{purpose}-encryption", bucket=Ref(var + ".id"),
          rule=Lst([St("S3BucketServerSideEncryptionConfigurationRuleA", "s3_bucket_server_side_encryption_configuration",
                       apply_server_side_encryption_by_default=by_default, bucket_key_enabled=True if kms else None)]))
    g.res("S3BucketPublicAccessBlock", "s3_bucket_public_access_block", None, f"{purpose}-public-access-block",
          bucket=Ref(var + ".id"), block_public_acls=True, block_public_policy=True, ignore_public_acls=True,
          restrict_public_buckets=True)
    if lifecycle or (lifecycle is None and rng.random() < 0.6):
        blk_lifecycle(g, var, purpose)
    if rng.random() < 0.4:
        g.res("S3BucketPolicy", "s3_bucket_policy", None, f"{purpose}-policy", bucket=Ref(var + ".id"),
              policy=Json({"Version": "2012-10-17", "Statement": [{
                  "Sid": "DenyInsecureTransport", "Effect": "Deny", "Principal": "*", "Action": "s3:*",
                  "Resource": [Ref(var + ".arn"), Fmt("{" + var + ".arn}/*")],
                  "Condition": {"Bool": {"aws:SecureTransport": "false"}}}]}))
    g.has_block.add("bucket")
    return var


def blk_lifecycle(g: FileGen, bucket: str, purpose: str) -> None:
    rng = g.rng
    mod = "s3_bucket_lifecycle_configuration"
    rules = []
    for i in range(rng.choice((1, 1, 2, 3))):
        days = rng.choice((30, 60, 90, 180, 365, 730))
        expiration = St("S3BucketLifecycleConfigurationRuleExpiration", mod, days=days)
        rule = props(
            id=f"{purpose}-rule-{i + 1}" if i else rng.choice(("expire-old-objects", f"{purpose}-retention", "archive")),
            status="Enabled",
            filter=Lst([St("S3BucketLifecycleConfigurationRuleFilter", mod, prefix=rng.choice(("logs/", "tmp/", "", "archive/", f"{purpose}/")))]),
            transition=Lst([St("S3BucketLifecycleConfigurationRuleTransition", mod, days=min(30, days // 2), storage_class="STANDARD_IA")]
                           + ([St("S3BucketLifecycleConfigurationRuleTransition", mod, days=max(60, days // 2 + 30), storage_class="GLACIER")]
                              if days >= 180 and rng.random() < 0.6 else [])) if rng.random() < 0.7 else None,
            expiration=expiration if g.take("shape:expiration-not-list") else Lst([expiration]),
            noncurrent_version_expiration=Lst([St("S3BucketLifecycleConfigurationRuleNoncurrentVersionExpiration", mod,
                                                  noncurrent_days=rng.choice((30, 90)))]) if rng.random() < 0.5 else None,
            abort_incomplete_multipart_upload=Lst([St("S3BucketLifecycleConfigurationRuleAbortIncompleteMultipartUpload", mod,
                                                      days_after_initiation=7)]) if rng.random() < 0.3 else None,
        )
        rules.append(Struct("S3BucketLifecycleConfigurationRule", mod, rule))
    g.res("S3BucketLifecycleConfiguration", mod, None, f"{purpose}-lifecycle", bucket=Ref(bucket + ".id"), rule=Lst(rules))
    g.has_block.add("lifecycle")


SERVICES = {"lambda.amazonaws.com": ["logs:CreateLogStream", "logs:PutLogEvents", "xray:PutTraceSegments"],
            "ecs-tasks.amazonaws.com": ["ecr:GetAuthorizationToken", "ecr:BatchGetImage", "logs:PutLogEvents"],
            "ec2.amazonaws.com": ["ssm:GetParameter", "cloudwatch:PutMetricData", "s3:GetObject"],
            "states.amazonaws.com": ["lambda:InvokeFunction", "sns:Publish"],
            "vpc-flow-logs.amazonaws.com": ["logs:CreateLogStream", "logs:PutLogEvents"]}
MANAGED = {"lambda.amazonaws.com": "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole",
           "ecs-tasks.amazonaws.com": "arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy",
           "ec2.amazonaws.com": "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore"}


def blk_iam_role(g: FileGen, service: str | None = None, purpose: str | None = None, actions=None) -> str:
    rng = g.rng
    service = service or rng.choice(sorted(SERVICES))
    purpose = purpose or g.word()
    var = g.var(f"{purpose.replace('-', '_')}_role")
    actions = actions or SERVICES[service]
    g.comment(f"IAM role assumed by {service.split('.')[0]} for {purpose}")
    inline = None
    if rng.random() < 0.6:
        resource = Fmt("arn:aws:s3:::{name_prefix}-" + purpose + "/*") if rng.random() < 0.4 else "*"
        inline = Lst([St("IamRoleInlinePolicy", "iam_role", name=f"{purpose}-access", policy=Json({
            "Version": "2012-10-17",
            "Statement": [{"Effect": "Allow", "Action": list(actions), "Resource": resource}]}))])
    g.res("IamRole", "iam_role", var, var.replace("_", "-"), name=Fmt("{name_prefix}-" + purpose + "-role"),
          assume_role_policy=Json({"Version": "2012-10-17", "Statement": [{
              "Effect": "Allow", "Principal": {"Service": service}, "Action": "sts:AssumeRole"}]}),
          inline_policy=inline, tags=g.tags(f"{purpose}-role"))
    if service in MANAGED and rng.random() < 0.7:
        g.res("IamRolePolicyAttachment", "iam_role_policy_attachment", None, f"{purpose}-managed-policy",
              role=Ref(var + ".name"), policy_arn=MANAGED[service])
    if rng.random() < 0.25:
        pol = g.var(f"{purpose.replace('-', '_')}_policy")
        g.res("IamPolicy", "iam_policy", pol, pol.replace("_", "-"), name=Fmt("{name_prefix}-" + purpose + "-policy"),
              description=f"Extra permissions for {purpose}",
              policy=Json({"Version": "2012-10-17", "Statement": [
                  {"Sid": "ReadParameters", "Effect": "Allow", "Action": ["ssm:GetParameter", "ssm:GetParametersByPath"],
                   "Resource": Fmt("arn:aws:ssm:*:*:parameter/{name_prefix}/*")},
                  {"Sid": "Decrypt", "Effect": "Allow", "Action": ["kms:Decrypt"], "Resource": "*"}]}))
        g.res("IamRolePolicyAttachment", "iam_role_policy_attachment", None, f"{purpose}-extra-policy",
              role=Ref(var + ".name"), policy_arn=Ref(pol + ".arn"))
    return var


def blk_lambda(g: FileGen) -> str:
    rng = g.rng
    fn = g.word()
    var = g.var(f"{fn}_function")
    role = blk_iam_role(g, "lambda.amazonaws.com", f"{fn}-lambda")
    py = rng.random() < 0.6
    g.res("CloudwatchLogGroup", "cloudwatch_log_group", g.var(f"{fn}_log_group"), f"{fn}-log-group",
          name=Fmt("/aws/lambda/{name_prefix}-" + fn), retention_in_days=rng.choice((7, 14, 30, 90)),
          tags=g.tags(f"{fn}-logs"))
    vpc = None
    if rng.random() < 0.4:
        sg = blk_security_group(g, "lambda")
        vpc = St("LambdaFunctionVpcConfig", "lambda_function", subnet_ids=g.need("private_subnet_ids"),
                 security_group_ids=Lst([Ref(sg + ".id")]))
    env = Mp([("ENVIRONMENT", Ref("environment_suffix")), ("LOG_LEVEL", rng.choice(("INFO", "DEBUG", "WARNING"))),
              ("TABLE_NAME", Fmt("{name_prefix}-" + fn))] + ([("POWERTOOLS_SERVICE_NAME", fn)] if rng.random() < 0.5 else []))
    g.comment(f"Lambda function: {fn}")
    g.res("LambdaFunction", "lambda_function", var, f"{fn}-function", function_name=Fmt("{name_prefix}-" + fn),
          role=Ref(role + ".arn"), handler="index.handler" if not py else rng.choice(("app.handler", "main.lambda_handler")),
          runtime="python3.12" if py else "nodejs20.x", filename=f"lambda/{fn}.zip",
          source_code_hash=Call("Fn.filebase64sha256", f"lambda/{fn}.zip") if rng.random() < 0.5 else None,
          timeout=rng.choice((10, 30, 60, 300)), memory_size=rng.choice((128, 256, 512, 1024)),
          environment=Struct("LambdaFunctionEnvironment", "lambda_function", [("variables", env)],
                             as_dict=rng.random() < 0.2),
          vpc_config=vpc,
          tracing_config=St("LambdaFunctionTracingConfig", "lambda_function", mode="Active") if rng.random() < 0.6 else None,
          tags=g.tags(f"{fn}-function"))
    if rng.random() < 0.3:
        g.res("LambdaPermission", "lambda_permission", None, f"{fn}-invoke-permission", statement_id="AllowInvoke",
              action="lambda:InvokeFunction", function_name=Ref(var + ".function_name"),
              principal=rng.choice(("apigateway.amazonaws.com", "events.amazonaws.com", "sns.amazonaws.com")))
    return var


def blk_alb(g: FileGen) -> None:
    rng = g.rng
    sg = blk_security_group(g, "alb")
    name = g.var("app")
    g.comment("Application load balancer")
    g.res("Lb", "lb", f"{name}_alb", f"{name}-alb".replace("_", "-"), name=Fmt("{name_prefix}-alb"), internal=False,
          load_balancer_type="application", security_groups=Lst([Ref(sg + ".id")]), subnets=g.need("public_subnet_ids"),
          enable_deletion_protection=rng.random() < 0.3, drop_invalid_header_fields=True, tags=g.tags("alb"))
    hc = St("LbTargetGroupHealthCheck", "lb_target_group", enabled=True,
            path=rng.choice(("/health", "/healthz", "/api/health", "/")), port="traffic-port", protocol="HTTP",
            matcher=rng.choice(("200", "200-299")), interval=30, timeout=5, healthy_threshold=2,
            unhealthy_threshold=rng.choice((2, 3, 5)))
    port = rng.choice((80, 8080, 3000))
    g.res("LbTargetGroup", "lb_target_group", f"{name}_target_group", f"{name}-tg".replace("_", "-"),
          name=Fmt("{name_prefix}-tg"), port=port, protocol="HTTP", vpc_id=g.need("vpc_id"),
          target_type=rng.choice(("ip", "instance")), deregistration_delay="30",
          health_check=Lst([hc]) if g.take("shape:health-check-in-list") else hc,
          stickiness=St("LbTargetGroupStickiness", "lb_target_group", type="lb_cookie", enabled=False) if rng.random() < 0.3 else None,
          tags=g.tags("tg"))
    g.res("LbListener", "lb_listener", None, f"{name}-http-listener".replace("_", "-"), load_balancer_arn=Ref(f"{name}_alb.arn"),
          port=80, protocol="HTTP", default_action=Lst([St("LbListenerDefaultAction", "lb_listener", type="forward",
                                                           target_group_arn=Ref(f"{name}_target_group.arn"))]))
    g.has_block.add("alb")


def blk_rds(g: FileGen) -> None:
    rng = g.rng
    engine, version, family, port, logs = rng.choice((("postgres", "15.5", "postgres15", 5432, "postgresql"),
                                                      ("postgres", "16.3", "postgres16", 5432, "postgresql"),
                                                      ("mysql", "8.0.35", "mysql8.0", 3306, "error")))
    sg = blk_security_group(g, "db" if engine == "postgres" else "mysql")
    db = g.word()
    g.comment("Database subnet group and parameters")
    g.res("DbSubnetGroup", "db_subnet_group", "subnet_group", "db-subnet-group", name=Fmt("{name_prefix}-db"),
          subnet_ids=g.need("private_subnet_ids"), description="Private subnets for the database", tags=g.tags("db-subnets"))
    params = [("log_min_duration_statement", "500"), ("rds.force_ssl", "1")] if engine == "postgres" else \
        [("slow_query_log", "1"), ("require_secure_transport", "ON")]
    g.res("DbParameterGroup", "db_parameter_group", "db_parameters", "db-parameters", name=Fmt("{name_prefix}-" + engine),
          family=family, parameter=Lst([St("DbParameterGroupParameter", "db_parameter_group", name=k, value=v) for k, v in params]),
          tags=g.tags("db-parameters"))
    g.comment(f"{engine} instance, encrypted, with managed master password")
    g.res("DbInstance", "db_instance", "self.database", "database", identifier=Fmt("{name_prefix}-" + db),
          engine=engine, engine_version=version, instance_class=rng.choice(("db.t3.medium", "db.r6g.large", "db.t4g.micro")),
          allocated_storage=rng.choice((20, 50, 100)), max_allocated_storage=rng.choice((100, 200, 500)), storage_type="gp3",
          storage_encrypted=True, kms_key_id=g.need("kms_key_arn"), db_name=db, username="dbadmin",
          manage_master_user_password=True, port=port, db_subnet_group_name=Ref("subnet_group.name"),
          parameter_group_name=Ref("db_parameters.name"), vpc_security_group_ids=Lst([Ref(sg + ".id")]),
          multi_az=rng.random() < 0.5, backup_retention_period=rng.choice((7, 14, 30)),
          backup_window="03:00-04:00", maintenance_window="sun:04:30-sun:05:30",
          performance_insights_enabled=rng.random() < 0.5, enabled_cloudwatch_logs_exports=Lst([logs]),
          deletion_protection=False, skip_final_snapshot=True, tags=g.tags("database"))
    if rng.random() < 0.6:
        blk_alarm(g, "AWS/RDS", "CPUUtilization", ("DBInstanceIdentifier", Ref("self.database.identifier")))


def blk_dynamodb(g: FileGen) -> str:
    rng = g.rng
    table = g.word()
    var = g.var(f"{table}_table")
    attrs = [St("DynamodbTableAttribute", "dynamodb_table", name="pk", type="S"),
             St("DynamodbTableAttribute", "dynamodb_table", name="sk", type="S")]
    gsi = None
    if rng.random() < 0.5:
        attrs.append(St("DynamodbTableAttribute", "dynamodb_table", name="gsi1pk", type="S"))
        gsi = Lst([St("DynamodbTableGlobalSecondaryIndex", "dynamodb_table", name="gsi1", hash_key="gsi1pk",
                      range_key="sk", projection_type="ALL")])
    g.comment(f"DynamoDB table for {table}")
    g.res("DynamodbTable", "dynamodb_table", var, f"{table}-table", name=Fmt("{name_prefix}-" + table),
          billing_mode="PAY_PER_REQUEST", hash_key="pk", range_key="sk", attribute=Lst(attrs),
          global_secondary_index=gsi,
          point_in_time_recovery=St("DynamodbTablePointInTimeRecovery", "dynamodb_table", enabled=True),
          server_side_encryption=St("DynamodbTableServerSideEncryption", "dynamodb_table", enabled=True,
                                    kms_key_arn=g.need("kms_key_arn") if rng.random() < 0.5 else None),
          ttl=St("DynamodbTableTtl", "dynamodb_table", attribute_name="expires_at", enabled=True) if rng.random() < 0.5 else None,
          stream_enabled=True if rng.random() < 0.3 else None,
          stream_view_type="NEW_AND_OLD_IMAGES" if rng.random() < 0.3 else None,
          deletion_protection_enabled=rng.random() < 0.5, tags=g.tags(f"{table}-table"))
    return var


def blk_alarm(g: FileGen, namespace=None, metric=None, dimension=None) -> None:
    rng = g.rng
    if namespace is None:
        namespace, metric, key = rng.choice((("AWS/Lambda", "Errors", "FunctionName"), ("AWS/Lambda", "Throttles", "FunctionName"),
                                             ("AWS/ApplicationELB", "HTTPCode_Target_5XX_Count", "LoadBalancer"),
                                             ("AWS/SQS", "ApproximateAgeOfOldestMessage", "QueueName"),
                                             ("AWS/DynamoDB", "ThrottledRequests", "TableName"),
                                             ("AWS/RDS", "FreeStorageSpace", "DBInstanceIdentifier")))
        dimension = (key, Fmt("{name_prefix}-" + g.word()))
    name = g.var(re.sub(r"(?<!^)(?=[A-Z])", "-", metric).lower().replace("_", "-") + "-alarm")
    g.comment(f"Alarm on {namespace} {metric}", 0.4)
    g.res("CloudwatchMetricAlarm", "cloudwatch_metric_alarm", None, name, alarm_name=Fmt("{name_prefix}-" + name),
          alarm_description=f"{metric} above threshold", comparison_operator="GreaterThanThreshold",
          evaluation_periods=rng.choice((1, 2, 3)), metric_name=metric, namespace=namespace,
          period=rng.choice((60, 300)), statistic=rng.choice(("Average", "Sum", "Maximum")),
          threshold=rng.choice((1, 5, 80, 90, 300)), treat_missing_data="notBreaching",
          alarm_actions=Lst([g.need("alarm_topic_arn")]), dimensions=Mp([dimension]), tags=g.tags(name))


def blk_log_group(g: FileGen) -> None:
    name = g.word()
    g.res("CloudwatchLogGroup", "cloudwatch_log_group", g.var(f"{name}_logs"), f"{name}-logs",
          name=Fmt("/{name_prefix}/" + name), retention_in_days=g.rng.choice((7, 14, 30, 365)),
          kms_key_id=g.need("kms_key_arn") if g.rng.random() < 0.3 else None, tags=g.tags(f"{name}-logs"))


def blk_sqs(g: FileGen) -> None:
    rng = g.rng
    q = g.word()
    g.comment(f"{q} queue with a dead-letter queue")
    dlq = g.res("SqsQueue", "sqs_queue", g.var(f"{q}_dlq"), f"{q}-dlq", name=Fmt("{name_prefix}-" + q + "-dlq"),
                message_retention_seconds=1209600, sqs_managed_sse_enabled=True, tags=g.tags(f"{q}-dlq"))
    g.res("SqsQueue", "sqs_queue", g.var(f"{q}_queue"), f"{q}-queue", name=Fmt("{name_prefix}-" + q),
          visibility_timeout_seconds=rng.choice((30, 60, 300)), message_retention_seconds=rng.choice((345600, 86400)),
          receive_wait_time_seconds=20, sqs_managed_sse_enabled=True,
          redrive_policy=Json({"deadLetterTargetArn": Ref(dlq + ".arn"), "maxReceiveCount": rng.choice((3, 5))}),
          tags=g.tags(f"{q}-queue"))


def blk_cognito(g: FileGen) -> None:
    rng = g.rng
    mod = "cognito_user_pool"
    g.comment("Cognito user pool for application sign-in")
    g.res("CognitoUserPool", mod, "user_pool", "user-pool", name=Fmt("{name_prefix}-users"),
          username_attributes=Lst(["email"]), auto_verified_attributes=Lst(["email"]),
          password_policy=St("CognitoUserPoolPasswordPolicy", mod, minimum_length=rng.choice((10, 12, 14)),
                             require_lowercase=True, require_numbers=True, require_symbols=True,
                             require_uppercase=True, temporary_password_validity_days=7),
          account_recovery_setting=St("CognitoUserPoolAccountRecoverySetting", mod, recovery_mechanism=Lst([
              St("CognitoUserPoolAccountRecoverySettingRecoveryMechanism", mod, name="verified_email", priority=1)])),
          admin_create_user_config=St("CognitoUserPoolAdminCreateUserConfig", mod,
                                      allow_admin_create_user_only=rng.random() < 0.5) if rng.random() < 0.5 else None,
          deletion_protection="INACTIVE", tags=g.tags("user-pool"))
    units = St("CognitoUserPoolClientTokenValidityUnits", "cognito_user_pool_client", access_token="minutes",
               id_token="minutes", refresh_token="days")
    g.res("CognitoUserPoolClient", "cognito_user_pool_client", "user_pool_client", "user-pool-client",
          name=Fmt("{name_prefix}-web"), user_pool_id=Ref("user_pool.id"), generate_secret=False,
          explicit_auth_flows=Lst(["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]),
          prevent_user_existence_errors="ENABLED", access_token_validity=60, id_token_validity=60,
          refresh_token_validity=rng.choice((7, 30)),
          token_validity_units=units if g.take("shape:token-validity-units-not-list") else Lst([units]),
          supported_identity_providers=Lst(["COGNITO"]))
    g.has_block.add("cognito")


def blk_ecs(g: FileGen) -> None:
    rng = g.rng
    svc = g.word()
    g.comment("ECS cluster and container registry")
    g.res("EcsCluster", "ecs_cluster", "cluster", "cluster", name=Fmt("{name_prefix}-cluster"),
          setting=Lst([St("EcsClusterSetting", "ecs_cluster", name="containerInsights", value="enabled")]),
          tags=g.tags("cluster"))
    g.res("EcrRepository", "ecr_repository", "repository", "repository", name=Fmt("{name_prefix}-" + svc),
          image_tag_mutability="IMMUTABLE", force_delete=True,
          image_scanning_configuration=St("EcrRepositoryImageScanningConfiguration", "ecr_repository", scan_on_push=True),
          tags=g.tags("repository"))
    role = blk_iam_role(g, "ecs-tasks.amazonaws.com", f"{svc}-task-execution")
    lg = g.var(f"{svc}_log_group")
    g.res("CloudwatchLogGroup", "cloudwatch_log_group", lg, f"{svc}-log-group", name=Fmt("/ecs/{name_prefix}-" + svc),
          retention_in_days=30, tags=g.tags(f"{svc}-logs"))
    port = rng.choice((8080, 3000, 80))
    g.comment(f"Task definition and service for {svc}")
    g.res("EcsTaskDefinition", "ecs_task_definition", "task_definition", f"{svc}-task", family=Fmt("{name_prefix}-" + svc),
          network_mode="awsvpc", requires_compatibilities=Lst(["FARGATE"]), cpu=rng.choice(("256", "512", "1024")),
          memory=rng.choice(("512", "1024", "2048")), execution_role_arn=Ref(role + ".arn"),
          container_definitions=Json([{
              "name": svc, "image": Fmt("{repository.repository_url}:latest"), "essential": True,
              "portMappings": [{"containerPort": port, "protocol": "tcp"}],
              "environment": [{"name": "ENVIRONMENT", "value": Ref("environment_suffix")}],
              "logConfiguration": {"logDriver": "awslogs", "options": {
                  "awslogs-group": Ref(lg + ".name"), "awslogs-region": Ref("aws_region"), "awslogs-stream-prefix": svc}}}]),
          tags=g.tags(f"{svc}-task"))
    g.need("aws_region")
    sg = blk_security_group(g, "app")
    g.res("EcsService", "ecs_service", None, f"{svc}-service", name=Fmt("{name_prefix}-" + svc), cluster=Ref("cluster.id"),
          task_definition=Ref("task_definition.arn"), desired_count=rng.choice((1, 2, 3)), launch_type="FARGATE",
          network_configuration=St("EcsServiceNetworkConfiguration", "ecs_service", subnets=g.need("private_subnet_ids"),
                                   security_groups=Lst([Ref(sg + ".id")]), assign_public_ip=False),
          deployment_circuit_breaker=St("EcsServiceDeploymentCircuitBreaker", "ecs_service", enable=True, rollback=True),
          tags=g.tags(f"{svc}-service"))


def blk_secret(g: FileGen) -> None:
    name = g.word()
    g.res("SecretsmanagerSecret", "secretsmanager_secret", g.var(f"{name}_secret"), f"{name}-secret",
          name=Fmt("{name_prefix}/" + name), description=f"Credentials for {name}", kms_key_id=g.need("kms_key_arn"),
          recovery_window_in_days=g.rng.choice((0, 7, 30)), tags=g.tags(f"{name}-secret"))


def blk_ssm(g: FileGen) -> None:
    name = g.word()
    g.res("SsmParameter", "ssm_parameter", None, f"{name}-parameter", name=Fmt("/{name_prefix}/" + name + "/config"),
          type="String", value=Json({"enabled": True, "name": name, "retries": g.rng.choice((3, 5))}),
          description=f"Runtime settings for {name}", tags=g.tags(f"{name}-parameter"))


def blk_api(g: FileGen) -> None:
    fn = blk_lambda(g)
    g.comment("REST API in front of the function")
    g.res("ApiGatewayRestApi", "api_gateway_rest_api", "api", "api", name=Fmt("{name_prefix}-api"),
          description="Public API", endpoint_configuration=St("ApiGatewayRestApiEndpointConfiguration", "api_gateway_rest_api",
                                                              types=Lst(["REGIONAL"])), tags=g.tags("api"))
    g.res("CloudwatchLogGroup", "cloudwatch_log_group", g.var("api_access_logs"), g.var("api-access-logs"),
          name=Fmt("/aws/apigateway/{name_prefix}"), retention_in_days=30, tags=g.tags("api-logs"))
    g.provided.setdefault("api_fn", Ref(fn))


def blk_outputs(g: FileGen) -> None:
    candidates = [(k, v) for k, v in (("vpc_id", g.provided.get("vpc_id")), ("kms_key_arn", g.provided.get("kms_key_arn")),
                                      ("alarm_topic_arn", g.provided.get("alarm_topic_arn"))) if isinstance(v, Ref)
                  and not v.path.startswith(("vpc_id", "kms_key_arn", "alarm_topic_arn"))]
    if not candidates:
        return
    g.comment("Outputs", 0.5)
    for key, ref in candidates:
        g.res("TerraformOutput", "cdktf", None, key.replace("_", "-"), value=ref,
              description=key.replace("_", " ").capitalize())


THEMES = {  # component → (core blocks, padding blocks, class name, docstring)
    "network": ((blk_vpc,), (blk_vpc_endpoint, blk_flow_log, blk_security_group), "NetworkConstruct",
                "VPC, subnets across availability zones, routing and NAT."),
    "encryption": ((blk_kms,), (blk_kms, blk_secret, blk_ssm), "EncryptionConstruct", "KMS keys and secrets."),
    "monitoring": ((blk_sns, blk_log_group), (blk_alarm, blk_alarm, blk_log_group), "MonitoringConstruct",
                   "Alarm topic, log groups and CloudWatch alarms."),
    "security": ((blk_security_group, blk_security_group), (blk_security_group, blk_iam_role), "SecurityConstruct",
                 "Security groups and IAM roles."),
    "storage": ((blk_bucket,), (blk_bucket,), "StorageConstruct",
                "S3 buckets with versioning, encryption, public access block and lifecycle rules."),
    "iam": ((blk_iam_role,), (blk_iam_role,), "IamConstruct", "IAM roles and policies for the workloads."),
    "database": ((blk_rds,), (blk_alarm, blk_secret, blk_ssm), "DatabaseConstruct", "Encrypted RDS database in private subnets."),
    "compute": ((blk_lambda,), (blk_lambda, blk_alarm), "ComputeConstruct", "Lambda functions with roles and log groups."),
    "loadbalancer": ((blk_alb,), (blk_security_group, blk_alarm, blk_log_group), "LoadBalancerConstruct",
                     "Application load balancer, target group and listener."),
    "data": ((blk_dynamodb,), (blk_dynamodb, blk_alarm), "DataConstruct", "DynamoDB tables."),
    "messaging": ((blk_sqs,), (blk_sqs, blk_sns), "MessagingConstruct", "SQS queues with dead-letter queues."),
    "auth": ((blk_cognito,), (blk_lambda, blk_ssm), "AuthConstruct", "Cognito user pool and app client."),
    "containers": ((blk_ecs,), (blk_alarm, blk_log_group, blk_security_group), "ContainersConstruct",
                   "ECS Fargate service with its registry, roles and logs."),
    "api": ((blk_api,), (blk_lambda, blk_alarm), "ApiConstruct", "REST API backed by Lambda."),
}
OPTIONAL_COMPONENTS = ("security", "storage", "iam", "database", "compute", "loadbalancer", "data",
                       "messaging", "auth", "containers", "api")
FORCED = {  # defect → the block that must be in the file to carry it
    "class-name:S3BucketVersioning": ("bucket", lambda g: blk_bucket(g)),
    "class-name:S3BucketServerSideEncryptionConfiguration": ("bucket", lambda g: blk_bucket(g)),
    "shape:expiration-not-list": ("lifecycle", lambda g: blk_bucket(g, lifecycle=True)),
    "shape:health-check-in-list": ("alb", blk_alb),
    "shape:token-validity-units-not-list": ("cognito", blk_cognito),
}


def theme_of(component: str) -> str:
    return component.split("_")[0]


def class_of(component: str) -> str:
    theme = theme_of(component)
    return THEMES[theme][2] + component[len(theme) + 1:]


@dataclass
class Project:
    name: str
    lang: str
    style: str
    components: list[str]
    word: str
    version_spec: str


@dataclass
class Planned:
    rel: str
    kind: str  # stack | construct | entry | util | init | doc | manifest | config
    lang: str | None = None
    component: str | None = None
    defects: list[str] = field(default_factory=list)


def render_construct(rng: random.Random, project: Project, file_component: str, defects: list[str],
                     target_lines: int) -> tuple[str, int, list[str]]:
    """The text of one construct file, the number of findings iacfix should fix in it, its parameters."""
    component = theme_of(file_component)
    g = FileGen(rng, component, project, [d for d in defects if d.startswith("shape:")], file_component)
    core, pad, _, doc = THEMES[component]
    cls_name = class_of(file_component)
    renames = dict(RENAMES[d] for d in defects if d in RENAMES)
    r = Renderer(project.lang, project.style, renames, rng)
    indent = "        " if project.lang == "python" else "    "
    body: list[str] = []
    done = 0

    def flush():
        nonlocal done
        for s in g.stmts[done:]:
            body.extend(r.statement(s, indent))
        done = len(g.stmts)

    for blk in core:
        blk(g)
        flush()
    for d in defects:  # make sure every defect has a block to live in
        need, make = FORCED[d]
        if need not in g.has_block or (d.startswith("shape:") and d in g.defects):
            make(g)
            flush()
    while len(body) + 25 + 2 * len(r.provider_imports) < target_lines:  # the header: ~15 lines + imports
        rng.choice(pad)(g)
        flush()
    blk_outputs(g)
    flush()
    assert not g.defects, (component, g.defects)
    text = _construct_file(r, project, file_component, cls_name, doc, g.params, body)
    if project.style == "named":
        findings = len(renames)  # one per import binding; every use is fixed with it
    else:  # module / namespace style: each qualified use is its own finding
        findings = sum(r.wrong_uses.values())
    findings += sum(1 for d in defects if d.startswith("shape:"))
    return text, findings, g.params


def _py_imports(r: Renderer, extra_core=(), typing=()) -> list[str]:
    lines = []
    if r.uses_json:
        lines.append("import json")
    if typing:
        lines.append(f"from typing import {', '.join(typing)}")
    lines.append("")
    lines.append("from constructs import Construct")
    core = [c for c in extra_core if c not in r.core_imports] + r.core_imports
    if core:
        lines.append(f"from cdktf import {', '.join(core)}")
    if r.style == "module":
        mods = sorted(r.provider_imports)
        for i in range(0, len(mods), 4):
            lines.append(f"from {PY_ROOT} import {', '.join(mods[i:i + 4])}")
        return lines
    for module, names in r.provider_imports.items():
        one = f"from {PY_ROOT}.{module} import {', '.join(names)}"
        if len(one) <= WIDTH and len(names) <= 3:
            lines.append(one)
        else:
            lines.append(f"from {PY_ROOT}.{module} import (")
            lines += [f"    {n}," for n in names]
            lines.append(")")
    return lines


def _ts_imports(r: Renderer, extra_core=()) -> list[str]:
    lines = ["import { Construct } from 'constructs';"]
    core = [c for c in extra_core if c not in r.core_imports] + r.core_imports
    if core:
        lines.append(f"import {{ {', '.join(core)} }} from 'cdktf';")
    if r.style == "namespace":
        if r.provider_imports:
            lines.append(f"import * as aws from '{TS_PACKAGE}';")
        return lines
    for module, names in r.provider_imports.items():
        lines.append(f"import {{ {', '.join(names)} }} from '{TS_PACKAGE}/lib/{module.replace('_', '-')}';")
    return lines


def _construct_file(r: Renderer, project: Project, component: str, cls_name: str, doc: str, params, body) -> str:
    prefix = f"{project.word}-{{environment_suffix}}"
    if r.lang == "python":
        typing = ["Dict"] + (["List"] if any(PARAM_TYPES[p][0].startswith("List") for p in params) else [])
        head = [f'"""{doc}"""'] + _py_imports(r, (), typing) + ["", "", f"class {cls_name}(Construct):"]
        head.append(f'    """{doc}"""')
        head += ["", "    def __init__(", "        self,", "        scope: Construct,", "        construct_id: str,", "        *,"]
        head += [f"        {p}: {PARAM_TYPES[p][0]}," for p in params]
        head += ["    ) -> None:", "        super().__init__(scope, construct_id)", "",
                 f'        name_prefix = f"{prefix}"', ""]
        return "\n".join(head + body) + "\n"
    props_name = cls_name + "Props"
    head = [f"// lib/{component}.ts — {doc}"] + _ts_imports(r) + ["", f"export interface {props_name} {{"]
    head += [f"  {camel(p)}: {PARAM_TYPES[p][1]};" for p in params] + ["}", "", f"export class {cls_name} extends Construct {{"]
    seen = set()
    for name, typ in r.fields:
        if name not in seen:
            seen.add(name)
            head.append(f"  public readonly {name}: {typ};")
    if seen:
        head.append("")
    head += [f"  constructor(scope: Construct, id: string, props: {props_name}) {{", "    super(scope, id);", "",
             f"    const {{ {', '.join(camel(p) for p in params)} }} = props;",
             f"    const namePrefix = `{project.word}-${{environmentSuffix}}`;", ""]
    return "\n".join(head + body + ["  }", "}"]) + "\n"


def render_stack(rng: random.Random, project: Project, params: dict[str, list[str]]) -> str:
    """`lib/tap_stack.py` / `lib/tap-stack.ts`: provider, backend, the constructs wired together."""
    py = project.lang == "python"
    r = Renderer(project.lang, project.style, {}, rng)
    indent = "        " if py else "    "
    tags = Mp([("Environment", Ref("environment_suffix")), ("Project", project.word), ("ManagedBy", "cdktf"),
               ("Repository", f"github.com/example/{project.name}")])
    stmts = [Comment("AWS provider with tags on every resource"),
             Res("AwsProvider", "provider", None, "aws", props(region=Ref("aws_region"), default_tags=Lst([
                 St("AwsProviderDefaultTags", "provider", tags=tags)]))),
             Blank(), Comment("Remote state"),
             Res("S3Backend", "cdktf", None, None, props(bucket=Ref("state_bucket"),
                 key=Fmt("{environment_suffix}/{construct_id}.tfstate"), region=Ref("state_bucket_region"),
                 encrypt=True)),
             Blank(), Assign("tags", Mp([("Environment", Ref("environment_suffix")), ("Project", project.word)])), Blank()]
    body: list[str] = []
    for s in stmts:
        body += r.statement(s, indent)
    imports_local = []
    for comp in project.components:
        cls = class_of(comp)
        args = []
        for p in params[comp]:
            args.append((p, Ref(f"{PROVIDED_BY[p][0]}.{PROVIDED_BY[p][1]}") if p in PROVIDED_BY else Ref(p)))
        imports_local.append((comp, cls))
        if py:
            line = f"{indent}{comp} = {cls}(self, {py_str(comp)}, " + ", ".join(f"{k}={r.inline(v)}" for k, v in args) + ")"
            if len(line) > WIDTH:
                line = f"{indent}{comp} = {cls}(\n{indent}    self,\n{indent}    {py_str(comp)},\n" + "".join(
                    f"{indent}    {k}={r.inline(v)},\n" for k, v in args) + f"{indent})"
        else:
            line = f"{indent}const {camel(comp)} = new {cls}(this, {ts_str(comp)}, {{\n" + "".join(
                f"{indent}  {camel(k)},\n" if camel(k) == r.inline(v) else f"{indent}  {camel(k)}: {r.inline(v)},\n"
                for k, v in args) + f"{indent}}});"
        body += line.split("\n")
    body.append("")
    outs = [("vpc_id", "network.vpc.id")] + ([("kms_key_arn", "encryption.kms_key.arn")] if "encryption" in project.components else [])
    for key, path in outs:
        body += r.statement(Res("TerraformOutput", "cdktf", None, key.replace("_", "-"), props(value=Ref(path))), indent)
    if py:
        head = [f'"""{project.name}: the stack that wires the constructs together."""'] + _py_imports(r, ("TerraformStack",))
        head += [f"from lib.{c} import {cls}" for c, cls in imports_local]
        head += ["", "", "class TapStack(TerraformStack):", "    def __init__(", "        self,", "        scope: Construct,",
                 "        construct_id: str,", "        *,", '        environment_suffix: str = "dev",',
                 '        aws_region: str = "us-east-1",', f'        state_bucket: str = "{project.word}-terraform-state",',
                 '        state_bucket_region: str = "us-east-1",', "    ) -> None:",
                 "        super().__init__(scope, construct_id)", ""]
        return "\n".join(head + body) + "\n"
    head = _ts_imports(r, ("TerraformStack",)) + [f"import {{ {cls} }} from './{c}';" for c, cls in imports_local]
    head += ["", "export interface TapStackProps {", "  environmentSuffix?: string;", "  awsRegion?: string;",
             "  stateBucket?: string;", "  stateBucketRegion?: string;", "}", "",
             "export class TapStack extends TerraformStack {",
             "  constructor(scope: Construct, id: string, props?: TapStackProps) {", "    super(scope, id);", "",
             "    const environmentSuffix = props?.environmentSuffix || 'dev';",
             "    const awsRegion = props?.awsRegion || 'us-east-1';",
             f"    const stateBucket = props?.stateBucket || '{project.word}-terraform-state';",
             "    const stateBucketRegion = props?.stateBucketRegion || 'us-east-1';", "    const constructId = id;", ""]
    return "\n".join(head + body + ["  }", "}"]) + "\n"


# -- the other files of a project -----------------------------------------------------------------

def py_entry(p: Project) -> str:
    return f'''#!/usr/bin/env python
import os

from cdktf import App

from lib.tap_stack import TapStack

app = App()
environment_suffix = os.getenv("ENVIRONMENT_SUFFIX", "dev")
TapStack(
    app,
    f"TapStack{{environment_suffix}}",
    environment_suffix=environment_suffix,
    aws_region=os.getenv("AWS_REGION", "us-east-1"),
    state_bucket=os.getenv("TERRAFORM_STATE_BUCKET", "{p.word}-terraform-state"),
)

app.synth()
'''


def ts_entry(p: Project) -> str:
    return f'''#!/usr/bin/env node
import {{ App }} from 'cdktf';
import {{ TapStack }} from './lib/tap-stack';

const app = new App();
const environmentSuffix = process.env.ENVIRONMENT_SUFFIX || 'dev';

new TapStack(app, `TapStack${{environmentSuffix}}`, {{
  environmentSuffix,
  awsRegion: process.env.AWS_REGION || 'us-east-1',
  stateBucket: process.env.TERRAFORM_STATE_BUCKET || '{p.word}-terraform-state',
}});

app.synth();
'''


def readme(p: Project, rng: random.Random) -> str:
    comps = "\n".join(f"- `{c}`: {THEMES[theme_of(c)][3]}" for c in p.components)
    cmd = "pipenv run python main.py" if p.lang == "python" else "npx ts-node main.ts"
    extra = "\n".join(rng.choice((
        "State is kept in S3; the bucket must exist before the first deploy.",
        "Every resource is tagged with the environment and the project name.",
        "Secrets are never committed: database passwords are managed by RDS and Secrets Manager.",
        "Run `cdktf diff` before every deploy and review the plan with a second person.",
    )) for _ in range(rng.randint(2, 5)))
    return f"""# {p.name}

Infrastructure for the **{p.word}** service, written with CDK for Terraform ({p.lang}).

## Layout

{comps}

## Deploy

```sh
{'pip install -r requirements.txt' if p.lang == 'python' else 'npm ci'}
cdktf get
ENVIRONMENT_SUFFIX=dev cdktf deploy
```

Synthesize without deploying: `{cmd}`.

## Notes

{extra}
"""


def cdktf_json(p: Project) -> str:
    app = "pipenv run python main.py" if p.lang == "python" else "npx ts-node main.ts"
    return json.dumps({"language": p.lang, "app": app, "projectId": f"{p.name}-0000", "sendCrashReports": "false",
                       "terraformProviders": [], "terraformModules": [], "context": {}}, indent=2) + "\n"


def requirements(p: Project) -> str:
    return f"cdktf>=0.21.0,<0.22\n{p.version_spec}\nconstructs>=10.4.2,<11\nboto3>=1.34\npytest>=8\n"


def package_json(p: Project) -> str:
    return json.dumps({
        "name": p.name, "version": "0.1.0", "main": "main.js", "types": "main.ts", "license": "MPL-2.0",
        "private": True, "scripts": {"get": "cdktf get", "build": "tsc", "synth": "cdktf synth", "test": "jest"},
        "engines": {"node": ">=20.0"},
        "dependencies": {"@cdktf/provider-aws": p.version_spec, "cdktf": "^0.21.0", "constructs": "^10.4.2"},
        "devDependencies": {"@types/jest": "^29.5.12", "@types/node": "^20.14.0", "jest": "^29.7.0",
                            "ts-jest": "^29.1.5", "ts-node": "^10.9.2", "typescript": "^5.5.3"}}, indent=2) + "\n"


TSCONFIG = json.dumps({"compilerOptions": {
    "alwaysStrict": True, "declaration": True, "experimentalDecorators": True, "inlineSourceMap": True,
    "lib": ["es2020"], "module": "CommonJS", "noEmitOnError": True, "noImplicitAny": True, "strict": True,
    "target": "ES2020", "incremental": True, "skipLibCheck": True},
    "include": ["**/*.ts"], "exclude": ["node_modules", "cdktf.out"]}, indent=2) + "\n"
GITIGNORE = {
    "python": "__pycache__/\n*.pyc\n.venv/\nimports/\ncdktf.out/\ncdktf.log\n*terraform.*.tfstate*\n.gen\n.terraform\n",
    "typescript": "*.d.ts\n*.js\n!jest.config.js\nnode_modules\ncdktf.out\ncdktf.log\n*terraform.*.tfstate*\n.gen\n.terraform\ntsconfig.tsbuildinfo\n",
}


def py_util(rng: random.Random, p: Project) -> str:
    names = rng.sample(WORDS, 4)
    funcs = []
    for n in names:
        funcs.append(f'''

def {n}_name(environment: str, suffix: str = "") -> str:
    """Resource name for {n} in `environment`, at most 63 characters."""
    parts = ["{p.word}", environment, "{n}"] + ([suffix] if suffix else [])
    name = "-".join(part.lower() for part in parts if part)
    return name[:63].rstrip("-")''')
    return f'''"""Naming and tagging helpers shared by the constructs (no CDKTF imports here)."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

_VALID = re.compile(r"^[a-z0-9-]+$")


@dataclass(frozen=True)
class Settings:
    environment: str = "dev"
    region: str = "us-east-1"
    owner: str = "platform"
    cost_center: str = "{rng.randint(1000, 9999)}"
    extra_tags: dict = field(default_factory=dict)

    def tags(self) -> dict:
        tags = {{"Environment": self.environment, "Owner": self.owner, "CostCenter": self.cost_center}}
        tags.update(self.extra_tags)
        return tags


def validate(name: str) -> str:
    if not _VALID.match(name):
        raise ValueError(f"invalid resource name: {{name!r}}")
    return name
''' + "".join(funcs) + "\n"


def ts_util(rng: random.Random, p: Project) -> str:
    envs = rng.sample(("dev", "staging", "prod", "qa", "sandbox"), 3)
    rows = "\n".join(f"  {e}: {{ instanceCount: {rng.randint(1, 6)}, retentionDays: {rng.choice((7, 14, 30, 90))}, "
                     f"alarmEmail: '{e}-alerts@example.com' }}," for e in envs)
    return f"""// Settings per environment; plain TypeScript, no CDKTF imports.
export interface EnvironmentSettings {{
  instanceCount: number;
  retentionDays: number;
  alarmEmail: string;
}}

export const SETTINGS: Record<string, EnvironmentSettings> = {{
{rows}
}};

export function settingsFor(environment: string): EnvironmentSettings {{
  const found = SETTINGS[environment];
  if (!found) {{
    throw new Error(`unknown environment: ${{environment}}`);
  }}
  return found;
}}

export function resourceName(environment: string, ...parts: string[]): string {{
  return ['{p.word}', environment, ...parts].join('-').toLowerCase().slice(0, 63);
}}
"""


# -- planning the tree ----------------------------------------------------------------------------

def plan_project(rng: random.Random, index: int, budget: int, min_size: int) -> tuple[Project, list[Planned]]:
    lang = "typescript" if rng.random() < 0.35 else "python"
    word = rng.choice(PROJECTS)
    name = f"{word}-{index:04d}"
    comps = ["network"] + (["encryption"] if rng.random() < 0.6 else []) + (["monitoring"] if rng.random() < 0.6 else [])
    comps += rng.sample(OPTIONAL_COMPONENTS, rng.randint(1, 5))
    util = rng.random() < 0.3
    if lang == "python":
        style = "module" if rng.random() < 0.1 else "named"
        spec = rng.choice((f"cdktf-cdktf-provider-aws=={PROVIDER_VERSION}",) * 3 + ("cdktf-cdktf-provider-aws>=21.0.0",))
    else:
        style = "namespace" if rng.random() < 0.25 else "named"
        spec = rng.choice((PROVIDER_VERSION, PROVIDER_VERSION, "^21.0.0"))
    fixed = 7  # README, cdktf.json, .gitignore, requirements.txt | package.json, entry, stack, lib/__init__.py | tsconfig

    size = fixed + len(comps) + util
    if budget - size < min_size:  # last project takes what is left
        util = budget - fixed - len(comps) >= 1 and util
        while fixed + len(comps) + util > budget and len(comps) > 1:
            comps.pop()
        extra = [c for c in OPTIONAL_COMPONENTS if c not in comps]
        while fixed + len(comps) + util < budget:
            if extra:
                comps.append(extra.pop(0))
            else:
                comps.append(theme_of(comps[-1]) + f"_{len(comps)}")  # several files of one theme
    p = Project(name, lang, style, comps, word, spec)
    base = f"{name}/"
    files = [Planned(base + "README.md", "doc"), Planned(base + "cdktf.json", "config"), Planned(base + ".gitignore", "config")]
    if lang == "python":
        files += [Planned(base + "requirements.txt", "manifest"), Planned(base + "main.py", "entry", lang),
                  Planned(base + "lib/__init__.py", "init", lang), Planned(base + "lib/tap_stack.py", "stack", lang)]
        files += [Planned(base + f"lib/{c}.py", "construct", lang, c) for c in comps]
        if util:
            files.append(Planned(base + "lib/naming.py", "util", lang))
    else:
        files += [Planned(base + "package.json", "manifest"), Planned(base + "tsconfig.json", "config"),
                  Planned(base + "main.ts", "entry", lang), Planned(base + "lib/tap-stack.ts", "stack", lang)]
        files += [Planned(base + f"lib/{c}.ts", "construct", lang, c) for c in comps]
        if util:
            files.append(Planned(base + "lib/settings.ts", "util", lang))
    return p, files


def generate(out: Path, n_files: int, defect_rate: float, seed: int, manifest_path: Path) -> dict:
    t0 = time.perf_counter()
    master = random.Random(f"iacfix-bench:{seed}")
    projects: list[tuple[Project, list[Planned], int]] = []
    total = 0
    while total < n_files:
        pseed = master.randrange(1 << 30)
        p, files = plan_project(random.Random(pseed), len(projects), n_files - total, 12)
        projects.append((p, files, pseed))
        total += len(files)
    constructs = [f for _, files, _ in projects for f in files if f.kind == "construct"]
    n_defect = min(len(constructs), round(n_files * defect_rate))
    for f in master.sample(constructs, n_defect):
        k = master.choice((1, 1, 1, 2, 2, 3))
        f.defects = master.sample(sorted(d for d, (_, langs) in DEFECTS.items() if f.lang in langs), k)

    if out.exists():
        shutil.rmtree(out)
    entries = []
    for p, files, pseed in projects:
        texts, params = {}, {}
        for f in files:  # the constructs first: the stack passes each the parameters it declares
            if f.kind == "construct":
                rng = random.Random(f"{pseed}:{f.rel}")
                target = int(rng.triangular(80, 400, 150))
                texts[f.rel] = render_construct(rng, p, f.component, f.defects, target)
                params[f.component] = texts[f.rel][2]
        for f in files:
            rng = random.Random(f"{pseed}:{f.rel}")
            expected = 0
            if f.kind == "construct":
                text, expected, _ = texts[f.rel]
            elif f.kind == "stack":
                text = render_stack(rng, p, params)
            elif f.kind == "entry":
                text = py_entry(p) if p.lang == "python" else ts_entry(p)
            elif f.kind == "init":
                text = ""
            elif f.kind == "util":
                text = py_util(rng, p) if p.lang == "python" else ts_util(rng, p)
            elif f.kind == "doc":
                text = readme(p, rng)
            elif f.rel.endswith("cdktf.json"):
                text = cdktf_json(p)
            elif f.rel.endswith(".gitignore"):
                text = GITIGNORE[p.lang]
            elif f.rel.endswith("tsconfig.json"):
                text = TSCONFIG
            elif f.kind == "manifest":
                text = requirements(p) if p.lang == "python" else package_json(p)
            else:
                raise AssertionError(f.rel)
            path = out / f.rel
            path.parent.mkdir(parents=True, exist_ok=True)
            data = text.encode("utf-8")
            path.write_bytes(data)
            entry = {"path": f.rel, "kind": f.kind, "language": f.lang, "bytes": len(data),
                     "lines": text.count("\n"), "iac": f.kind in ("construct", "stack", "entry")}
            if f.defects:
                entry["defects"] = f.defects
                entry["expected_fixes"] = expected
            entries.append(entry)
    manifest = {
        "generator": "bench/generate.py", "seed": seed, "files": len(entries), "defect_rate": defect_rate,
        "provider_version": PROVIDER_VERSION, "projects": len(projects),
        "defect_files": sum(1 for e in entries if "defects" in e),
        "bytes": sum(e["bytes"] for e in entries), "seconds": round(time.perf_counter() - t0, 2),
        "entries": entries,
    }
    manifest_path.parent.mkdir(parents=True, exist_ok=True)
    manifest_path.write_text(json.dumps(manifest, indent=1) + "\n", encoding="utf-8")
    return manifest


# -- --verify: every class, keyword and nested-block shape against the provider index ---------------

def verify(out: Path, manifest: dict) -> list[str]:
    """Problems in the clean Python files: a provider class its module does not export, a keyword
    the class does not take, or a nested block in the wrong shape (list vs single struct), judged
    by iacfix's provider index for provider-aws 21.22.1. TypeScript uses the same templates."""
    import ast

    from iacfix.knowledge.provider import ProviderIndex
    idx = ProviderIndex.load(PROVIDER_VERSION)
    problems = []
    for e in manifest["entries"]:
        if e["language"] != "python" or not e["iac"] or "defects" in e:
            continue
        tree = ast.parse((out / e["path"]).read_text("utf-8"))
        names: dict[str, str] = {}
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith(PY_ROOT + "."):
                sub = idx.module_for_python(node.module.split(".")[1])
                for a in node.names:
                    if sub is None or not idx.has_type(sub, a.name):
                        problems.append(f"{e['path']}: {node.module}.{a.name} does not exist")
                    names[a.asname or a.name] = sub
            elif isinstance(node, ast.ImportFrom) and node.module == PY_ROOT:
                for a in node.names:
                    names[a.asname or a.name] = ("module", idx.module_for_python(a.name))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            f = node.func
            if isinstance(f, ast.Name) and isinstance(names.get(f.id), str):
                sub, cls = names[f.id], f.id
            elif isinstance(f, ast.Attribute) and isinstance(f.value, ast.Name) and isinstance(names.get(f.value.id), tuple):
                sub, cls = names[f.value.id][1], f.attr
                if not idx.has_type(sub, cls):
                    problems.append(f"{e['path']}:{node.lineno}: {cls} not in {sub}")
                    continue
            else:
                continue
            struct = idx.params_struct(sub, cls)
            for kw in node.keywords:
                if kw.arg is None:
                    continue
                prop = idx.prop(struct, kw.arg) if struct else None
                if prop is None:
                    problems.append(f"{e['path']}:{kw.value.lineno}: {cls} has no `{kw.arg}`")
                elif prop.kind == "list_struct" and not isinstance(kw.value, ast.List):
                    problems.append(f"{e['path']}:{kw.value.lineno}: {cls}.{kw.arg} must be a list")
                elif prop.kind == "struct" and not isinstance(kw.value, (ast.Call, ast.Dict)):
                    problems.append(f"{e['path']}:{kw.value.lineno}: {cls}.{kw.arg} must be one struct")
    return problems


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", type=Path, default=Path(__file__).resolve().parent / "out" / "tree")
    ap.add_argument("--files", type=int, default=2000)
    ap.add_argument("--defect-rate", type=float, default=0.05)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--manifest", type=Path, help="default: <out>.manifest.json")
    ap.add_argument("--verify", action="store_true",
                    help="check every provider class and keyword of the clean Python files against iacfix's index")
    args = ap.parse_args(argv)
    if args.files < 8:
        ap.error("--files must be at least 8 (one project)")
    manifest_path = args.manifest or args.out.with_name(args.out.name + ".manifest.json")
    m = generate(args.out, args.files, args.defect_rate, args.seed, manifest_path)
    iac = [e for e in m["entries"] if e["iac"]]
    print(f"{m['files']} files ({len(iac)} CDKTF, {m['defect_files']} with defects) in {m['projects']} projects, "
          f"{m['bytes'] / 1e6:.1f} MB, in {m['seconds']} s → {args.out} (manifest {manifest_path})")
    if args.verify:
        problems = verify(args.out, m)
        for p in problems[:50]:
            print("verify:", p)
        print(f"verify: {len(problems)} problem(s)")
        return 1 if problems else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
