"""Every attribution in a text: tagged, linked, read and resolved, paragraph by paragraph.

The learned tagger (tagger.py) marks sources, cues and contents; linking.py pairs
them; mentions.py splits a source into name and role; pronouns.py resolves he,
she, they; quotes.py tells direct from mixed from indirect. Two choices here were
selected by cross-validation over PolNeAR's training articles (see the model card):
a cue the tagger is unsure of (mean confidence under ``MIN_CONFIDENCE``) is
dropped, and a cue with no source is kept only when it hides one by its nature
("reportedly", "is believed", "according to").
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from slant_sources import tagger
from slant_sources.features import (
    QUOTE_MARKS,
    likely_tag,
)
from slant_sources.lexicon import Lexicon, load_lexicon
from slant_sources.linking import ACCORDING, BE, Linked, link, sentence_ids, subject
from slant_sources.mentions import is_person, read_mention
from slant_sources.pronouns import resolve
from slant_sources.quotes import WHOLLY_QUOTED, Quotations, quoted_regions
from slant_sources.tokens import Word, paragraphs, tokenize

MIN_CONFIDENCE = 0.5
# The least confidence (the mean marginal of its words) a tagged source needs, named or
# vague, and the cue confidence at which a cue with no source is kept though it does not
# hide one by its nature: chosen by cross-validation over PolNeAR's training articles.
MIN_NAMED_CONFIDENCE = 0.0
MIN_VAGUE_CONFIDENCE = 0.0
UNSOURCED_CONFIDENCE = 1.1
# Adverbs that hand a claim to no one, found by rule (see _evidential).
EVIDENTIAL = frozenset(["reportedly", "allegedly", "purportedly", "reputedly"])
_JOINERS = frozenset(" \n,;:—–-")
_COORDINATORS = frozenset(["and", "but", "yet", "while", "whereas"])
# Passive speech verbs whose subject is spoken to: "was told", "were asked".
_ADDRESSED = frozenset("told asked ordered instructed urged advised informed".split())
_CLAUSE_STARTS = frozenset(["that", "whether", "if", ":"])
_MODALS = frozenset("can could may might will would shall should must 'll".split())
# A clause is no one ("ask if they would like a club"); nor a stretch of time
# ("adding about ten minutes to journeys").
_CLAUSE_OPENERS = frozenset(["if", "whether"])
_TIMES = frozenset("seconds minutes hours days weeks months years".split())
_SHARES = frozenset(["percent", "%", "cent"])
# Words that stand for some people without naming them ("Several said").
QUANTIFIERS = frozenset("several many some few others most both".split())
# "a retired engineer called Frank": a noun named, not speaking.
_NAMING = frozenset(["called", "named", "dubbed", "nicknamed"])
# "The quid pro quo … seems", "The optics of … needing to": a thing, not a speaker.
_APPEARANCE = frozenset(
    "seem seems seemed appear appears appeared need needs needed needing".split()
)
_THING_DETERMINERS = frozenset("the a an this that these those its their".split())
_DESCRIPTION_DETERMINERS = _THING_DETERMINERS | {"his", "her", "our", "my", "your"}
_PREPOSITIONS = frozenset("of between for in on with to about from over among against".split())


@dataclass
class Attribution:
    """One attribution, with document offsets.

    ``source`` is the span the annotation covers: the name or mention, or the cue
    itself where no one is mentioned ("reportedly").
    """

    source: tuple[int, int]
    name: str | None
    role: str | None
    cue: tuple[int, int]
    content: tuple[int, int] | None
    vague: bool
    form: str  # name, description, pronoun, vague, cue
    kind: str = "indirect"
    mention: str = ""
    confidence: float = 0.0
    # The tagger's confidence in the source span; None where a rule found the source.
    source_confidence: float | None = None
    unsourced: bool = False  # no source, and a cue that does not hide one ("said")
    # The content's parts, where it has more than one ('"A," she said. "B."'); ``content``
    # runs from the first to the last.
    parts: tuple[tuple[int, int], ...] = ()

    @property
    def content_parts(self) -> tuple[tuple[int, int], ...]:
        """The content's parts, in text order: one part unless it was split."""
        if self.parts:
            return self.parts
        return (self.content,) if self.content else ()


