"""CloudFormation templates, YAML or JSON, recognised by content rather than by file name."""
from __future__ import annotations

import re

from iacfix.languages import yaml
from iacfix.languages.base import ParseError, Source

NAME = "cloudformation"
EXTENSIONS = (".yaml", ".yml", ".json", ".template")
_RESOURCE_TYPE = re.compile(r"""(?m)^\s*["']?Type["']?\s*:\s*["']?AWS::|"Type"\s*:\s*"AWS::""")
verify = yaml.verify


def detect(path: str, text: str) -> bool:
    if not path.endswith(EXTENSIONS):
        return False
    return "AWSTemplateFormatVersion" in text or ("Resources" in text and bool(_RESOURCE_TYPE.search(text)))


class CloudFormationDocument(yaml.YamlDocument):
    language = NAME

    @property
    def resources(self) -> dict:
        res = self.data.get("Resources") if isinstance(self.data, dict) else None
        return res if isinstance(res, dict) else {}


def parse(source: Source) -> CloudFormationDocument:
    data = yaml.load(source.text)
    if not isinstance(data, dict):
        raise ParseError("a template must be a mapping at the top level")
    return CloudFormationDocument(source, data)
