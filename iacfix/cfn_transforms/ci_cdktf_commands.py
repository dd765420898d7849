"""IAC402 ci-cdktf-commands."""
from __future__ import annotations

import re
from pathlib import Path

from iacfix.languages.workflow import run_scripts
from iacfix.rules import Example, Rule

_TRIGGER = re.compile(r"\b(?:aws-)?cdk(?:@\S+)?[ \t]+(?:synth|synthesize|deploy|diff|destroy)\b")
# an AWS CDK CLI call: an optional runner, the `cdk` binary (or the aws-cdk package), a subcommand,
# its arguments up to the end of the shell command (line continuations included)
_COMMAND = re.compile(r"""
    (?:^|(?<=[\s;&|(`'"]))
    (?P<runner>(?:npx|bunx)(?:[ \t]+(?:--yes|-y|--no-install))*[ \t]+
              |(?:yarn|pnpm)(?:[ \t]+(?:exec|dlx))?[ \t]+
              |npm[ \t]+exec[ \t]+(?:--[ \t]+)?)?
    (?P<tool>aws-cdk(?:@[\w.^~-]+)?|cdk(?:@[\w.^~-]+)?)[ \t]+
    (?P<sub>synthesize|synth|deploy|diff|destroy)\b
    (?P<args>(?:\\\r?\n|[^\n;&|#)`])*)
    """, re.X | re.M)
_TOKEN = re.compile(r"\S+")
_SCRIPT_RUNNER = re.compile(r"\b(?:npm|yarn|pnpm|bun)[ \t]+(?:run|run-script)[ \t]+$")
_APPROVAL_FLAGS = ("--force", "-f")  # cdk destroy's "do not ask"


def project_is_cdktf(ctx, text: str) -> bool:
    """The workflow belongs to a CDK for Terraform project, not an AWS CDK one.

    The project folder (and, for a workflow under `.github/`, the folder holding `.github`) has a
    `cdktf.json` and no `cdk.json`; without a project folder, the workflow itself must run cdktf.
    """
    folders = []
    if ctx.project is not None:
        project = Path(ctx.project)
        folders.append(project)
        parts = project.parts
        if ".github" in parts:
            folders.append(Path(*parts[:parts.index(".github")]))
    if any((f / "cdk.json").is_file() for f in folders):
        return False
    if any((f / "cdktf.json").is_file() for f in folders):
        return True
    return bool(re.search(r"\bcdktf(?:-cli)?\b", text))


