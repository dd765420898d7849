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


def run_scripts(text: str) -> list[tuple[int, int, str]]:
    """(start, end, style) of every `run:` scalar (a step's shell script), in characters.

    `style` is ruamel's: "" plain, "'" / '"' quoted, "|" / ">" block (the range then starts at the
    indicator). Located with ruamel's composer, whose marks give each scalar's exact extent.
    """
    import io

    from ruamel.yaml import YAML
    from ruamel.yaml.nodes import MappingNode, ScalarNode, SequenceNode

    try:
        root = YAML(typ="rt").compose(io.StringIO(text))
    except Exception:  # the document was loaded already; a failure here only means "no scripts"
        return []
    found, stack, seen = set(), [root], set()
    while stack:
        node = stack.pop()
        if id(node) in seen:  # an alias is the anchored node again
            continue
        seen.add(id(node))
        if isinstance(node, MappingNode):
            for key, value in node.value:
                if isinstance(key, ScalarNode) and key.value == "run" and isinstance(value, ScalarNode):
                    found.add((value.start_mark.index, value.end_mark.index, value.style or ""))
                stack.append(value)
        elif isinstance(node, SequenceNode):
            stack.extend(node.value)
    return sorted(found)
