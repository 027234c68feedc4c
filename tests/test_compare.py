"""The word-by-word comparison behind the *410 rules (lint/compare.py), on texts small enough to
reason about: which words are missing, added or moved and where, split words, title-block
lines slid over repeated words, and the word-by-word refinement of a stretch. Pure and fast,
so `make mutation` judges compare.py's mutants with these instead of building editions."""

from __future__ import annotations

import pytest

from publish.lint import compare

TEN = "one two three four five six seven eight nine ten"


def keys(text: str) -> list[str]:
    return [w.key for w in compare.words([(text, None)])]


def words(text: str) -> list[compare.Word]:
    return compare.words([(text, None)])


def test_words_keep_the_place_where_each_starts_and_drop_what_is_not_a_word():
    found = compare.words([("Hello wor", "p1"), ("ld – again ", "p2"), ("next", "p3")])
    assert [(w.text, w.key, w.where) for w in found] == [
        ("Hello", "hello", "p1"), ("world", "world", "p1"), ("again", "again", "p2"), ("next", "next", "p3")]
    assert compare.words([]) == []


def test_furniture_lines_are_distinct_non_empty_and_longest_first():
    assert compare.furniture_lines(["Open letter", "The Group: 2024", "", "–", "open  LETTER"]) == (
        ("the", "group", "2024"), ("open", "letter"))
    assert compare.furniture_lines(["Zebra", "Open letter"]) == (("open", "letter"), ("zebra",))
    assert compare.is_furniture(words("Open letter"), compare.furniture_lines(["Open", "Open letter"]))


@pytest.mark.parametrize(("found", "opcodes"), [
    (TEN, []),
    ("one two three five six seven eight nine ten", [("delete", 3, 4, 3, 3)]),
    ("one two tree four five six seven eight nine ten", [("replace", 2, 3, 2, 3)]),
    ("zero " + TEN, [("insert", 0, 0, 0, 1)]),
    (TEN + " eleven", [("insert", 10, 10, 10, 11)]),
    ("one two three four five six seven eight nine", [("delete", 9, 10, 9, 9)]),
    ("six seven eight nine ten one two three four five", [("insert", 0, 0, 0, 5), ("delete", 5, 10, 10, 10)]),
    ("one two three four five six seven eight", [("delete", 8, 10, 8, 8)]),
    ("one two three four five six seven eight nine eleven", [("replace", 9, 10, 9, 10)]),  # the last words differ
    ("one two x y three four five six seven eight nine ten z", [("insert", 2, 2, 2, 4), ("insert", 10, 10, 12, 13)]),
])
def test_differences_name_each_stretch_by_position(found, opcodes):
    assert compare.differences(keys(TEN), keys(found)) == opcodes


@pytest.mark.parametrize(("expected", "found"), [
    ("from 201920 to now", "from 2019 20 to now"),  # a line broken inside a word
    ("from 2019 20 to now", "from 201920 to now"),
    ("write to info@example.org today", "write to info@ example.org today"),
    ("to 201920", "to 2019 20"),  # the pieces are the last two words
    ("to 2019 20", "to 201920"),
])
def test_a_word_in_two_pieces_is_the_same_word(expected, found):
    assert compare.differences(keys(expected), keys(found)) == []


def test_a_difference_after_a_joined_word_keeps_its_place():
    assert compare.differences(keys("from 2019 20 to now then"), keys("from 201920 to now than")) == [
        ("replace", 5, 6, 4, 5)]


def test_only_adjacent_pieces_make_a_word():
    assert compare.differences(keys("ab c"), keys("a c b")) == [("replace", 0, 1, 0, 1), ("insert", 2, 2, 2, 3)]


