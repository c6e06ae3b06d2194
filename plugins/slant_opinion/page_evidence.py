"""Where the page itself says its outlet files it: the declarations in its metadata.

The genre's page evidence (``genre.SECTION_LOGIT``) was the URL's section and the title's
kicker. A page says the same in its metadata, and many columns say it only there (no
``/opinion/`` in the address): ``<meta property="article:section" content="Opinion">``,
JSON-LD ``"@type": "OpinionNewsArticle"`` or ``"Review"``, a tag "Opinion", a byline
"Columnist". The core reads them into ``Document.page``; this module says which of them
file the piece as commentary. They are the same fact as an ``/opinion/`` URL (the outlet's
own filing), so they count once, at the same weight, and never add to the URL.

Only declarations of commentary count. A topical section ("Politics", "World", "News") or
a generic type (``NewsArticle``, ``Article``, ``BlogPosting``) is no evidence of a report:
outlets file columns under topics and mark every page ``NewsArticle``, and the genre
model's training pages carry no such metadata to weigh it by.
"""

from __future__ import annotations

import re

from slant import PageInfo

#: schema.org types of commentary: an opinion piece, a review.
OPINION_TYPES = frozenset({"opinionnewsarticle", "reviewnewsarticle", "review", "criticreview"})
_SECTION_PARTS = re.compile(r"\s*(?:[>|/,;:·•»]|\s[-–—]\s)\s*")
#: Words that file a piece as commentary anywhere in a section's part ("Opinion",
#: "Opinion & Analysis", "Editorials"), but not "Opinion polls".
_OPINION_WORD = re.compile(
    r"\b(?:opinions?(?!\s+(?:polls?|surveys?))|op-?eds?|editorials?|commentary|columnists?)\b"
)
#: Words that do so only as the whole part: "Comment" and "Views" alone, "Film review".
_OPINION_PART = re.compile(
    r"comment|columns?|views|voices|perspectives?|essays?|guest essays?"
    r"|letters(?: to the editor)?|(?:[a-z]+ )?reviews?"
)
OPINION_TAGS = frozenset(
    "opinion opinions op-ed op-eds oped editorial editorials commentary column columns"
    " columnist columnists".split()
)
#: A byline role that writes commentary: "Columnist", "Opinion writer", "Film critic".
_OPINION_ROLE = re.compile(r"\b(?:columnist|critic|opinion writer|op-ed|editorial board)\b")


def declared_opinion(page: PageInfo) -> str | None:
    """What in ``page`` files it as commentary, for a reader ("section 'Opinion'"), or None."""
    for section in page.sections:
        for part in _SECTION_PARTS.split(section.casefold()):
            if _OPINION_WORD.search(part) or _OPINION_PART.fullmatch(part):
                return f"section '{section}'"
    for kind in page.types:
        if kind.casefold() in OPINION_TYPES:
            return f"type {kind}"
    for tag in page.tags:
        if tag.casefold() in OPINION_TAGS:
            return f"tag '{tag}'"
    if page.author_role and _OPINION_ROLE.search(page.author_role.casefold()):
        return f"byline '{page.author_role}'"
    return None
