"""CloudFormation templates, YAML or JSON, recognised by content rather than by file name.

`CloudFormationDocument` also carries the text-splice helpers CloudFormation rules share: locate a
value, an entry or a resource block (with its leading comments), insert an entry into a mapping at
the right indentation (or a JSON member with its comma), replace a value, remove an entry, merge
names into `DependsOn`, move a resource block, insert a new resource. They compute edits from the
composed node tree's marks and write only the changed ranges, in the file's own style.
"""
from __future__ import annotations

import io
import json
import re
from functools import cached_property

import ruamel.yaml as ruamel_yaml
from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from iacfix.fixes import Edit
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
    """A template with text-splice helpers (see the module docstring).

    Positions come from the composed node tree (`node`), so they hold for block style, flow style
    and JSON alike. The edit helpers return `Edit`s (or lists of them) for `Source.finding`;
    `None` means the shape is one the helper will not touch (the caller reports without a fix).
    """

    language = NAME

    @property
    def resources(self) -> dict:
        res = self.data.get("Resources") if isinstance(self.data, dict) else None
        return res if isinstance(res, dict) else {}

    # ---- the node tree and positions -------------------------------------------------------

    @cached_property
    def tree(self) -> Node | None:
        """The composed node tree (ruamel `Node`s with start/end marks) of the first document."""
        return ruamel_yaml.YAML(typ="rt").compose(io.StringIO(self.source.text))

    @cached_property
    def newline(self) -> str:
        """The line end the file uses ("\\r\\n" when its first line ends so)."""
        first = self.source.text.find("\n")
        return "\r\n" if first > 0 and self.source.text[first - 1] == "\r" else "\n"

    @cached_property
    def is_json(self) -> bool:
        return self.source.text.lstrip("\ufeff \t\r\n").startswith("{")

    @cached_property
    def style(self) -> str:
        """How to write intrinsics: "json", "long" (`Ref:`/`Fn::Sub:` only) or "short" (`!Ref`)."""
        if self.is_json:
            return "json"
        text = self.source.text
        return "long" if _LONG_FORM.search(text) and not _SHORT_TAG.search(text) else "short"

    def entry(self, path: tuple) -> tuple[Node, Node] | None:
        """(key node, value node) of the mapping entry at `path` (last element a key), or None."""
        parent = self.node(path[:-1])
        if not isinstance(parent, MappingNode):
            return None
        for key, value in parent.value:
            if isinstance(key, ScalarNode) and key.value == path[-1]:
                return key, value
        return None

    def node(self, path: tuple = ()) -> Node | None:
        """The value node at `path`, or None when the path does not exist."""
        node = self.tree
        for part in path:
            if isinstance(part, int):
                if not isinstance(node, SequenceNode) or not -len(node.value) <= part < len(node.value):
                    return None
                node = node.value[part]
            else:
                if not isinstance(node, MappingNode):
                    return None
                node = next((v for k, v in node.value if isinstance(k, ScalarNode) and k.value == part), None)
                if node is None:
                    return None
        return node

    def start(self, node: Node) -> int:
        """Character offset where `node` starts (its tag included: `!Sub '…'`)."""
        mark = node.start_mark
        return self.source.offset(mark.line + 1, mark.column)

    def end(self, node: Node) -> int:
        """Character offset just after `node`'s own text: for a block collection, its last
        descendant (never the comments and blank lines ruamel counts into it)."""
        while isinstance(node, (MappingNode, SequenceNode)) and not node.flow_style and node.value:
            last = node.value[-1]
            node = last[1] if isinstance(last, tuple) else last
        mark = node.end_mark
        end = self.source.offset(mark.line + 1, mark.column)
        text = self.source.text
        while end > self.start(node) and text[end - 1] in " \t\r\n":
            end -= 1  # block scalars (`|`) end after their line break
        return end

    def is_flow(self, node: Node) -> bool:
        """True for `{…}`/`[…]` collections (every collection of a JSON template)."""
        return bool(getattr(node, "flow_style", False))

    def span(self, path: tuple) -> tuple[int, int] | None:
        """Character range of the value at `path`."""
        node = self.node(path)
        return None if node is None else (self.start(node), self.end(node))

    # ---- lines -------------------------------------------------------------------------------

    def line_start(self, offset: int) -> int:
        return self.source.text.rfind("\n", 0, offset) + 1

    def line_end(self, offset: int) -> int:
        """Offset just after the line end of the line holding `offset` (or the end of the text)."""
        i = self.source.text.find("\n", offset)
        return len(self.source.text) if i == -1 else i + 1

    def _lines_before(self, offset: int):
        """(start, text) of each line above the line starting at `offset`, nearest first."""
        text = self.source.text
        end = offset
        while end > 0:
            start = text.rfind("\n", 0, end - 1) + 1
            yield start, text[start:end].rstrip("\r\n")
            end = start

    def _lines_after(self, offset: int):
        """(start, text) of each line from the line starting at `offset` on."""
        text = self.source.text
        while offset < len(text):
            end = self.line_end(offset)
            yield offset, text[offset:end].rstrip("\r\n")
            offset = end

    def at_line_start(self, offset: int) -> bool:
        return not self.source.text[self.line_start(offset):offset].strip()

    def leading_comments_start(self, path: tuple) -> int | None:
        """Start of the block entry at `path` with the comment lines directly above it (no blank
        line between, indented like the key): the text that moves or goes with the entry."""
        found = self.entry(path)
        if found is None:
            return None
        key = found[0]
        start = self.start(key)
        if not self.at_line_start(start):
            return start
        column = key.start_mark.column
        begin = self.line_start(start)
        for line_start, line in self._lines_before(begin):
            stripped = line.lstrip(" ")
            if stripped.startswith("#") and len(line) - len(stripped) == column:
                begin = line_start
            else:
                break
        return begin

    def entry_lines(self, path: tuple, comments: bool = True) -> tuple[int, int] | None:
        """Whole-line range of a block-style entry: its leading comments (when `comments`), the
        key line through the value's last line (trailing comment on it included) and the
        comment lines right after it indented deeper than the key. None for flow/JSON entries
        or an entry that does not start its line (the first key of a `- ` item)."""
        found = self.entry(path)
        parent = self.node(path[:-1])
        if found is None or self.is_flow(parent):
            return None
        key, value = found
        if not self.at_line_start(self.start(key)):
            return None
        begin = self.leading_comments_start(path) if comments else self.line_start(self.start(key))
        end = self.line_end(self.end(value))
        column = key.start_mark.column
        for line_start, line in self._lines_after(end):
            stripped = line.lstrip(" ")
            if stripped.startswith("#") and len(line) - len(stripped) > column:
                end = self.line_end(line_start)
            else:
                break
        return begin, end

    def indent_step(self, mapping: MappingNode, column: int) -> int:
        """Indent step of the file, from the first nested block mapping found (default 2)."""
        for _, value in mapping.value:
            if isinstance(value, MappingNode) and not value.flow_style and value.value:
                child = value.value[0][0].start_mark.column
                if child > column:
                    return child - column
        root = self.tree
        if isinstance(root, MappingNode):
            for _, value in root.value:
                if isinstance(value, MappingNode) and value.value:
                    step = value.value[0][0].start_mark.column - root.value[0][0].start_mark.column
                    if step > 0:
                        return step
        return 2

    # ---- edits -------------------------------------------------------------------------------

    def replace_value(self, path: tuple, value=None, *, raw: str | None = None) -> Edit | None:
        """Replace the value at `path` with `value` rendered inline (or with the `raw` text)."""
        node = self.node(path)
        if node is None:
            return None
        text = raw if raw is not None else render_inline(value, self.style)
        return self.source.edit(self.start(node), self.end(node), text)

    def insert_entry(self, path: tuple, key: str, value, *, after: str | None = None,
                     before: str | None = None) -> Edit | None:
        """Add `key: value` to the mapping at `path`: after the entry `after`, before the entry
        `before` (above that entry's leading comments), or at the end. Block mappings get new
        lines at the mapping's indentation, flow mappings and JSON objects a member with the
        commas right. None when `path` is not a mapping or `key` is already there."""
        found = self._insertion(path, key, value, after, before)
        if found is None:
            return None
        if found[0] == found[1] == len(self.source.text):
            return self._claim(*found)  # at the end of the file: see `move_resource_before`
        return self.source.edit(*found)

    def _insertion(self, path, key, value, after, before) -> tuple[int, int, str] | None:
        """(start, end, text) in characters for `insert_entry` (start == end: an insertion)."""
        mapping = self.node(path)
        if not isinstance(mapping, MappingNode) or self.entry(path + (key,)) is not None:
            return None
        text = self.source.text
        if self.is_flow(mapping):
            return self._flow_insertion(mapping, key, value, after, before)
        if not mapping.value:
            return None
        column = mapping.value[0][0].start_mark.column
        lines = render_block_entry(key, value, column, self.indent_step(mapping, column), self.style)
        anchor_after = self.entry(path + (after,)) if after else None
        anchor_before = self.entry(path + (before,)) if before else None
        if anchor_before is not None and self.at_line_start(self.start(anchor_before[0])):
            at = self.leading_comments_start(path + (before,))
        elif anchor_after is not None and self.entry_lines(path + (after,), comments=False):
            at = self.entry_lines(path + (after,), comments=False)[1]
        else:
            last = mapping.value[-1][0].value
            span = self.entry_lines(path + (last,), comments=False)
            at = span[1] if span else self.line_end(self.end(mapping.value[-1][1]))
        nl = self.newline
        block = nl.join(lines) + nl
        if at > 0 and text[at - 1] != "\n":
            block = nl + block.removesuffix(nl)
        return at, at, block

    def _member_text(self, mapping: MappingNode, key: str, value) -> tuple[str, str]:
        """(member text, separator) for a new member of the flow mapping / JSON object."""
        multiline = len(mapping.value) > 0 and self.at_line_start(self.start(mapping.value[-1][0]))
        column = mapping.value[-1][0].start_mark.column if mapping.value else 0
        if self.style == "json":
            step = max(column - mapping.start_mark.column, 2) if multiline else 2
            member = render_json_member(key, value, column if multiline else 0, step) if multiline \
                else f"{json.dumps(key)}: {json.dumps(value, ensure_ascii=False)}"
        else:
            member = f"{yaml_scalar(key)}: {render_inline(value, self.style)}"
        separator = "," + (self.newline + " " * column if multiline else " ")
        return member, separator

    def _flow_insertion(self, mapping, key, value, after, before) -> tuple[int, int, str]:
        member, separator = self._member_text(mapping, key, value)
        if not mapping.value:
            start, end = self.start(mapping), self.end(mapping)
            return start + 1, end - 1, member
        keys = [k.value for k, _ in mapping.value]
        if before in keys:
            at = self.start(mapping.value[keys.index(before)][0])
            return at, at, member + separator
        index = keys.index(after) if after in keys else len(keys) - 1
        at = self.end(mapping.value[index][1])
        return at, at, separator + member

    def _claim(self, start: int, end: int, text: str) -> Edit:
        """An insertion turned into a replacement of the character before it. Two `DependsOn`
        edits from different rules at one point then overlap, so the engine applies one and the
        other rule merges into it on the next pass (two insertions would both apply: two
        `DependsOn` keys, or one name twice)."""
        if start == end and start > 0:
            return self.source.edit(start - 1, end, self.source.text[start - 1] + text)
        return self.source.edit(start, end, text)

    def remove_entry(self, path: tuple) -> Edit | None:
        """Delete the entry at `path`: its lines in block style (the comment lines above it
        stay), the member and one comma in flow style / JSON. None when it is not there or is
        the only entry of its mapping (an empty mapping would change the template's shape)."""
        found = self.entry(path)
        mapping = self.node(path[:-1])
        if found is None or len(mapping.value) < 2:
            return None
        key, value = found
        index = next(i for i, (k, _) in enumerate(mapping.value) if k is key)
        if not self.is_flow(mapping):
            lines = self.entry_lines(path, comments=False)
            if lines is not None:
                return self.source.edit(*lines, "")
            if index + 1 < len(mapping.value):  # `- Key: v` then the next key on its own line
                return self.source.edit(self.start(key), self.start(mapping.value[index + 1][0]), "")
            return None
        if index > 0:
            return self.source.edit(self.end(mapping.value[index - 1][1]), self.end(value), "")
        return self.source.edit(self.start(key), self.start(mapping.value[1][0]), "")

    def depends_on(self, resource: str) -> list[str]:
        """The names in the resource's `DependsOn` (scalar or list), in order."""
        node = self.node(("Resources", resource, "DependsOn"))
        if isinstance(node, ScalarNode):
            return [node.value]
        if isinstance(node, SequenceNode):
            return [n.value for n in node.value if isinstance(n, ScalarNode)]
        return []

    def add_depends_on(self, resource: str, names) -> list:
        """Edits that make the resource's `DependsOn` include `names` (no duplicates, order of
        `names` kept): a new `DependsOn` after `Type` (a scalar for one name, a list for
        several), a scalar turned into a list, or items appended to a block or flow list.
        Empty when nothing is missing; None when `DependsOn` has a shape it will not edit.
        Every edit replaces at least one character (see `_claim`), so two rules adding to one
        `DependsOn` in the same pass never both apply: the second merges on the next pass."""
        path = ("Resources", resource, "DependsOn")
        present = self.depends_on(resource)
        missing = [n for n in dict.fromkeys(names) if n not in present]
        if not missing:
            return []
        node = self.node(path)
        if node is None:
            value = missing[0] if len(missing) == 1 else missing
            found = self._insertion(path[:-1], "DependsOn", value, "Type", None)
            return [self._claim(*found)] if found else None
        if isinstance(node, ScalarNode) and not node.tag.startswith("!"):
            names = [node.value] + missing
            if self.style == "json":
                return [self.replace_value(path, raw=json.dumps(names))]
            original = self.source.text[self.start(node):self.end(node)]
            return [self.replace_value(path, raw="[" + ", ".join([original] + [yaml_scalar(n) for n in missing]) + "]")]
        if not isinstance(node, SequenceNode):
            return None
        if self.is_flow(node):
            if not node.value:
                text = ", ".join(json.dumps(n) if self.style == "json" else yaml_scalar(n) for n in missing)
                return [self._claim(self.start(node) + 1, self.end(node) - 1, text)]
            last = node.value[-1]
            multiline = self.at_line_start(self.start(last))
            separator = "," + (self.newline + " " * last.start_mark.column if multiline else " ")
            text = "".join(separator + (json.dumps(n) if self.style == "json" else yaml_scalar(n)) for n in missing)
            return [self._claim(self.end(last), self.end(last), text)]
        if not node.value:
            return None
        last = node.value[-1]
        first_line = self.source.text[self.line_start(self.start(node.value[0])):self.start(node.value[0])]
        dash = first_line.rstrip().rfind("-")
        if dash < 0 or first_line[:dash].strip():
            return None
        gap = self.start(node.value[0]) - self.line_start(self.start(node.value[0])) - dash - 1
        at = self.line_end(self.end(last))
        nl = self.newline
        text = "".join(" " * dash + "-" + " " * gap + yaml_scalar(n) + nl for n in missing)
        if at > 0 and self.source.text[at - 1] != "\n":
            text = nl + text.removesuffix(nl)
        return [self._claim(at, at, text)]

    def remove_depends_on(self, resource: str, names) -> list | None:
        """Edits that drop every occurrence of `names` from the resource's `DependsOn`: the whole
        key when nothing would be left (or it is a scalar), else each item's line in a block
        list, the item and one comma in a flow list / JSON array. Empty when none is there; None
        for a shape it will not edit (a tagged value, a flow list whose removed text holds a
        comment, a block item that does not start its line)."""
        path = ("Resources", resource, "DependsOn")
        node = self.node(path)
        drop = set(names)
        if isinstance(node, ScalarNode):
            if node.value not in drop:
                return []
            edit = None if node.tag.startswith("!") else self.remove_entry(path)
            return [edit] if edit else None
        if not isinstance(node, SequenceNode):
            return None
        gone = [i for i, item in enumerate(node.value) if isinstance(item, ScalarNode) and item.value in drop]
        if not gone:
            return []
        if len(gone) == len(node.value):
            edit = self.remove_entry(path)
            return [edit] if edit else None
        text = self.source.text
        if not self.is_flow(node):
            edits = []
            for i in gone:
                item = node.value[i]
                start = self.line_start(self.start(item))
                if text[start:self.start(item)].strip() != "-":
                    return None
                edits.append(self.source.edit(start, self.line_end(self.end(item)), ""))
            return edits
        runs, run = [], [gone[0]]
        for i in gone[1:]:
            if i == run[-1] + 1:
                run.append(i)
            else:
                runs.append(run)
                run = [i]
        runs.append(run)
        edits = []
        for run in runs:
            first, last = run[0], run[-1]
            if last + 1 < len(node.value):
                start, end = self.start(node.value[first]), self.start(node.value[last + 1])
            else:
                start, end = self.end(node.value[first - 1]), self.end(node.value[last])
            residue, at = [], start
            for i in run:
                residue.append(text[at:self.start(node.value[i])])
                at = self.end(node.value[i])
            residue.append(text[at:end])
            if "#" in "".join(residue):
                return None
            edits.append(self.source.edit(start, end, ""))
        return edits

    def remove_resource(self, name: str) -> Edit | None:
        """Delete resource `name` as text: in block style its leading comments through its last
        line and the blank lines after it (before it when it is the last resource); in flow
        style / JSON the member and one comma. None when it is missing or the only resource."""
        mapping = self.node(("Resources",))
        order = self.resource_order()
        if name not in order or len(order) < 2:
            return None
        if self.is_flow(mapping):
            return self.remove_entry(("Resources", name))
        block = self.resource_block(name)
        if block is None or self.entry_lines(("Resources", name)) is None:
            return None
        start, end = block
        after = end
        for line_start, line in self._lines_after(end):
            if line.strip():
                break
            after = self.line_end(line_start)
        if after == end and order[-1] == name:  # the last block: take the blank lines above it
            for line_start, line in self._lines_before(start):
                if line.strip():
                    break
                start = line_start
        return self.source.edit(start, after, "")

    def resource_block(self, name: str) -> tuple[int, int] | None:
        """Character range of a resource as text: block style → its leading comments through its
        last line; flow/JSON → key through value. None when there is no such resource."""
        path = ("Resources", name)
        lines = self.entry_lines(path)
        if lines is not None:
            return lines
        found = self.entry(path)
        return None if found is None else (self.start(found[0]), self.end(found[1]))

    def resource_order(self) -> list[str]:
        """Resource names in text order."""
        node = self.node(("Resources",))
        return [k.value for k, _ in node.value] if isinstance(node, MappingNode) else []

    def move_resource_before(self, name: str, anchor: str) -> list | None:
        """Edits that move resource `name` (with its leading comments) to just before resource
        `anchor` (before the anchor's leading comments), keeping the blank-line separation.
        Empty when it already comes first; None when either is missing."""
        order = self.resource_order()
        if name not in order or anchor not in order:
            return None
        if order.index(name) < order.index(anchor):
            return []
        mapping = self.node(("Resources",))
        text = self.source.text
        if self.is_flow(mapping):
            index = order.index(name)
            key, value = mapping.value[index]
            member = text[self.start(key):self.end(value)]
            previous_end = self.end(mapping.value[index - 1][1])
            anchor_key = mapping.value[order.index(anchor)][0]
            at = self.start(anchor_key)
            separator = text[previous_end:self.start(key)]  # ",\n  " as the file writes it
            return [self.source.edit(at, at, member + separator),
                    self.source.edit(previous_end, self.end(value), "")]
        block = self.entry_lines(("Resources", name))
        target = self.leading_comments_start(("Resources", anchor))
        if block is None or target is None or not self.at_line_start(target):
            return None
        start, end = block
        after = end  # blank lines after the block go with it
        for line_start, line in self._lines_after(end):
            if line.strip():
                break
            after = self.line_end(line_start)
        removed = (start, after)
        separator = text[end:after]
        if not separator:  # the last block: take the blank lines above it instead
            before = start
            for line_start, line in self._lines_before(start):
                if line.strip():
                    break
                before = line_start
            removed = (before, end)
            separator = text[before:start]
        moved = text[start:end]
        if not moved.endswith("\n"):
            moved += self.newline
        a, b = removed
        # the deletion also rewrites the character after it, so that another rule's insertion at
        # the block's end (a key appended to its last mapping) conflicts with the move instead
        # of landing where the block was; it is applied to the moved block on the next pass
        removal = self.source.edit(a, b + 1, text[b]) if b < len(text) else self.source.edit(a, b, "")
        return [self.source.edit(target, target, moved + separator), removal]

    def insert_resource(self, name: str, body: dict, *, before: str | None = None,
                        comment: str | None = None) -> Edit | None:
        """A new resource `name` with `body` ({"Type": …, "Properties": …}), before resource
        `before` (and its leading comments) or after the last resource, separated by a blank line
        in block style; `comment` becomes a `# …` line above it (not in JSON). None when the name
        is taken or there is no `Resources` mapping."""
        mapping = self.node(("Resources",))
        if not isinstance(mapping, MappingNode) or not mapping.value or name in self.resource_order():
            return None
        if self.is_flow(mapping):
            return self.source.edit(*self._flow_insertion(mapping, name, body, None, before))
        column = mapping.value[0][0].start_mark.column
        nl = self.newline
        lines = ([" " * column + "# " + comment] if comment else []) + \
            render_block_entry(name, body, column, self.indent_step(mapping, column), self.style)
        block = nl.join(lines) + nl
        if before in self.resource_order():
            at = self.leading_comments_start(("Resources", before))
            return self.source.edit(at, at, block + nl)
        last = self.resource_order()[-1]
        at = self.entry_lines(("Resources", last))[1]
        text = self.source.text
        prefix = nl if at > 0 and text[at - 1] != "\n" else ""
        if at == len(text):
            return self._claim(at, at, prefix + nl + block)
        return self.source.edit(at, at, prefix + nl + block)


