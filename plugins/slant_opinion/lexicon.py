"""The Pattern subjectivity lexicon that TextBlob ships, as word -> (polarity, subjectivity).

TextBlob is a runtime dependency already, so the analyzer reads the lexicon from it rather
than shipping a second copy; the model card records the TextBlob version it was fitted with.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path


@cache
def load_lexicon() -> dict[str, tuple[float, float]]:
    """Every single word of TextBlob's English sentiment lexicon, lower-cased.

    Multi-word entries are left out; a word listed under several parts of speech keeps
    TextBlob's part-of-speech-free (``None``) reading.
    """
    from textblob.en import sentiment

    sentiment.load()
    lexicon: dict[str, tuple[float, float]] = {}
    for word, readings in sentiment.items():
        if " " in word or not readings:
            continue
        polarity, subjectivity, _ = readings.get(None) or next(iter(readings.values()))
        lexicon[word.lower()] = (round(polarity, 4), round(subjectivity, 4))
    return lexicon


def load_vocabulary() -> list[str]:
    """The ~94,000 word forms of Brill's tagger lexicon, which TextBlob ships, as spelt there.

    Training reads it (the words whose vectors are encoded); the runtime does not.
    """
    import textblob.en

    path = Path(textblob.en.__file__).with_name("en-lexicon.txt")
    with path.open(encoding="utf-8") as handle:
        return [line.split(" ", 1)[0] for line in handle if line.strip() and line[:3] != ";;;"]
