"""The texts ``slant plugins check`` feeds an analyzer: the inputs that break offset arithmetic.

Each text is built here from a few lines of invented prose, so the corpus is
small in the package, deterministic and free of anyone's copyright. Every text
is one a client may send (``POST /api/v1/analyze`` accepts it), and each names
the mistake it tends to expose.
"""

from __future__ import annotations

from dataclasses import dataclass

# Invented op-ed prose, hedges, sources and opinions included, so analyzers find work to do.
_PROSE = (
    "The council may well approve the budget on Tuesday, but it should not. "
    "According to the mayor's office, the plan costs $4.2 million; critics say that is "
    "clearly too much. “We were never consulted,” said Ana Ruiz, a resident of the east "
    "side. Perhaps the money would be better spent on schools. Officials reportedly "
    "disagree."
)
_ARABIC = "قال الوزير إن الخطة ستنجح، لكن المنتقدين يشككون في ذلك."
_HEBREW = "לדברי הדובר, התוכנית תאושר בשבוע הבא."


@dataclass(frozen=True)
class CorpusText:
    """One conformance input: a short name, what it tests, and the text."""

    name: str
    why: str
    text: str


def _paragraphs(count: int) -> str:
    """``count`` paragraphs of prose that differ a little, numbered so no two are equal."""
    return "\n\n".join(
        _PROSE.replace("Tuesday", f"day {index}").replace("4.2", f"{index % 97}.{index % 10}")
        for index in range(count)
    )


def corpus() -> list[CorpusText]:
    """The conformance texts, in the order they are run."""
    return [
        CorpusText("plain", "an ordinary op-ed paragraph", _PROSE),
        CorpusText("one-char", "a single character: no sentence to speak of", "."),
        CorpusText("one-word", "one word, no punctuation", "Perhaps"),
        CorpusText(
            "whitespace-padded",
            "text wrapped in blank lines and spaces: offsets must not be trimmed away",
            "\n\n   \t " + _PROSE + " \n\n\n   ",
        ),
        CorpusText(
            "emoji-combining",
            "astral emoji, ZWJ families, flags, skin tones and combining accents: code points, not UTF-16 units or graphemes",
            "Zoë 👩‍👩‍👧‍👦 said the plan may fail 🇺🇦🇪🇺. Cafe\u0301 owners 👍🏽 reportedly agree. "
            "Z\u0335\u0321a\u0336\u0322l\u0337go text\u0301\u0302\u0303 is clearly here. " + _PROSE,
        ),
        CorpusText(
            "rtl-mixed",
            "English with Arabic and Hebrew quotations and bidi control marks",
            f"The minister said “{_ARABIC}” and the spokesman added “{_HEBREW}”. "
            f"\u200fThe plan may pass.\u200e {_PROSE}",
        ),
        CorpusText(
            "rtl-only",
            "a text entirely in Arabic (an English-only analyzer is skipped, not broken)",
            " ".join([_ARABIC] * 12),
        ),
        CorpusText(
            "html-remnants",
            "markup, entities and script left over from a bad extraction",
            "<p>The council <b>may</b> approve&nbsp;it &amp; more.</p>\n"
            "<script>var x = '<p>not text</p>'; if (a < b && c > d) {}</script>\n"
            '<div class="share">Share this: Facebook | Twitter</div>&#8220;Quoted&#8221; '
            + _PROSE
            + " <!-- comment -->",
        ),
        CorpusText(
            "no-punctuation",
            "long text without a single sentence-ending mark",
            " ".join(_PROSE.replace(".", "").replace(";", "").split()) * 20,
        ),
        CorpusText(
            "one-huge-sentence",
            "one 40 000-character sentence of clauses joined by commas",
            ", and ".join(
                f"the council may approve plan {index} while critics reportedly object"
                for index in range(600)
            )
            + ".",
        ),
        CorpusText(
            "crlf-tabs",
            "Windows line ends, tabs, form feeds and Unicode line separators",
            _PROSE.replace(". ", ".\r\n\t").replace(", ", ",\t") + "\f\u2028" + _PROSE,
        ),
        CorpusText(
            "numbers-only",
            "figures, dates and percentages with no words",
            "2024 1,000,000 3.14 -7 42% 1/2 10:30 2025-01-01 $4.2m 17.5 0.001",
        ),
        CorpusText(
            "control-chars",
            "NUL, BOM, zero-width and other invisible code points inside words",
            "\ufeffThe coun\u200bcil may\u00ad approve\u0000 it.\u2060 " + _PROSE + "\u200d",
        ),
        CorpusText(
            "many-short-sentences",
            "thousands of one-word sentences",
            " ".join(f"No{'!' if i % 3 else '.'}" for i in range(4000)),
        ),
        CorpusText(
            "very-long",
            "about 200 KB of text: the size limit's neighbourhood",
            _paragraphs(600),
        ),
    ]
