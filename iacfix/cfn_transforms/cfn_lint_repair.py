"""IAC330 cfn-lint-repair."""
from __future__ import annotations

import textwrap

from iacfix import cfn_repairs
from iacfix.fixes import Fix, Finding, apply_fixes
from iacfix.rules import Example, Rule


# cfn-lint rules a dedicated iacfix rule repairs with more context (so IAC330 neither reports nor
# repairs them a second time): RDS engine versions → IAC301 rds-engine-version.
OWNED_ELSEWHERE = frozenset({"E3690", "E3691", "W3690", "W3691"})


class CfnLintRepair(Rule):
    """cfn-lint errors in a CloudFormation template, repaired from cfn-lint's own schemas and data where they leave one answer.

    cfn-lint runs as a library once per template text (YAML or JSON; the installed cfn-lint,
    region us-east-1 as its CLI defaults to). Every error-level match becomes a finding at the key
    or value its path (`Resources/Db/Properties/EngineVersion`) names; a warning becomes one only
    where a repair exists for it (W1020, W3005). A repair is one module per cfn-lint rule id
    (`iacfix/cfn_repairs/e3002.py`, documented below); it reads the resource schemas through
    cfn-lint's schema manager and cfn-lint's data files at run time, never a copy. Without a repair,
    or when the repair has no single answer, the finding is a diagnostic carrying cfn-lint's id and
    message, or the candidates.

    Edits are text splices into the template as written: only the key, value or entry concerned
    changes; comments, quotes, short-form tags (`!Sub`, `!If`), flow or block style, JSON layout
    and line endings stay. When several matches are answered by the same edits (every misplaced
    key of one mapping, every resource of one dependency cycle), they are one fix.

    Every proposed fix is checked by linting the edited text again: a fix after which cfn-lint
    still reports its finding, or reports any error it did not report before, is dropped and the
    finding is reported with the reason. All fixes of a file are re-linted together first, then
    one by one only when that fails.

    Applicability follows the schema: **safe** when it leaves one answer and the deployed result
    is what the template evidently meant (a misspelt key, a misplaced one moved to its one home, a
    value quoted differently); **unsafe** when the repair chose among several or changes what is
    deployed (a property that exists nowhere removed, an enum value changed, a resource retyped
    or removed). RDS engine versions (E3690/E3691) are IAC301's, which knows the engine lifecycle.
    """

    id = "IAC330"
    slug = "cfn-lint-repair"
    slow = True  # cfn-lint on the whole template, again after each fix
    summary = "cfn-lint errors repaired from cfn-lint's own schemas (properties, required values, cycles, enums, types, intrinsics, DependsOn, resource types), re-linted"
    rationale = "issue 7 (schema-driven CloudFormation repair): the errors that block real generated templates are a few families that repeat"
    languages = ("cloudformation",)
    examples = (
        Example("cloudformation", """\
Resources:
  Queue:
    Type: AWS::SQS::Queue
    Properties:
      VisibilityTimeOut: 60  # seconds
      QueueName: !Sub '${AWS::StackName}-jobs'
""", """\
Resources:
  Queue:
    Type: AWS::SQS::Queue
    Properties:
      VisibilityTimeout: 60  # seconds
      QueueName: !Sub '${AWS::StackName}-jobs'
"""),
        Example("cloudformation", """\
{
  "Resources": {
    "Bucket": {
      "Type": "AWS::S3::Bucket",
      "Properties": {"bucketName": "logs", "VersioningConfiguration": {"status": "Enabled"}}
    }
  }
}
""", """\
{
  "Resources": {
    "Bucket": {
      "Type": "AWS::S3::Bucket",
      "Properties": {"BucketName": "logs", "VersioningConfiguration": {"Status": "Enabled"}}
    }
  }
}
""", path="template.json"),
        # valid
        Example("cloudformation", """\
Resources:
  Queue:
    Type: AWS::SQS::Queue
    Properties: {VisibilityTimeout: 60}
"""),
        # reported: no property of the schema is close to `Colour`
        Example("cloudformation", """\
Resources:
  Queue:
    Type: AWS::SQS::Queue
    Properties: {Colour: blue}
""", reported=True),
    )

    @classmethod
    def documentation(cls) -> str:
        parts = [super().documentation(), "## Repairs, by cfn-lint rule"]
        for module in cfn_repairs.modules():
            parts.append(textwrap.dedent(module.__doc__ or module.RULE_ID).strip())
        return "\n\n".join(parts)

    def check_cloudformation(self, doc, ctx):
        text = doc.source.text
        matches = cfn_repairs.lint(text)
        repairs = cfn_repairs.registry()
        before = {(m.rule, m.path, m.message) for m in matches if m.is_error}
        groups: dict = {}  # edits → [(match, range, outcome)]: one fix for several matches
        for match in matches:
            if match.rule in OWNED_ELSEWHERE:
                continue
            repair = repairs.get(match.rule)
            if not match.is_error and repair is None:
                continue  # warnings only where a repair exists: cfn-lint's own report covers the rest
            key, value = cfn_repairs.locate(doc, match.path)
            start, end = _range(doc, key, value, match)
            outcome = repair(doc, match, cfn_repairs.schema_at) if repair else None
            if outcome is None:
                if match.is_error:
                    yield doc.source.finding(self, start, end, f"cfn-lint {match.rule}: {match.message}")
            elif not outcome.edits:
                yield doc.source.finding(self, start, end, outcome.message)
            else:
                groups.setdefault(outcome.edits, []).append((match, (start, end), outcome))
        proposed = [(members, members[0][2]) for members in groups.values()]
        # one re-lint of all fixes together; only when it objects, each fix is re-linted alone
        together = len(proposed) > 1 and _relint(doc, proposed, before) is None
        for members, outcome in proposed:
            start, end = members[0][1]
            message = "; ".join(dict.fromkeys(o.message for _, _, o in members))
            problem = None if together else _relint(doc, [(members, outcome)], before)
            if problem:
                yield doc.source.finding(self, start, end, f"{message} — fix dropped: {problem}")
                continue
            yield doc.source.finding(self, start, end, message, list(outcome.edits), outcome.applicability)


