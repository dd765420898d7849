"""CI workflow YAML: `.github/workflows/*.yml`, or any YAML whose top level has `jobs:` with steps."""
from __future__ import annotations

import re

from iacfix.languages import yaml
from iacfix.languages.base import ParseError, Source

NAME = "workflow"
EXTENSIONS = (".yaml", ".yml")
_JOBS = re.compile(r"(?m)^jobs\s*:")
_STEPS = re.compile(r"(?m)^\s+(?:steps|runs-on|script)\s*:")
verify = yaml.verify


def detect(path: str, text: str) -> bool:
    if not path.endswith(EXTENSIONS):
        return False
    if "/.github/workflows/" in "/" + path.replace("\\", "/"):
        return True
    return bool(_JOBS.search(text)) and bool(_STEPS.search(text))


class WorkflowDocument(yaml.YamlDocument):
    language = NAME


def parse(source: Source) -> WorkflowDocument:
    data = yaml.load(source.text)
    if not isinstance(data, dict):
        raise ParseError("a workflow must be a mapping at the top level")
    return WorkflowDocument(source, data)
