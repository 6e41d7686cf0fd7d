"""`make bench [CORPUS=DIR]`: a whole `newsetl run` and its rerun against the floor of their parts.

    python -m tests.bench [--corpus DIR ...] [--stages]

On the same pages, in one go:

- **floor**: bare trafilatura (``trafilatura.extract`` with its defaults) on every HTML page, then bare spaCy
  (the whole en_core_web_sm pipeline, ``nlp.pipe``) on every text, one process, one core. Model loading is
  left out, which makes the floor lower (stricter) than a cold start would be;
- **run**: a whole ``newsetl run`` in a fresh process into a new warehouse (Prefect start-up, cleaning, NLP,
  validation, load and publish included);
- **rerun**: the same command again over the same inputs, which are all loaded already.

It prints pages/s of each, the run's ratio to the floor, the rerun's share of the run, and the peak RSS of the
largest process of each (sampled every 0.1 s from ``VmHWM``, the kernel's high-water mark). ``--stages`` adds a
breakdown of the pure stages without Prefect. The default corpus is the bundled samples and fixture pages.
Timings live here, never in tests.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from flows.inputs import discover, read_input
from newsetl.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = [ROOT / "samples", ROOT / "tests" / "fixtures" / "corpus" / "trafilatura-eval-dev" / "html",
                  ROOT / "tests" / "fixtures" / "corpus" / "goose3" / "html"]
NEWSETL = Path(sys.executable).with_name("newsetl")


def _peak_kib(pid: int) -> int:
    """The high-water mark of a process's resident set, in KiB (0 once it is gone)."""
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def _children(pid: int) -> list[int]:
    try:
        with open(f"/proc/{pid}/task/{pid}/children", encoding="ascii") as f:
            kids = [int(p) for p in f.read().split()]
    except OSError:
        return []
    return kids + [g for k in kids for g in _children(k)]


def run_measured(cmd: list[str], env: dict) -> tuple[float, int, subprocess.CompletedProcess]:
    """Wall time, the largest peak RSS (KiB) of the process and its descendants, and the finished process."""
    peaks: dict[int, int] = {}
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    done = threading.Event()

    def sample() -> None:
        while not done.is_set():
            for pid in [proc.pid, *_children(proc.pid)]:
                peaks[pid] = max(peaks.get(pid, 0), _peak_kib(pid))
            done.wait(0.1)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out, _ = proc.communicate()
    seconds = time.perf_counter() - t0
    done.set()
    sampler.join()
    return seconds, max(peaks.values(), default=0), subprocess.CompletedProcess(cmd, proc.returncode, out)


def floor(items, settings: Settings) -> tuple[float, float, int]:
    """Bare trafilatura, then bare spaCy, over the inputs: (trafilatura s, spaCy s, words)."""
    import spacy
    import trafilatura

    raws = [(item.kind, read_input(item, settings)) for item in items]
    t0 = time.perf_counter()
    texts = [(trafilatura.extract(raw) or "") if kind == "html" else raw for kind, raw in raws]
    t_traf = time.perf_counter() - t0
    nlp = spacy.load(settings.spacy_model)
    t0 = time.perf_counter()
    for _ in nlp.pipe(texts):
        pass
    return t_traf, time.perf_counter() - t0, sum(len(t.split()) for t in texts)


def stages(items, settings: Settings) -> None:
    """The pure stages without Prefect, one process: where the work goes."""
    from flows.news_etl import load_nlp
    from transforms.cleaning import clean_input
    from transforms.normalise import analyse_article, build_tables

    t: dict[str, float] = {}

    def timed(label, fn, *args):
        t0 = time.perf_counter()
        out = fn(*args)
        t[label] = time.perf_counter() - t0
        return out

    cleaned = timed("read + clean", lambda: [(i.ref, clean_input(read_input(i, settings), i.kind)) for i in items])
    nlp = timed("spaCy load", load_nlp, settings.spacy_model)
    docs = timed("spaCy nlp.pipe", lambda: list(nlp.pipe((a.body_text for _, a in cleaned),
                                                          batch_size=settings.nlp_batch_size)))
    records = timed("entities + claims + amounts", lambda: [analyse_article(r, a, d)
                                                            for (r, a), d in zip(cleaned, docs)])
    run = timed("build tables (polars)", build_tables, records)
    from schemas.suites import validate_tables  # imports GX: timed apart from validation itself

    timed("GX validate", validate_tables, run.frames)
    print("stages without Prefect (one process):")
    for label, seconds in t.items():
        print(f"  {label:<30} {seconds:7.2f} s")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", action="append", help="folder of pages; repeatable (default: samples + fixtures)")
    ap.add_argument("--stages", action="store_true", help="also time the pure stages without Prefect")
    args = ap.parse_args()
    settings = Settings.from_env()
    corpus = [str(c) for c in (args.corpus or DEFAULT_CORPUS)]
    items, rejected = discover(corpus, settings)
    n = len(items)
    print(f"corpus: {n} pages ({len(rejected)} other files) from {', '.join(corpus)}; {os.cpu_count()} cores")

    t_traf, t_spacy, words = floor(items, settings)
    floor_s = t_traf + t_spacy
    floor_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(f"  floor   {floor_s:7.1f} s  {n / floor_s:6.2f} pages/s  (trafilatura {t_traf:.1f} s + spaCy "
          f"{t_spacy:.1f} s, {words} words)  peak RSS {floor_rss / 1024:.0f} MiB")

    env = {**os.environ, "PREFECT_SERVER_ANALYTICS_ENABLED": "false", "NEWSETL_DATA_DOCS": "0"}
    with tempfile.TemporaryDirectory() as tmp:
        cmd = [str(NEWSETL), "run", "--warehouse", str(Path(tmp) / "bench.duckdb")]
        for c in corpus:
            cmd += ["--source", c]
        first, first_rss, out = run_measured(cmd, env)
        if out.returncode != 0:
            sys.exit(f"newsetl run failed:\n{out.stdout[-3000:]}")
        again, again_rss, out = run_measured(cmd, env)
        if out.returncode != 0:
            sys.exit(f"the rerun failed:\n{out.stdout[-3000:]}")
    print(f"  run     {first:7.1f} s  {n / first:6.2f} pages/s  peak RSS {first_rss / 1024:.0f} MiB")
    print(f"  rerun   {again:7.1f} s  {n / again:6.2f} pages/s  peak RSS {again_rss / 1024:.0f} MiB")
    print(f"  run / floor = {first / floor_s:.2f} (target <= 1.0); rerun / run = {again / first:.0%} (target <= 20%)")
    if args.stages:
        stages(items, settings)


if __name__ == "__main__":
    main()
