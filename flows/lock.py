"""One run at a time per warehouse: an exclusive lock on a file next to it.

The lock is an ``fcntl.flock`` on ``.<warehouse>.lock``. The kernel releases it when the process that holds it
ends, however it ends (``kill -9`` too), so a lock can never outlive its run: a lock file left by a killed run
is only a stale note, which the next run takes over and reports. The file records who holds the lock (pid, host,
start time, run), so a second run can say which run it is waiting for instead of waiting.

Holding the lock also makes the warehouse's staging files this process's own: files left by killed runs are
removed when the lock is taken.
"""

from __future__ import annotations

import fcntl
import json
import os
import socket
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path


class RunLocked(RuntimeError):
    """Another run holds the warehouse; the message names it."""


@dataclass(frozen=True)
class LockTaken:
    path: Path
    stale_holder: dict | None  # what a killed run's lock file said, when this run took it over
    removed_staging: tuple[str, ...]  # staging files of killed runs, removed


def lock_path(warehouse: Path) -> Path:
    return warehouse.with_name(f".{warehouse.name}.lock")


def _describe(holder: dict) -> str:
    parts = [f"pid {holder.get('pid', '?')}"]
    if holder.get("host"):
        parts.append(f"on {holder['host']}")
    if holder.get("started_at"):
        parts.append(f"started at {holder['started_at']}")
    if holder.get("run"):
        parts.append(f"run {holder['run']}")
    return ", ".join(parts)


def _read_holder(handle) -> dict | None:
    handle.seek(0)
    text = handle.read()
    if not text.strip():
        return None
    try:
        holder = json.loads(text)
    except json.JSONDecodeError:
        return {"pid": "?", "note": text[:200]}
    return holder if isinstance(holder, dict) else None


def ensure_unlocked(warehouse: Path) -> None:
    """Raise ``RunLocked`` now if a run holds the warehouse: the CLI checks before it spends seconds starting
    Prefect. (The flow still takes the lock itself; this only answers early.)"""
    path = lock_path(warehouse)
    if not path.exists():
        return
    with open(path, encoding="utf-8") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_SH | fcntl.LOCK_NB)
        except BlockingIOError:
            raise RunLocked(_locked_message(warehouse, path, _read_holder(handle) or {})) from None
        fcntl.flock(handle, fcntl.LOCK_UN)


def _locked_message(warehouse: Path, path: Path, holder: dict) -> str:
    return (f"another newsetl run is loading {warehouse} ({_describe(holder)}); this run stops without changing "
            f"anything. Lock file: {path}")


@contextmanager
def run_lock(warehouse: Path, run: str = "") -> Iterator[LockTaken]:
    """Hold the warehouse's run lock for the ``with`` block; raise ``RunLocked`` at once if another run has it."""
    from flows.warehouse import leftover_staging_files  # the warehouse module owns the staging file names

    path = lock_path(warehouse)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle = open(path, "a+", encoding="utf-8")  # noqa: SIM115 -- held open for the whole block, closed below
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise RunLocked(_locked_message(warehouse, path, _read_holder(handle) or {})) from None
        stale = _read_holder(handle)  # a previous holder that did not clean up: it was killed
        removed = []
        for staging in leftover_staging_files(warehouse):
            staging.unlink(missing_ok=True)
            removed.append(staging.name)
        handle.seek(0)
        handle.truncate()
        handle.write(json.dumps({"pid": os.getpid(), "host": socket.gethostname(),
                                 "started_at": datetime.now(UTC).isoformat(timespec="seconds"), "run": run}))
        handle.flush()
        try:
            yield LockTaken(path, stale, tuple(removed))
        finally:
            handle.seek(0)
            handle.truncate()  # an empty lock file: nobody holds it and nobody was killed holding it
            handle.flush()
            fcntl.flock(handle, fcntl.LOCK_UN)
    finally:
        handle.close()
