"""IAC403 sdk-v3-secret-stage."""
from __future__ import annotations

from iacfix.codemods import _remove
from iacfix.engine import Suppressions
from iacfix.rules import Example, Rule

MODULE = "@aws-sdk/client-secrets-manager"
UPDATE = "UpdateSecretCommand"
PUT = "PutSecretValueCommand"
STAGE = "UpdateSecretVersionStageCommand"
# the input members of each command (AWS SDK for JavaScript v3)
PUT_KEYS = {"SecretId", "ClientRequestToken", "SecretString", "SecretBinary", "VersionStages", "RotationToken"}
STAGE_KEYS = {"SecretId", "VersionStage", "VersionStages", "MoveToVersionId", "RemoveFromVersionId"}


def _key(node) -> str | None:
    if node.kind() == "shorthand_property_identifier":
        return node.text()
    if node.kind() != "pair":
        return None
    key = node.field("key")
    if key is None:
        return None
    if key.kind() in ("property_identifier", "identifier"):
        return key.text()
    if key.kind() == "string":
        return key.text()[1:-1]
    return None


class SdkV3SecretStage(Rule):
    """`UpdateSecretCommand` given `VersionStages`, which only other Secrets Manager commands take.

    In the AWS SDK for JavaScript v3, `UpdateSecretCommand` has no `VersionStages` member: `tsc`
    rejects the object literal (TS2769: `VersionStages` does not exist in type
    `UpdateSecretCommandInput`), and the stage the author wanted is never attached. Seed
    000 #4: a rotation Lambda created the pending version with
    `new UpdateSecretCommand({ SecretId, SecretString, VersionStages: ['AWSPENDING'] })`.

    - A call that writes a value (`SecretString` or `SecretBinary`) with `VersionStages`, and only
      members `PutSecretValueCommand` also takes (`SecretId`, `ClientRequestToken`,
      `RotationToken`), becomes `PutSecretValueCommand` — the command that creates a version with
      the given stages. Safe: it is what the call meant and the only reading that compiles.
    - A stage move — `MoveToVersionId` / `RemoveFromVersionId` given, with one stage
      (`VersionStages: ['AWSCURRENT']` or `VersionStage`) — becomes
      `UpdateSecretVersionStageCommand`, `VersionStages: [x]` becoming `VersionStage: x`. Safe.
    - Anything else is reported without a fix: a stage given with neither a value nor version ids
      (the seed's `finishSecret` step needs the id of the version that holds `AWSCURRENT` now, which
      only a `DescribeSecret` call at run time knows), several stages for a move, `Description` or
      `KmsKeyId` next to `VersionStages` (two commands' worth), a spread argument.

    The command is recognised through the module's imports (named, aliased, `import * as sm`);
    the import of `@aws-sdk/client-secrets-manager` is fixed: the new command is added to the named
    import, and `UpdateSecretCommand` leaves it when no use of it is left (renamed in place when
    that keeps the list's shape). `UpdateSecretCommand` without `VersionStages` is correct and is
    never touched.
    """

    id = "IAC403"
    slug = "sdk-v3-secret-stage"
    summary = "`UpdateSecretCommand` given `VersionStages` → `PutSecretValueCommand` / `UpdateSecretVersionStageCommand`"
    rationale = "seed 000 #4 (`UpdateSecretCommand({..., VersionStages: ['AWSPENDING']})` did not compile)"
    seeds = ("000#4",)
    languages = ("typescript",)
    triggers = (UPDATE,)
    examples = (
        Example("typescript", """\
import {
  SecretsManagerClient,
  UpdateSecretCommand,
} from '@aws-sdk/client-secrets-manager';

const client = new SecretsManagerClient({});

export async function createSecret(secretId: string, password: string) {
  await client.send(
    new UpdateSecretCommand({
      SecretId: secretId,
      SecretString: JSON.stringify({ password }),
      VersionStages: ['AWSPENDING'],
    })
  );
}
""", """\
import {
  SecretsManagerClient,
  PutSecretValueCommand,
} from '@aws-sdk/client-secrets-manager';

const client = new SecretsManagerClient({});

export async function createSecret(secretId: string, password: string) {
  await client.send(
    new PutSecretValueCommand({
      SecretId: secretId,
      SecretString: JSON.stringify({ password }),
      VersionStages: ['AWSPENDING'],
    })
  );
}
""", path="lib/lambda/rotation.ts"),
        Example("typescript", """\
import * as sm from '@aws-sdk/client-secrets-manager';

export const finish = (client: sm.SecretsManagerClient, id: string, token: string, current: string) =>
  client.send(new sm.UpdateSecretCommand({ SecretId: id, VersionStages: ['AWSCURRENT'], MoveToVersionId: token, RemoveFromVersionId: current }));
""", """\
import * as sm from '@aws-sdk/client-secrets-manager';

export const finish = (client: sm.SecretsManagerClient, id: string, token: string, current: string) =>
  client.send(new sm.UpdateSecretVersionStageCommand({ SecretId: id, VersionStage: 'AWSCURRENT', MoveToVersionId: token, RemoveFromVersionId: current }));
""", path="lib/lambda/rotation.ts"),
        # reported: which version holds AWSCURRENT is only known at run time
        Example("typescript", """\
import { SecretsManagerClient, UpdateSecretCommand } from '@aws-sdk/client-secrets-manager';

export const finish = (client: SecretsManagerClient, id: string) =>
  client.send(new UpdateSecretCommand({ SecretId: id, VersionStages: ['AWSCURRENT'] }));
""", path="lib/lambda/rotation.ts", reported=True),
        # valid: UpdateSecretCommand without VersionStages
        Example("typescript", """\
import { SecretsManagerClient, UpdateSecretCommand } from '@aws-sdk/client-secrets-manager';

export const describe = (client: SecretsManagerClient, id: string) =>
  client.send(new UpdateSecretCommand({ SecretId: id, Description: 'db credentials' }));
""", path="lib/lambda/rotation.ts"),
    )

    def check_typescript(self, doc, ctx):
        text = doc.text
        sites = []  # (new_expression, constructor, target command or None, edits, message)
        for new in doc.find_all("new_expression"):
            ctor, args = new.field("constructor"), new.field("arguments")
            if ctor is None or args is None or doc.imports.resolve(ctor) != (MODULE, UPDATE):
                continue
            named = [c for c in args.children() if c.is_named() and c.kind() != "comment"]
            if len(named) != 1 or named[0].kind() != "object":
                continue
            members = [c for c in named[0].children() if c.is_named() and c.kind() != "comment"]
            keys = {_key(m): m for m in members}
            if "VersionStages" not in keys:
                continue
            site = self._plan(doc, ctor, keys)
            sites.append((new, ctor) + site)
        if not sites:
            return
        # the import: the new names added; UpdateSecretCommand dropped when no use of it is left
        fixed = [s for s in sites if s[2] is not None]
        suppressed = Suppressions(text)
        fixed = [s for s in fixed if self._finding(doc, s, []) not in suppressed]
        import_edits = self._import_edits(doc, fixed) if fixed else []
        for site in sites:
            new, ctor, target, edits, message = site
            if target is None or site not in fixed:
                yield self._finding(doc, site, None)
            else:
                yield self._finding(doc, site, edits + import_edits)

    def _finding(self, doc, site, edits):
        new, ctor, target, _, message = site
        start, end = doc.span(ctor)
        return doc.source.finding(self, start, end, message, edits)

    def _plan(self, doc, ctor, keys):
        """(target command or None, edits at the call, message)."""
        source = doc.source
        given = set(keys) - {None}
        if None in keys:
            return None, [], ("`UpdateSecretCommand` does not take `VersionStages`; this argument has a spread or "
                              "computed member: use `PutSecretValueCommand` to create a version with stages, "
                              "`UpdateSecretVersionStageCommand` to move a stage")
        ctor_name = ctor.field("property") if ctor.kind() == "member_expression" else ctor
        if given <= PUT_KEYS and given & {"SecretString", "SecretBinary"}:
            local = self._local(doc, ctor, PUT)
            return PUT, [self._rename(doc, ctor_name, local)], \
                "`UpdateSecretCommand` does not take `VersionStages`: a new version with stages is `PutSecretValueCommand`"
        if given <= STAGE_KEYS and given & {"MoveToVersionId", "RemoveFromVersionId"} and "VersionStage" not in given:
            value = keys["VersionStages"].field("value") if keys["VersionStages"].kind() == "pair" else None
            elements = [c for c in value.children() if c.is_named() and c.kind() != "comment"] \
                if value is not None and value.kind() == "array" else []
            if len(elements) == 1 and elements[0].kind() != "spread_element":
                pair = keys["VersionStages"]
                k_start, k_end = doc.span(pair.field("key"))
                v_start, v_end = doc.span(value)
                e_start, e_end = doc.span(elements[0])
                quote = pair.field("key").text()[:1] if pair.field("key").kind() == "string" else ""
                local = self._local(doc, ctor, STAGE)
                return STAGE, [self._rename(doc, ctor_name, local),
                               source.edit(k_start, k_end, f"{quote}VersionStage{quote}"),
                               source.edit(v_start, v_end, doc.text[e_start:e_end])], \
                    "`UpdateSecretCommand` does not take `VersionStages`: moving a stage is `UpdateSecretVersionStageCommand`"
        if given & {"MoveToVersionId", "RemoveFromVersionId"}:
            why = "moving a stage is `UpdateSecretVersionStageCommand`, one `VersionStage` per call"
        elif given & {"SecretString", "SecretBinary"}:
            why = ("a new version with stages is `PutSecretValueCommand`; `Description`/`KmsKeyId` need a "
                   "separate `UpdateSecretCommand`")
        else:
            why = ("to attach a stage use `UpdateSecretVersionStageCommand` with `VersionStage`, "
                   "`MoveToVersionId` (the version to label) and `RemoveFromVersionId` (the version that holds it "
                   "now, from `DescribeSecret`): those ids are not in this call")
        return None, [], f"`UpdateSecretCommand` does not take `VersionStages`: {why}"

    def _local(self, doc, ctor, name: str) -> str:
        """The name to write for command `name`: an existing import of it, else `name` itself."""
        if ctor.kind() == "member_expression":  # sm.UpdateSecretCommand → sm.<name>
            return name
        for local, (module, path) in doc.imports.names.items():
            if module == MODULE and path == name:
                return local
        return name

    def _rename(self, doc, name_node, local: str):
        start, end = doc.span(name_node)
        return doc.source.edit(start, end, local)

    def _import_edits(self, doc, fixed) -> list:
        text, source = doc.text, doc.source
        wanted = []
        for site in fixed:
            ctor = site[1]
            if ctor.kind() == "member_expression":
                continue  # namespace import: nothing to import
            if site[2] not in wanted and self._local(doc, ctor, site[2]) == site[2] and \
                    doc.imports.names.get(site[2]) != (MODULE, site[2]):
                wanted.append(site[2])
        spec = next((s for s, module in doc.imports.specifiers
                     if module == MODULE and s.field("name") is not None and s.field("name").text() == UPDATE), None)
        if spec is None:
            return []
        local = (spec.field("alias") or spec.field("name")).text()
        fixed_ctors = {doc.span(site[1]) for site in fixed if site[1].kind() == "identifier"}
        uses = [n for n in doc.find_all("identifier") if n.text() == local and not _in_import(n)]
        uses += [n for n in doc.find_all("type_identifier") if n.text() == local]
        still_used = any(doc.span(n) not in fixed_ctors for n in uses)
        named = spec.parent()
        s_start, s_end = doc.span(spec)
        if still_used:
            edits = []
            for name in wanted:
                edits += doc.append_specifier(named, name)
            return edits
        if wanted:
            edits = [source.edit(s_start, s_end, wanted[0])]
            if len(wanted) > 1:
                # appended after the last specifier (the renamed one may be it: insert after its end)
                edits += doc.append_specifier(named, wanted[1])
            return edits
        specs = named.find_all(kind="import_specifier")
        if len(specs) == 1:
            return []  # the only name: an unused import is left rather than an empty list
        index = next(i for i, s in enumerate(specs) if doc.span(s) == (s_start, s_end))
        after = text[s_end:]
        if after.lstrip(" \t").startswith(","):
            a, b = _remove.removal_range(text, s_start, s_end, "//", separator=",")
            return [source.edit(a, b, "")]
        _, prev_end = doc.span(specs[index - 1])
        return [source.edit(prev_end, s_end, "")]


def _in_import(node) -> bool:
    current = node.parent()
    while current is not None:
        if current.kind() == "import_statement":
            return True
        current = current.parent()
    return False
