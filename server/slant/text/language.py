"""A cheap, offline language guess: writing system first, then function words.

Articles are long enough that the share of a language's most common words
settles the question in microseconds, with no model to load. Texts too short
to tell are reported as English, the language slant's analyzers read, so a
two-word test string is still analyzed rather than skipped.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter

DEFAULT_LANGUAGE = "en"
# Enough of the text to decide; articles do not change language halfway.
_SAMPLE_CHARS = 2000
_MIN_HITS = 3

_FUNCTION_WORDS = {
    "en": "the of and to in is that for it was on with as are be this by not have from at",
    "de": "der die und das ist nicht ein eine zu den mit sich auf für dem des von ich auch",
    "fr": "le la les et des est une pas pour que qui dans du sur au avec il elle sont ce",
    "es": "el la los las y del que en un una por con para es se lo como más pero sus",
    "it": "il di che è la per non una sono della gli con del le anche nel alla questo",
    "pt": "o a os as de que não um uma para com em do da dos é se mais por ao",
    "nl": "de het een en van is dat niet op te zijn voor met die aan er ook als",
    "sv": "och att det som en är på för av med den till inte har jag om ett",
    "da": "og at det som en er på for af med den til ikke har jeg om et",
    "no": "og at det som en er på for av med den til ikke har jeg om et ikkje",
    "pl": "i w nie na się z że do to jest jak po co ale tak od przez",
    "cs": "a v se na je že to s z do o jako by ale podle jsou",
    "tr": "ve bir bu da de için ile çok ne daha gibi olarak olan",
    "id": "yang dan di ini itu dengan untuk dari dalam tidak akan pada",
    "fi": "ja on ei että se oli hän ovat mutta kuin myös tämä",
    "ro": "și în de la cu este că nu pe din o un pentru care",
    "hu": "a az és hogy nem is egy van de meg ez csak",
}
# word -> the languages it is a function word of, so each token is looked up once.
_LANGUAGES_OF: dict[str, list[str]] = {}
for _lang, _words in _FUNCTION_WORDS.items():
    for _word in _words.split():
        _LANGUAGES_OF.setdefault(_word, []).append(_lang)

# Scripts that settle the language (or its likeliest one) on their own.
_SCRIPTS = {
    "CYRILLIC": "ru",
    "ARABIC": "ar",
    "HEBREW": "he",
    "GREEK": "el",
    "DEVANAGARI": "hi",
    "HANGUL": "ko",
    "HIRAGANA": "ja",
    "KATAKANA": "ja",
    "CJK": "zh",
    "THAI": "th",
    "BENGALI": "bn",
    "TAMIL": "ta",
    "GEORGIAN": "ka",
    "ARMENIAN": "hy",
}
_TOKEN = re.compile(r"[^\W\d_]+", re.UNICODE)
_NON_LATIN = re.compile(r"[^\u0000-\u036f]")
_LETTERS = re.compile(r"[^\W\d_]")


def detect_language(text: str) -> str:
    """The ISO 639-1 code of ``text``'s language; English when it cannot tell."""
    sample = text[:_SAMPLE_CHARS]
    script = _dominant_script(sample)
    if script is not None:
        return script
    counts: Counter[str] = Counter()
    for token in _TOKEN.findall(sample.lower()):
        for lang in _LANGUAGES_OF.get(token, ()):
            counts[lang] += 1
    if not counts:
        return DEFAULT_LANGUAGE
    lang, hits = counts.most_common(1)[0]
    if hits < _MIN_HITS or counts[DEFAULT_LANGUAGE] == hits:
        return DEFAULT_LANGUAGE
    return lang


def _dominant_script(sample: str) -> str | None:
    """The language of a non-Latin script that most letters are written in."""
    scripts: Counter[str] = Counter()
    for char in _NON_LATIN.findall(sample):  # Latin and its accents: decided by words
        if not char.isalpha():
            continue
        name = unicodedata.name(char, "")
        for script in _SCRIPTS:
            if name.startswith(script):
                scripts[script] += 1
                break
    if not scripts:
        return None
    letters = len(_LETTERS.findall(sample))
    # Kana anywhere means Japanese, even when kanji outnumber it.
    if scripts["HIRAGANA"] + scripts["KATAKANA"] > 0.1 * letters:
        return "ja"
    script, count = scripts.most_common(1)[0]
    return _SCRIPTS[script] if count > letters / 2 else None