def parse(source: Source) -> CloudFormationDocument:
    data, tree = yaml.load_with_tree(source.text)
    if not isinstance(data, dict):
        raise ParseError("a template must be a mapping at the top level")
    doc = CloudFormationDocument(source, data)
    if tree is not None:
        doc.tree = tree  # sets the cached property: the text is composed once
    return doc


# --------------------------------------------------------------------------------------------
# Text-splice helpers. A fix on a template is a few character-range edits computed from the
# positions of the composed YAML node tree (ruamel marks), never a re-emitted document: block
# style, flow style and JSON templates each get edits in their own syntax, every byte outside the
# edited ranges (comments, quoting, CRLF line ends) stays. Paths are tuples of mapping keys (str)
# and sequence indexes (int), e.g. ("Resources", "Db", "Properties", "Tags", 0, "Key").
#
# Values to write are Python data: str, bool, int, float, list, dict, and CloudFormation
# intrinsics as one-key dicts ({"Ref": "X"}, {"Fn::Sub": "..."}, {"Fn::GetAtt": ["A", "B"]}).
# They are rendered in the document's style: YAML short forms (`!Ref X`) unless the template only
# uses long forms (`Ref:` / `Fn::Sub:`), JSON objects in JSON templates.
# --------------------------------------------------------------------------------------------

