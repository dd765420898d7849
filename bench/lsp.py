#!/usr/bin/env python3
"""Latency of `iacfix lsp`: how long after an edit the editor sees the file's diagnostics.

    python bench/lsp.py                       # 2,000-line files, 20 changes each, all three kinds
    python bench/lsp.py --changes 50 --kinds cfn-yaml
    python bench/lsp.py --profile             # also: where one check of each file spends its time

For each kind of file (a CloudFormation YAML template, a CDKTF Python construct, a CDKTF TypeScript
construct; all about 2,000 lines and carrying a few real defects) the script starts the server as an
editor would (`python -m iacfix lsp` over stdio, driven by pygls' LanguageClient), opens the
document, then sends `--changes` edits one at a time — a comment line in the middle of the file,
inserted and then rewritten by each change, so that every version is new text — and times each
`didChange` until the `publishDiagnostics` for that document version arrives: the first one, and
the last one before the server goes idle (a server may publish the fast rules' findings first and
the slow ones' later). Debounce, parsing and the rules are all inside both figures, as the user
feels them. Target: ≤ 200 ms after a change.

Files are written to `bench/out/lsp/` (git-ignored). The Python and TypeScript constructs come from
`bench/generate.py`; the template is generated here. A run fails (exit 1) if the server publishes no
finding for a file with defects, so the timings always measure real work.
"""
from __future__ import annotations

import argparse
import asyncio
import cProfile
import io
import math
import os
import pstats
import random
import statistics
import sys
import time
from pathlib import Path

from lsprotocol import types
from pygls.lsp.client import LanguageClient

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent)]  # bench/generate.py, and iacfix from this work tree
import generate  # noqa: E402 - bench/generate.py, beside this file

TARGET_MS = 200
TIMEOUT_S = 60  # one publish; far above any plausible latency, so a hang is reported, not waited out
IDLE_S = 0.3  # a server that used no CPU for this long has finished the version (ticks are 10 ms)

CFN_BLOCKS = [
    """  Bucket{i}:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: !Sub "${{AWS::StackName}}-data-{i}"
      VersioningConfiguration:
        Status: Enabled
      BucketEncryption:
        ServerSideEncryptionConfiguration:
          - ServerSideEncryptionByDefault:
              SSEAlgorithm: aws:kms
              KMSMasterKeyID: !Ref Key{i}
      PublicAccessBlockConfiguration:
        BlockPublicAcls: true
        BlockPublicPolicy: true
        IgnorePublicAcls: true
        RestrictPublicBuckets: true
      Tags:
        - Key: Name
          Value: !Sub "${{AWS::StackName}}-data-{i}"
  Key{i}:
    Type: AWS::KMS::Key
    Properties:
      Description: Key for bucket {i}
      EnableKeyRotation: true
      KeyPolicy:
        Version: "2012-10-17"
        Statement:
          - Sid: Root
            Effect: Allow
            Principal:
              AWS: !Sub "arn:${{AWS::Partition}}:iam::${{AWS::AccountId}}:root"
            Action: kms:*
            Resource: "*"
""",
    """  Queue{i}:
    Type: AWS::SQS::Queue
    Properties:
      QueueName: !Sub "${{AWS::StackName}}-queue-{i}"
      VisibilityTimeout: 60
      MessageRetentionPeriod: 345600
      RedrivePolicy:
        deadLetterTargetArn: !GetAtt DeadLetter{i}.Arn
        maxReceiveCount: 5
  DeadLetter{i}:
    Type: AWS::SQS::Queue
    Properties:
      MessageRetentionPeriod: 1209600
""",
    """  Role{i}:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal:
              Service: lambda.amazonaws.com
            Action: sts:AssumeRole
      ManagedPolicyArns:
        - !Sub "arn:${{AWS::Partition}}:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"
  Function{i}:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: python3.12
      Handler: index.handler
      Role: !GetAtt Role{i}.Arn
      Timeout: 30
      MemorySize: 256
      Code:
        ZipFile: |
          def handler(event, context):
              return {{"statusCode": 200}}
""",
    """  Table{i}:
    Type: AWS::DynamoDB::Table
    Properties:
      BillingMode: PAY_PER_REQUEST
      AttributeDefinitions:
        - AttributeName: pk
          AttributeType: S
      KeySchema:
        - AttributeName: pk
          KeyType: HASH
      PointInTimeRecoverySpecification:
        PointInTimeRecoveryEnabled: true
""",
]
# Misspelt properties cfn-lint reports (E3002) and IAC330 repairs by did-you-mean.
CFN_DEFECTS = [("VisibilityTimeout:", "VisibilityTimout:"), ("EnableKeyRotation:", "EnableKeyRotaton:"),
               ("MemorySize:", "MemorySise:")]


