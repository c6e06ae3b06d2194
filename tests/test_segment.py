"""Segmentation: paragraphs from layout, sentences from Punkt, boilerplate left out."""

from __future__ import annotations

from itertools import pairwise

from slant.document import build_document
from slant.text.segment import segment

HARD_WRAPPED = """A headline line that is quite long and ends with a full stop, as decks often do in blogs.
Kim
Jong-un is now, quite literally, marching to the beat of a desperate man's
drum. The U.S. and Mr. Smith said it was "over." He left at 5 p.m. on
Monday.
The
second paragraph starts with a lone word on its line, as this blog's do, and
it continues here.
No comments:
Post a Comment"""


def quotes(text: str, spans) -> list[str]:
    return [text[start:end] for start, end in spans]


def test_hard_wrapped_paragraphs_start_at_a_lone_word():
    result = segment(HARD_WRAPPED)
    firsts = [HARD_WRAPPED[start:end].split()[0] for start, end in result.paragraphs]
    assert firsts == ["A", "Kim", "The", "No", "Post"]


def test_sentences_cross_line_breaks_and_keep_abbreviations():
    sentences = quotes(HARD_WRAPPED, segment(HARD_WRAPPED).sentences)
    assert (
        sentences[1]
        == "Kim\nJong-un is now, quite literally, marching to the beat of a desperate man's\ndrum."
    )
    assert sentences[2] == 'The U.S. and Mr. Smith said it was "over."'
    assert sentences[3] == "He left at 5 p.m. on\nMonday."


def test_blog_boilerplate_is_not_a_sentence():
    result = segment(HARD_WRAPPED)
    sentences = quotes(HARD_WRAPPED, result.sentences)
    assert not any("Comment" in s or "comments" in s for s in sentences)
    assert quotes(HARD_WRAPPED, result.boilerplate) == ["No comments:", "Post a Comment"]


def test_blank_lines_and_unwrapped_lines_separate_paragraphs():
    long_line = (
        "This paragraph is one long line, as text extracted from a web page usually is. " * 3
    )
    text = f"Title\n\n{long_line.strip()}\n{long_line.strip()}\n\nShare this article"
    result = segment(text)
    assert len(result.paragraphs) == 4
    assert quotes(text, result.boilerplate) == ["Share this article"]


def test_sentences_are_stripped_ordered_and_disjoint():
    text = "  First one.   Second one?\n\n  Third — with “curly quotes.”  "
    spans = segment(text).sentences
    assert quotes(text, spans) == ["First one.", "Second one?", "Third — with “curly quotes.”"]
    assert all(a[1] <= b[0] for a, b in pairwise(spans))


def test_document_offsets_count_code_points():
    text = "Emoji 😀 first. Combining e\u0301 second. Flags 🇺🇦 third."
    document = build_document(text)
    assert document.sentence_texts() == [
        "Emoji 😀 first.",
        "Combining e\u0301 second.",
        "Flags 🇺🇦 third.",
    ]
    assert document.sentences[2].start == text.index("Flags")


def test_reference_oped_segments_as_a_reader_would(reference_oped):
    document = build_document(reference_oped)
    assert len(document.paragraphs) == 14
    assert len(document.sentences) == 45
    assert document.sentence_texts()[-1].startswith("Perhaps next, we should expect")
    assert [document.quote(b) for b in document.boilerplate] == ["No comments:", "Post a Comment"]


def test_share_widgets_bylines_and_navigation_rows_are_boilerplate():
    text = (
        "The council met on Monday.\n\nBy Jane Smith\n\nEmail This BlogThis! Share to Twitter Share to Facebook\n\n"
        "Posted by Jane at 10:32 AM\n\nNewer Post Older Post Home\n\nSubscribe to: Post Comments (Atom)"
    )
    result = segment(text)
    assert quotes(text, result.sentences) == ["The council met on Monday."]
    assert len(result.boilerplate) == 5


def test_a_long_paragraph_is_never_boilerplate_whatever_it_starts_with():
    text = "Share this view: the council's budget is a disgrace, and everyone who voted for it should explain why they did."
    assert len(segment(text).sentences) == 1


def test_titles_after_an_opening_quote_do_not_end_a_sentence():
    text = "He said: “Mr. Trump is wrong.” Then 'Dr. Who left.' Sen. Smith agreed."
    assert quotes(text, segment(text).sentences) == [
        "He said: “Mr. Trump is wrong.”",
        "Then 'Dr. Who left.'",
        "Sen. Smith agreed.",
    ]