def find_attributions(text: str) -> list[Attribution]:
    """The attributions of ``text``, in text order."""
    spans = paragraphs(text)
    quotations = Quotations(text, quoted_regions(text, spans))
    found: list[Attribution] = []
    last_person: str | None = None
    seen: set[str] = set()
    previous: list[Attribution] = []  # the attributions of the paragraph before
    read: list[list[Word]] = []
    for start, end in spans:
        paragraph = " ".join(text[start:end].split())
        if paragraph in seen:
            continue  # a repeated caption or pull quote cites no one a second time
        seen.add(paragraph)
        words = tokenize(text, start, end)
        if words:
            read.append(words)
    for words, tagged in zip(read, tagger.tag_paragraphs(read, quotations.regions), strict=True):
        lowers, tags, starts = tagged.layout.lowers, tagged.layout.tags, tagged.layout.starts
        capitals = [entry[3] for entry in tagged.layout.entries]
        linked = link(lowers, tags, starts, tagged.sources_cues, tagged.content, capitals)
        by_rule = _quoted_as_saying(lowers, tags, starts, linked)
        by_rule += _verb_read_as_noun(lowers, tags, starts, linked + by_rule)
        if by_rule:
            linked = sorted(linked + by_rule, key=lambda item: item.cue)
        if not linked and previous:
            _goes_on_quoting(max(previous, key=lambda a: a.cue), words, quotations)
        in_paragraph: list[Attribution] = []
        previous = in_paragraph
        for position, item in enumerate(linked):
            first, last = item.cue
            confidence = sum(tagged.confidence[first : last + 1]) / (last - first + 1)
            if item.fallback and not any(tagged.confidence[first : last + 1]):
                confidence = 1.0  # a cue found by rule (_quoted_as_saying), not the tagger
            if confidence < MIN_CONFIDENCE and lowers[last - 1 : last + 1] != ACCORDING:
                continue  # ("according to" is an attribution however unsure the tagger is)

            def later(
                after: int = position, words: list[Word] = words, linked: list[Linked] = linked
            ) -> list[Attribution]:
                return [_plain(text, words, x) for x in linked[after + 1 :]]

            cue_words = lowers[first : last + 1]
            if set(cue_words) <= EVIDENTIAL:
                continue  # "reportedly" is read by rule below, with its clause as content
            if _MODALS & set(lowers[max(0, first - 1) : last + 1]) and not _clause(lowers, item):
                continue  # "residents can comment on the design": an ability, not a claim
            if (cue_words[0] in BE and cue_words[-1] in _ADDRESSED) or _told_me(lowers, last) >= 0:
                continue  # "the minister was told to wait": spoken to; "I am told": below
            if _possessed_plan(words, lowers, item):
                continue  # "North Korea's commitment to send troops": a plan, not a claim
            if _beat(lowers, item):
                continue  # "Ines Marlowe writes about objects": a writer's subject
            if _also_known_as(lowers, first, last):
                continue  # "the telescope, also known as Tianyan": a name, not a claim
            if _modified_by_participle(lowers, item):
                continue  # "the folly of Putin seeking help": a noun phrase, not a clause
            if EVIDENTIAL & set(cue_words) and load_lexicon().speech_verbs.isdisjoint(cue_words):
                continue  # "Some residents have reportedly hired": reportedly is the cue, below
            if _reduced_relative(lowers, tags, item):
                continue  # "the repair ordered then had not been finished": a noun described
            if _gerund_object(lowers, tags, item):
                continue  # "would … limit blasting", "to avoid saying": a deed named, not done
            attribution = _read(
                text, words, item, quotations, found + in_paragraph, later, last_person
            )
            if attribution is None:
                continue
            attribution.confidence = confidence
            if item.source is not None and not item.fallback:
                _, s_first, s_last = item.source
                source_words = tagged.confidence[s_first : s_last + 1]
                attribution.source_confidence = sum(source_words) / len(source_words)
            if not keep(attribution):
                continue
            in_paragraph.append(attribution)
            if (
                attribution.name
                and not attribution.vague
                and is_person(attribution.name, attribution.form, load_lexicon())
            ):
                last_person = attribution.name
        taken = [
            i
            for item in linked
            for i in range(item.cue[0], item.cue[1] + 1)
            if lowers[i] not in EVIDENTIAL and _told_me(lowers, item.cue[1]) < 0
        ]
        in_paragraph += _evidential(words, lowers, starts, set(taken), quotations)
        found.extend(sorted(in_paragraph, key=lambda a: a.cue[0]))
    return found


