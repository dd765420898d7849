#!/usr/bin/env python3
"""iacfix apply time against bare parse time and against a raw read, in one run.

    python bench/run.py [--files 2000] [--repeat 3] [--json [PATH]] [--profile]

Generates the synthetic tree (bench/generate.py) when it is missing or was made with other
parameters, then measures, for the files with defects and for the clean CDKTF files separately:

  raw read     open + read + UTF-8 decode of every file
  bare parse   the same read, then the parser iacfix uses: ast.parse (.py),
               ast_grep_py SgRoot(text, "typescript").root() (.ts)
  iacfix       the same read (api.read, as `iacfix apply` does), then
               iacfix.engine.process(path, data, rules, ctx, fix=True) with the rules and the
               per-project Context built exactly as iacfix.api.run builds them; nothing is written

Each figure is the best of --repeat runs, in CPU seconds (time.process_time) and wall seconds
(time.perf_counter). One-time costs (imports, provider index load, the rules' trigger tables) are
paid before the timed loops and reported on their own. Then the whole tree goes through
`iacfix.api.run([tree], fix=True, dry_run=True)` (walk + read + process), warm in this process and
once cold in a fresh interpreter.

Targets (from the issue): iacfix ≤ 1.5× bare parse on files with defects; ≤ 3× raw read on clean
files. Verdicts are judged on CPU time, which the machine's other load disturbs least.
"""
from __future__ import annotations

import argparse
import gc
import io
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import generate  # noqa: E402  (bench/generate.py)

TARGETS = {"defects": ("bare parse", 1.5), "clean": ("raw read", 3.0)}


def loadavg() -> str:
    try:
        return " ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        return "n/a"


class Clock:
    """CPU and wall time of a block."""

    def __enter__(self):
        gc.collect()
        self.cpu0, self.wall0 = time.process_time(), time.perf_counter()
        return self

    def __exit__(self, *exc):
        self.cpu = time.process_time() - self.cpu0
        self.wall = time.perf_counter() - self.wall0


def git_revision() -> str:
    """The iacfix commit measured (with `+dirty` when iacfix/ has uncommitted changes)."""
    root = HERE.parent
    try:
        rev = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=root, capture_output=True, text=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--", "iacfix"], cwd=root, capture_output=True, text=True).stdout.strip()
    except OSError:
        return "unknown"
    return (rev or "unknown") + ("+dirty" if dirty else "")