_PLAIN = re.compile(r"[A-Za-z0-9_/$][A-Za-z0-9_./@()+=$:-]*(?: [A-Za-z0-9_./@()+=$:-]+)*")
_NOT_STRING = re.compile(r"(?i)(?:y|n|yes|no|on|off|true|false|null|~|[-+]?(?:\d[\d_]*)?\.?\d[\d_]*(?:e[-+]?\d+)?"
                         r"|0x[0-9a-f]+|0o[0-7]+|\.inf|\.nan|[-+]?\d+(?::\d+)+)")
_SHORT_TAG = re.compile(r"!(?:Ref|Sub|GetAtt|Join|If|Select|Split|Base64|FindInMap|ImportValue|GetAZs|Equals|"
                        r"Not|And|Or|Cidr|Condition|Transform|ToJsonString|Length)\b")
_LONG_FORM = re.compile(r"(?m)(?:^|[\s{,\[])[\"']?(?:Ref|Fn::\w+)[\"']?\s*:")


def is_intrinsic(value) -> bool:
    """A one-key dict `{"Ref": …}`, `{"Fn::…": …}` or `{"Condition": …}` written as data."""
    if not isinstance(value, dict) or len(value) != 1:
        return False
    name = str(next(iter(value)))
    return name in ("Ref", "Condition") or name.startswith("Fn::")


