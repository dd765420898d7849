"""How much IAC330 costs over cfn-lint alone, per CloudFormation template.

    python bench/cfn.py [DIR …]   # default: ../shared/corpus-dev/cfn-yaml/*/model, else golden/cfn-lint-repair

Times, in process and on the same texts, (1) cfn-lint's library lint, once per template, and
(2) `iacfix apply --unsafe-fixes --select IAC330` in dry-run (parse, lint, repairs, the re-lint of
every fix, passes to a fixpoint). iacfix caches cfn-lint by text, so each template starts from a
cold cache. Target: IAC330 ≤ 3× cfn-lint on templates that need repairs (each fix is re-linted),
≤ 1.5× on templates it leaves alone (one lint plus the YAML front end).
"""
from __future__ import annotations

import sys
import time
from pathlib import Path

from cfnlint.api import lint

from iacfix import api, cfn_repairs
from iacfix.config import Config

ROOT = Path(__file__).resolve().parent.parent


def templates(dirs):
    for d in dirs:
        for path in sorted(Path(d).rglob("*")):
            if path.suffix in (".yml", ".yaml", ".json") and "node_modules" not in path.parts:
                text = path.read_text(errors="replace")
                if "Resources" in text and ("AWSTemplateFormatVersion" in text or "AWS::" in text):
                    yield path, text


def main(argv):
    corpus = ROOT.parent / "shared" / "corpus-dev" / "cfn-yaml"
    dirs = argv or ([str(p) for p in sorted(corpus.glob("*/model"))] if corpus.is_dir()
                    else [str(ROOT / "golden" / "cfn-lint-repair")])
    rows = {"repaired": [0, 0.0, 0.0], "clean": [0, 0.0, 0.0]}
    for path, text in templates(dirs):
        t0 = time.process_time()
        try:
            lint(text, regions=["us-east-1"])
        except Exception:  # noqa: BLE001 - unparsable: iacfix refuses it too
            continue
        t1 = time.process_time()
        cfn_repairs.lint.cache_clear()
        report = api.run([path], Config(), fix=True, dry_run=True, unsafe=True, select=["IAC330"])
        t2 = time.process_time()
        row = rows["repaired" if report.changed else "clean"]
        row[0] += 1
        row[1] += t1 - t0
        row[2] += t2 - t1
    print("| templates | n | cfn-lint s | IAC330 s | ratio |")
    print("|---|---:|---:|---:|---:|")
    for name, (n, a, b) in rows.items():
        print(f"| {name} | {n} | {a:.1f} | {b:.1f} | {b / a if a else 0:.2f}× |")


if __name__ == "__main__":
    main(sys.argv[1:])
