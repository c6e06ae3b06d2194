"""Cross-set report: ``python -m slant_satire_training.evaluate`` in .venv-train.

Two ways of holding data out, both from ../shared/data/satire/:

- within-set, by article: five folds, each holding out a fifth of every set
  (stratified by label); one model trained on the rest of all three sets
  scores the held-out fifth. Each fold model is calibrated and thresholded
  on its own training part only (nested), so the analyzer-level figures
  never see the articles they score.
- leave one set out: trained on two sets, tested on the third. bb2009's real
  articles are 1994 newswire and its satire 2005-08 web pages; a model that
  learned the era or the source would fall apart here.

Figures: accuracy of the style model alone (whole-text P >= 0.5), and of the
analyzer's verdict (satire or contains_satire counts as satire) at the
default ``style_threshold`` (texts without a url, like the benchmark's) and
at ``page_style_threshold`` (what a web page not on a satire site gets), plus
how many held-out real pieces get a passage marked (``contains_satire``). A trade-off table repeats the verdict figures
for several thresholds, next to false satire on real news the model never
trained on: the 13 PolNeAR articles (2016 US news from seven outlets, read
here only: no licence, never redistributed; without a url, with their
outlet's home page as the url, as the extension would send them, and with a
url on no list) and columns of CLEF
subjectivity ``dev_test_en`` sentences. An era probe shows what a
bb2009-only model does on 2016 web text.
Every text gets the installed opinion analyzer's result, as the core would
hand it over; each verdict is also shown without it (style alone).
"""

from __future__ import annotations

import argparse
import csv
import json
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace
from functools import cache
from pathlib import Path
from typing import NamedTuple

import numpy as np
from slant import Annotation, Document
from slant.document import build_document
from slant_opinion_training.evaluate import expected_calibration_error
from slant_satire.analyzer import (
    PAGE_STYLE_THRESHOLD,
    STYLE_THRESHOLD,
    SatireAnalyzer,
    opinion_level,
)
from slant_satire.features import document_features
from slant_satire.headline_meaning import HeadlineMeaning
from slant_satire.model import StyleModel
from slant_satire.voice import with_opinion

from slant_satire_training.headline_training import fit as fit_meaning
from slant_satire_training.headline_training import headline_examples, load_vectors
from slant_satire_training.training import (
    DATA_DIR,
    FOLDS,
    SETS,
    Example,
    article_text,
    fit,
    load_examples,
    opinion_analyzer,
    within_set_folds,
)

REFERENCE = DATA_DIR.parent / "seed" / "oped-russia-north-korea.txt"
# Serious opinion writing, never trained on: CLEF CheckThat! 2025 subjectivity
# sentences (CC BY-NC-SA 4.0), read here at evaluation time only.
OPINION = DATA_DIR.parent / "subjectivity" / "dev_test_en.tsv"
SENTENCES_PER_PARAGRAPH = 5
PARAGRAPHS_PER_COLUMN = 4
# Real 2016 news articles (PolNeAR, Newell et al. 2018; no licence stated), never
# trained on: every satire verdict on them is false satire.
REAL_NEWS = DATA_DIR.parent / "sources" / "polnear-dev.jsonl"
# The home page of each PolNeAR publisher: every one is on the news list.
OUTLET_URLS = {
    "breitbart": "https://www.breitbart.com/",
    "huff-post": "https://www.huffpost.com/",
    "nyt": "https://www.nytimes.com/",
    "politico": "https://www.politico.com/",
    "usa-today": "https://www.usatoday.com/",
    "wash-post": "https://www.washingtonpost.com/",
    "west-journal": "https://www.westernjournal.com/",
}
#: A page on neither list: judged at the page threshold, passages by style allowed.
UNLISTED_URL = "https://news.unlisted.example/"
THRESHOLDS = (0.5, 0.6, 0.7, 0.8, 0.85, 0.9)
# Per-set lines are printed at the default and at the news-site threshold.
REPORTED = tuple(dict.fromkeys((STYLE_THRESHOLD, PAGE_STYLE_THRESHOLD)))


