"""Sentence features shared by training and the runtime, each tied to the words it came from.

Training and scoring call the same :func:`featurize`, so the shipped weights score exactly
what they were fitted on, and every feature points at the tokens that produced it: that is
what lets the analyzer underline the words that drove a label (its cues) from the model's
own weights instead of a separate list.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from typing import NamedTuple

#: Words, numbers, single punctuation marks. Only whitespace and ``_`` fall between tokens,
#: which lets :class:`~slant_opinion.model.Scored` recover spans with ``str.find``.
TOKEN = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*|\d+(?:[.,:]\d+)*%?|[^\w\s]")
_DIGIT = re.compile(r"\d")

FIRST_PERSON = frozenset(
    "i me my mine myself we us our ours ourselves i'm i've we're we've".split()
)
ADDRESS = frozenset("you your yours yourself yourselves you're you've".split())
HEDGES = frozenset(
    """perhaps maybe probably possibly likely unlikely apparently seemingly arguably
    seem seems seemed appear appears appeared suggest suggests suggesting presumably
    supposedly allegedly somewhat rather fairly quite doubt doubtful""".split()
)
MODALS = frozenset("should must ought shall would could might may cannot can't won't".split())
INTENSIFIERS = frozenset(
    """very really truly deeply utterly extremely highly totally absolutely simply just
    so too far even only indeed clearly obviously surely certainly hardly nothing""".split()
)
ATTRIBUTION = frozenset(
    """said says say told tells according reported reports reportedly announced
    stated added confirmed explained noted claimed claims wrote statement
    spokesperson spokesman spokeswoman""".split()
)
#: Judgement words common in commentary, beyond the few the training sentences contain.
EVALUATIVE = frozenset(
    """absurd alarming appalling astonishing atrocious awful bizarre blunder brilliant
    catastrophic chilling clumsy concerning corrupt cowardly crazy cynical dangerous deplorable
    desperate despicable devastating dire disastrous disgraceful dishonest dismal disturbing
    dubious embarrassing extraordinary fantastic farce fiasco foolish folly fraudulent gross
    hollow horrible horrific hypocritical idiotic incompetent indefensible
    inexcusable insane irresponsible laughable ludicrous mediocre misguided monstrous naive
    nonsense outrageous pathetic pitiful pointless preposterous reckless remarkable ridiculous
    sad scandalous shameful shameless shocking silly sinister sloppy staggering stunning
    stupid terrible tragic troubling unacceptable unbelievable unforgivable unfortunate
    unprecedented unwise useless vile wonderful worrying worthless wrong bold admirable
    courageous heroic noble sensible wise prudent welcome praiseworthy impressive
    rightly wrongly sadly unfortunately fortunately ironically tellingly conveniently
    predictably shamefully frankly honestly thankfully regrettably mercifully alarmingly
    disturbingly remarkably astonishingly strikingly mistakenly foolishly wisely naively
    cynically hypocrisy disgrace irony charade debacle travesty sham mess failure triumph
    shame outrage nightmare mistake mistakes mistaken failed fails failures backfired backfire
    flawed gamble wasteful best worst better worse deserve deserves deserved overdue""".split()
)
#: Verbs of holding a view ("I think", "we believe").
STANCE = frozenset("think believe feel doubt suspect hope fear argue reckon guess".split())
MONTHS = frozenset(
    """january february march april may june july august september october november december
    monday tuesday wednesday thursday friday saturday sunday mondays tuesdays wednesdays
    thursdays fridays saturdays sundays""".split()
)
#: Verbs that report someone else's words or view: a sentence with one is reported speech,
#: where a "should" or an "I think" is the speaker's, not the author's.
REPORTING = ATTRIBUTION | frozenset(
    """argued argues warned warns insisted insists urged urges asserted asserts contended
    acknowledged admitted testified tweeted declared""".split()
)
#: Modals of obligation: the author's "should" recommends, a verdict in a verb.
DEONTIC = frozenset("should shouldn't ought oughtn't must mustn't".split())
#: Verbs and adjectives of a view, a memory or a doubt, after "I" or "we" ("I cannot
#: remember", "we suspect", "I'm convinced").
MENTAL = frozenset(
    """think believe feel doubt suspect hope fear guess reckon wonder remember recall imagine
    expect suppose regret worry trust sure convinced certain afraid glad sorry""".split()
)
#: Adverbs of the author's own speculation (news's "allegedly" is a reporting hedge).
SPECULATION = frozenset(
    """perhaps maybe probably possibly arguably presumably surely doubtless undoubtedly
    conceivably""".split()
)
_FIRST_PERSON_SUBJECTS = frozenset("i we i'm we're i've we've i'd we'd".split())
_QUOTE_MARKS = frozenset('" “ ”'.split())
_NOT_BEFORE_MODAL = frozenset("a an the".split())
#: How far after "I" / "we" a view verb may come ("I simply cannot remember").
VIEW_WINDOW = 3
RHETORICAL = frozenset("! ?".split())
QUOTES = frozenset('" “ ” «» ‘'.split()) | {"»"}

#: Feature groups of n-gram counts, normalised per sentence by :func:`vectorize`.
NGRAM_GROUPS = ("w", "b", "c")
CHAR_NGRAM_SIZES = (3, 4, 5)


class Token(NamedTuple):
    """A token of a sentence: its normalised form and its span inside the sentence."""

    norm: str
    start: int
    end: int


def normalize(surface: str) -> str:
    """Lower case, straight apostrophes, every digit ``0``."""
    return _DIGIT.sub("0", surface.lower().replace("’", "'"))


def tokenize(sentence: str) -> list[Token]:
    """Words, numbers and punctuation marks, normalised by :func:`normalize`."""
    return [Token(normalize(m.group()), *m.span()) for m in TOKEN.finditer(sentence)]


#: The word lists behind each cue kind, by precedence: a word in two lists takes the first.
KIND_LISTS = (
    ("first_person", FIRST_PERSON),
    ("address", ADDRESS),
    ("hedge", HEDGES),
    ("modal", MODALS),
    ("intensifier", INTENSIFIERS),
    ("attribution", ATTRIBUTION),
    ("date", MONTHS),
    ("rhetorical", RHETORICAL),
    ("quotation", QUOTES),
    ("evaluative", EVALUATIVE),
    ("stance", STANCE),
)
_KIND_OF = {word: kind for kind, words in reversed(KIND_LISTS) for word in words}


def word_kind(norm: str) -> str | None:
    """The cue kind a normalised word belongs to by its form alone, or ``None``."""
    if norm[0] == "0":
        return "figure"
    return _KIND_OF.get(norm)


def voice_cues(norms: Sequence[str]) -> list[tuple[str, tuple[int, ...]]]:
    """The author's own stance, with the tokens that show it: a deontic modal, "I" or "we"
    with a verb of holding a view, a speculative adverb, first person, a judgement word.

    Only outside quotation marks, and only in a sentence that reports no one (no
    :data:`REPORTING` word): the CheckThat! guideline counts reported views as fact, and
    the word alone ("should", "I") appears in quotations at least as often.
    """
    if not REPORTING.isdisjoint(norms):
        return []
    found: list[tuple[str, tuple[int, ...]]] = []
    quoted = False
    for i, norm in enumerate(norms):
        if norm in _QUOTE_MARKS:
            quoted = not quoted
        elif quoted:
            continue
        elif norm in DEONTIC:
            if i == 0 or norms[i - 1] not in _NOT_BEFORE_MODAL:
                found.append(("deontic", (i,)))
        elif norm in SPECULATION:
            found.append(("speculation", (i,)))
        elif norm in EVALUATIVE:
            found.append(("evaluative", (i,)))
        elif norm in FIRST_PERSON:
            found.append(("first_person", (i,)))
            if norm in _FIRST_PERSON_SUBJECTS:
                for j in range(i + 1, min(i + 1 + VIEW_WINDOW, len(norms))):
                    if norms[j] in MENTAL:
                        found.append(("view", (i, j)))
                        break
    return found


RawFeatures = dict[str, tuple[float, tuple[int, ...]]]
"""Feature name -> (raw value, indexes of the tokens it came from)."""


def _add(features: RawFeatures, name: str, value: float, tokens: tuple[int, ...]) -> None:
    old = features.get(name)
    if old is None:
        features[name] = (value, tokens)
    else:
        features[name] = (old[0] + value, old[1] + tokens)


def featurize(
    tokens: list[Token], lexicon: Mapping[str, tuple[float, float]], groups: frozenset[str]
) -> RawFeatures:
    """Raw features of one tokenised sentence, restricted to the enabled ``groups``.

    Groups: ``w`` words, ``b`` word bigrams, ``c`` character n-grams inside words,
    ``lex`` TextBlob/Pattern lexicon subjectivity and polarity, ``kind`` counts of
    the cue kinds of :func:`word_kind`, ``voice`` counts of :func:`voice_cues` (the
    author's own stance), ``len`` sentence length.
    ``lexicon`` maps a word to (polarity, subjectivity).
    """
    features: RawFeatures = {}
    words = [t.norm for t in tokens]
    for i, norm in enumerate(words):
        one = (i,)
        if "w" in groups:
            _add(features, "w:" + norm, 1.0, one)
        if "b" in groups and i + 1 < len(words):
            _add(features, "b:" + norm + " " + words[i + 1], 1.0, (i, i + 1))
        if "c" in groups and norm[0].isalpha():
            padded = "<" + norm + ">"
            for n in CHAR_NGRAM_SIZES:
                for s in range(len(padded) - n + 1):
                    _add(features, "c:" + padded[s : s + n], 1.0, one)
        if "lex" in groups:
            entry = lexicon.get(norm)
            if entry is not None:
                polarity, subjectivity = entry
                _add(features, "lex:subj", subjectivity, one)
                if polarity > 0:
                    _add(features, "lex:pos", polarity, one)
                elif polarity < 0:
                    _add(features, "lex:neg", -polarity, one)
        if "kind" in groups:
            kind = word_kind(norm)
            if kind is not None:
                _add(features, "kind:" + kind, 1.0, one)
    if "voice" in groups:
        for name, indexes in voice_cues(words):
            _add(features, "voice:" + name, 1.0, indexes)
    if "len" in groups:
        n_words = sum(1 for w in words if w[0].isalnum())
        features["len:log"] = (math.log1p(n_words), ())
    return features


def static_logit(norms: list[str], table: Mapping[str, tuple[float, float]]) -> float:
    """The word-vector head's share of the logit: the weighted mean of the words' scores.

    ``table`` maps a word to (pooling weight, score); a score is the linear head's value
    on that word's all-MiniLM-L6-v2 vector, so the weighted mean of the scores is exactly
    the head applied to the weighted mean of the vectors (model2vec-style pooling, folded
    at training time). Words outside the table are skipped.
    """
    hits = [table[norm] for norm in norms if norm in table]
    total = sum(weight for weight, _ in hits)
    return sum(weight * score for weight, score in hits) / total if total else 0.0


def vectorize(raw: RawFeatures, idf: Mapping[str, float]) -> dict[str, float]:
    """Final feature values: n-gram counts x idf over a per-group norm; other features log1p.

    The norm of a group is the root of the sum of idf² over every occurrence of its
    n-grams (a word's own n-grams are not merged with another word's). Unlike a classic
    l2 norm, that sum splits over words, so the runtime can keep each word's share of the
    logit and of the norm and score a sentence with one look-up per word.
    Unknown n-grams (not in ``idf``) are dropped, as a fitted vocabulary would.
    """
    values: dict[str, float] = {}
    norms: dict[str, float] = {}
    for name, (raw_value, _) in raw.items():
        group = name[0]
        if name[1] == ":" and group in NGRAM_GROUPS:
            weight = idf.get(name)
            if weight is None:
                continue
            values[name] = weight * raw_value
            norms[group] = norms.get(group, 0.0) + weight * weight * raw_value
        else:
            values[name] = raw_value if name.startswith("len:") else math.log1p(raw_value)
    for name, value in values.items():
        group = name[0]
        if name[1] == ":" and group in norms:
            values[name] = value / math.sqrt(norms[group])
    return values