def _quoted_as_saying(
    lowers: list[str], tags: list[str], starts: list[bool], linked: list[Linked]
) -> list[Linked]:
    """ "Councillor Hayes is quoted in your paper as saying the road will close": the
    subject is the source, "is quoted … as saying" the cue, the rest of the sentence the
    content. The tagger leaves it untagged (PolNeAR's training articles hold one)."""
    found: list[Linked] = []
    taken = {i for item in linked for i in range(item.cue[0], item.cue[1] + 1)}
    sentence: list[int] = []
    for i, lower in enumerate(lowers):
        if lower != "quoted" or i < 2 or lowers[i - 1] not in BE or i in taken:
            continue
        sentence = sentence or sentence_ids(starts)
        same = range(i + 1, min(len(lowers) - 2, i + 12))
        saying = next((j for j in same if lowers[j : j + 2] == ["as", "saying"]), None)
        if saying is None or sentence[saying + 2] != sentence[i]:
            continue
        source = subject(lowers, tags, sentence, i - 1, saying + 1)
        if source is None:
            continue
        end = _sentence_end(lowers, sentence, saying + 2)
        found.append(Linked((i - 1, saying + 1), source, [(saying + 2, end)], fallback=True))
    return found


def _verb_read_as_noun(
    lowers: list[str], tags: list[str], starts: list[bool], linked: list[Linked]
) -> list[Linked]:
    """ "The port operator estimates that the detour adds 40 euros": a speech verb that is
    more often a noun ("estimates", "claims", "notes"), right after the noun phrase that
    opens its sentence and before "that". The look-up tags it a noun and the tagger
    leaves the sentence untagged; the subject is the source, the clause the content."""
    found: list[Linked] = []
    taken = {i for item in linked for i in range(item.cue[0], item.cue[1] + 1)}
    sentence: list[int] = []
    for i, lower in enumerate(lowers[1:-2], start=1):
        if lowers[i + 1] != "that" or i in taken or i + 1 in taken:
            continue
        if lower not in _noun_like_verbs() or not tags[i - 1].startswith("NN"):
            continue
        sentence = sentence or sentence_ids(starts)
        if sentence[i + 2] != sentence[i] or tags[i + 2].startswith(("VB", "MD")):
            continue  # "the company reports that were filed": "that" opens a relative
        source = subject(lowers, tags, sentence, i, i)
        if source is None or source[2] != i - 1:
            continue
        found.append(
            Linked((i, i), source, [(i + 1, _sentence_end(lowers, sentence, i + 1))], fallback=True)
        )
    return found


def _clause_end(lowers: list[str], starts: list[bool], at: int) -> int:
    """The last word of the clause ``at`` stands in (to its sentence's end or a semicolon),
    closing punctuation left out: the content of a cue found by rule in :func:`_evidential`."""
    last = at
    while last + 1 < len(lowers) and not starts[last + 1] and lowers[last + 1] != ";":
        last += 1
    while last > at and not lowers[last][:1].isalnum():
        last -= 1
    return last


def _sentence_end(lowers: list[str], sentence: list[int], first: int) -> int:
    """The last word of ``first``'s sentence from ``first`` on, closing punctuation left out:
    the content a rule-found cue takes."""
    end = first
    while end + 1 < len(lowers) and sentence[end + 1] == sentence[first]:
        end += 1
    while end > first and not lowers[end][:1].isalnum():
        end -= 1
    return end


@cache
def _noun_like_verbs() -> frozenset[str]:
    """Third-person speech verbs the look-up reads as nouns ("estimates", "claims")."""
    lexicon = load_lexicon()
    return frozenset(
        word
        for word in lexicon.speech_verbs | lexicon.that_verbs
        if word.endswith("s") and likely_tag(word).startswith("NN")
    )


def _goes_on_quoting(attribution: Attribution, words: list[Word], quotations: Quotations) -> None:
    """A paragraph with no cue that is one quotation goes on quoting the last speaker of
    the paragraph before ('"We stay," Ann Lee said.' then '"This is our home."'), when
    that speaker was quoted: the content reaches to its end. PolNeAR marks it so (out of
    fold, content word F1 0.856 -> 0.858)."""
    if attribution.content is None or attribution.kind == "indirect":
        return
    if quotations.share(words[0][1], words[-1][2]) < WHOLLY_QUOTED:
        return
    attribution.parts = (*attribution.content_parts, (words[0][1], words[-1][2]))
    attribution.content = (attribution.content[0], words[-1][2])