def _analyzer(
    model: StyleModel, threshold: float = STYLE_THRESHOLD, meaning: HeadlineMeaning | None = None
) -> SatireAnalyzer:
    analyzer = SatireAnalyzer()
    analyzer.setup({"style_threshold": threshold})
    analyzer.model = model
    analyzer.meaning = meaning
    return analyzer


def _fit_meaning(train: Sequence[Example]) -> HeadlineMeaning | None:
    """The headline-meaning model of the training part's headlines (None without any)."""
    rows = headline_examples(train)
    if not rows:
        return None
    words, vectors = _vectors()
    return fit_meaning([article_text(r) for r in rows], [r.satire for r in rows], words, vectors)


@cache
def _vectors() -> tuple[list[str], np.ndarray]:
    return load_vectors()


@cache
def _document(text: str, url: str | None = None) -> Document:
    """``text`` as the core hands it to satire, with the opinion analyzer's result.

    Cached: every threshold and fold model reads the same documents.
    """
    return with_opinion(build_document(text, url=url), opinion_analyzer())


def real_news(path: Path = REAL_NEWS) -> list[tuple[str, str]]:
    """The PolNeAR articles with their outlet's url, read at evaluation time only."""
    with path.open(encoding="utf-8") as handle:
        records = [json.loads(line) for line in handle]
    return [(r["text"], OUTLET_URLS[r["publisher"]]) for r in records]


class Row(NamedTuple):
    """One held-out text: its truth, whole-text style P, verdict (with and without
    the opinion result) and ``summary.score``."""

    truth: bool
    style: float
    label: str
    alone: str
    score: float


def _score(
    model: StyleModel,
    examples: Sequence[Example],
    threshold: float = STYLE_THRESHOLD,
    meaning: HeadlineMeaning | None = None,
) -> list[Row]:
    """(truth, whole-text style P, verdict, verdict without opinion) for each example."""
    analyzer = _analyzer(model, threshold, meaning)
    rows = []
    for example in examples:
        document = _document(article_text(example))
        result = analyzer.analyze(document)
        alone = analyzer.analyze(replace(document, _results={}))
        style = next(e["score"] for e in result.summary["evidence"] if e["text"] == "whole text")
        rows.append(
            Row(
                example.satire,
                style,
                result.summary["label"],
                alone.summary["label"],
                result.summary["score"],
            )
        )
    return rows


def _auc(rows: list[Row]) -> float:
    """Chance that a satire piece outscores a real one: ranking, whatever the threshold."""
    satire = [r.style for r in rows if r.truth]
    real = [r.style for r in rows if not r.truth]
    wins = sum((s > r) + 0.5 * (s == r) for s in satire for r in real)
    return wins / (len(satire) * len(real))


def _line(name: str, rows: list[Row]) -> str:
    n = len(rows)
    style_acc = sum((r.style >= 0.5) == r.truth for r in rows) / n
    verdict_acc = sum((r.label != "not_satire") == r.truth for r in rows) / n
    alone_acc = sum((r.alone != "not_satire") == r.truth for r in rows) / n
    ece = expected_calibration_error([r.truth for r in rows], [r.score for r in rows])
    satire_labels = [r.label for r in rows if r.truth]
    partly = sum(label == "contains_satire" for label in satire_labels)
    real = [(r.style, r.label) for r in rows if not r.truth]
    false_alarms = sum(p >= 0.5 for p, _ in real)
    passages = sum(label == "contains_satire" for _, label in real)
    return (
        f"  {name:<11} n={n:<4} style acc {style_acc:.3f} AUC {_auc(rows):.3f}  "
        f"verdict acc {verdict_acc:.3f} (without opinion {alone_acc:.3f}), "
        f"summary.score ECE {ece:.3f}  "
        f"real called satire by style {false_alarms}/{len(real)}, "
        f"real marked contains_satire {passages}/{len(real)}, "
        f"satire marked only contains_satire {partly}/{len(satire_labels)}"
    )