def ensure_tree(args, say) -> dict:
    manifest_path = args.tree.with_name(args.tree.name + ".manifest.json")
    if manifest_path.is_file() and args.tree.is_dir() and not args.regenerate:
        m = json.loads(manifest_path.read_text("utf-8"))
        if (m.get("files"), m.get("seed"), m.get("defect_rate")) == (args.files, args.seed, args.defect_rate):
            return m
    say(f"generating {args.files} files into {args.tree} …")
    m = generate.generate(args.tree, args.files, args.defect_rate, args.seed, manifest_path)
    say(f"  {m['files']} files, {m['defect_files']} with defects, {m['bytes'] / 1e6:.1f} MB in {m['seconds']} s")
    return m


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--files", type=int, default=2000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--defect-rate", type=float, default=0.05)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--tree", type=Path, default=HERE / "out" / "tree")
    ap.add_argument("--regenerate", action="store_true", help="regenerate the tree even if it matches")
    ap.add_argument("--json", nargs="?", const="-", metavar="PATH", help="write the results as JSON (to stdout: -)")
    ap.add_argument("--no-cold", action="store_true", help="skip the cold whole-tree run in a fresh interpreter")
    ap.add_argument("--profile", action="store_true",
                    help="then show where iacfix's time goes: CPU per stage (bench/stages.py) and cProfile's hottest functions")
    args = ap.parse_args(argv)
    out = sys.stderr if args.json == "-" else sys.stdout

    def say(*a):
        print(*a, file=out, flush=True)

    load_start = loadavg()
    revision = git_revision()
    manifest = ensure_tree(args, say)
    tree = args.tree

    # -- one-time costs -------------------------------------------------------------------------
    one_time = {}
    with Clock() as c:
        import ast
        from ast_grep_py import SgRoot

        from iacfix import api, engine, languages
        from iacfix import config as config_mod
        from iacfix import rules as rules_mod
        from iacfix.engine import Context
    one_time["import iacfix (ast-grep, tree-sitter, ruamel)"] = (c.cpu, c.wall)

    with Clock() as c:
        config = config_mod.load(start=tree)
        chosen = rules_mod.select(config.select, list(config.ignore))
    one_time["config + rule registry"] = (c.cpu, c.wall)

    entries = manifest["entries"]
    paths = {e["path"]: tree / e["path"] for e in entries}
    contexts: dict[Path, Context] = {}
    ctx_of = {}
    with Clock() as c:  # what api.run does per file before process(): project root → Context
        for e in entries:
            path = paths[e["path"]]
            if not path.name.endswith(languages.EXTENSIONS):
                continue
            project = config_mod.project_root(path.parent, tree.resolve())
            ctx = contexts.get(project)
            if ctx is None:
                ctx = contexts[project] = Context(config_mod.target_for(path.parent, tree, config), config, project)
            ctx_of[e["path"]] = ctx
    one_time["api.run's per-file bookkeeping, done up front: project root + target, all files"] = (c.cpu, c.wall)

    targets = {}
    for ctx in contexts.values():
        targets.setdefault((ctx.target.provider, ctx.target.family), ctx)
    sample = {lang: (tree / next(e["path"] for e in entries if e["kind"] == "construct" and e["language"] == lang)).read_text("utf-8")
              for lang in ("python", "typescript")}
    for (version, family), ctx in sorted(targets.items(), key=lambda kv: str(kv[0])):
        with Clock() as c:
            index = ctx.provider
        one_time[f"provider index load ({family} {version or 'newest'} → {index!r})"] = (c.cpu, c.wall)
        with Clock() as c:  # the rules' text triggers build their name tables on first use
            for rule in chosen:
                for lang, text in sample.items():
                    if lang in rule.languages:
                        rule.triggered(text, ctx, lang)
        one_time[f"rule trigger tables ({family} {version or 'newest'})"] = (c.cpu, c.wall)

    # -- the groups -------------------------------------------------------------------------------
    def group(pred):
        return [e for e in entries if pred(e)]

    groups = {
        "defects": group(lambda e: "defects" in e),
        "clean": group(lambda e: e["iac"] and "defects" not in e),
        "not-IaC": group(lambda e: not e["iac"] and e["path"].endswith(languages.EXTENSIONS)),
    }
    rows = {}  # measured units: each group by language; a group's figures are the sums of its rows
    for name, members in list(groups.items()):
        rows[name] = members
        if name != "not-IaC":
            for lang, short in (("python", "py"), ("typescript", "ts")):
                rows[f"{name}/{short}"] = [e for e in members if e["language"] == lang]
    units = [n for n in rows if "/" in n] + ["not-IaC"]

    def bare_parse(path: str, text: str) -> None:
        if path.endswith(".py"):
            ast.parse(text)
        elif path.endswith(".ts"):
            SgRoot(text, "typescript").root()

    def iacfix_one(e):
        path = paths[e["path"]]
        data = api.read(path, config, False)
        if data is None or isinstance(data, api.InputError):
            return None
        return engine.process(str(path), data, chosen, ctx_of[e["path"]], fix=True, unsafe=config.unsafe_fixes)

    def tally(stats, e, r) -> None:
        if r is None:
            return
        stats["changed"] += r.changed
        stats["applied"] += len(r.applied)
        stats["findings"] += len(r.findings)
        stats["errors"] += bool(r.error or r.internal_error)
        expected = e.get("expected_fixes", 0)
        if len(r.applied) != expected or r.findings or r.error or r.internal_error:
            stats["bad"].append((e["path"], expected, len(r.applied), len(r.findings), r.error or r.internal_error))

    def run_iacfix(members):  # used by --profile
        stats = {"changed": 0, "applied": 0, "findings": 0, "errors": 0, "bad": []}
        for e in members:
            tally(stats, e, iacfix_one(e))
        return stats

    def measure(members, with_parse: bool):
        """Per file, back to back: raw read, bare parse, iacfix. Interleaving file by file means a
        change in the machine's load hits the three measures alike. Returns per-file times
        [(raw, parse, iacfix) CPU, (raw, parse, iacfix) wall] and the iacfix outcome."""
        pt, pc = time.process_time, time.perf_counter
        stats = {"changed": 0, "applied": 0, "findings": 0, "errors": 0, "bad": []}
        times = []
        gc.collect()
        for e in members:
            path = paths[e["path"]]
            c0, w0 = pt(), pc()
            with open(path, "rb") as fh:
                fh.read().decode("utf-8")
            c1, w1 = pt(), pc()
            if with_parse:
                with open(path, "rb") as fh:
                    bare_parse(e["path"], fh.read().decode("utf-8"))
            c2, w2 = pt(), pc()
            r = iacfix_one(e)
            c3, w3 = pt(), pc()
            tally(stats, e, r)
            times.append((c1 - c0, c2 - c1, c3 - c2, w1 - w0, w2 - w1, w3 - w2))
        return times, stats

    per_file: dict[str, list] = {}  # unit → per repeat, per file times
    checks = {}
    say(f"measuring {len(entries)} files, best of {args.repeat} (load average {load_start}) …")
    for rep in range(args.repeat):
        t_rep = time.perf_counter()
        for name in units:
            times, stats = measure(rows[name], name != "not-IaC")
            per_file.setdefault(name, []).append(times)
            checks[name] = stats
        say(f"  run {rep + 1}/{args.repeat}: {time.perf_counter() - t_rep:.1f} s (load {loadavg()})")

    best: dict[tuple[str, str], list[float]] = {}  # (unit, measure) → [cpu, wall], the best repeat
    medians: dict[str, dict] = {}
    measures = ("raw", "parse", "iacfix")
    for name, reps in per_file.items():
        for i, measure_name in enumerate(measures):
            best[(name, measure_name)] = [min(sum(t[i] for t in times) for times in reps),
                                          min(sum(t[i + 3] for t in times) for times in reps)]
        if name != "not-IaC" and reps[0]:
            fastest = [[min(reps[r][f][i] for r in range(len(reps))) for i in range(3)] for f in range(len(reps[0]))]
            medians[name] = {"iacfix_over_parse": statistics.median(t[2] / t[1] for t in fastest if t[1] > 0),
                             "iacfix_over_raw": statistics.median(t[2] / t[0] for t in fastest if t[0] > 0)}
    for name in ("defects", "clean"):
        for measure_name in measures:
            parts = [best[(f"{name}/{lang}", measure_name)] for lang in ("py", "ts")]
            best[(name, measure_name)] = [parts[0][0] + parts[1][0], parts[0][1] + parts[1][1]]
        st = [checks.pop(f"{name}/{lang}") for lang in ("py", "ts")]
        checks[name] = {k: st[0][k] + st[1][k] for k in st[0]}
        fastest = [[min(t) for t in zip(*[per_file[f"{name}/{lang}"][r][f] for r in range(args.repeat)])]
                   for lang in ("py", "ts") for f in range(len(per_file[f"{name}/{lang}"][0]))]
        medians[name] = {"iacfix_over_parse": statistics.median(t[2] / t[1] for t in fastest if t[1] > 0),
                         "iacfix_over_raw": statistics.median(t[2] / t[0] for t in fastest if t[0] > 0)}

    # -- whole tree through api.run ---------------------------------------------------------------
    whole = {}
    for rep in range(args.repeat):
        with Clock() as c:
            files = list(api.iter_files([tree], config))
        whole["walk"] = min(whole.get("walk", (1e9, 1e9))[0], c.cpu), min(whole.get("walk", (1e9, 1e9))[1], c.wall)
        with Clock() as c:
            report = api.run([tree], fix=True, dry_run=True)
        whole["api.run"] = min(whole.get("api.run", (1e9, 1e9))[0], c.cpu), min(whole.get("api.run", (1e9, 1e9))[1], c.wall)
    whole_stats = {"files walked": len(files), "results": len(report.results), "changed": len(report.changed),
                   "findings left": len(report.findings), "errors": len(report.errors)}
    cold = None
    if not args.no_cold:
        code = ("import json, sys, time\n"
                "c0, w0 = time.process_time(), time.perf_counter()\n"
                "from iacfix import api\n"
                "r = api.run([sys.argv[1]], fix=True, dry_run=True)\n"
                "print(json.dumps([time.process_time() - c0, time.perf_counter() - w0, len(r.changed)]))\n")
        proc = subprocess.run([sys.executable, "-c", code, str(tree)], capture_output=True, text=True)
        if proc.returncode == 0:
            cold = json.loads(proc.stdout.strip().splitlines()[-1])
        else:
            say("cold run failed:", proc.stderr[-2000:])
    load_end = loadavg()

    # -- report -------------------------------------------------------------------------------------
    def size(members):
        return sum(e["bytes"] for e in members) / 1e6

    table = []
    for name in ("defects", "defects/py", "defects/ts", "clean", "clean/py", "clean/ts", "not-IaC"):
        members = rows[name]
        raw, parse, fix = best[(name, "raw")], best.get((name, "parse")), best[(name, "iacfix")]
        if name == "not-IaC":
            parse = None
        row = {"group": name, "files": len(members), "MB": round(size(members), 3),
               "raw_read_s": {"cpu": raw[0], "wall": raw[1]},
               "bare_parse_s": {"cpu": parse[0], "wall": parse[1]} if parse else None,
               "iacfix_s": {"cpu": fix[0], "wall": fix[1]},
               "iacfix_over_parse": {"cpu": fix[0] / parse[0], "wall": fix[1] / parse[1]} if parse and parse[0] else None,
               "iacfix_over_raw": {"cpu": fix[0] / raw[0], "wall": fix[1] / raw[1]} if raw[0] else None}
        if name in medians:
            row["per_file_median"] = medians[name]
        if name in TARGETS:
            base, limit = TARGETS[name]
            ratio = row["iacfix_over_parse" if base == "bare parse" else "iacfix_over_raw"]
            row["target"] = f"≤ {limit:g}× {base}"
            row["pass"] = ratio["cpu"] <= limit
            row["pass_wall"] = ratio["wall"] <= limit
        table.append(row)

    def fmt_s(x):
        return f"{x:.3f}" if x < 10 else f"{x:.1f}"

    say("")
    say(f"iacfix benchmark — {manifest['files']} files ({manifest['defect_files']} with defects, "
        f"{manifest['bytes'] / 1e6:.1f} MB), seed {manifest['seed']}, best of {args.repeat}")
    say(f"iacfix {revision}; {platform.python_implementation()} {platform.python_version()} on {platform.machine()}, {os.cpu_count()} CPUs, "
        f"load average {load_start} at start, {load_end} at end")
    for unit in ("cpu", "wall"):
        say("")
        say(f"{'CPU (process_time)' if unit == 'cpu' else 'wall (perf_counter)'} seconds")
        head = f"{'group':<12}{'files':>6}{'MB':>7}{'raw read':>10}{'bare parse':>12}{'iacfix':>9}" \
               f"{'iacfix/parse':>14}{'iacfix/raw':>12}   target           result"
        say(head)
        say("-" * len(head))
        for row in table:
            parse = row["bare_parse_s"]
            op, orw = row["iacfix_over_parse"], row["iacfix_over_raw"]
            verdict = ""
            if "target" in row:
                ok = row["pass"] if unit == "cpu" else row["pass_wall"]
                verdict = f"{row['target']:<16} {'PASS' if ok else 'FAIL'}"
            say(f"{row['group']:<12}{row['files']:>6}{row['MB']:>7.2f}{fmt_s(row['raw_read_s'][unit]):>10}"
                f"{fmt_s(parse[unit]) if parse else '—':>12}{fmt_s(row['iacfix_s'][unit]):>9}"
                f"{(f'{op[unit]:.2f}×' if op else '—'):>14}{(f'{orw[unit]:.1f}×' if orw else '—'):>12}   {verdict}")
    say("")
    say("median over files of the per-file ratio (CPU, each file's best repeat):")
    for row in table:
        if "per_file_median" in row:
            med = row["per_file_median"]
            say(f"  {row['group']:<12} iacfix/parse {med['iacfix_over_parse']:6.2f}×   iacfix/raw {med['iacfix_over_raw']:8.1f}×")
    say("")
    say("one-time costs (paid once per process / per provider target; not in the table):")
    for k, (cpu, wall) in one_time.items():
        say(f"  {k:<78} {cpu:7.3f} s CPU {wall:7.3f} s wall")
    say("")
    say("whole tree, iacfix.api.run([tree], fix=True, dry_run=True):")
    say(f"  walk only (api.iter_files)     {whole['walk'][0]:7.2f} s CPU {whole['walk'][1]:7.2f} s wall   ({len(files)} files)")
    say(f"  api.run, warm                  {whole['api.run'][0]:7.2f} s CPU {whole['api.run'][1]:7.2f} s wall   "
        f"({whole_stats['results']} IaC files, {whole_stats['changed']} changed, {whole_stats['findings left']} findings left, "
        f"{whole_stats['errors']} errors)")
    if cold:
        say(f"  fresh interpreter (imports + one-time costs + api.run)  {cold[0]:7.2f} s CPU {cold[1]:7.2f} s wall   ({cold[2]} changed)")
    say("")
    problems = 0
    for name, st in checks.items():
        expected = sum(e.get("expected_fixes", 0) for e in groups[name])
        say(f"check {name}: {st['changed']} files changed, {st['applied']} fixes applied (manifest expects {expected}), "
            f"{st['findings']} findings left, {st['errors']} errors")
        for bad in st["bad"][:10]:
            say(f"  unexpected: {bad}")
        problems += len(st["bad"])

    result = {"iacfix_revision": revision, "tree": str(tree), "manifest": {k: v for k, v in manifest.items() if k != "entries"},
              "repeat": args.repeat, "python": platform.python_version(), "cpus": os.cpu_count(),
              "load_average": {"start": load_start, "end": load_end}, "groups": table,
              "one_time": {k: {"cpu": v[0], "wall": v[1]} for k, v in one_time.items()},
              "whole_tree": {k: {"cpu": v[0], "wall": v[1]} for k, v in whole.items()} | {"stats": whole_stats},
              "cold_process": {"cpu": cold[0], "wall": cold[1]} if cold else None,
              "checks": {k: {kk: vv for kk, vv in v.items() if kk != "bad"} | {"unexpected": len(v["bad"])}
                         for k, v in checks.items()}}
    if args.profile:
        result["profile"] = profile(rows, run_iacfix, say)
    if args.json:
        text = json.dumps(result, indent=2) + "\n"
        if args.json == "-":
            sys.stdout.write(text)
        else:
            Path(args.json).write_text(text, "utf-8")
            say(f"JSON written to {args.json}")
    return 1 if problems else 0


