"""Who a pronoun source stands for, within the article.

"he said", "she added": the last person cited (by name, or as "the mayor"; never an
organisation), or failing that the last multi-word proper name in the text before
that is not a place or an organisation. "I" and "we" inside a quotation are
the quoted speaker. "they" and "it" take the attribution just before
("Critics say … They add" stays vague); "who" the name right before its comma
("Mike Lee, who declared"), else no one. The writer's own "I", "we" and "you"
outside quotations are the piece's voice, not a source, and are dropped.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from slant_sources.lexicon import MONTHS, load_lexicon

_NAME_RUN = re.compile(
    r"\b[A-Z][\w'’.-]*(?:\s+(?:[A-Z][\w'’.-]*|of|de|van|von|bin))*\s+[A-Z][\w'’.-]+"
)
SPEAKER = frozenset(["i", "we", "me", "us"])
WRITER = frozenset(["i", "we", "you", "me", "us"])
_BACK_REFERENCE = frozenset(["they", "them", "it"])
# A capitalised name ending right before ", who" (the end of the text searched).
_NAMED_BEFORE = re.compile(r"([A-Z][\w'’.-]*(?:\s+(?:[A-Z][\w'’.-]*|of|de|van|von|bin))*),\s*\Z")
# Last words of a name that make it a place, never a speaker ("Dunmore Avenue").
_PLACES = frozenset(
    "avenue street road lane drive boulevard square park bridge river valley hill "
    "station airport port harbour harbor county district city town village".split()
)
# Capitalised words that open a sentence or a date, not a name ("After Saturday's game",
# "When Harold Breck's wife"): dropped from the front of a run of capitalised words.
_NOT_NAMES = MONTHS | frozenset(
    "after before when while once since until if as though although because but and or so "
    "the a an this that these those in on at by for from with of to during then now yet "
    "monday tuesday wednesday thursday friday saturday sunday".split()
)
# A name right after one of these is where something happened ("outside Lyle Crossing").
_LOCATIVES = frozenset("in outside near at across around into through inside".split())
_LOOK_BACK = 600  # characters: how far back a name or an attribution is looked for
_WHO_BACK = 80


class _Cited(Protocol):
    source: tuple[int, int]
    name: str | None
    content: tuple[int, int] | None
    cue: tuple[int, int]
    vague: bool


@dataclass
class Antecedent:
    """What a pronoun refers to: a name, or an unnamed (vague) group."""

    name: str | None
    vague: bool


def resolve(
    pronoun: str,
    at: int,
    text: str,
    quoted: bool,
    before: Sequence[_Cited],
    after: Sequence[_Cited],
    last_person: str | None,
) -> Antecedent | None:
    """The antecedent of the pronoun at ``at``, or None when it is the writer's or unknown.

    ``before`` are the attributions found before it in the article, ``after`` the
    ones later in its paragraph (a quotation's speaker is often named after it).
    """
    if pronoun in SPEAKER and quoted:
        for cited in reversed(before):
            if cited.content and cited.content[0] <= at < cited.content[1] and cited.name:
                return Antecedent(cited.name, cited.vague)
        for cited in after:
            if cited.name and not cited.vague:
                return Antecedent(cited.name, False)
        return None
    if pronoun in WRITER:
        return None
    if pronoun == "who":
        # "Mike Lee, who declared …": the name just before the comma; "activists who …"
        # and "a candidate who …" name no one the reader can be given
        named = _NAMED_BEFORE.search(text, max(0, at - _WHO_BACK), at)
        if named and named.group(1).split()[-1].lower().strip(".'’") not in _PLACES:
            return Antecedent(" ".join(named.group(1).split()), False)
        return None
    if pronoun in _BACK_REFERENCE:
        if before and before[-1].source[0] >= at - _LOOK_BACK:
            previous = before[-1]
            return Antecedent(None, True) if previous.vague else Antecedent(previous.name, False)
        return Antecedent(None, True) if pronoun == "they" else None
    if last_person:
        return Antecedent(last_person, False)
    name = _last_name(text, at - _LOOK_BACK, at)
    return Antecedent(name, False) if name else None


def _last_name(text: str, start: int, end: int) -> str | None:
    """The last proper name in ``text[start:end]`` that is not a place or an organisation."""
    lexicon = load_lexicon()
    for found in reversed(list(_NAME_RUN.finditer(text, max(0, start), end))):
        surfaces = found.group().split()
        while surfaces and (
            surfaces[0].lower() in _NOT_NAMES or surfaces[0].lower().strip(".") in lexicon.titles
        ):
            del surfaces[0]  # "After …", "Coach Ryan Achterberg": the name is what follows
        if surfaces:
            surfaces[-1] = re.sub(r"['’]s\Z", "", surfaces[-1])  # "Harold Breck's wife"
        words = [word.lower().strip(".'’") for word in surfaces]
        if len(words) < 2:
            continue
        if words[-1] in _PLACES or words[-1] in lexicon.impersonal_heads:
            continue
        if words[-1] == "general" and not any(word in lexicon.titles for word in words[:-1]):
            continue  # a hospital ("Dunmore General"), not an Attorney General
        before = text[max(0, found.start() - 12) : found.start()].split()
        if before and before[-1].lower() in _LOCATIVES:
            continue  # "outside Lyle Crossing": a place
        return " ".join(surfaces)
    return None
