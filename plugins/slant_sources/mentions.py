"""What a tagged source is: a name and its role, a description, a pronoun, or no one.

PolNeAR's source span, and so the tagger's, is the whole mention with the role
("House Judiciary Committee Chairman Bob Goodlatte", "Dan Cantor, the national
director of the Working Families Party"). slant's annotation covers the name and
puts the role in ``data.role``, so the mention is split here. A lone plural
("Tunisians", "Critics") or a claim noun ("fears") is no one in particular, and a
negated subject ("no group claimed") cites no one at all.
"""

from __future__ import annotations

from dataclasses import dataclass

from slant_sources.features import likely_tag
from slant_sources.lexicon import MONTHS, Lexicon
from slant_sources.tokens import Word

# Pronouns a source can be: resolved to a name in pronouns.py.
PRONOUNS = frozenset("he she they it who i we you him her them".split())
_NEGATIONS = frozenset("no none nobody neither nor not".split())
_DETERMINERS = frozenset("the a an this that these those my your his her their its our".split())
_BREAKS = frozenset([",", "(", "—", "–"])
_COLLECTIVES = frozenset("west east media press public world establishment left right".split())
_PREPOSITIONS = frozenset("of for at in with from on to".split())
_RELATIVES = frozenset(["who", "which", "that", "whose", "whom"])
# An appositive that opens with these says where, when or what happened, not a role
# ("Residents of the district, where the line will run", "The email, signed by the dean").
_NOT_A_ROLE = _RELATIVES | {"where", "when"}
_PARTICIPLE_TAGS = frozenset(["VBN", "VBD"])
# What follows a participle that opens an appositive ("published in", "signed by").
_AFTER_PARTICIPLE = _PREPOSITIONS | {"by"}
_POSSESSIVE_MARKS = frozenset(["'s", "’s", "'", "’"])
_POSSESSIVES = frozenset("his her their its my our your".split())
# A dateline opens with a month, spelled out or cut short ("Nov. 30, 2026 -").
_DATELINE_MONTHS = MONTHS | frozenset("jan feb mar apr jun jul aug sep sept oct nov dec".split())
_DASHES = frozenset(["-", "—", "–", "--"])
_NOW = frozenset(["today", "yesterday", "tonight", "now"])
# A relative pronoun the tagger marks as the whole source, resolved in pronouns.py.
_RELATIVE_SOURCES = frozenset(["who"])
# On the title list for "Secretary of State", but never the title itself.
_LINKS = frozenset(["of", "the"])
_ANYONE = frozenset("anyone anybody everyone everybody someone somebody whoever".split())
_GROUP_ENDINGS = ("ians", "ans", "ers", "ists", "ites", "ese")


@dataclass
class Mention:
    """The words the annotation covers, the name and role, and the form of the mention."""

    start: int
    end: int
    name: str | None
    role: str | None
    form: str  # name, description, pronoun, vague, negated


def _capital(word: str) -> bool:
    return word[:1].isupper()


def _trim(words: list[Word]) -> list[Word]:
    """Strip commas, dashes, brackets, full stops and a dangling "who" off a mention."""
    while words and not words[0][0][:1].isalnum():
        words = words[1:]
    while words and (
        (not words[-1][0][:1].isalnum() and words[-1][0] != ")")
        or words[-1][0].lower() in _RELATIVES
    ):
        words = words[:-1]
    return words


def _text(text: str, words: list[Word]) -> str:
    """The words' text, line breaks of hard-wrapped text made spaces."""
    return " ".join(text[words[0][1] : words[-1][2]].split()) if words else ""