def within_set(
    examples: list[Example], news_articles: Sequence[tuple[str, str]] = ()
) -> dict[float, dict[str, list[Row]]]:
    """Held-out rows per threshold and set from the nested, article-level five-fold CV.

    The ``news_articles`` (never trained on) are shared out over the folds and
    scored by that fold's model without a url, as set ``"real news"``, and
    with their outlet's url at the default settings, as ``"real news, url"``.
    """
    rows: dict[float, dict[str, list[Row]]] = {
        t: {s: [] for s in (*SETS, "real news", "real news, url")} for t in THRESHOLDS
    }
    for k, (train, test) in enumerate(within_set_folds(examples)):
        print(f"  fold {k + 1}: training on {len(train)} ...", flush=True)
        model = fit([examples[i] for i in train], calibrate=True)
        meaning = _fit_meaning([examples[i] for i in train])
        held = [examples[i] for i in test]
        held_news = [pair for i, pair in enumerate(news_articles) if i % FOLDS == k]
        news = [_document(text) for text, _ in held_news]
        for text, url in held_news:
            label = _analyzer(model, meaning=meaning).analyze(_document(text, url)).summary["label"]
            rows[STYLE_THRESHOLD]["real news, url"].append(Row(False, 0.0, label, label, 0.0))
        for threshold in THRESHOLDS:
            for example, row in zip(held, _score(model, held, threshold, meaning), strict=True):
                rows[threshold][example.set_name].append(row)
            analyzer = _analyzer(model, threshold, meaning)
            for document in news:
                label = analyzer.analyze(document).summary["label"]
                rows[threshold]["real news"].append(Row(False, 0.0, label, label, 0.0))
    return rows


def _false_satire(rows: list[Row]) -> str:
    """``satire + contains_satire / n`` among real pieces."""
    labels = Counter(r.label for r in rows if not r.truth)
    n = sum(labels.values())
    return f"{labels['satire']}+{labels['contains_satire']}/{n}"


def trade_off(cv: dict[float, dict[str, list[Row]]]) -> list[str]:
    """Verdict accuracy against false satire on real writing, for each threshold.

    Accuracies and the PolNeAR column are out-of-fold (the CV above); the
    shipped-model columns score PolNeAR and the CLEF columns with the model
    trained on all three sets (never on either).
    """
    shipped, shipped_meaning = StyleModel.load(), HeadlineMeaning.load()
    news = [_document(text) for text, _ in real_news()] if REAL_NEWS.exists() else []
    columns = {label: [_document(c) for c in opinion_columns(label)] for label in ("SUBJ", "OBJ")}
    lines = [
        "  threshold | verdict acc bb2009 / horne2017 / onionornot | real news called "
        "satire+contains (CV; shipped) | CLEF columns called satire SUBJ / OBJ (shipped)"
    ]
    for threshold in THRESHOLDS:
        sets = cv[threshold]
        accuracy = " / ".join(
            f"{sum((r.label != 'not_satire') == r.truth for r in sets[s]) / len(sets[s]):.3f}"
            for s in SETS
        )
        analyzer = _analyzer(shipped, threshold, shipped_meaning)
        news_labels = Counter(analyzer.analyze(d).summary["label"] for d in news)
        flagged = {
            label: f"{sum(_is_satire(analyzer, d) for d in docs)}/{len(docs)}"
            for label, docs in columns.items()
        }
        default = {STYLE_THRESHOLD: " (default)", PAGE_STYLE_THRESHOLD: " (web page)"}.get(
            threshold, ""
        )
        lines.append(
            f"  {threshold:.2f}{default:<10} | {accuracy} | {_false_satire(sets['real news'])}; "
            f"{news_labels['satire']}+{news_labels['contains_satire']}/{len(news)} | "
            f"{flagged['SUBJ']} / {flagged['OBJ']}"
        )
    return lines