def keep(attribution: Attribution) -> bool:
    """Whether the tagger is sure enough of an attribution's source (or of its cue, where
    it has no source and the cue does not hide one)."""
    if attribution.unsourced:
        return attribution.confidence >= UNSOURCED_CONFIDENCE
    if attribution.source_confidence is None:
        return True
    least = MIN_VAGUE_CONFIDENCE if attribution.vague else MIN_NAMED_CONFIDENCE
    return attribution.source_confidence >= least


def _evidential(
    words: list[Word],
    lowers: list[str],
    starts: list[bool],
    taken: set[int],
    quotations: Quotations,
) -> list[Attribution]:
    """ "reportedly", "it is widely believed that": a claim handed to no one.

    Rules beside the tagger: PolNeAR marks these too seldom (19 of the 27
    "reportedly" in its training articles) for the tagger to find them reliably.
    An adverb is marked on itself, its content its own clause (from the last comma
    or semicolon before it to the end of the sentence); an impersonal passive is
    marked on "is widely believed", its content the clause after "that"; "I am told"
    on itself, its content the rest of its sentence.
    """
    found = []
    for i, lower in enumerate(lowers):
        if lower != "it" and lower != "told" and lower not in EVIDENTIAL:
            continue  # most words: no look-up of quotations or clauses
        if i in taken or quotations.at(words[i][1]):
            continue
        if lower == "it" and _impersonal(lowers, i) and not taken & set(range(i, i + 5)):
            found.append(_impersonal_passive(words, lowers, starts, i))
            continue
        if lower == "it" and _trailing_impersonal(lowers, i) and not taken & set(range(i, i + 5)):
            found.append(_trailing_passive(words, lowers, starts, i))
            continue
        if lower == "told" and _told_me(lowers, i) >= 0:
            found.append(_told_by_no_one(words, lowers, starts, i))
            continue
        if lower not in EVIDENTIAL:
            continue
        first = i
        while first > 0 and not starts[first] and lowers[first - 1] not in {",", ";"}:
            first -= 1
        while lowers[first] in _COORDINATORS and first < i:
            first += 1
        last = _clause_end(lowers, starts, i)
        cue = (words[i][1], words[i][2])
        content = (words[first][1], words[last][2])
        found.append(
            Attribution(
                cue, None, None, cue, content, True, "cue", mention=words[i][0], confidence=1.0
            )
        )
    return found


# "I am told", "we were told", "I've been told": the writer heard it from someone unnamed.
_TOLD_SUBJECTS = frozenset(["i", "we", "i'm", "we're", "i've", "we've"])
_PASSIVE = frozenset(["am", "are", "was", "were", "been"])
_TOLD_AUXILIARIES = _PASSIVE | {"have", "had"}
# "we were told to wait", "told by the mayor", "told about the plan": not a claim handed on.
_NOT_TOLD_A_CLAIM = frozenset(["to", "by", "about", "of", "so"])


def _told_me(lowers: list[str], told: int) -> int:
    """Where "I"/"we" opens "I am told", "we were told", "I've been told" ending at the
    word ``told``, or -1: a claim the writer heard from someone unnamed (PolNeAR marks "I
    was told that …" a vague attribution with no source)."""
    if lowers[told] != "told" or told + 1 >= len(lowers):
        return -1
    if lowers[told + 1] in _NOT_TOLD_A_CLAIM:
        return -1
    at = told - 1
    while at >= max(0, told - 3) and lowers[at] in _TOLD_AUXILIARIES:
        at -= 1
    if at < 0:
        return -1
    subject = lowers[at].replace("’", "'")
    if subject not in {"i'm", "we're"} and _PASSIVE.isdisjoint(lowers[at + 1 : told]):
        return -1  # "I told him", "I have told them": the writer speaking
    return at if subject in _TOLD_SUBJECTS else -1


def _told_by_no_one(
    words: list[Word], lowers: list[str], starts: list[bool], told: int
) -> Attribution:
    """ "I am told the money is not there": marked on "I am told", its content the rest of
    the sentence; "The council, I am told, has received complaints": the sentence around."""
    at = _told_me(lowers, told)
    first = told + 1
    if lowers[first] == ",":
        first = at
        while first > 0 and not starts[first]:
            first -= 1
    last = _clause_end(lowers, starts, told)
    cue = (words[at][1], words[told][2])
    content = (words[first][1], words[last][2]) if last > told else None
    mention = " ".join(w for w, _, _ in words[at : told + 1])
    return Attribution(cue, None, None, cue, content, True, "cue", mention=mention, confidence=1.0)