def cfn_template(lines: int) -> str:
    """A CloudFormation template of about `lines` lines; one resource group in ten has a misspelt property."""
    out = ['AWSTemplateFormatVersion: "2010-09-09"\n', "Description: iacfix LSP benchmark template\n", "Resources:\n"]
    count, i = 3, 0
    while count < lines:
        block = CFN_BLOCKS[i % len(CFN_BLOCKS)].format(i=i)
        if i % 10 == 2:
            right, wrong = CFN_DEFECTS[(i // 10) % len(CFN_DEFECTS)]
            block = block.replace(right, wrong, 1)
        out.append(block)
        count += block.count("\n")
        i += 1
    return "".join(out)


def cdktf_construct(lang: str, lines: int) -> str:
    """A CDKTF storage construct of about `lines` lines with two defects (a wrong class name, a struct given
    where the provider wants a list), written by bench/generate.py."""
    project = generate.Project("bench", lang, "named", ["storage"], "bench", generate.PROVIDER_VERSION)
    defects = ["class-name:S3BucketVersioning", "shape:expiration-not-list"]
    text, _, _ = generate.render_construct(random.Random(1), project, "storage", defects, lines)
    return text


def write_files(out: Path, lines: int) -> dict[str, Path]:
    """One project folder per kind (with the manifest iacfix reads the provider version from)."""
    files = {
        "cfn-yaml": (out / "cfn" / "template.yaml", cfn_template(lines), {}),
        "cdktf-py": (out / "cdktf-py" / "lib" / "storage.py", cdktf_construct("python", lines),
                     {"cdktf.json": '{"language": "python", "app": "python main.py"}\n',
                      "requirements.txt": f"cdktf==0.21.0\ncdktf-cdktf-provider-aws=={generate.PROVIDER_VERSION}\n"}),
        "cdktf-ts": (out / "cdktf-ts" / "lib" / "storage.ts", cdktf_construct("typescript", lines),
                     {"cdktf.json": '{"language": "typescript", "app": "npx ts-node main.ts"}\n',
                      "package.json": '{"dependencies": {"cdktf": "0.21.0", "@cdktf/provider-aws": "%s"}}\n'
                      % generate.PROVIDER_VERSION}),
    }
    paths = {}
    for kind, (path, text, manifests) in files.items():
        project = path.parent.parent if path.parent.name == "lib" else path.parent
        project.mkdir(parents=True, exist_ok=True)
        path.parent.mkdir(parents=True, exist_ok=True)
        for name, content in manifests.items():
            (project / name).write_text(content)
        path.write_text(text)
        paths[kind] = path
    return paths


LANGUAGE_IDS = {"cfn-yaml": "yaml", "cdktf-py": "python", "cdktf-ts": "typescript"}
COMMENT = {"cfn-yaml": "#", "cdktf-py": "#", "cdktf-ts": "//"}


class Session:
    """One server process and one open document; `publish(version)` waits for that version's diagnostics."""

    def __init__(self, server: list[str], path: Path):
        self.server, self.path, self.uri = server, path, path.resolve().as_uri()
        self.client = LanguageClient("iacfix-bench", "0")
        self.published: asyncio.Queue = asyncio.Queue()
        self.change_kind = types.TextDocumentSyncKind.Full

        @self.client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        def on_publish(params: types.PublishDiagnosticsParams) -> None:
            if params.uri == self.uri:
                self.published.put_nowait((time.perf_counter(), params))

    async def start(self) -> float:
        t0 = time.perf_counter()
        # the server from this work tree, wherever the installed iacfix points
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(HERE.parent), os.environ.get("PYTHONPATH")]))}
        await self.client.start_io(*self.server, cwd=str(self.path.parent), env=env)
        result = await self.client.initialize_async(types.InitializeParams(
            capabilities=types.ClientCapabilities(),
            root_uri=self.path.parent.resolve().as_uri(),
            workspace_folders=[types.WorkspaceFolder(uri=self.path.parent.resolve().as_uri(), name="bench")]))
        self.client.initialized(types.InitializedParams())
        sync = result.capabilities.text_document_sync
        if isinstance(sync, types.TextDocumentSyncOptions):
            sync = sync.change
        if sync is not None:
            self.change_kind = types.TextDocumentSyncKind(sync)
        return time.perf_counter() - t0

    def server_cpu(self) -> float:
        """CPU seconds the server process has used so far (Linux /proc; 0 elsewhere)."""
        try:
            fields = Path(f"/proc/{self.client._server.pid}/stat").read_text().rsplit(")", 1)[1].split()
        except (OSError, AttributeError):
            return 0.0
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime + stime

    async def publish(self, version: int, sent: float) -> tuple[float, float, int]:
        """Seconds from `sent` to the first publish for `version` (or, when the server does not say
        which version it checked, the first publish after `sent`) and to the last one before the
        server went idle (a server may publish fast rules first and slow ones later), and how many
        diagnostics that last publish carried."""
        while True:
            at, params = await asyncio.wait_for(self.published.get(), TIMEOUT_S)
            if at >= sent and params.version in (version, None):
                break
        first = last = at - sent
        found = len(params.diagnostics)
        # idle = no CPU used for IDLE_S: the server has nothing left to publish for this version
        cpu, quiet_since, deadline = self.server_cpu(), time.perf_counter(), time.perf_counter() + TIMEOUT_S
        while time.perf_counter() - quiet_since < IDLE_S and time.perf_counter() < deadline:
            await asyncio.sleep(0.02)
            while not self.published.empty():
                at, params = self.published.get_nowait()
                if params.version in (version, None):
                    last, found = at - sent, len(params.diagnostics)
            now = self.server_cpu()
            if now != cpu:
                cpu, quiet_since = now, time.perf_counter()
        return first, last, found

    async def open(self, text: str, language_id: str) -> tuple[float, float, int]:
        sent = time.perf_counter()
        self.client.text_document_did_open(types.DidOpenTextDocumentParams(
            types.TextDocumentItem(uri=self.uri, language_id=language_id, version=1, text=text)))
        return await self.publish(1, sent)

    async def change(self, version: int, text: str, start: int, end: int, inserted: str) -> tuple[float, float, int]:
        """Replace lines [start, end) by `inserted`; `text` is the whole new text (sent when the server
        asks for full syncs)."""
        if self.change_kind == types.TextDocumentSyncKind.Incremental:
            change = types.TextDocumentContentChangePartial(
                range=types.Range(types.Position(start, 0), types.Position(end, 0)), text=inserted)
        else:
            change = types.TextDocumentContentChangeWholeDocument(text=text)
        sent = time.perf_counter()
        self.client.text_document_did_change(types.DidChangeTextDocumentParams(
            types.VersionedTextDocumentIdentifier(uri=self.uri, version=version), [change]))
        return await self.publish(version, sent)

    async def stop(self) -> None:
        try:
            await asyncio.wait_for(self.client.shutdown_async(None), 10)
            self.client.exit(None)
        finally:
            await self.client.stop()


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[max(0, math.ceil(p / 100 * len(ordered)) - 1)]


