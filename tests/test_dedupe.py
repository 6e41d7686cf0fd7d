"""Near-duplicate detection: the same story syndicated under two URLs is one article."""

from __future__ import annotations

import random

from transforms.dedupe import NEAR_DUPLICATE_JACCARD, Candidate, _minhash, find_duplicates, signature
from transforms.keys import content_hash

STORY = (
    "The city council voted on Tuesday to close three public libraries next year, citing a budget shortfall of "
    "more than four million dollars. Residents packed the chamber for a hearing that lasted six hours, and many "
    "urged members to find the money elsewhere. The mayor said the decision was painful but necessary, and "
    "promised to reopen the branches once the budget allows. Library staff will be offered jobs at the remaining "
    "branches, a spokesperson said. A petition against the closures has gathered ten thousand signatures."
)
SYNDICATED = "By Staff Reporter\n\n" + STORY + "\n\nThis story first appeared in the Daily Planet."
OTHER = (
    "A new bakery opened on Main Street this weekend, drawing long lines of customers eager to taste its sourdough "
    "bread and cinnamon rolls. The owners, two sisters who trained in Lyon, said they had dreamed of the shop for "
    "a decade. The bakery will be open every day except Monday, and plans to add a small cafe in the spring."
)


def cand(ref: str, text: str, input_ref: str | None = None) -> Candidate:
    return Candidate(ref, content_hash(text), signature(text), input_ref or ref)


def test_a_syndicated_copy_is_a_near_duplicate():
    [dup] = find_duplicates([cand("a.html", STORY), cand("b.html", SYNDICATED), cand("c.html", OTHER)])
    assert (dup.ref, dup.of_ref, dup.method) == ("b.html", "a.html", "minhash")
    assert 0.8 <= dup.similarity < 1.0


def test_different_stories_are_not_duplicates():
    assert find_duplicates([cand("a.html", STORY), cand("c.html", OTHER)]) == []


def test_a_copy_of_an_article_already_in_the_warehouse_is_a_duplicate():
    known = [cand("article:42", STORY, input_ref="old.html")]
    [dup] = find_duplicates([cand("b.html", SYNDICATED)], known)
    assert dup.of_ref == "article:42"


def test_reloading_an_article_is_not_a_duplicate():
    known = [cand("article:42", STORY, input_ref="a.html")]
    assert find_duplicates([cand("a.html", STORY)], known) == []


def test_an_exact_copy_of_an_article_already_in_the_warehouse_is_a_duplicate():
    # as a copy in the same run is: the article keeps the input it was first read from
    known = [cand("article:42", STORY, input_ref="a.html")]
    [dup] = find_duplicates([cand("copy-of-a.html", STORY)], known)
    assert (dup.ref, dup.of_ref, dup.similarity, dup.method) == ("copy-of-a.html", "article:42", 1.0, "exact")


def test_a_new_version_of_the_same_page_is_not_a_duplicate_of_the_old_one():
    known = [cand("article:42", STORY, input_ref="a.html")]
    assert find_duplicates([cand("a.html", SYNDICATED)], known) == []


def test_exact_copies_in_one_run_are_exact_duplicates():
    [dup] = find_duplicates([cand("a.html", STORY), cand("b.html", STORY.upper())])
    assert (dup.ref, dup.of_ref, dup.similarity, dup.method) == ("b.html", "a.html", 1.0, "exact")


def test_short_texts_have_no_signature_and_are_compared_exactly():
    assert signature("Too short to shingle.") == ()
    assert find_duplicates([cand("a", "Too short to shingle."), cand("b", "Too short to shingle!")]) == []


def test_signature_is_stable():
    assert signature(STORY) == signature(STORY) and len(signature(STORY)) == 64


def test_every_pair_whose_estimated_similarity_reaches_the_threshold_is_found():
    # Copies with a few words changed, at estimated Jaccard 0.8-0.95: the LSH bands must propose every one of them,
    # not only the pairs a band happens to match whole (datasketch's default bands for 0.8 miss about a third).
    rng = random.Random(7)
    vocabulary = [f"w{i}" for i in range(2000)]
    near = []
    for n in range(60):
        words = [rng.choice(vocabulary) for _ in range(300)]
        edited = list(words)
        for i in rng.sample(range(300), rng.randint(3, 9)):
            edited[i] = rng.choice(vocabulary)
        original, copy = " ".join(words), " ".join(edited)
        estimate = _minhash(signature(original)).jaccard(_minhash(signature(copy)))
        if estimate >= NEAR_DUPLICATE_JACCARD:
            near.append((cand(f"a{n}", original), cand(f"b{n}", copy)))
    assert len(near) >= 30
    found = find_duplicates([c for pair in near for c in pair])
    assert sorted((d.ref, d.of_ref) for d in found) == sorted((b.ref, a.ref) for a, b in near)