@pytest.mark.parametrize(("a", "b", "step"), [
    ("x a b c d e f", "a b c d e f", (1, 0)),  # back in step on a run of six
    ("a b c d e f", "y z a b c d e f", (0, 2)),
    ("x a b c q", "a b c r", (1, 0)),  # no run of six: three will do
    ("x c a b c q", "c y a b c r", (2, 2)),  # three before one, though one is nearer
    ("x a q", "y a r", (1, 1)),  # nor three: one
    ("x end", "y end", (1, 1)),
    ("x y", "p q", (2, 2)),  # never again: the rest of both
    ("x", "", (1, 0)),
    ("p q r s t u a b c d e f", "a b c d e f n n n n p q r s t u", (6, 0)),  # the nearest, not the first found
])
def test_resync_finds_the_nearest_point_where_both_agree_again(a, b, step):
    assert compare.resync(keys(a), 0, keys(b), 0) == step


@pytest.mark.parametrize(("a", "i", "b", "j", "step"), [
    ("x p q", 0, "p y p q", 0, (1, 2)),  # the two tails agreeing beats a nearer single word
    ("s s x p q", 2, "t p y p q", 1, (1, 2)),
    ("x q p q", 0, "p q", 0, (2, 0)),
    ("s x p y", 1, "t z p w", 1, (1, 1)),  # both ends are no agreement while a shared word is in reach
    ("x b a", 0, "y a b", 0, (1, 2)),  # of two equally near, the one fewer words into the expected text
])
def test_resync_near_the_end_needs_the_tails_to_agree(a, i, b, j, step):
    assert compare.resync(keys(a), i, keys(b), j) == step


def test_resync_looks_no_further_than_its_window(monkeypatch):
    monkeypatch.setattr(compare, "WINDOW", 2)
    assert compare.resync(keys("x y z a"), 0, keys("a"), 0) == (4, 1)
    monkeypatch.setattr(compare, "WINDOW", 3)
    assert compare.resync(keys("x y z a"), 0, keys("a"), 0) == (3, 0)


def test_resync_starts_where_it_is_told():
    assert compare.resync(keys("q q x a b c d e f"), 2, keys("r a b c d e f"), 1) == (1, 0)


def test_a_stretch_is_refined_word_by_word_only_when_small(monkeypatch):
    a, b = keys("p q r s t a b c d e f"), keys("p x r s y a b c d e f")
    assert compare.differences(a, b) == [("replace", 1, 2, 1, 2), ("replace", 4, 5, 4, 5)]
    monkeypatch.setattr(compare, "REFINE", 15)  # the stretch is 4 words by 4: 16 pairs
    assert compare.differences(a, b) == [("replace", 1, 5, 1, 5)]
    monkeypatch.setattr(compare, "REFINE", 16)
    assert compare.differences(a, b) == [("replace", 1, 2, 1, 2), ("replace", 4, 5, 4, 5)]


def test_a_coarse_stretch_is_named_insert_delete_or_replace(monkeypatch):
    monkeypatch.setattr(compare, "REFINE", -1)
    assert compare.refined(keys("a b"), 1, 1, keys("a x y b"), 1, 3) == [("insert", 1, 1, 1, 3)]
    assert compare.refined(keys("a x y b"), 1, 3, keys("a b"), 1, 1) == [("delete", 1, 3, 1, 1)]
    assert compare.refined(keys("a x b"), 1, 2, keys("a y b"), 1, 2) == [("replace", 1, 2, 1, 2)]


def test_a_long_stretch_of_common_words_is_refined_word_by_word():
    a = ["the", "word"] * 150  # "the" is common enough for difflib's autojunk to ignore it
    b = [*a[:151], "ward", *a[152:]]
    assert compare.refined(a, 0, 300, b, 0, 300) == [("replace", 151, 152, 151, 152)]


def test_refined_reports_positions_in_the_whole_texts():
    assert compare.refined(keys("a b c d"), 1, 4, keys("a b x d"), 1, 4) == [("replace", 2, 3, 2, 3)]


@pytest.mark.parametrize(("count", "shown"), [
    (10, "“w0 w1 w2 w3 w4 w5 w6 w7 w8 w9”"),
    (11, "“w0 w1 w2 w3 w4 w5 w6 w7 w8 w9…”"),
    (2, "“w0 w1”"),
])
def test_a_quote_shows_at_most_ten_words(count, shown):
    found = words(" ".join(f"w{n}" for n in range(12)))
    assert compare.quote(found, 0, count) == shown


LINES = (("open", "letter"), ("the", "group"))