def _impersonal_participle(lowers: list[str], at: int) -> int:
    """Where the participle of "it is (widely) believed" starting at ``at`` ("it") stands,
    with a word after it, or 0."""
    end = at + 1
    if end >= len(lowers) or lowers[end] not in BE:
        return 0
    end += 1
    while end < len(lowers) and lowers[end].endswith("ly"):
        end += 1
    participles = load_lexicon().impersonal_participles
    return end if end + 1 < len(lowers) and lowers[end] in participles else 0


def _impersonal(lowers: list[str], at: int) -> int:
    """The end of "it is (widely) believed that" starting at ``at`` (the word "that"), or 0."""
    end = _impersonal_participle(lowers, at)
    return end + 1 if end and lowers[end + 1] == "that" else 0


def _trailing_impersonal(lowers: list[str], at: int) -> int:
    """The end of a closing ", it is learnt." starting at ``at`` ("it"; the participle), or 0."""
    if at < 1 or lowers[at - 1] != ",":
        return 0
    end = _impersonal_participle(lowers, at)
    return end if end and lowers[end + 1] in {".", ";"} else 0


def _trailing_passive(
    words: list[Word], lowers: list[str], starts: list[bool], at: int
) -> Attribution:
    """ "The routes will be cut from January, it is learnt.": marked on "is learnt", its
    content the sentence before the comma."""
    end = _trailing_impersonal(lowers, at)
    first = at - 1
    while first > 0 and not starts[first]:
        first -= 1
    cue = (words[at + 1][1], words[end][2])
    mention = " ".join(w for w, _, _ in words[at + 1 : end + 1])
    content = (words[first][1], words[at - 2][2]) if at - 2 >= first else None
    return Attribution(cue, None, None, cue, content, True, "cue", mention=mention, confidence=1.0)


def _impersonal_passive(
    words: list[Word], lowers: list[str], starts: list[bool], at: int
) -> Attribution:
    """ "It is widely believed that …": marked on "is widely believed", the clause after."""
    that = _impersonal(lowers, at)
    last = _clause_end(lowers, starts, that)
    cue = (words[at + 1][1], words[that - 1][2])
    mention = " ".join(w for w, _, _ in words[at + 1 : that])
    content = (words[that][1], words[last][2]) if last > that else None
    return Attribution(cue, None, None, cue, content, True, "cue", mention=mention, confidence=1.0)


def _possessed_plan(words: list[Word], lowers: list[str], item: Linked) -> bool:
    """Whether the cue is a lone noun after its possessive source that says nothing
    ("North Korea's commitment to send troops", "the party's decision"), unlike
    "the senator's statement that …"."""
    if item.source is None or item.cue[0] != item.cue[1]:
        return False
    cue = item.cue[0]
    if cue < 1 or lowers[cue - 1] != "'s" or item.source[2] < cue - 2:
        return False
    return likely_tag(words[cue][0]).startswith("NN") and (
        lowers[cue] not in load_lexicon().speech_nouns
    )


# A writer's habit, not a claim: "writes about objects".
_WRITES = frozenset(["write", "writes"])
_REPORTED_OPENERS = _CLAUSE_STARTS | {"how", "why", "what", "when", "where", "who"}


def _beat(lowers: list[str], item: Linked) -> bool:
    """Whether the cue is "writes about" in the present, habitual, and what follows
    "about" is a topic rather than a clause or a quotation ("Ines Marlowe writes about
    objects and the people who keep them", the contributor's note under an essay): what a
    writer covers, not what they claim. "wrote about how …", "writes that …" stay."""
    first, last = item.cue
    if not _WRITES & set(lowers[first : last + 1]) or last + 2 >= len(lowers):
        return False
    topic = last + 1 if lowers[last] == "about" else last + 2
    if lowers[topic - 1] != "about":
        return False
    return lowers[topic] not in _REPORTED_OPENERS and lowers[topic] not in QUOTE_MARKS


def _modified_by_participle(lowers: list[str], item: Linked) -> bool:
    """Whether the cue is a participle right after its tagged named source, with no comma
    or verb between ("the strategic folly of Putin seeking assistance", "a group backing
    the governor"): a phrase describing the source, which out of fold is as often no
    attribution as one ("Trump calling for a ban"). Vague sources keep it ("polls
    showing her lead", "22 percent saying")."""
    if item.source is None or item.fallback or item.source[0] != "NAM":
        return False
    if item.source[2] + 1 != item.cue[0]:
        return False
    return lowers[item.cue[0]].endswith("ing")


