"""How many repositories a minute does `iacfix migrate` get through, at --jobs 1 and --jobs 2?

    python bench/migrate.py                    # 50 generated repositories, --write, jobs 1 and 2
    python bench/migrate.py --count 20 --mode dry --jobs 1 2 4

Each measurement gets a freshly built fleet (tests/migrate_fixture.py: golden cases, the examples,
dirty and broken repositories) so that --write has real work to do, and runs the real command line
(`python -m iacfix migrate`) in a subprocess: wall time includes starting the interpreter and the
worker processes, as a user would see it. Exit code 1 when a run did not report every repository
or a repository failed, since the timing would then not be measuring the real work.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

import migrate_fixture  # noqa: E402


def measure(count: int, seed: int, jobs: int, mode: str, work: Path) -> dict:
    fleet = migrate_fixture.build(work / f"fleet-{mode}-{jobs}", count=count, seed=seed)
    report = work / f"report-{mode}-{jobs}"
    command = [sys.executable, "-m", "iacfix", "migrate", "--no-progress", "--jobs", str(jobs),
               "--branch", "iacfix/bench", "--state", str(work / f"state-{mode}-{jobs}.jsonl"),
               "--report", str(report), str(fleet.listing)]
    if mode == "write":
        command.insert(4, "--write")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
    started = time.perf_counter()
    done = subprocess.run(command, cwd=work, env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    rows = json.loads(report.with_name(report.name + ".json").read_text())["repositories"] if done.returncode in (0, 1) else []
    statuses: dict[str, int] = {}
    for row in rows:
        statuses[row["status"]] = statuses.get(row["status"], 0) + 1
    return {"jobs": jobs, "mode": mode, "repos": count, "seconds": round(seconds, 2),
            "repos_per_minute": round(count / seconds * 60, 1), "statuses": statuses,
            "task_seconds": round(sum(row["seconds"] for row in rows), 2),
            "ok": done.returncode == 0 and len(rows) == count, "stderr": done.stderr[-2000:] if done.returncode else ""}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=50)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--mode", choices=["write", "dry"], default="write")
    parser.add_argument("--json", type=Path, help="also write the results here")
    args = parser.parse_args(argv)
    results = []
    with tempfile.TemporaryDirectory(prefix="iacfix-bench-migrate-") as tmp:
        for jobs in args.jobs:
            results.append(measure(args.count, args.seed, jobs, args.mode, Path(tmp)))
    print("| mode | jobs | repos | wall s | repos/min | sum of per-repo s | statuses |")
    print("|---|---:|---:|---:|---:|---:|---|")
    for r in results:
        statuses = ", ".join(f"{n} {s}" for s, n in sorted(r["statuses"].items()))
        print(f"| {r['mode']} | {r['jobs']} | {r['repos']} | {r['seconds']} | {r['repos_per_minute']} "
              f"| {r['task_seconds']} | {statuses} |")
        if not r["ok"]:
            print(f"jobs {r['jobs']}: the run did not finish cleanly:\n{r['stderr']}", file=sys.stderr)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n")
    return 0 if all(r["ok"] for r in results) else 1


if __name__ == "__main__":
    raise SystemExit(main())
