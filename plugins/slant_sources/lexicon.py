"""The word lists the analyzer matches against, read once from the package's data files."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

_VOWELS = "aeiou"
#: The months' names, lower case: a date, never a name or a speaker.
MONTHS = frozenset(
    "january february march april may june july august september october november december".split()
)


def inflect(lemma: str, irregular: dict[str, list[str]]) -> set[str]:
    """The lemma, its regular -s, -ed and -ing forms and its listed irregular forms.

    A regular form that English does not use ("sayed") is harmless: it never matches.
    """
    if lemma.endswith(("s", "sh", "ch", "x", "z")):
        third = lemma + "es"
    elif lemma.endswith("y") and lemma[-2] not in _VOWELS:
        third = lemma[:-1] + "ies"
    else:
        third = lemma + "s"
    if lemma.endswith("e"):
        past, gerund = lemma + "d", lemma[:-1] + "ing"
    elif lemma.endswith("y") and lemma[-2] not in _VOWELS:
        past, gerund = lemma[:-1] + "ied", lemma + "ing"
    else:
        past, gerund = lemma + "ed", lemma + "ing"
    return {lemma, third, past, gerund, *irregular.get(lemma, [])}


@dataclass(frozen=True)
class Lexicon:
    """Every word list, as sets of lower-case forms (phrases as tuples of words)."""

    speech_verbs: frozenset[str]
    that_verbs: frozenset[str]
    by_agent_verbs: frozenset[str]
    nominal_cues: dict[str, frozenset[str]]  # by the word that follows the noun
    speech_nouns: frozenset[str]  # "X's statement": a noun cue that says something
    vague_adverbs: frozenset[str]
    impersonal_participles: frozenset[str]
    stance_adjectives: frozenset[str]
    vague_nouns: frozenset[str]
    definite_nouns: frozenset[str]
    titles: frozenset[str]
    occupations: frozenset[str]  # role words before a name, not a tagger feature
    honorifics: frozenset[str]
    impersonal_heads: frozenset[str]
    person_nouns: frozenset[str]
    person_plurals: frozenset[str]


def _ggt_verbs() -> set[str]:
    text = files("slant_sources").joinpath("data", "ggt_quote_verbs.txt").read_text("utf-8")
    return {line.strip() for line in text.splitlines() if line.strip() and line[0] != "#"}


@cache
def load_lexicon() -> Lexicon:
    """Read ``data/lexicon.toml`` and the GGT verb list into a :class:`Lexicon`."""
    raw = tomllib.loads(files("slant_sources").joinpath("data", "lexicon.toml").read_text("utf-8"))
    verbs, irregular = raw["verbs"], raw["verbs"]["irregular"]

    def forms(lemmas: list[str]) -> frozenset[str]:
        return frozenset(f for lemma in lemmas for f in inflect(lemma, irregular))

    excluded = set(verbs["excluded"])
    speech = (_ggt_verbs() | forms(verbs["speech"])) - excluded
    sources = raw["sources"]
    return Lexicon(
        speech_verbs=frozenset(speech),
        that_verbs=forms(verbs["that_clause"]),
        by_agent_verbs=forms(verbs["by_agent"]),
        nominal_cues={
            "that": frozenset(raw["nominal"]["that"]),
            "of": frozenset(raw["nominal"]["of"]),
            "about": frozenset(raw["nominal"]["about"]),
            "over": frozenset(raw["nominal"]["about"]),
        },
        speech_nouns=frozenset(raw["nominal"]["speech"]).union(
            *(raw["nominal"][key] for key in ("that", "of", "about"))
        ),
        vague_adverbs=frozenset(raw["adverbs"]["vague"]),
        impersonal_participles=frozenset(raw["impersonal"]["participles"]),
        stance_adjectives=frozenset(raw["stance"]["adjectives"]),
        vague_nouns=frozenset(sources["vague_nouns"]),
        definite_nouns=frozenset(sources["definite_nouns"]),
        titles=frozenset(sources["titles"]),
        occupations=frozenset(sources["occupations"]),
        honorifics=frozenset(sources["honorifics"]),
        impersonal_heads=frozenset(sources["impersonal_heads"]),
        person_nouns=frozenset(sources["person_nouns"]),
        person_plurals=frozenset(sources["person_plurals"]),
    )