# What comes before a bare verb ("would plant trees and limit", "to avoid").
_BARE_BEFORE = frozenset("to and or not n't never".split()) | _MODALS
# "that", "whom" before a subject: "whom many progressives believed was …" is said.
_RELATIVES = frozenset("who whom which that".split())
_AUXILIARIES = frozenset("had has have was were is are will would".split())


def _gerund_object(lowers: list[str], tags: list[str], item: Linked) -> bool:
    """Whether the cue is an -ing word that is the object of a bare verb ("would plant a
    buffer of trees and limit blasting to weekday afternoons", "to avoid saying"): a
    deed named, which no one is doing, so nothing is attributed. The look-up tags many
    bare verbs as nouns ("limit"), so a noun after "to", "and", "or", "not" or a modal
    counts too. (A cue right after "to" stays: out of fold, one more missed than fixed.)"""
    first, last = item.cue
    if first != last or first < 2 or lowers[first] == "according":
        return False
    if not lowers[first].endswith("ing"):
        return False
    before = lowers[first - 1]
    return (
        before.isalpha() and tags[first - 1] in {"VB", "NN"} and (lowers[first - 2] in _BARE_BEFORE)
    )


def _reduced_relative(lowers: list[str], tags: list[str], item: Linked) -> bool:
    """Whether the cue is a past participle describing the noun before it, whose own verb
    follows ("the repair ordered then had not been finished"): a verb right after the
    cue, or after one adverb, leaves the cue no clause to report."""
    first, last = item.cue
    if first != last or first == 0 or not lowers[first].endswith("ed"):
        return False
    if not tags[first - 1].startswith("NN"):
        return False
    if _RELATIVES & set(lowers[max(0, first - 5) : first]):
        return False  # "whom many progressives believed was …": they believe it
    after = last + 1
    if after < len(lowers) and tags[after] == "RB" and lowers[after] not in {"not", "n't"}:
        after += 1
    return after < len(lowers) and lowers[after] in _AUXILIARIES


def _clause(lowers: list[str], item: Linked) -> bool:
    """Whether a cue's content is a clause or a quotation ("will argue that …")."""
    if not item.content:
        return False
    first = lowers[item.content[0][0]]
    return first in _CLAUSE_STARTS or first in QUOTE_MARKS


def _spans(words: list[Word], item: Linked) -> tuple[tuple[int, int], tuple[int, int] | None]:
    cue = (words[item.cue[0]][1], words[item.cue[1]][2])
    content = None
    if item.content:
        content = (
            words[min(a for a, _ in item.content)][1],
            words[max(b for _, b in item.content)][2],
        )
    return cue, content


def _plain(text: str, words: list[Word], item: Linked) -> Attribution:
    """A later attribution of the paragraph, read only for its name (a quotation's speaker)."""
    cue, content = _spans(words, item)
    if item.source is None:
        return Attribution(cue, None, None, cue, content, True, "cue")
    kind, first, last = item.source
    last = _apposed_name(words, first, last)
    mention = read_mention(text, words[first : last + 1], kind == "VAG", load_lexicon())
    if mention is None or mention.form in {"pronoun", "negated"}:
        return Attribution(cue, None, None, cue, content, True, "cue")
    return Attribution(
        (mention.start, mention.end),
        mention.name,
        mention.role,
        cue,
        content,
        mention.form == "vague",
        mention.form,
    )


