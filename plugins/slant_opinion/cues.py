"""Which of the words that moved a sentence's score a reader is shown, and as what.

The model weighs every word, topic nouns included ("world", "forces", "public"); a cue
must tell a reader why. For an opinion the cue must carry judgement: an evaluative word,
a loaded term, an intensifier, a hedge, a modal verb used as one, a verb of holding a
view, the author's first person or address to the reader (outside quotation marks), or
rhetorical punctuation. For a fact, a sign of reporting: attribution, quotation marks, a
number, a date or a name. Anything else still counts in the score but is not underlined.
The word lists that feed the model's features live in :mod:`slant_opinion.features`;
this module only decides what is shown.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from slant_opinion.features import word_kind

#: Terms whose choice, not their topic, carries a judgement (news-bias vocabulary).
LOADED = frozenset(
    """slam slams slammed slamming blast blasts blasted rant rants ranted tirade meltdown
    radical radicals extremist extremists regime thug thugs mob scheme schemes propaganda
    hoax smear smears hysteria hysterical crony cronies cronyism elites lavish draconian
    brazen racist racists bigot bigots bigoted bigotry fascist fascists puppet cabal crooked
    rigged disgraced notorious infamous lies lied lying liar liars screed diatribe stunt ploy
    grandstanding pandering bombshell chaos chaotic embattled beleaguered zealots zealot
    apologist apologists cult spewed spew spews peddle peddled peddling touted boasted
    bragged whined whining gutted gutting assault onslaught crusade agenda demonize demonized
    weaponize weaponized weaponizing cave caved capitulate capitulated kowtow grovel
    lambasted decried derided mocked ridiculed trashed ripped fumed railed gloat gloated
    sneer sneered shill shills stooge stooges lackey lackeys tyranny tyrant tyrants despot
    oligarch oligarchs jihadist jihadists terrorists illegals invasion amnesty handout
    handouts giveaway giveaways freeloaders socialism woke elitist elitists establishment
    grift grifter scam scammers corrupt corruption collusion coverup""".split()
)
#: Adjectives the sentiment lexicon rates subjective that mostly describe, not judge.
DESCRIPTIVE = frozenset(
    """more most many own sure free top full late light behind ready common higher certain
    hot original cold fast safe base clean heavy secret grand rich fresh primary sexual
    mostly rose becoming rare fly advanced cheap warm filled expensive originally illegal
    confirmed golden chicken approximately experienced pregnant detailed thin primarily
    everyday rank cutting drunk random crying commonly lately elementary latest famous kind
    able mean right left new old first last other few several high low big small large long
    short early recent current public general real main major whole particular final less
    least same different possible second third former next official national local federal
    military political economic social foreign domestic international white black""".split()
)
#: Intensifiers that are as often something else ("so the council...", "far from").
_AMBIGUOUS_INTENSIFIERS = frozenset("so too far just nothing only".split())
_DETERMINERS = frozenset(
    "a an the this that these those its his her their our my your whose what which".split()
)
#: Words a modal verb is never followed by, but its noun ("might is", "the might of").
_NOT_AFTER_MODAL = frozenset(
    """is are was were of and or to in on for with the a an that this its his her their by
    from as at will would has had while but against over into behind across than so""".split()
)
_ADVERBS_AFTER_MODAL = frozenset(
    "not n't never also still well yet soon even only just already ever hardly now".split()
)
#: Modal verbs that are also nouns or a month: "military might", "a must", "a can", "May".
_NOUN_MODALS = frozenset("might may can must will".split())
_QUOTES = frozenset('" “ ” « »'.split())
JUDGEMENT_KINDS = frozenset(
    """evaluative loaded intensifier hedge modal stance first_person address
    rhetorical""".split()
)
REPORTING_KINDS = frozenset("attribution quotation figure date name".split())


def is_modal_verb(norms: Sequence[str], index: int) -> bool:
    """A modal used as a verb: not after a determiner or possessive ("its might", "a must")
    nor before what never follows a verb form ("might is", "the might of")."""
    if index > 0 and (norms[index - 1] in _DETERMINERS or norms[index - 1].endswith("'s")):
        return False
    if norms[index] not in _NOUN_MODALS:
        return True
    following = norms[index + 1] if index + 1 < len(norms) else ""
    if following in _ADVERBS_AFTER_MODAL:
        return True
    return following[:1].isalpha() and following not in _NOT_AFTER_MODAL


def _quoted(norms: Sequence[str], index: int) -> bool:
    """Inside quotation marks: an odd number of them comes before the token."""
    return sum(1 for norm in norms[:index] if norm in _QUOTES) % 2 == 1


def cue_kind(
    norms: Sequence[str],
    surfaces: Sequence[str],
    index: int,
    lexicon: Mapping[str, tuple[float, float]],
    *,
    towards_opinion: bool,
) -> str | None:
    """The kind a reader is shown for the token at ``index``, or ``None`` to leave it out."""
    norm, surface = norms[index], surfaces[index]
    kind = word_kind(norm)
    if kind == "modal" and not is_modal_verb(norms, index):
        kind = "date" if surface == "May" and index > 0 else None
    if kind == "intensifier" and norm in _AMBIGUOUS_INTENSIFIERS:
        following = norms[index + 1] if index + 1 < len(norms) else ""
        kind = "intensifier" if _is_evaluative(following, lexicon) else None
    if towards_opinion:
        if kind in ("first_person", "address") and _quoted(norms, index):
            return None
        if kind in JUDGEMENT_KINDS:
            return kind
        if kind is None and norm in LOADED:
            return "loaded"
        if kind is None and _is_evaluative(norm, lexicon):
            return "evaluative"
        return None
    if kind in REPORTING_KINDS:
        return kind
    if kind is None and index > 0 and surface[:1].isupper() and norm[0].isalpha():
        return None if _title_case(surfaces) else "name"
    return None


def _title_case(surfaces: Sequence[str]) -> bool:
    """A headline in title case, where capitals mark no names ("Carmaker to Close Plant")."""
    words = [s for s in surfaces if s[:1].isalpha() and len(s) > 3]
    return len(words) >= 3 and sum(1 for s in words if s[0].isupper()) >= 0.7 * len(words)


def _is_evaluative(norm: str, lexicon: Mapping[str, tuple[float, float]]) -> bool:
    """In the hand list, or rated subjective and polar by the sentiment lexicon."""
    if word_kind(norm) == "evaluative":
        return True
    entry = lexicon.get(norm)
    return (
        entry is not None and entry[1] >= 0.5 and abs(entry[0]) >= 0.2 and norm not in DESCRIPTIVE
    )