def _range(doc, key, value, match) -> tuple[int, int]:
    node = key if key is not None else value
    if node is not None:
        return doc.start(node), doc.end(node)
    line = max(match.line, 1)
    try:
        start = doc.source.offset(line, 0)
    except IndexError:
        start = 0
    end = doc.source.text.find("\n", start)
    return start, (len(doc.source.text) if end < 0 else end)


def _relint(doc, fixes, before) -> str | None:
    """Why the fixes — `(members, outcome)` pairs, the members being the matches one fix answers —
    must be dropped when applied together; None when cfn-lint confirms them: every member's finding
    gone and no error that was not reported before."""
    probes = [Finding("IAC330", doc.source.path, 1, 1, 1, 1, "", Fix(o.edits, o.applicability)) for _, o in fixes]
    applied = apply_fixes(doc.source.data, probes)
    if len(applied.applied) != len(probes):
        return "its edits overlap another fix"
    try:
        after = cfn_repairs.lint(applied.data.decode("utf-8"))
    except UnicodeDecodeError:
        return "the edited text is not UTF-8"
    for members, _ in fixes:
        for match, _, _ in members:
            if any(m.rule == match.rule and m.path == match.path and m.message == match.message for m in after):
                return f"cfn-lint still reports {match.rule} after it"
    new = [m for m in after if m.is_error and (m.rule, m.path, m.message) not in before]
    if new:
        first = new[0]
        return f"cfn-lint would report {first.rule} at {first.path_string} ({first.message})"
    return None


# each repair module's bad→good examples run as this rule's examples
CfnLintRepair.examples = CfnLintRepair.examples + tuple(
    example for module in cfn_repairs.modules() for example in getattr(module, "EXAMPLES", ()))
