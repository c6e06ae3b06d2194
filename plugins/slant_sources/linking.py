"""Tag sequences into attributions: each cue with its source and its content.

The tagger marks spans; which source a cue belongs to and which content is whose
is decided here, within a paragraph. A cue takes the nearest source of its
sentence (one after it, as in '"…," said X', counts as slightly farther), so "X
said A and added B" gives two attributions with one source. Each content span
goes to the nearest cue outside it, so '"A," she said, "B."' is one content from A
to B. A cue inside someone else's content with no content of its own gets the
rest of that content.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import accumulate, compress

from slant_sources.features import QUOTE_MARKS

# A source after its cue ('said X') is counted this many words farther than one before.
AFTER_PENALTY = 2.0
_SUBJECT_STOPS = frozenset([",", "(", "who", "that", "which", ":", "—", "–"])
_LONGEST_SUBJECT = 8
# A second clause's subject (", and owner Graham Pettit said"): its opener, its length.
_CLAUSE_OPENERS = frozenset(["and", "but", ";"])
_LONGEST_CLAUSE_SUBJECT = 5
# After "said", a phrase of time or manner is not what was said ("…, the office said on
# Tuesday in a statement"): the content is then the clause before.
_ADVERBIAL_OPENERS = frozenset(
    "on in at last this late early earlier later yesterday today tonight during after "
    "before while when through via by".split()
)
_ADVERBIAL_WORDS = 5
_LONGEST_APPOSITIVE = 20
_AGENT_STOPS = frozenset(
    "as , . ; : for that to and who on in at after before during last this".split()
)
_ENDS = frozenset([",", ".", ";", ":", "!", "?"])
_FULL_STOPS = frozenset([".", "!", "?"])
# Abbreviations the tokenizer leaves apart from their stop: "Sens. Ted Cruz …", "v. Texas".
_PLURAL_TITLES = frozenset("sens reps govs gens drs profs messrs v vs".split())
#: Forms of "be", for passives ("is expected to") and "is quoted … as saying".
BE = frozenset("is are was were be been being 's".split())
# What opens the content right after a second verb taken as a cue ("joked that", "said:").
_SAID_OPENERS = QUOTE_MARKS | {"that", ":", ","}
# Who is spoken to between a cue and what is said ("told him that …").
_OBJECTS = frozenset("him her them me us you reporters".split())
# The cue that names its source after it ("according to the ministry").
ACCORDING = ["according", "to"]
_INDEFINITE = frozenset("a an one some several many two three four five".split())


@dataclass
class Linked:
    """One attribution as token ranges (inclusive) within a paragraph."""

    cue: tuple[int, int]
    source: tuple[str, int, int] | None  # (NAM or VAG, first, last)
    content: list[tuple[int, int]] = field(default_factory=list)
    fallback: bool = False  # the source was found by the subject rule, not the tagger


def spans(
    tags: list[str], kinds: frozenset[str], breaks: list[bool] | None = None
) -> list[tuple[str, int, int]]:
    """``(kind, first, last)`` token ranges of the BIO ``tags`` of the given kinds.

    With ``breaks`` (true where a word opens a sentence after a full stop) a span ends
    with its sentence: the tagger once ran a source on from '… said Mayor Owen Tremblay
    of Kelsall.' into the next sentence's 'Dr. Samir Haddad, the centre's medical
    director, said …', one source with the second speaker for a role.
    """
    found: list[list] = []
    current: list | None = None
    # Only the tagged words are visited (most are "O"): a span continues only onto the
    # very next word, so skipping the others changes nothing.
    for i in compress(range(len(tags)), map("O".__ne__, tags)):
        tag = tags[i]
        kind = tag[2:]
        if kind not in kinds:
            current = None
            continue
        if (
            tag[0] == "I"
            and current is not None
            and current[0] == kind
            and current[2] == i - 1
            and not (breaks and breaks[i])
        ):
            current[2] = i
        else:
            current = [kind, i, i]
            found.append(current)
    return [(kind, first, last) for kind, first, last in found]


def _full_stops(lowers: list[str], capitals: list[bool] | None) -> list[bool] | None:
    """Where a word of two letters or more opens with a capital after a full stop, outside
    brackets and not after an abbreviation: a sentence surely starts there. The
    segmenter's sentence starts are no guide, as they follow every stop: "Sen. Ted Cruz
    (R-Tex.) said", "Breitbart.com"."""
    if capitals is None:
        return None
    breaks = [False] * len(lowers)
    depth = 0
    for i, word in enumerate(lowers):
        if word == "(":
            depth += 1
        elif word == ")":
            depth = max(0, depth - 1)
        breaks[i] = (
            depth == 0
            and i > 0
            and lowers[i - 1] in _FULL_STOPS
            and (i < 2 or lowers[i - 2] not in _PLURAL_TITLES)
            and capitals[i]
            and sum(c.isalpha() for c in word) >= 2
        )
    return breaks