def yaml_scalar(value) -> str:
    """A YAML scalar that reads back as `value`: plain when unambiguous, else single-quoted."""
    if value is True or value is False:
        return "true" if value else "false"
    if value is None:
        return "null"
    if isinstance(value, (int, float)):
        return repr(value)
    text = str(value)
    if _PLAIN.fullmatch(text) and not _NOT_STRING.fullmatch(text) and ": " not in text and not text.endswith(":"):
        return text
    return "'" + text.replace("'", "''") + "'"


def render_inline(value, style: str = "short") -> str:
    """`value` on one line: YAML flow (`style` "short" or "long" intrinsics) or JSON (`style` "json")."""
    if style == "json":
        return json.dumps(value, ensure_ascii=False)
    if is_intrinsic(value):
        (name, arg), = value.items()
        nested_tag = is_intrinsic(arg)  # `!Base64 !Sub x` is not YAML: a tag per node
        if style == "short" and not nested_tag:
            tag = "!" + (name[4:] if name.startswith("Fn::") else name)
            if name == "Fn::GetAtt" and isinstance(arg, list) and len(arg) == 2 and all(isinstance(a, str) for a in arg):
                return f"{tag} {arg[0]}.{arg[1]}"
            return f"{tag} {render_inline(arg, style)}"
        return "{" + f"{yaml_scalar(name)}: {render_inline(arg, style)}" + "}"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{yaml_scalar(k)}: {render_inline(v, style)}" for k, v in value.items()) + "}"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(render_inline(v, style) for v in value) + "]"
    return yaml_scalar(value)


