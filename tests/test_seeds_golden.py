"""Golden test: the seed articles, loaded by the flow, hold what tests/fixtures/seeds-gold.json says.

The checker is tests/fixtures/check_seeds.py, a copy of the acceptance check; it exits 0 only when every check
passes. The tests below repeat a few of its checks with readable failures.
"""

from __future__ import annotations

import json
import subprocess
import sys

import duckdb

from tests.conftest import FIXTURES


def test_every_gold_check_passes(seeds_run):
    _, warehouse = seeds_run
    result = subprocess.run(
        [sys.executable, str(FIXTURES / "check_seeds.py"), str(warehouse), str(FIXTURES / "seeds-gold.json")],
        capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "checks pass" in result.stdout


def test_quotes_have_their_speakers(seeds_run):
    _, warehouse = seeds_run
    gold = json.loads((FIXTURES / "seeds-gold.json").read_text())["articles"]
    with duckdb.connect(str(warehouse), read_only=True) as con:
        rows = con.execute("""
            select a.input_ref, c.claim_text, e.canonical_name from fact_claim c
            join dim_article a using (article_key) left join dim_entity e on e.entity_key = c.speaker_entity_key
            where c.claim_type = 'quote'""").fetchall()
    for name, article in gold.items():
        quotes = [(text, speaker) for ref, text, speaker in rows if ref.endswith(name)]
        for q in article["quotes"]:
            assert any(text.startswith(q["starts"]) or q["starts"] in text for text, _ in quotes), q["starts"]
            assert any(q["starts"] in text and speaker == q["speaker"] for text, speaker in quotes), q


def test_boilerplate_leaves_the_body_and_headings_are_no_entities(seeds_run):
    _, warehouse = seeds_run
    gold = json.loads((FIXTURES / "seeds-gold.json").read_text())["articles"]
    with duckdb.connect(str(warehouse), read_only=True) as con:
        for name, article in gold.items():
            [(body, headings)] = con.execute(
                "select body_text, headings from dim_article where input_ref like ?", [f"%{name}"]).fetchall()
            for snippet in article["body_excludes"]:
                assert snippet not in body
            assert headings == article.get("headings", headings)
        names = {n for (n,) in con.execute("select canonical_name from dim_entity").fetchall()}
    assert not names & {"Key Takeaways", "Challenges Ahead", "Altman’s Vision", "Stakes"}
