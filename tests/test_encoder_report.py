"""The encoder report's pieces that decide what is measured (no encoder needed)."""

from __future__ import annotations

from slant_satire_training.data import Example
from slant_satire_training.encoder_report import RATES, without_title, worth_building


def _article(paragraphs: tuple[str, ...]) -> Example:
    return Example("realnews", "1", False, "OPINION: A title", paragraphs, "realnews:x", "real")


def test_the_title_slice_leaves_out_the_title_and_its_repeat():
    assert without_title(_article(("OPINION: A title", "Body one.", "Body two."))) == (
        "Body one.\n\nBody two."
    )
    assert without_title(_article(("Body one.",))) == "Body one."


def _figures(golbeck: int, polnear: int = 30, horne: int = 80, bb2009: int = 234) -> dict:
    row = {"real": 100, "polnear": polnear, "golbeck": golbeck, "horne": horne, "bb2009": bb2009}
    return {rate: dict(row) for rate in RATES}


def test_the_preregistered_satire_rule():
    shipped = _figures(golbeck=60)
    assert worth_building(shipped, _figures(golbeck=66))  # +6 of 104 stories
    assert not worth_building(shipped, _figures(golbeck=65))
    assert not worth_building(shipped, _figures(golbeck=70, polnear=31))  # PolNeAR rose
    assert not worth_building(shipped, _figures(golbeck=70, horne=79))  # a horne2017 item lost
    assert worth_building(shipped, _figures(golbeck=59, bb2009=236))  # bb2009 to 0.90
    assert not worth_building(shipped, _figures(golbeck=58, bb2009=236))  # Golbeck lost two