def render_block_entry(key: str, value, column: int, step: int = 2, style: str = "short") -> list[str]:
    """Lines (no line ends) of a block-style `key: value` entry whose key sits at `column`."""
    pad = " " * column
    if isinstance(value, dict) and value and not is_intrinsic(value):
        lines = [f"{pad}{yaml_scalar(key)}:"]
        for k, v in value.items():
            lines += render_block_entry(k, v, column + step, step, style)
        return lines
    if isinstance(value, (list, tuple)) and value:
        lines = [f"{pad}{yaml_scalar(key)}:"]
        for item in value:
            lines += _render_block_item(item, column + step, step, style)
        return lines
    return [f"{pad}{yaml_scalar(key)}: {render_inline(value, style)}"]


def _render_block_item(item, column: int, step: int, style: str) -> list[str]:
    pad = " " * column
    if isinstance(item, dict) and item and not is_intrinsic(item):
        lines = []
        for i, (k, v) in enumerate(item.items()):
            entry = render_block_entry(k, v, column + 2, step, style)
            if i == 0:
                entry[0] = pad + "- " + entry[0][column + 2:]
            lines += entry
        return lines
    return [f"{pad}- {render_inline(item, style)}"]


def render_json_member(key: str, value, column: int, step: int = 2) -> str:
    """`"key": value` as pretty JSON whose continuation lines are indented from `column`."""
    body = json.dumps(value, indent=step, ensure_ascii=False)
    body = body.replace("\n", "\n" + " " * column)
    return f"{json.dumps(key)}: {body}"