def read_mention(text: str, words: list[Word], vague: bool, lexicon: Lexicon) -> Mention | None:
    """Split a tagged source span into the name the annotation covers and its role."""
    if len(words) == 1 and words[0][0].lower() in _RELATIVE_SOURCES:
        # "Mike Lee, who declared …": a pronoun for the name before it, not a word to trim
        return Mention(words[0][1], words[0][2], None, None, "pronoun")
    words = _trim(_after_dateline(words))
    if not words:
        return None
    first = words[0][0].lower().replace("’", "'")
    final = [w.lower() for w, _, _ in words[-2:]]
    if first in _NEGATIONS or final[-1] == "nobody" or final == ["no", "one"]:
        # "no group claimed", and "by some logic nobody ever explained": no one cited
        return Mention(words[0][1], words[-1][2], None, None, "negated")
    if len(words) == 1 and first in PRONOUNS:
        return Mention(words[0][1], words[0][2], None, None, "pronoun")
    head, after = words, []
    for i, (word, _, _) in enumerate(words[1:], 1):
        if word in _BREAKS:
            head, after = words[:i], words[i + 1 :]
            break
    head = _trim(_before_topic(head))
    after = _trim([w for w in after if w[0] != ")"])
    if after and _not_a_role(after):
        after = []  # "Tom Bridger, who voted against the plan,": what he did, not his role
    if not head:
        return None
    if all(w.lower() in _DETERMINERS for w, _, _ in head):
        return None  # "a" alone: the tagger lost the noun
    if _described(head) and _proper_name(after):
        head, after = after, head  # "Its chief executive, Marcus Bell,": the name is Marcus Bell
    if (
        (vague and not _titled_person(head, lexicon))
        or _is_group(head, lexicon)
        or _indefinite(head)
    ):
        return Mention(words[0][1], words[-1][2], None, None, "vague")
    roles: list[str] = []
    name, modifier = head, ""
    split = _modifier_split(name, lexicon)
    if split:
        name, modifier = name[:split], _text(text, name[split:])
    split = _title_split(name, lexicon)
    if split:
        # "Mayor Owen Tremblay of Kelsall": the name is Owen Tremblay, a title before it
        roles.append(_text(text, name[:split]))
        name = name[split:]
    if modifier:
        roles.append(modifier)
    if after:
        roles.append(_text(text, after))
    if name[0][0].lower() in _DETERMINERS and not any(_capital(w) for w, _, _ in name[1:]):
        form = "description"  # "the ministry", "the campaign": no one named, someone particular
    else:
        form = "name"
    role = ", ".join(r for r in roles if r) or None
    if role and role.count("”") > role.count("“"):
        role = "“" + role  # '“Parasite” director Bong Joon Ho': the title's opening mark
    if role and role.split(" ", 1)[0].lower() in _DETERMINERS:
        # "The board president, Karen Odum, said": a role reads "the board president"
        role = role[0].lower() + role[1:]
    return Mention(name[0][1], name[-1][2], _text(text, name), role, form)


def _before_topic(words: list[Word]) -> list[Word]:
    """The words before "of" and a possessive, what a speaker talks about rather than who
    they are ("quipped Pitt of his role"): never a role, which names its body ("of the
    farmers union")."""
    for i, (word, _, _) in enumerate(words[1:-1], 1):
        if word.lower() == "of" and words[i + 1][0].lower() in _POSSESSIVES:
            return words[:i]
    return words


def _not_a_role(after: list[Word]) -> bool:
    """Whether an appositive is a clause or a participle phrase, not a role: "who voted
    against", "where the line will run", "published in 2025", "signed by the dean", or a
    lone -ing word ("Ollie Hamm, mitigating, said": his part in court, said as a verb)."""
    first = after[0][0]
    if first.lower() in _NOT_A_ROLE:
        return True
    if _capital(first):
        return False
    if len(after) == 1:
        return first.endswith("ing") and likely_tag(first) == "VBG"
    return likely_tag(first) in _PARTICIPLE_TAGS and after[1][0].lower() in _AFTER_PARTICIPLE


def _after_dateline(words: list[Word]) -> list[Word]:
    """The words after a press release's dateline ("November 30, 2026 - Harbourside
    Regional Health Authority (HRHA) today announced"): a date is no one."""
    if (
        len(words) < 3
        or words[0][0].lower() not in _DATELINE_MONTHS
        or not words[1][0][:1].isdigit()
    ):
        return words
    dash = next((i for i, (w, _, _) in enumerate(words[:6]) if w in _DASHES), None)
    if dash is None:
        return words
    rest = words[dash + 1 :]
    while rest and rest[-1][0].lower() in _NOW:
        rest = rest[:-1]  # "… (HRHA) today announced": when, not who
    return rest


def _titled_person(head: list[Word], lexicon: Lexicon) -> bool:
    """A title before a personal name ("Commissioner Harold Benning"): someone named, even
    where the tagger read the phrase as vague."""
    split = _title_split(head, lexicon)
    return split > 0 and len(head) - split >= 2 and not _is_group(head[split:], lexicon)


def _described(words: list[Word]) -> bool:
    """A determiner (or a possessive) and a common noun, capitals only after "of": "its
    chief executive", "his wife", "The mayor of Stanmoor", "Labour's defeated councillor"."""
    if len(words) >= 3 and words[1][0] in _POSSESSIVE_MARKS:
        words = words[1:]  # "Labour 's defeated councillor": the possessive determines
    elif not words or words[0][0].lower() not in _DETERMINERS:
        return False
    if len(words) < 2 or _capital(words[1][0]):
        return False
    of = next((i for i, (w, _, _) in enumerate(words) if w.lower() in _PREPOSITIONS), len(words))
    return not any(_capital(w) for w, _, _ in words[1:of])


