"""The hedges and boosters the analyzer looks for, by kind.

Hedges withhold full commitment to a claim ("perhaps", "appears to");
boosters close off doubt ("clearly", "of course"), after Hyland's
*Hedging in Scientific Research Articles* (1998). The lists are short and
written by hand: each entry is a phrase that is a stance marker in nearly
every use, so a match is worth showing to a reader. Entries are regular
expressions matched case-insensitively between word boundaries.
"""

from __future__ import annotations

# The noun "might" ("its military might", "the might of") comes after a determiner or an
# adjective and before punctuation or "of/that/and"; the modal comes before a verb.
_NOT_NOUN_MIGHT = (
    "".join(rf"(?<!\b{word} )" for word in ("the", "its", "his", "her", "our", "their", "military"))
    + r"might(?!\s*(?:[.,;:!?)”\"]|$)|\s+(?:of|that|and|which|is|was|has)\b)"
)

# The epistemic modals: the commonest hedges and the most ambiguous ("you may enter" grants
# permission), so a setting turns them off. "could not" states inability, not doubt.
MODALS: dict[str, str] = {
    r"may": "modal",
    _NOT_NOUN_MIGHT: "modal",
    r"could(?!\s+not\b)": "modal",
}

HEDGES: dict[str, str] = {
    r"perhaps|maybe|possibly|probably|presumably|conceivably": "adverb",
    r"arguably|apparently|seemingly|supposedly|somewhat": "adverb",
    r"(?:un)?likely": "adverb",
    r"(?:appear|seem)(?:s|ed)? to|it (?:seems|appears)": "verb",
    r"suggest(?:s|ed)? that|tend(?:s|ed)? to": "verb",
    r"(?:I|we) (?:think|believe|suspect|suppose|guess)": "first_person",
    r"it is (?:possible|conceivable|not clear|unclear) (?:that|whether)": "phrase",
    r"to (?:some|a certain) (?:extent|degree)|in part|more or less": "phrase",
    r"reportedly|allegedly|purportedly": "attribution",
    r"(?:is|are|was|were) (?:said|believed|thought|rumou?red) to": "attribution",
}

BOOSTERS: dict[str, str] = {
    r"clearly|obviously|certainly|undoubtedly|undeniably|unquestionably": "adverb",
    r"definitely|surely|indisputably|plainly|indeed": "adverb",
    r"of course|in fact|no doubt|without (?:a|any) doubt|beyond (?:any )?doubt": "phrase",
    r"it is (?:clear|obvious|evident|certain) that|there is no (?:question|doubt) that": "phrase",
    r"make no mistake|the fact is|no one can deny|everyone knows": "phrase",
    r"(?:I|we) (?:am|are) (?:sure|certain|convinced)|we know that": "first_person",
}

# A booster right after one of these is negated ("not clearly"), and no longer boosts.
NEGATIONS = ("not", "never", "hardly", "n't")