def profile(rows, run_iacfix, say) -> dict:
    """Where iacfix's time goes: exclusive CPU time per stage (bench/stages.py: timers around the
    parsers, metadata, rule triggers and checks, verification), then cProfile's hottest functions."""
    import cProfile
    import pstats

    from stages import Stages

    out = {}
    for name in ("defects/py", "defects/ts", "clean/py", "clean/ts"):
        members = rows[name]
        with Stages() as st:
            t0 = time.process_time()
            run_iacfix(members)
            total = time.process_time() - t0
        say("")
        say(f"=== stages: iacfix on {name} ({len(members)} files), {total:.2f} s CPU ===")
        if st.missing:
            say(f"  (instrumentation points missing in this iacfix: {', '.join(st.missing)})")
        out[name] = {"total_cpu": total, "stages": []}
        for label, secs, calls in st.table():
            if secs / total < 0.002:
                continue
            say(f"  {100 * secs / total:5.1f}%  {secs:7.3f} s  {calls:>6} calls  {label}")
            out[name]["stages"].append({"stage": label, "cpu": secs, "calls": calls})
    for name in ("defects/py", "clean/py", "clean/ts"):
        prof = cProfile.Profile()
        prof.enable()
        run_iacfix(rows[name])
        prof.disable()
        stats = pstats.Stats(prof, stream=io.StringIO())
        total = stats.total_tt
        say("")
        say(f"=== cProfile: iacfix on {name}, {total:.2f} s under the profiler (pure-Python code is inflated) ===")
        say("  own time, hottest functions:")
        ranked = sorted(stats.stats.items(), key=lambda kv: kv[1][2], reverse=True)
        for (file, line, func), (cc, nc, tt, ct, callers) in ranked[:12]:
            where = "/".join(Path(file).parts[-2:]) if file != "~" else "builtin"
            say(f"  {100 * tt / total:5.1f}%  {tt:6.2f} s  {nc:>8} calls  {where}:{line}({func})")
    return out


if __name__ == "__main__":
    sys.exit(main())
