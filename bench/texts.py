"""Texts for the benchmark and the soak, built at run time (no article text is committed).

The reference op-ed is read from ../shared/data beside the repository; texts
of a given size repeat its paragraphs in a shuffled order each round, so no two
stretches are byte-identical. Without the op-ed, plain generated prose stands in.
"""

from __future__ import annotations

import random
from pathlib import Path

REFERENCE_OPED = (
    Path(__file__).resolve().parents[2] / "shared" / "data" / "seed" / "oped-russia-north-korea.txt"
)
_SUBJECTS = ("The minister", "Critics", "The committee", "Residents", "A spokesperson", "Analysts")
_VERBS = ("said", "argued", "warned", "noted", "insisted", "reported")
_CLAIMS = (
    "the plan would cost more than expected",
    "the vote was a disgrace to the city",
    "prices rose by 4 percent last year",
    "this is surely the worst decision in a decade",
    "the bridge will open in March",
    "we should all be deeply worried",
)


def reference_oped() -> str | None:
    """The reference op-ed, or ``None`` where ../shared/data is absent."""
    return REFERENCE_OPED.read_text(encoding="utf-8") if REFERENCE_OPED.exists() else None


def generated_prose(paragraphs: int = 12, seed: int = 7) -> str:
    """Plain news-like prose, a stand-in when the op-ed is missing."""
    rng = random.Random(seed)
    return "\n\n".join(
        " ".join(
            f"{rng.choice(_SUBJECTS)} {rng.choice(_VERBS)} that {rng.choice(_CLAIMS)}."
            for _ in range(rng.randint(3, 6))
        )
        for _ in range(paragraphs)
    )


def base_text() -> tuple[str, str]:
    """``(text, where it came from)``: the op-ed if present, else generated prose."""
    oped = reference_oped()
    if oped is not None:
        return oped, f"reference op-ed ({REFERENCE_OPED.name})"
    return generated_prose(), "generated prose (reference op-ed absent)"


def sized_text(base: str, size_bytes: int, seed: int = 1) -> str:
    """About ``size_bytes`` of UTF-8 made of ``base``'s paragraphs, shuffled per round."""
    rng = random.Random(seed)
    paragraphs = [p.strip() for p in base.split("\n\n") if p.strip()]
    chosen: list[str] = []
    size = 0
    while size < size_bytes:
        round_ = paragraphs[:]
        rng.shuffle(round_)
        for paragraph in round_:
            chosen.append(paragraph)
            size += len(paragraph.encode()) + 2
            if size >= size_bytes:
                break
    text = "\n\n".join(chosen)
    cut = text.encode()[:size_bytes].decode("utf-8", "ignore")
    # End on a sentence or paragraph boundary when one is near the cut.
    end = max(cut.rfind(". "), cut.rfind("\n\n"))
    return cut[: end + 1] if end > size_bytes // 2 else cut