async def measure(kind: str, path: Path, server: list[str], changes: int) -> dict:
    text = path.read_text()
    lines = text.splitlines(keepends=True)
    middle = len(lines) // 2
    session = Session(server, path)
    startup = await session.start()
    try:
        open_first, open_all, found = await session.open(text, LANGUAGE_IDS[kind])
        first, complete, cpu = [], [], []
        for step in range(changes):
            version = step + 2
            # Each change rewrites one comment line in the middle of the file (the first inserts it),
            # so every version is text the server has not seen: a cache keyed by text cannot help.
            comment = f"{COMMENT[kind]} iacfix bench edit {step}\n"
            new = lines[:middle] + [comment] + lines[middle:]
            before = session.server_cpu()
            seconds_first, seconds_all, _ = await session.change(
                version, "".join(new), middle, middle + (step > 0), comment)
            first.append(seconds_first)
            complete.append(seconds_all)
            cpu.append(session.server_cpu() - before)
    finally:
        await session.stop()
    return {"kind": kind, "lines": len(lines), "findings": found, "startup": startup, "open_first": open_first,
            "open_all": open_all, "sync": session.change_kind.name, "first": first, "all": complete, "cpu": cpu}


def check_seconds(path: Path) -> float:
    """CPU seconds of one `api.check_source` of an edited text, in process with a warm context: the
    rules' share of a change's latency, and a figure that other load on the machine barely moves."""
    from iacfix import api, config as config_mod
    data = path.read_bytes()
    config = config_mod.load(start=path.parent)
    context = api.context_for(path, config)
    api.check_source(path, data, config, context=context)  # warm: imports, provider index, schemas
    edited = data.replace(b"\n", b"\n\n", 1)  # new text: nothing cached by text applies
    start = time.process_time()
    api.check_source(path, edited, config, context=context)
    return time.process_time() - start