def leave_one_set_out(examples: list[Example]) -> dict[float, dict[str, list[Row]]]:
    """Held-out rows per threshold (benchmark, default) and set; trained on the two other sets."""
    rows: dict[float, dict[str, list[Row]]] = {t: {} for t in REPORTED}
    for held_set in SETS:
        train = [e for e in examples if e.set_name != held_set]
        model = fit(train, calibrate=True)
        meaning = _fit_meaning(train)
        held = [e for e in examples if e.set_name == held_set]
        for threshold in REPORTED:
            rows[threshold][held_set] = _score(model, held, threshold, meaning)
    return rows


def era_probe(examples: list[Example]) -> list[str]:
    """What a model of bb2009 alone does on 2016 web news: does it call web text satire?

    bb2009 pairs 1994 newswire (real) with 2005-08 web pages (satire). A model
    that learned "web era" instead of satire calls 2016 web news (horne2017's
    real articles, r/NotTheOnion headlines) satire. Compare its false-alarm
    rate with the shipped recipe's held-out one from the within-set CV.
    """
    model = fit([e for e in examples if e.set_name == "bb2009"], calibrate=True)
    lines = []
    for held_set in ("horne2017", "onionornot"):
        rows = _score(model, [e for e in examples if e.set_name == held_set])
        real = [r.style >= 0.5 for r in rows if not r.truth]
        satire = [r.style >= 0.5 for r in rows if r.truth]
        lines.append(
            f"  bb2009-only model on {held_set:<10}: calls {sum(real)}/{len(real)} real pieces "
            f"satire, finds {sum(satire)}/{len(satire)} satire pieces, AUC {_auc(rows):.3f}"
        )
    return lines


def opinion_paragraphs(label: str, path: Path = OPINION) -> list[str]:
    """Pseudo-paragraphs of consecutive ``label`` sentences (SUBJ: opinion, OBJ: fact)."""
    with path.open(encoding="utf-8", newline="") as handle:
        rows = [
            r["sentence"] for r in csv.DictReader(handle, delimiter="\t") if r["label"] == label
        ]
    size = SENTENCES_PER_PARAGRAPH
    return [" ".join(rows[i : i + size]) for i in range(0, len(rows) - size + 1, size)]


def opinion_columns(label: str) -> list[str]:
    """Pseudo-columns of four :func:`opinion_paragraphs` each (no headline)."""
    if not OPINION.exists():
        return []
    paragraphs = opinion_paragraphs(label)
    size = PARAGRAPHS_PER_COLUMN
    return [
        "\n\n".join(paragraphs[i : i + size]) for i in range(0, len(paragraphs) - size + 1, size)
    ]


def opinion_check() -> list[str]:
    """False satire on serious opinion writing, with the shipped model.

    Every sentence comes from a serious article, so every ``satire`` or
    ``contains_satire`` verdict is a false alarm. Lone paragraphs (no
    headline) and pseudo-columns of four such paragraphs; "as a document"
    is the whole-text style score with the document calibration at 0.5,
    the rule before lone paragraphs were judged as passages.
    """
    if not OPINION.exists():
        return ["  subjectivity data not found"]
    analyzer = SatireAnalyzer()
    analyzer.setup({})
    model = analyzer.model
    lines = []
    for label in ("SUBJ", "OBJ"):
        paragraphs = opinion_paragraphs(label)
        columns = opinion_columns(label)
        as_document = sum(
            model.probability(model.logit(document_features("", [p])), "document") >= 0.5
            for p in paragraphs
        )
        flagged, alone = [], []
        for texts in (paragraphs, columns):
            documents = [_document(t) for t in texts]
            flagged.append(sum(_is_satire(analyzer, d) for d in documents))
            alone.append(sum(_is_satire(analyzer, replace(d, _results={})) for d in documents))
        lines.append(
            f"  {label} sentences: lone paragraphs called satire {flagged[0]}/{len(paragraphs)} "
            f"(without opinion {alone[0]}; style as a document >= 0.5: "
            f"{as_document}/{len(paragraphs)}), "
            f"4-paragraph columns {flagged[1]}/{len(columns)} (without opinion {alone[1]})"
        )
    return lines


