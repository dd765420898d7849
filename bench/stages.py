"""Where iacfix spends its time, stage by stage, without a profiler's distortion.

`run.py --profile` uses this. For the length of a `with Stages() as s:` block, a few functions that
iacfix calls are wrapped with timers (process_time, exclusive of nested timed calls): the parsers,
each rule's trigger and check, the fix verifier, fix application.
Nothing in iacfix's source changes and the wrappers are removed on exit; a wrapper costs about a
microsecond a call, which is nothing against a millisecond parse. Whatever `engine.process` spends
outside these points is reported as "engine, other".

A point whose target no longer exists in iacfix (the code moves on) is skipped and listed.
"""
from __future__ import annotations

import time
from collections import defaultdict

_clock = time.process_time


class Stages:
    def __init__(self):
        self.own = defaultdict(float)  # label → exclusive CPU seconds
        self.calls = defaultdict(int)
        self.missing: list[str] = []
        self._stack: list[float] = []
        self._undo: list[tuple[object, str, object]] = []

    # -- instrumentation ----------------------------------------------------------------------
    def _wrap(self, label, fn, consume=False):
        stages = self

        def timed(*args, **kwargs):
            t0 = _clock()
            stages._stack.append(0.0)
            try:
                out = fn(*args, **kwargs)
                return list(out) if consume else out  # a generator's work happens when it is consumed
            finally:
                elapsed = _clock() - t0
                nested = stages._stack.pop()
                stages.own[label] += elapsed - nested
                stages.calls[label] += 1
                if stages._stack:
                    stages._stack[-1] += elapsed

        timed.__wrapped__ = fn
        return timed

    def patch(self, owner, attr: str, label: str, consume: bool = False) -> None:
        fn = getattr(owner, attr, None)
        if fn is None:
            self.missing.append(f"{getattr(owner, '__name__', owner)}.{attr}")
            return
        own = owner.__dict__.get(attr) if isinstance(owner, type) else fn  # None: inherited, delete on exit
        self._undo.append((owner, attr, own))
        setattr(owner, attr, self._wrap(label, fn, consume))

    def __enter__(self):
        from iacfix import api, engine, rules as rules_mod
        from iacfix.languages import python as py, typescript as ts

        self.patch(api, "read", "read file (api.read: stat + open + read)")
        self.patch(engine, "process", "engine.process (total)")
        self.patch(engine, "decode", "decode")
        self.patch(engine.languages, "detect", "detect language")
        self.patch(py.ast, "parse", "python: ast.parse (find parse and verify)")
        self.patch(py, "PythonDocument", "python: PythonDocument (index of calls, names, imports)")
        self.patch(ts, "_problems", "typescript: tree-sitter parse + error scan")
        self.patch(ts, "SgRoot", "typescript: ast-grep SgRoot parse")
        self.patch(ts, "TypeScriptDocument", "typescript: TypeScriptDocument (imports)")
        self.patch(engine, "Source", "Source (line index)")
        self.patch(engine, "Suppressions", "suppressions")
        self.patch(engine, "apply_fixes", "apply_fixes")
        for rule in rules_mod.all_rules():
            cls = type(rule)
            self.patch(cls, "triggered", f"{rule.id} triggered (text pre-filter)")
            self.patch(cls, "check", f"{rule.id} check", consume=True)
        return self

    def __exit__(self, *exc):
        for owner, attr, original in reversed(self._undo):
            if original is None:
                delattr(owner, attr)
            else:
                setattr(owner, attr, original)
        self._undo.clear()

    # -- report ---------------------------------------------------------------------------------
    def table(self) -> list[tuple[str, float, int]]:
        total = self.own.get("engine.process (total)", 0.0)
        rows = [(label, secs, self.calls[label]) for label, secs in self.own.items() if label != "engine.process (total)"]
        rows.append(("engine, other (loops, dataclasses, findings)", total, self.calls["engine.process (total)"]))
        return sorted(rows, key=lambda r: -r[1])

    def total(self) -> float:
        return sum(self.own.values())
