"""Where per-repository tasks run: a local process pool, or a Ray cluster.

An executor takes a picklable top-level `fn` and the items to call it on, and yields the results
as they complete (not in input order); `fn` never raises (`migrate_one` turns errors into results).
"""
from __future__ import annotations

import itertools
import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor, as_completed
from typing import Callable, Iterable, Iterator, TypeVar

T = TypeVar("T")
R = TypeVar("R")


def local(fn: Callable[[T], R], items: Iterable[T], jobs: int | None = None) -> Iterator[R]:
    """`fn` over `items` in a process pool of `jobs` workers (default: the machine's cores);
    `jobs=1` runs in this process, one after the other (easy to debug, no pickling)."""
    items = list(items)
    jobs = max(1, jobs or os.cpu_count() or 1)
    if jobs == 1 or len(items) <= 1:
        for item in items:
            yield fn(item)
        return
    # spawn, not fork: the caller may have threads (rich's progress refresh) that fork would copy mid-lock
    context = multiprocessing.get_context("spawn")
    pool = ProcessPoolExecutor(max_workers=min(jobs, len(items)), mp_context=context)
    try:
        futures = [pool.submit(fn, item) for item in items]
        for future in as_completed(futures):
            yield future.result()
    finally:
        # on Ctrl-C or an early stop, do not start the repositories still queued
        pool.shutdown(wait=True, cancel_futures=True)


def ray(fn: Callable[[T], R], items: Iterable[T], jobs: int | None = None, address: str | None = None) -> Iterator[R]:
    """`fn` over `items` as Ray tasks (one CPU each), yielded as they finish.

    `address` is a cluster (`auto`, `ray://host:10001`); without one a local Ray instance of `jobs`
    CPUs is started (and shut down at the end). A Ray session the caller already started is used as
    it is. `jobs` also caps how many tasks are in flight at once (None: all of them, which suits a
    cluster). A task whose worker dies is retried by Ray (`max_retries`); past that the error is
    raised here.
    """
    try:
        import ray as ray_lib
    except ImportError:
        raise RuntimeError("the Ray executor needs ray: pip install 'iacfix[ray]'") from None
    return _ray_results(ray_lib, fn, list(items), jobs, address)


def _ray_results(ray_lib, fn: Callable[[T], R], items: list[T], jobs: int | None, address: str | None) -> Iterator[R]:
    if not items:
        return
    started_here = not ray_lib.is_initialized()
    if started_here:
        # num_cpus only for an instance started here; an existing cluster (RAY_ADDRESS too) has its own
        cluster = address or os.environ.get("RAY_ADDRESS")
        local_cpus = None if cluster else max(1, jobs or os.cpu_count() or 1)
        ray_lib.init(address=address, num_cpus=local_cpus, include_dashboard=False, log_to_driver=False,
                     configure_logging=False)
    try:
        remote = ray_lib.remote(num_cpus=1, max_retries=2)(fn)
        limit = jobs or len(items)
        queue = iter(items)
        pending = [remote.remote(item) for item in itertools.islice(queue, limit)]
        while pending:
            done, pending = ray_lib.wait(pending, num_returns=1)
            pending.extend(remote.remote(item) for item in itertools.islice(queue, len(done)))
            for ref in done:
                yield ray_lib.get(ref)
    finally:
        if started_here:
            ray_lib.shutdown()