def sentence_ids(starts: list[bool]) -> list[int]:
    """The sentence number of every word, from where sentences start."""
    return list(accumulate(starts[1:], initial=0)) if starts else []


def link(
    lowers: list[str],
    tags: list[str],
    starts: list[bool],
    sources_cues: list[str],
    content: list[str],
    capitals: list[bool] | None = None,
) -> list[Linked]:
    """The paragraph's attributions, one per tagged cue, in text order.

    ``tags`` are the words' likely parts of speech, used only by the subject rule;
    ``capitals`` (which words open with a capital) let a source end at a full stop.
    """
    sentence = sentence_ids(starts)
    sources = spans(sources_cues, frozenset(["NAM", "VAG"]), _full_stops(lowers, capitals))
    found = []
    for _, first, last in spans(sources_cues, frozenset(["CUE"])):
        according = lowers[last - 1 : last + 1] == ACCORDING
        if according:
            # "Sanders said, according to CNN": the source follows, whoever came before
            # (attributions.py reads the words after it when the tagger marked none)
            source = next((x for x in sources if x[1] == last + 1), None)
        else:
            source = _nearest_source(sources, sentence, first, last)
        fallback = False
        if source is None and not according and not _passive(lowers, first, last):
            source = subject(lowers, tags, sentence, first, last) or _inverted(
                lowers, tags, sentence, last
            )
            fallback = source is not None
        found.append(Linked((first, last), source, fallback=fallback))
    if found:
        contents = [
            (kind, first, _quotation_or_sentence_end(lowers, sentence, first, last))
            for kind, first, last in spans(content, frozenset(["CON"]))
        ]
        _give_content(lowers, found, contents, sentence)
        for attribution in found:
            if not attribution.content:
                others = {other.cue[1] for other in found if other is not attribution}
                attribution.content = _rest_of_clause(lowers, sentence, attribution, others)
            elif (
                _passive(lowers, *attribution.cue)
                and attribution.content[-1][1] < attribution.cue[0]
            ):
                attribution.content += _what_is_expected(lowers, sentence, attribution.cue[1])
            _by_agent(lowers, sentence, attribution)
    return found


def _quotation_or_sentence_end(
    lowers: list[str], sentence: list[int], first: int, last: int
) -> int:
    """Where a tagged content really ends: not past a quotation that closes its sentence.

    'Odum said that recording them would "formalize conversations." We respect Odum's
    years of service, …': the tagger ran the content on into the writer's next sentence.
    A quotation still open at the sentence end ('said: "A. B."') goes on, and so does
    unquoted content, which PolNeAR's annotators do run on (cutting it there too lowered
    content word F1 out of fold, 0.8579 -> 0.8570; this cut raised it to 0.8586).
    """
    open_quote = False
    for at in range(first, last):
        if lowers[at] not in QUOTE_MARKS:
            continue
        open_quote = not open_quote
        if (
            not open_quote
            and sentence[at + 1] != sentence[at]
            and lowers[at + 1] not in QUOTE_MARKS
        ):
            return at
    return last