def server_debounce() -> float | None:
    """The pause the server waits after a change before checking, if it says."""
    from iacfix import lsp as server
    return getattr(server, "DEBOUNCE_SECONDS", None)


def profile(path: Path) -> str:
    """Where one check of the file spends its time (a warm context, as the server has after opening)."""
    from iacfix import api
    data = path.read_bytes()
    api.check_source(path, data)  # warm: imports, provider index, cfn-lint schemas
    profiler = cProfile.Profile()
    profiler.enable()
    api.check_source(path, data + b"\n")
    profiler.disable()
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(18)
    return out.getvalue()


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--kinds", nargs="+", default=list(LANGUAGE_IDS), choices=list(LANGUAGE_IDS))
    parser.add_argument("--lines", type=int, default=2000)
    parser.add_argument("--changes", type=int, default=20)
    parser.add_argument("--out", type=Path, default=HERE / "out" / "lsp")
    parser.add_argument("--server", default=f"{sys.executable} -m iacfix lsp",
                        help="the command that starts the server over stdio")
    parser.add_argument("--profile", action="store_true", help="also profile one api.check_source per file")
    args = parser.parse_args(argv)

    paths = write_files(args.out, args.lines)
    rows, failed = [], False
    for kind in args.kinds:
        row = asyncio.run(measure(kind, paths[kind], args.server.split(), args.changes))
        rows.append(row)
        failed |= row["findings"] == 0

    for r in rows:
        r["check"] = check_seconds(paths[r["kind"]])
    debounce = server_debounce()

    ms = 1000
    def stats(seconds: list[float]) -> str:
        return " | ".join(f"{v * ms:,.0f} ms" for v in (statistics.median(seconds), percentile(seconds, 95), max(seconds)))

    def verdict(seconds: list[float]) -> str:
        return "pass" if percentile(seconds, 95) * ms <= TARGET_MS else "**FAIL**"

    print("| file | lines | findings | server start | open: first / all | changes | first: median | p95 | max "
          "| all: median | p95 | max | server CPU | check (CPU) | first p95 ≤ 200 ms | all p95 ≤ 200 ms |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---|")
    for r in rows:
        print(f"| {r['kind']} | {r['lines']:,} | {r['findings']} | {r['startup'] * ms:,.0f} ms "
              f"| {r['open_first'] * ms:,.0f} / {r['open_all'] * ms:,.0f} ms | {len(r['first'])} | {stats(r['first'])} "
              f"| {stats(r['all'])} | {statistics.median(r['cpu']) * ms:,.0f} ms | {r['check'] * ms:,.0f} ms "
              f"| {verdict(r['first'])} | {verdict(r['all'])} |")
    sync = ", ".join(sorted({r["sync"].lower() for r in rows}))
    print(f"\nLatency = didChange → publishDiagnostics for that version: 'first' the first publish, 'all' the "
          f"last before the server went idle (slow rules may come in a later publish); both include the "
          f"server's debounce ({'not exposed' if debounce is None else f'{debounce * ms:.0f} ms'}); "
          f"document sync: {sync}. 'server CPU' = median CPU time the server used per change; 'check (CPU)' "
          f"= CPU time of one api.check_source of an edited text, in process, warm.")
    for r in rows:
        if r["findings"] == 0:
            print(f"error: no diagnostics for {r['kind']} ({paths[r['kind']]}), which has defects", file=sys.stderr)
    if args.profile:
        for kind in args.kinds:
            print(f"\n## {kind}: one api.check_source of {paths[kind]}\n")
            print(profile(paths[kind]))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