def _read(
    text: str,
    words: list[Word],
    item: Linked,
    quotations: Quotations,
    before: list[Attribution],
    after: Callable[[], list[Attribution]],
    last_person: str | None,
) -> Attribution | None:
    """The attribution an item stands for, or None when it cites no one."""
    cue, content = _spans(words, item)
    after_cue = _according_to(words, item) if item.source is None else None
    if after_cue is not None:
        item = Linked(item.cue, ("NAM", *after_cue), item.content)
    if item.source is None:
        found = Attribution(
            cue, None, None, cue, content, True, "cue", mention=text[cue[0] : cue[1]]
        )
        found.unsourced = not _hides_its_source(words, item.cue[0], item.cue[1])
    else:
        kind, first, last = item.source
        last = _apposed_name(words, first, last)
        mention = read_mention(text, words[first : last + 1], kind == "VAG", load_lexicon())
        if mention is None or mention.form == "negated":
            return None
        words_of = text[mention.start : mention.end]
        if not _could_speak(words_of, text, words, item):
            return None
        name, vague, form = mention.name, mention.form == "vague", mention.form
        if words_of.lower() in QUANTIFIERS:
            name, vague = None, True  # "Several said": some people, no one named
        elif vague and _capital_word(words_of):
            # "Fry said …" after "Dr. Helena Fry, a professor …, said": named before
            named = _named_before(words_of, before)
            if named is not None:
                name, vague, form = named, False, "name"
        if mention.form == "pronoun":
            pronoun = words_of.lower()
            quoted = quotations.at(mention.start) is not None
            antecedent = resolve(pronoun, mention.start, text, quoted, before, after(), last_person)
            if antecedent is None or (pronoun == "who" and not _speaks(words, item)):
                return None
            name, vague = antecedent.name, antecedent.vague
        found = Attribution(
            (mention.start, mention.end),
            name,
            mention.role,
            cue,
            content,
            vague,
            form,
            mention=words_of,
        )
    if content is not None:
        around = (min(found.source[0], cue[0]), max(found.source[1], cue[1]))
        spans = [(words[a][1], words[b][2]) for a, b in sorted(item.content)]
        parts = _without(text, around, spans)
        found.kind = quotations.kind_of(parts)
        if len(parts) > 1:
            found.parts = tuple(parts)
    return found


def _also_known_as(lowers: list[str], first: int, last: int) -> bool:
    """Whether the cue is "known" of "also known as", which names, not claims."""
    window = lowers[max(0, first - 1) : last + 2]
    return any(window[i : i + 3] == ["also", "known", "as"] for i in range(len(window) - 2))


def _capital_word(words: str) -> bool:
    """One word opening with a capital and going on in lower case ("Fry", not "NATO")."""
    return words.isalpha() and words[:1].isupper() and words[1:].islower()


def _named_before(surname: str, before: list[Attribution]) -> str | None:
    """The name of someone already cited by name whose last word is ``surname``."""
    for attribution in reversed(before):
        if attribution.name and not attribution.vague and attribution.name.split()[-1] == surname:
            return attribution.name
    return None


def _without(
    text: str, attribution: tuple[int, int], parts: list[tuple[int, int]]
) -> list[tuple[int, int]]:
    """The content's parts with the source and cue cut out where they interrupt one
    ('"A," she said, "B."' tagged as one span is two parts, both quoted)."""
    out = []
    for start, end in parts:
        if start < attribution[0] and attribution[1] < end:
            out += [_strip(text, start, attribution[0]), _strip(text, attribution[1], end)]
        else:
            out.append((start, end))
    return [(start, end) for start, end in out if start < end]


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    """``(start, end)`` without the spaces and punctuation that joined it to the attribution."""
    while start < end and text[start] in _JOINERS:
        start += 1
    while end > start and text[end - 1] in _JOINERS:
        end -= 1
    return start, end


def _speaks(words: list[Word], item: Linked) -> bool:
    """Whether a cue is a verb of saying or of thinking ("who said", "who believes that"),
    not a deed told in a relative clause ("Sanders, who has endorsed Clinton")."""
    lexicon = load_lexicon()
    cue = [w.lower() for w, _, _ in words[item.cue[0] : item.cue[1] + 1]]
    return any(w in lexicon.speech_verbs or w in lexicon.that_verbs for w in cue)


def _apposed_name(words: list[Word], first: int, last: int) -> int:
    """The source's last word, taking in a name set off after a description the tagger
    stopped at: "described by his wife, Denise, as …" (the name is Denise).

    Only a determiner-led description of lower-case words, then a comma, one to three
    capitalised words and a comma or full stop.
    """
    head = [w.lower() for w, _, _ in words[first : last + 1]]
    if head[0] not in _DESCRIPTION_DETERMINERS or any(
        w[:1].isupper() for w, _, _ in words[first + 1 : last + 1]
    ):
        return last
    if last + 2 >= len(words) or words[last + 1][0] != ",":
        return last
    end = last + 2
    while end < len(words) and end - last - 2 < 3 and words[end][0][:1].isupper():
        end += 1
    if end == last + 2 or end >= len(words) or words[end][0] not in {",", "."}:
        return last
    return end - 1