def _passive(lowers: list[str], first: int, last: int) -> bool:
    """A passive cue before "to" ("is expected to", "was believed to"): its subject is what
    is said, not who says it ("The project is expected to cost more")."""
    if lowers[last] != "to":
        last += 1
    if last >= len(lowers) or lowers[last] != "to" or last - 1 <= first:
        return False
    return lowers[first] in BE and lowers[last - 1][-2:] in {"ed", "en"}


def _what_is_expected(
    lowers: list[str], sentence: list[int], cue_last: int
) -> list[tuple[int, int]]:
    """ "The council is expected to vote in June", its subject tagged as content: what is
    expected goes on from "to" to the end of the clause (PolNeAR marks both parts)."""
    begin = cue_last + 1 if lowers[cue_last] != "to" else cue_last
    end = begin
    while end < len(lowers) and sentence[end] == sentence[begin] and lowers[end] not in {";", "."}:
        end += 1
    return [(begin, end - 1)] if end - begin >= 2 else []


def _by_agent(lowers: list[str], sentence: list[int], attribution: Linked) -> None:
    """A passive cue's source is its "by" agent, not its subject: in "the treaty, often
    derided by the West as a sham", the West derides and the treaty is what it says."""
    last = attribution.cue[1]
    by = last + 1
    if by >= len(lowers) or lowers[by] != "by" or lowers[last][-2:] not in {"ed", "en"}:
        return
    end = by + 1
    while (
        end < len(lowers)
        and sentence[end] == sentence[by]
        and lowers[end] not in _AGENT_STOPS
        and end - by <= _LONGEST_SUBJECT
    ):
        end += 1
    if end == by + 1 or end - by > _LONGEST_SUBJECT:
        return
    attribution.source = ("NAM", by + 1, end - 1)
    attribution.fallback = True
    if end < len(lowers) and lowers[end] == "as":
        stop = end + 1
        while stop < len(lowers) and sentence[stop] == sentence[end] and lowers[stop] not in _ENDS:
            stop += 1
        attribution.content = [(end + 1, stop - 1)] if stop > end + 1 else []
    else:
        attribution.content = [(c0, c1) for c0, c1 in attribution.content if c0 > end]


def _inverted(lowers, tags, sentence, cue):
    """The noun phrase right after a cue that ends a quotation's clause ('"…," said
    Pierre Martin', '"…," said a person familiar with the talks')."""
    if cue == 0 or lowers[cue - 1] not in QUOTE_MARKS | {","} or lowers[cue].endswith("ing"):
        return None  # after "…, citing", the phrase is what is cited, not who cites it
    end = cue + 1
    while (
        end < len(lowers)
        and sentence[end] == sentence[cue]
        and lowers[end] not in _SUBJECT_STOPS
        and lowers[end] not in {".", "!", "?", ";"}
    ):
        end += 1
    if end == cue + 1 or end - cue - 1 > _LONGEST_SUBJECT:
        return None
    if not any(tags[i].startswith(("NN", "UNK")) for i in range(cue + 1, end)):
        return None
    indefinite = lowers[cue + 1] in _INDEFINITE
    return ("VAG" if indefinite else "NAM", cue + 1, end - 1)


