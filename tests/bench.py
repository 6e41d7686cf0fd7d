"""`make bench`: where a run's time goes, stage by stage, on the bundled samples.

    python -m tests.bench [--copies N] [--skip-cli]

Runs the pure stages without Prefect on the samples repeated N times (each copy made distinct so none is a
duplicate), then one real `newsetl run` on samples/ in a fresh process (Prefect start-up included).
Timings live here, never in tests.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

from flows.inputs import discover, read_input
from flows.news_etl import load_nlp
from flows.warehouse import load_to_staging, publish
from newsetl.settings import Settings
from transforms.cleaning import clean_input
from transforms.normalise import analyse_article, build_tables

ROOT = Path(__file__).resolve().parent.parent


def timed(label: str, results: dict, fn, *args):
    t0 = time.perf_counter()
    out = fn(*args)
    results[label] = time.perf_counter() - t0
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--copies", type=int, default=10)
    ap.add_argument("--skip-cli", action="store_true")
    args = ap.parse_args()
    settings = Settings.from_env()
    items, _ = discover([str(settings.samples_dir)], settings)
    t: dict[str, float] = {}

    def clean_all():
        out = []
        for copy in range(args.copies):
            for item in items:
                raw = read_input(item, settings)
                article = clean_input(raw, item.kind)
                out.append((f"{item.ref}#{copy}", replace(article, body_text=f"{article.body_text}\n\nCopy {copy}.")))
        return out

    cleaned = timed("read + clean", t, clean_all)
    words = sum(len(a.body_text.split()) for _, a in cleaned)
    nlp = timed("spaCy load", t, load_nlp, settings.spacy_model)
    docs = timed("spaCy nlp.pipe", t, lambda: list(nlp.pipe((a.body_text for _, a in cleaned),
                                                             batch_size=settings.nlp_batch_size)))
    records = timed("entities + claims + amounts", t,
                    lambda: [analyse_article(ref, a, d) for (ref, a), d in zip(cleaned, docs)])
    run = timed("build tables (polars)", t, build_tables, records)
    from schemas.suites import validate_tables  # imports GX: timed apart from validation itself

    timed("GX validate", t, validate_tables, run.frames)
    with tempfile.TemporaryDirectory() as tmp:
        warehouse = Path(tmp) / "bench.duckdb"
        timed("DuckDB load + publish", t, lambda: publish(load_to_staging(run.frames, warehouse, "v1.0.0"), warehouse))
    print(f"{len(cleaned)} articles, {words} words ({args.copies} copies of {len(items)} samples)")
    total = sum(v for k, v in t.items() if k != "spaCy load")
    for label, seconds in t.items():
        share = "" if label == "spaCy load" else f"{100 * seconds / total:5.1f}%"
        print(f"  {label:<30} {seconds:7.2f} s {share:>7}")
    print(f"  {'spaCy words/s':<30} {words / t['spaCy nlp.pipe']:7.0f}")
    print(f"  {'pipeline words/s (no Prefect)':<30} {words / total:7.0f}")
    if not args.skip_cli:
        with tempfile.TemporaryDirectory() as tmp:
            env = {**os.environ, "PREFECT_SERVER_ANALYTICS_ENABLED": "false"}
            t0 = time.perf_counter()
            subprocess.run([str(Path(sys.executable).with_name("newsetl")), "run", "--warehouse",
                            str(Path(tmp) / "w.duckdb")], check=True, env=env, capture_output=True)
            print(f"  {'newsetl run on samples/ (CLI)':<30} {time.perf_counter() - t0:7.2f} s")


if __name__ == "__main__":
    main()