class CiCdktfCommands(Rule):
    """AWS CDK CLI commands in the CI workflow of a CDK for Terraform project.

    `npx cdk synth` / `cdk deploy` run the AWS CDK CLI, which looks for `cdk.json` and deploys
    through CloudFormation; a CDKTF project has `cdktf.json` and needs the `cdktf` CLI, so the
    pipeline fails at its first step (seed 002 #3: `npx cdk synth`, `npx cdk deploy --all
    --require-approval never` in the generated `lib/ci-cd.yml`).

    Inside every `run:` script (plain, quoted, `|`/`>` block scalars; GitHub Actions steps and
    composite actions) of a workflow whose project has a `cdktf.json` and no `cdk.json` (without a
    project folder: a workflow that itself mentions `cdktf`), `cdk synth|deploy|diff|destroy` —
    through `npx`/`bunx`/`yarn`/`pnpm [exec|dlx]`/`npm exec`, or the `aws-cdk` package — becomes
    `cdktf …`; a bare `cdk` (a global AWS CDK install) becomes `npx cdktf`. Flags:

    - deploy and destroy get `--auto-approve` (Terraform asks otherwise and CI has no terminal):
      it takes the place of `--require-approval <level>` or destroy's `--force`/`-f`, or follows
      the subcommand;
    - `--require-approval` is dropped everywhere (cdktf has no such flag);
    - `--all`: cdktf has no such flag. Option `all_stacks`: `glob` (default) turns it into the
      stack pattern `'*'` for deploy/destroy, which deploys every stack as `--all` did (a bare
      `cdktf deploy` refuses to choose when the app has several stacks); `drop` removes it, as the
      seed's IDEAL did (the same for a one-stack app). synth and diff lose it (synth always builds
      every stack);
    - stack names and every other flag are kept as written.

    Safe: the AWS CDK CLI cannot work on a project without `cdk.json`. Commands in shell comments,
    `cdk bootstrap` and other subcommands without a cdktf counterpart, text printed by `echo` /
    `printf`, and `npm run cdk …` (a package.json script) are left alone; so are workflows of AWS CDK projects.
    """

    id = "IAC402"
    slug = "ci-cdktf-commands"
    summary = "`npx cdk synth|deploy|diff|destroy` in a CDKTF project's CI workflow → `npx cdktf …` with cdktf flags"
    rationale = "seed 002 #3 (`npx cdk synth`, `npx cdk deploy --all --require-approval never` in a CDKTF pipeline)"
    seeds = ("002#3",)
    languages = ("workflow",)
    options = {"all_stacks": "glob"}
    option_choices = {"all_stacks": ("glob", "drop")}
    examples = (
        Example("workflow", """\
name: CI
on: push
jobs:
  deploy:
    runs-on: ubuntu-latest
    steps:
      - run: npm install -g cdktf-cli
      - name: Run CDK Synth
        run: npx cdk synth
      - name: Deploy to Dev
        run: npx cdk deploy --all --require-approval never  # dev first
""", """\
name: CI
on: push
jobs:
  deploy:
    runs-on: ubuntu-latest
    steps:
      - run: npm install -g cdktf-cli
      - name: Run CDK Synth
        run: npx cdktf synth
      - name: Deploy to Dev
        run: npx cdktf deploy '*' --auto-approve  # dev first
"""),
        Example("workflow", """\
jobs:
  teardown:
    runs-on: ubuntu-latest
    steps:
      - run: npm ci && npx cdktf get
      - run: |
          cdk diff TapStackdev
          cdk destroy TapStackdev --force
""", """\
jobs:
  teardown:
    runs-on: ubuntu-latest
    steps:
      - run: npm ci && npx cdktf get
      - run: |
          npx cdktf diff TapStackdev
          npx cdktf destroy TapStackdev --auto-approve
""", options={"rules": {"ci-cdktf-commands": {"all_stacks": "drop"}}}),
        # valid: already cdktf; an AWS CDK workflow (nothing says cdktf) is not ours
        Example("workflow", """\
jobs:
  deploy:
    runs-on: ubuntu-latest
    steps:
      - run: npx cdktf deploy '*' --auto-approve
"""),
        Example("workflow", """\
jobs:
  deploy:
    runs-on: ubuntu-latest
    steps:
      - run: npx cdk deploy --all --require-approval never
"""),
    )

    def triggered(self, text: str, ctx, language: str) -> bool:
        return bool(_TRIGGER.search(text))

    def check_workflow(self, doc, ctx):
        text = doc.text
        if not project_is_cdktf(ctx, text):
            return
        glob = ctx.option(self, "all_stacks") == "glob"
        for start, end, style in run_scripts(text):
            if style in ("'", '"'):
                start, end = start + 1, end - 1  # the script between the quotes
            script = text[start:end]
            for match in _COMMAND.finditer(script):
                line_start = script.rfind("\n", 0, match.start()) + 1
                head = script[line_start:match.start()]
                if re.search(r"(?:^|\s)#", head):
                    continue  # a shell (or YAML) comment
                if _SCRIPT_RUNNER.search(head):
                    continue  # `npm run cdk deploy`: a package.json script named cdk
                if re.search(r"\b(?:echo|printf)\b", head):
                    continue  # a message about the command, not the command
                edits = self._edits(doc, start, match, style, glob)
                a, b = start + match.start(), start + match.end("sub")
                command = match.group(0).strip().splitlines()[0].rstrip(" \\")
                yield doc.source.finding(
                    self, a, b,
                    f"`{command}` runs the AWS CDK CLI, but this is a CDK for Terraform "
                    "project (cdktf.json): use the cdktf CLI", edits)

    def _edits(self, doc, base: int, match, style: str, glob: bool) -> list:
        source = doc.source
        sub = match.group("sub")
        stack_pattern = '"*"' if style == "'" else "'*'"
        edits = []
        t_start, t_end = match.span("tool")
        # the binary: a runner keeps running it; a bare `cdk` is a global AWS CDK install
        edits.append(source.edit(base + t_start, base + t_end, "cdktf" if match.group("runner") else "npx cdktf"))
        if sub == "synthesize":
            s_start, s_end = match.span("sub")
            edits.append(source.edit(base + s_start, base + s_end, "synth"))
        args, args_at = match.group("args"), match.start("args")
        tokens = [(m.start() + args_at, m.end() + args_at, m.group()) for m in _TOKEN.finditer(args)]
        script = match.string
        wants_approve = sub in ("deploy", "destroy") and not any(t == "--auto-approve" for _, _, t in tokens)
        i = 0
        while i < len(tokens):
            t_start, t_end, token = tokens[i]
            group = None  # (start, end) of the flag (and its value) to replace or remove
            replacement = ""
            if token.startswith("--require-approval="):
                group = (t_start, t_end)
            elif token == "--require-approval":
                j = i + 1
                while j < len(tokens) and tokens[j][2] == "\\":
                    j += 1
                if j < len(tokens) and not tokens[j][2].startswith("-"):
                    group, i = (t_start, tokens[j][1]), j
                else:
                    group = (t_start, t_end)
            elif token in _APPROVAL_FLAGS and sub == "destroy":
                group = (t_start, t_end)
            elif token == "--all":
                group = (t_start, t_end)
                if glob and sub in ("deploy", "destroy"):
                    replacement = stack_pattern
            if group is not None:
                if not replacement and wants_approve and token != "--all":
                    replacement, wants_approve = "--auto-approve", False
                g_start, g_end = group
                if not replacement:  # removed with the blanks before it
                    while g_start > 0 and script[g_start - 1] in " \t":
                        g_start -= 1
                edits.append(source.edit(base + g_start, base + g_end, replacement))
            i += 1
        if wants_approve:
            _, s_end = match.span("sub")
            edits.append(source.edit(base + s_end, base + s_end, " --auto-approve"))
        return edits
