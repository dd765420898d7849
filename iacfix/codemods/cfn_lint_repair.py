"""IAC330 cfn-lint-repair."""
from __future__ import annotations

from iacfix import cfn_repairs
from iacfix.fixes import Applicability, Fix, Finding, apply_fixes
from iacfix.rules import Example, Rule


class CfnLintRepair(Rule):
    """cfn-lint errors in a CloudFormation template, repaired from cfn-lint's own schemas where the schema leaves one answer.

    cfn-lint runs as a library once per template text (YAML or JSON; the installed cfn-lint,
    region us-east-1 as its CLI defaults to). Every error-level match becomes a finding at the key
    or value its path (`Resources/Db/Properties/EngineVersion`) names. A repair is registered per
    cfn-lint rule id (`iacfix/cfn_repairs/e3002.py`); it reads the resource schemas through
    cfn-lint's schema manager at run time. Without a repair, or when the repair has no single
    answer, the finding is a diagnostic carrying cfn-lint's id and message (and the candidates).

    Every proposed fix is checked by linting the edited text again: a fix after which cfn-lint
    still reports the finding, or reports any error it did not report before, is dropped and the
    finding is reported with the reason.

    Repairs so far:

    - **E3002**, a property the schema does not declare at that place: did-you-mean against the
      properties declared there (case and separators, singular/plural, a small edit distance; the
      shared `iacfix.knowledge.names`). One candidate that is not already set → the key is renamed
      (only the key's text changes: quotes, comments, tags and values stay), a safe fix. Several →
      a diagnostic listing them. Moving a property one level up or down and removing one that
      exists nowhere are not done yet.
    """

    id = "IAC330"
    slug = "cfn-lint-repair"
    summary = "cfn-lint errors repaired from cfn-lint's schemas (E3002 misspelt property → the one declared name), re-linted"
    rationale = "issue 7 (schema-driven CloudFormation repair); E3002 is the most frequent error in the cfn-yaml corpus"
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

    def check_cloudformation(self, doc, ctx):
        text = doc.source.text
        matches = cfn_repairs.lint(text)
        repairs = cfn_repairs.registry()
        before = {(m.rule, m.path, m.message) for m in matches if m.is_error}
        proposed = []  # (match, range, outcome) with edits, checked below
        for match in matches:
            if not match.is_error:
                continue
            key, value = cfn_repairs.locate(doc, match.path)
            start, end = _range(doc, key, value, match)
            repair = repairs.get(match.rule)
            outcome = repair(doc, match, cfn_repairs.schema_at) if repair else None
            if outcome is None:
                yield doc.source.finding(self, start, end, f"cfn-lint {match.rule}: {match.message}")
            elif not outcome.edits:
                yield doc.source.finding(self, start, end, outcome.message)
            else:
                proposed.append((match, (start, end), outcome))
        # one re-lint of all fixes together; only when it objects, each fix is re-linted alone
        together = len(proposed) > 1 and _relint(doc, [(m, o) for m, _, o in proposed], before) is None
        for match, (start, end), outcome in proposed:
            problem = None if together else _relint(doc, [(match, outcome)], before)
            if problem:
                yield doc.source.finding(self, start, end, f"{outcome.message} — fix dropped: {problem}")
                continue
            yield doc.source.finding(self, start, end, outcome.message, list(outcome.edits), outcome.applicability)


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
    """Why the fixes (applied together) must be dropped; None when cfn-lint confirms them: every
    one's finding gone and no error that was not reported before."""
    probes = [Finding("IAC330", doc.source.path, 1, 1, 1, 1, "", Fix(o.edits, o.applicability)) for _, o in fixes]
    applied = apply_fixes(doc.source.data, probes)
    if len(applied.applied) != len(probes):
        return "its edits overlap another fix"
    try:
        after = cfn_repairs.lint(applied.data.decode("utf-8"))
    except UnicodeDecodeError:
        return "the edited text is not UTF-8"
    for match, _ in fixes:
        if any(m.rule == match.rule and m.path == match.path and m.message == match.message for m in after):
            return f"cfn-lint still reports {match.rule} after it"
    new = [m for m in after if m.is_error and (m.rule, m.path, m.message) not in before]
    if new:
        first = new[0]
        return f"cfn-lint would report {first.rule} at {first.path_string} ({first.message})"
    return None