@pytest.mark.parametrize(("added", "furniture"), [
    ("Open letter", True), ("The Group Open letter", True), ("", True),
    ("Open letter Open", False), ("letter", False), ("Open letter extra", False),
])
def test_furniture_is_whole_title_block_lines(added, furniture):
    assert compare.is_furniture(words(added), LINES) is furniture


def test_added_furniture_slides_back_over_repeated_words():
    title = compare.furniture_lines(["Early warning: a briefing"])
    found = words("Early warning: a briefing Early warning Body text")
    assert compare.differences(keys("Early warning Body text"), [w.key for w in found]) == [("insert", 2, 2, 2, 6)]
    assert compare.added_furniture(found, 2, 6, title)
    assert not compare.added_furniture(found, 2, 6, compare.furniture_lines(["Body text"]))
    assert compare.first_difference(words("Early warning Body text"), title, found) is None


def test_added_furniture_slides_no_further_than_the_repeat():
    title = compare.furniture_lines(["B c"])
    assert not compare.added_furniture(words("b c y z"), 2, 4, title)  # "y z" slid back two would need "c" = "z"


def test_added_furniture_stops_at_the_start():
    assert not compare.added_furniture(words("b c"), 0, 2, compare.furniture_lines(["A b"]))


@pytest.mark.parametrize(("passage", "found"), [
    (["b", "c"], True), (["c", "b"], False), (["c", "d"], False), ([], False), (["a"], True),
])
def test_occurs_finds_a_passage_anywhere(passage, found):
    assert compare.occurs(["a", "b", "c"], passage) is found


def places(*chunks: str) -> list[compare.Word]:
    return compare.words([(chunk, f"line {n}") for n, chunk in enumerate(chunks, 1)])


@pytest.mark.parametrize(("found", "message", "where"), [
    (places("One two three. ", "Four five six."), None, None),
    (places("two three. ", "Four five six."), "missing: “One” at the start", "line 1"),
    (places("One two three. ", "Four five"), "missing: “six.” after “…One two three. Four five”", "line 2"),
    (places("One two three. ", "Four six. Seven"),
     "missing: “five” after “…One two three. Four” (1 more difference)", "line 2"),
    (places("One three. ", "Four six. Seven eight"),
     "missing: “two” after “…One” (2 more differences)", "line 1"),
    (places("One extra two three. ", "Four six."),
     "added: “extra” after “…One” (1 more difference)", "line 1"),
    (places("Four One two three. ", "4 five six."),
     "out of order: “Four” comes too early, at the start (1 more difference)", "line 1"),
    (places("Two three. ", "Four One six."),
     "out of order: “One”, the source's start, comes later (1 more difference)", "line 1"),
    (places("Four five six. ", "One two three."),
     "out of order: “Four five six.” comes too early, at the start (1 more difference)", "line 1"),
    (places("One Four five six. ", "two three."),
     "out of order: “two three.”, which follows “…One” in the source, comes later (1 more difference)",
     "line 1"),
    (places("Two three. ", "One four five six."),
     "out of order: “One”, the source's start, comes later (1 more difference)", "line 1"),
    (places("One two three. ", "Four five six. ", "Six."),
     "duplicated: “Six.” after “…two three. Four five six.”", "line 3"),
])
def test_first_difference_says_what_and_where(found, message, where):
    assert compare.first_difference(words("One two three. Four five six."), (), found) == (
        (message, where) if message else None)


def test_nothing_found_is_everything_missing_with_no_place():
    assert compare.first_difference(words("One two"), (), []) == ("missing: “One two” at the start", None)


def test_compare_allows_the_title_block_and_nothing_else():
    expected = compare.Expected("Dear friends, thank you.", ("Open letter", "The Group"))
    assert compare.compare(expected, words("Open letter The Group Dear friends, thank you.")) is None
    assert compare.compare(expected, words("The Group Dear friends, thank you. Regards")) == (
        "added: “Regards” after “…Dear friends, thank you.”", None)


def test_an_unavailable_text_says_why():
    assert compare.Expected.unavailable("the source has no title") == compare.Expected(
        "", (), "the source has no title")