def _rest_of_clause(
    lowers, sentence, attribution: Linked, other_cue_ends: set[int]
) -> list[tuple[int, int]]:
    """Content for a cue the content tagger left without: the rest of its sentence after
    the cue (and after its source, when that follows), or, in '"…," said X', in
    "…, the department said on Tuesday" and in "…, the company said, Reuters reported"
    (the rest is only who relays it), the words of the sentence before the cue."""
    first, last = attribution.cue
    if attribution.source is not None and attribution.source[1] > last:
        last = attribution.source[2]
    end = last + 1
    while end < len(lowers) and sentence[end] == sentence[first] and lowers[end] != ";":
        end += 1
    while (
        end > last + 1 and not lowers[end - 1][:1].isalnum() and lowers[end - 1] not in QUOTE_MARKS
    ):
        end -= 1
    begin = last + 1
    while begin < end and not lowers[begin][:1].isalnum() and lowers[begin] not in QUOTE_MARKS:
        begin += 1
    if end - begin > 2 and lowers[begin] in _OBJECTS and lowers[begin + 1] in _SAID_OPENERS:
        begin += 1  # "told him that …": what was said starts at "that"
    relayed = lowers[last + 1 : last + 2] == [","] and end - 1 in other_cue_ends
    if end - begin >= 2 and not _only_when_or_how(lowers[begin:end]) and not relayed:
        return [(begin, end - 1)]
    start = first
    if attribution.source is not None and attribution.source[1] < first:
        start = attribution.source[1]
    begin = start
    while begin > 0 and sentence[begin - 1] == sentence[first]:
        begin -= 1
    stop = start
    while (
        stop > begin and not lowers[stop - 1][:1].isalnum() and lowers[stop - 1] not in QUOTE_MARKS
    ):
        stop -= 1
    return [(begin, stop - 1)] if stop - begin >= 2 else []


def _only_when_or_how(words: list[str]) -> bool:
    """A short phrase of time or manner, not something said: "on Tuesday", "in a statement"."""
    return len(words) <= _ADVERBIAL_WORDS and words[0] in _ADVERBIAL_OPENERS


def _nearest_source(sources, sentence, first, last):
    best, best_distance = None, float("inf")
    for source in sources:
        _, s_first, s_last = source
        if sentence[s_first] != sentence[first] and sentence[s_last] != sentence[first]:
            continue
        if s_last < first:
            distance = first - s_last
        elif s_first > last:
            distance = s_first - last + AFTER_PENALTY
        else:
            continue
        if distance < best_distance:
            best, best_distance = source, distance
    return best


def _give_content(
    lowers: list[str],
    found: list[Linked],
    contents: list[tuple[str, int, int]],
    sentence: list[int],
) -> None:
    for _, first, last in contents:
        best, best_distance = None, float("inf")
        for attribution in found:
            c_first, c_last = attribution.cue
            if first <= c_first <= last:
                continue  # a cue inside this content is someone the content reports
            if sentence[c_first] not in {sentence[first], sentence[last]}:
                continue  # another sentence's content: its cue was missed
            distance = c_first - last if last < c_first else first - c_last
            if distance < best_distance:
                best, best_distance = attribution, distance
        if best is None and lowers[first] in QUOTE_MARKS:
            best = _quoted_before(found, sentence, first)
        if best is not None:
            best.content.append((first, last))
    for attribution in found:
        if attribution.content:
            continue
        c_first, c_last = attribution.cue
        for _, first, last in contents:
            if first <= c_first <= last and c_last < last:
                attribution.content.append((c_last + 1, last))
                break


def _quoted_before(found: list[Linked], sentence: list[int], first: int) -> Linked | None:
    """Who a quotation goes on speaking for, in a sentence with no cue of its own.

    '"Nobody wants this," Ortiz said. "But we cannot spend money we do not have."':
    the second quotation is Ortiz's too: the last attribution whose cue is in the sentence
    before.
    """
    before = [a for a in found if sentence[a.cue[0]] == sentence[first] - 1 and a.content]
    return before[-1] if before else None