def _is_satire(analyzer: SatireAnalyzer, document: Document) -> bool:
    return analyzer.analyze(document).summary["label"] != "not_satire"


def reference_verdicts() -> list[str]:
    """The shipped model on the reference op-ed, whole and without its satirical close."""
    if not REFERENCE.exists():
        return ["  reference op-ed not found"]
    whole = REFERENCE.read_text(encoding="utf-8")
    close = re.search(r"And\s+what better end", whole)
    serious = whole[: close.start()] if close else whole
    analyzer = SatireAnalyzer()
    analyzer.setup({})
    lines = []
    for name, text in (("whole", whole), ("without its closing paragraph", serious)):
        document = _document(text)
        result = analyzer.analyze(document)
        alone = analyzer.analyze(replace(document, _results={})).summary["label"]
        spans = [
            (a.start, a.end) if isinstance(a, Annotation) else (a["start"], a["end"])
            for a in result.annotations
        ]
        marked = [" ".join(text[start:end].split())[:60] for start, end in spans]
        lines.append(
            f"  {name}: {result.summary['label']} (score {result.summary['score']}, "
            f"opinion {opinion_level(document) or 0:.3f}; without opinion {alone}), "
            f"marked: {marked}"
        )
    return lines


def main(argv: Sequence[str] | None = None) -> None:
    """Print the cross-set report."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA_DIR, help="the satire data folder")
    args = parser.parse_args(argv)
    examples = load_examples(args.data)
    news = real_news() if REAL_NEWS.exists() else []
    print("Within each set, 5-fold CV by article (one model for all three sets, nested):")
    cv = within_set(examples, news)
    for threshold in REPORTED:
        print(f" style_threshold {threshold}:")
        for name in SETS:
            print(_line(name, cv[threshold][name]))
        print(
            "  real news (PolNeAR, never trained on, no url) called satire+contains_satire: "
            f"{_false_satire(cv[threshold]['real news'])}"
        )
    with_url = cv[STYLE_THRESHOLD]["real news, url"]
    shipped = _analyzer(StyleModel.load(), meaning=HeadlineMeaning.load())
    shipped_labels = Counter(shipped.analyze(_document(*pair)).summary["label"] for pair in news)
    unlisted = Counter(
        shipped.analyze(_document(text, UNLISTED_URL)).summary["label"] for text, _ in news
    )
    print(
        "  real news with its outlet's url (default settings; every outlet is on the news "
        f"list): CV {_false_satire(with_url)}; shipped "
        f"{shipped_labels['satire']}+{shipped_labels['contains_satire']}/{len(news)}; "
        f"with a url on no list ({UNLISTED_URL}): shipped "
        f"{unlisted['satire']}+{unlisted['contains_satire']}/{len(news)}"
    )
    print("False satire on real writing never trained on, by style_threshold:")
    print("\n".join(trade_off(cv)))
    print("Leave one set out (trained on the other two):")
    for threshold, per_set in leave_one_set_out(examples).items():
        print(f" style_threshold {threshold}:")
        for name, rows in per_set.items():
            print(_line(name, rows))
    print("Era probe (trained on bb2009 only, tested on 2016 web text):")
    print("\n".join(era_probe(examples)))
    print("Serious opinion writing (shipped model, subjectivity dev_test_en, never trained on):")
    print("\n".join(opinion_check()))
    print("Reference op-ed (shipped model):")
    print("\n".join(reference_verdicts()))


if __name__ == "__main__":
    main()