def _proper_name(words: list[Word]) -> bool:
    """One to four capitalised words, as in an apposition that names someone ("Denise")."""
    return 0 < len(words) <= 4 and all(_capital(w) or w in {".", "-"} for w, _, _ in words)


def is_person(name: str, form: str, lexicon: Lexicon) -> bool:
    """Whether "he" or "she" can refer back to this source.

    A name is a person unless it ends like an organisation or a document ("The Bus
    Drivers' Union"); a description is one when its head is a person's title or
    occupation ("the mayor", "the spokeswoman"), not "the ministry".
    """
    words = name.lower().replace("’", "'").split()
    if not words:
        return False
    head = words[-1].strip(".,'")
    if head in lexicon.impersonal_heads:
        return False
    if form == "name":
        return True
    return form == "description" and (head in lexicon.titles or head in lexicon.definite_nouns)


def _indefinite(head: list[Word]) -> bool:
    """ "a person familiar with …", "a vocal supporter of Russia", "anyone who …": someone,
    not a name.
    ("An FBI spokesman" names a body, as PolNeAR counts it.)"""
    if head[0][0].lower() in _ANYONE:
        return True  # "Anyone who has tried to book a cab": whoever fits, no one named
    if head[0][0].lower() not in {"a", "an"}:
        return False
    for word, _, _ in head[1:]:
        if word.lower() in _PREPOSITIONS:
            return True
        if _capital(word):
            return False
    return True


def _is_group(head: list[Word], lexicon: Lexicon) -> bool:
    """A lone plural or claim noun: "Tunisians", "Critics", "fears"."""
    if len(head) == 2 and head[0][0].lower() == "the":
        return head[1][0].lower() in _COLLECTIVES  # "the West", "the media"
    if len(head) != 1:
        return False
    word = head[0][0]
    lower = word.lower()
    if lower in lexicon.vague_nouns or any(
        lower in nouns for nouns in lexicon.nominal_cues.values()
    ):
        return True
    tag = likely_tag(word)
    return tag in {"NNS", "NNPS"} or (tag.startswith("UNK") and lower.endswith(_GROUP_ENDINGS))


def _title_split(words: list[Word], lexicon: Lexicon) -> int:
    """Where the name starts after a title ("Ukrainian President | Volodymyr Zelenskyy"), or 0.

    Only before a personal name: "the Supreme Court" and "the Democratic National
    Committee" end in a body's noun and stay whole.
    """
    last_title = -1
    for i, (word, _, _) in enumerate(words[:-1]):
        lower = word.lower()
        if (lower in lexicon.titles or lower in lexicon.occupations) and lower not in _LINKS:
            last_title = i
    if last_title < 0:
        last_title = _lower_case_role(words)
    if last_title < 0:
        return 0
    rest = words[last_title + 1 :]
    if not all(_capital(w) or w in {".", "-"} for w, _, _ in rest):
        return 0
    final = rest[-1][0].lower()
    if (
        final in lexicon.definite_nouns
        or final in lexicon.titles
        or final in lexicon.impersonal_heads
    ):
        return 0  # "Harbourside Regional Health Authority": a body, whole
    return last_title + 1


def _lower_case_role(words: list[Word]) -> int:
    """The last word of a role in lower case before a name of two capitalised words or
    more ("owner Graham Pettit", "club founder Patricia Dunleavy"), or -1."""
    first_capital = next((i for i, (w, _, _) in enumerate(words) if _capital(w)), 0)
    if first_capital == 0 or len(words) - first_capital < 2:
        return -1
    role = [w for w, _, _ in words[:first_capital]]
    if role[0].lower() in _DETERMINERS or not all(w.isalpha() and w.islower() for w in role):
        return -1
    if not likely_tag(role[-1]).startswith("NN"):
        return -1
    return first_capital - 1


def _modifier_split(words: list[Word], lexicon: Lexicon) -> int:
    """Where a modifier starts after a personal name ("Jan Novak | of the farmers union"), or 0.

    A name of two capitalised words or more: "Bank of England" stays whole, and so
    does an organisation's name ("The Ministry of Transport", "Friends Trust of Leeds").
    """
    if words and words[0][0].lower() in _DETERMINERS:
        return 0
    for i, (word, _, _) in enumerate(words):
        if (
            word == "of"
            and i >= 2
            and all(_capital(w) for w, _, _ in words[:i])
            and words[i - 1][0].lower().strip(".") not in lexicon.impersonal_heads
        ):
            return i
    return 0