def subject(
    lowers: list[str], tags: list[str], sentence: list[int], cue: int, cue_last: int
) -> tuple[str, int, int] | None:
    """The noun phrase that opens the cue's sentence, when only an appositive lies
    between them ("Scot Ross, executive director of One Wisconsin Now, said"), the
    cue is a participle of the sentence's verb ("John Foreman, …, captured it by
    stating") or its second verb ("Carson turned the story around, pointing out"):
    the tagger often misses a subject that far from its cue."""
    clause = _clause_subject(lowers, tags, sentence, cue)
    if clause is not None:
        return clause
    start = cue
    while start > 0 and sentence[start - 1] == sentence[cue]:
        start -= 1
    if tags[start] == "IN":
        # "In a statement read to the court, the club's commodore, …, said": the subject
        # follows the opening phrase's comma
        comma = next((i for i in range(start, cue) if lowers[i] == ","), None)
        if comma is None or comma - start > _LONGEST_SUBJECT:
            return None
        start = comma + 1
    end = start
    while (
        end < cue and lowers[end] not in _SUBJECT_STOPS and not tags[end].startswith(("VB", "MD"))
    ):
        end += 1
    if end == start or end - start > _LONGEST_SUBJECT or tags[start] == "IN":
        return None
    if not any(tags[i].startswith(("NN", "PRP", "UNK")) for i in range(start, end)):
        return None
    if end == cue or (tags[end].startswith(("VB", "MD")) and _second_verb(lowers, cue, cue_last)):
        return ("NAM", start, end - 1)
    if not _appositive_then_cue(lowers, end, cue):
        return None
    closing = next((i for i in range(end + 1, cue) if lowers[i] in {",", ")"}), end)
    return ("NAM", start, closing - 1)  # the appositive is the role: mentions.py splits it


def _clause_subject(
    lowers: list[str], tags: list[str], sentence: list[int], cue: int
) -> tuple[str, int, int] | None:
    """The noun phrase right before the cue that opens a second clause: "The lease runs
    out in 2028, and owner Graham Pettit has said he will look at other cities"."""
    start = cue
    while (
        start > 0
        and cue - start < _LONGEST_CLAUSE_SUBJECT
        and sentence[start - 1] == sentence[cue]
        and lowers[start - 1] not in _CLAUSE_OPENERS
        and not tags[start - 1].startswith(("VB", "MD", "IN", "W"))
        and lowers[start - 1] not in _SUBJECT_STOPS
    ):
        start -= 1
    if start == cue or start < 2 or lowers[start - 1] not in _CLAUSE_OPENERS:
        return None
    if lowers[cue] in BE and cue + 1 < len(tags) and tags[cue + 1] in {"VBN", "VBD"}:
        return None  # a passive: "and the matter is considered closed"
    if lowers[start - 1] != ";" and lowers[start - 2] != ",":
        return None
    if not any(tags[i].startswith(("NN", "UNK")) for i in range(start, cue)):
        return None
    return ("NAM", start, cue - 1)


def _second_verb(lowers: list[str], cue: int, cue_last: int) -> bool:
    """Whether the cue is a second verb of its sentence's subject, followed by what is
    said: a participle after a comma ("Carson turned the story around, pointing out
    that …") or a verb after "and" or "but" ("He adopted an accent and joked, “…”",
    "The judge granted bail but told him that …"); not
    "Bus routes will divert, adding ten minutes to journeys"."""
    after = cue_last + 1
    if after < len(lowers) and lowers[after] in _OBJECTS:
        after += 1  # "… but told him that": the one spoken to, then what was said
    if after >= len(lowers) or lowers[after] not in _SAID_OPENERS:
        return False
    before = lowers[cue - 1]
    if before in {"and", "but"}:
        return True
    participle = lowers[cue].endswith("ing") or (
        lowers[cue].endswith("ly") and cue + 1 < len(lowers) and lowers[cue + 1].endswith("ing")
    )
    return before == "," and participle


def _appositive_then_cue(lowers: list[str], end: int, cue: int) -> bool:
    """Whether words ``end`` to the cue are an appositive and then the cue (", said"), or
    the cue is a participle after "by" or a comma ("…, aptly captured it by stating")."""
    if lowers[end] not in {",", "("} or cue - end > _LONGEST_APPOSITIVE:
        return False
    if lowers[cue - 1] in {",", ")"}:
        return True
    return lowers[cue].endswith("ing") and lowers[cue - 1] in {"by", ","}