def _hides_its_source(words: list[Word], first: int, last: int) -> bool:
    """A cue that names no one by its nature: "reportedly", "according to", or a
    participle with a form of "be" ("is widely believed", "is expected to", "was said";
    not "once known for").

    Not "seems" or "appears": PolNeAR marks "the mayor seemed to be …" with no source,
    but a reader sees the writer's own impression, not a claim handed to someone unnamed.
    """
    lexicon = load_lexicon()
    lowers = [w.lower() for w, _, _ in words[max(0, first - 1) : last + 1]]
    if any(w in lexicon.vague_adverbs or w == "according" for w in lowers):
        return True
    if BE.isdisjoint(lowers) or lexicon.impersonal_participles.isdisjoint(lowers):
        return False
    if "expected" not in lowers:
        return True
    # "New signs are expected at both entrances": a thing due, no claim; "The river is
    # expected to reach …", "it is expected that …" hand a forecast to someone unnamed
    after = [w.lower() for w, _, _ in words[last : last + 2]]
    return not {"to", "that"}.isdisjoint(after)


def _could_speak(words_of: str, text: str, words: list[Word], item: Linked) -> bool:
    """Whether a tagged source can be someone a claim comes from.

    Not a transcript's one-letter label ("Q:"), a clause ("ask if they would like"), a
    stretch of time ("adding about ten minutes to journeys") or a share doing something other than speaking ("87
    percent backed"; PolNeAR does mark a poll's "22 percent said"); not a noun
    introduced by name ("an engineer called Frank"); not a lone capitalised word in
    a short line with no full stop (a headline, a summary bullet) that the text
    also writes in lower case ("Union says …" above "the union"); not a thing that
    seems or needs ("the optics of … needing to": the writer's view of it, no one's claim;
    PolNeAR's sources with other cues include ads, emails and crowds, so only these go).
    """
    tokens = words_of.split()
    if len(words_of) == 1 and words_of.isupper():
        return False  # "Q: Do you think …": an interview's label, not someone cited
    lowers = [t.lower().strip(".,") for t in tokens]
    first = lowers[0]
    if first in _CLAUSE_OPENERS or _TIMES & set(lowers) or all(t[:1].isdigit() for t in tokens):
        return False
    cue_word = words[item.cue[0]][0].lower()
    if _SHARES & set(lowers) and "of" not in lowers and cue_word not in load_lexicon().speech_verbs:
        return False  # "87 percent backed the walkout" is a vote; "22 percent saying" a poll
    cue_last = item.cue[1]
    after = words[cue_last + 1][0] if cue_last + 1 < len(words) else ""
    indefinite = {"a", "an"} & set(lowers)
    if cue_word in _NAMING and indefinite and after[:1].isupper():
        return False
    if cue_word in _APPEARANCE and _a_thing(tokens, load_lexicon()):
        return False  # "The quid pro quo … seems", "The optics of … needing to"
    headline = len(words) <= 12 and words[-1][0][:1].isalnum()
    if headline and len(tokens) == 1 and tokens[0][:1].isupper():
        return re.search(rf"\b{re.escape(first)}\b", text) is None
    return True


def _a_thing(tokens: list[str], lexicon: Lexicon) -> bool:
    """A common-noun phrase whose head is no speaker: "the quid pro quo between …".

    The head is the last word before a preposition; a known speaker noun ("the
    ministry", "officials", "the report") or any capitalised word makes it someone.
    """
    if len(tokens) < 2 or tokens[0].lower() not in _THING_DETERMINERS:
        return False
    lowers = [t.lower().strip(".,") for t in tokens]
    end = next((i for i, w in enumerate(lowers) if i and w in _PREPOSITIONS), len(lowers))
    if any(t[:1].isupper() for t in tokens[1:end]):
        return False
    head = lowers[end - 1]
    speakers = (
        lexicon.vague_nouns | lexicon.definite_nouns | lexicon.titles | lexicon.impersonal_heads
    )
    return head not in speakers and head.rstrip("s") not in speakers


def _according_to(words: list[Word], item: Linked) -> tuple[int, int] | None:
    """The words after a sourceless "according to", up to a comma or full stop.

    The tagger sometimes marks "according to" as the cue and leaves "the national
    weather service" after it unmarked; a reader sees the service as the source. Up to a
    dozen words: "a proposal prepared by the undertaking's traffic department" (nine
    allowed before 2.4.5, when the mention shown was "According to" itself; out of fold
    P 0.85124 -> 0.85145, R 0.59693 -> 0.59709).
    """
    first, last = item.cue
    if [w.lower() for w, _, _ in words[first : last + 1]][-2:] != ACCORDING:
        return None
    end = last + 1
    while end < len(words) and words[end][0] not in {",", ".", ";", ":", "!", "?"}:
        end += 1
    if end == last + 1 or end - last > 12:
        return None
    return last + 1, end - 1
