"""The plugin author's path: scaffold, test, install, see it served, check it, break it.

The slow tests install real distributions into this interpreter's environment
with pip (offline: ``--no-index --no-build-isolation``) and uninstall them in a
``finally``; the server and the ``slant`` commands run as subprocesses, as a
plugin author would run them.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import requests
from click.testing import CliRunner
from conftest import REPO, start_server
from slant.cli import cli
from slant.testing import assert_contract, build_app, check_result
from slant.testing.conformance import build_engine, check_analyzer
from slant.testing.corpus import corpus

from plugins import misbehaving

HEDGING = REPO / "examples" / "slant-hedging"
TEXT = "This is really a very simple test. 😀 Literally nothing else.\r\nThe end"


def run(*args: str, cwd: Path | None = None, check: bool = True) -> subprocess.CompletedProcess:
    completed = subprocess.run(
        [sys.executable, *args], cwd=cwd, capture_output=True, text=True, timeout=300
    )
    if check and completed.returncode != 0:
        raise AssertionError(
            f"{' '.join(args)} exited {completed.returncode}:\n{completed.stdout}\n{completed.stderr}"
        )
    return completed


def slant(*args: str, check: bool = True) -> subprocess.CompletedProcess:
    return run("-m", "slant", *args, check=check)


@contextmanager
def installed(project: Path, distribution: str) -> Iterator[None]:
    """``pip install -e project`` into this environment for the duration, then uninstall."""
    egg_info = project / f"{distribution.replace('-', '_')}.egg-info"
    had_egg_info = egg_info.exists()
    try:
        run(
            "-m",
            "pip",
            "install",
            "--quiet",
            "--no-deps",
            "--no-index",
            "--no-build-isolation",
            "-e",
            str(project),
        )
        yield
    finally:
        run("-m", "pip", "uninstall", "--yes", "--quiet", distribution, check=False)
        if not had_egg_info:
            shutil.rmtree(egg_info, ignore_errors=True)


@contextmanager
def server() -> Iterator[str]:
    url, process = start_server()
    try:
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)


def listed_analyzers() -> dict[str, dict]:
    listing = json.loads(slant("plugins", "--json").stdout)
    return {row["name"]: row for row in listing["analyzers"]}


def break_offsets_and_labels(module: Path) -> None:
    """The classic bugs: UTF-8 byte offsets, and a label nobody declared."""
    source = module.read_text(encoding="utf-8")
    for old, new in [
        ('"very,really,literally"', '"may,reportedly,said,perhaps"'),
        ("start=match.start(),", "start=len(document.text[: match.start()].encode()),"),
        ("end=match.end(),", "end=len(document.text[: match.end()].encode()),"),
        ('label="broken_style",', 'label="broken_style" if match.group().islower() else "Odd",'),
    ]:
        assert old in source, old
        source = source.replace(old, new)
    module.write_text(source, encoding="utf-8")


@pytest.mark.slow
def test_scaffold_install_serve_check_and_a_broken_plugin(tmp_path):
    slant("plugins", "new", "house-style", "--dir", str(tmp_path))
    project = tmp_path / "slant-house-style"
    assert {p.relative_to(project).as_posix() for p in project.rglob("*") if p.is_file()} == {
        ".gitignore",
        "README.md",
        "pyproject.toml",
        "slant_house_style/__init__.py",
        "slant_house_style/model-card.md",
        "tests/test_slant_house_style.py",
    }
    # The scaffold's own test passes before anything is installed.
    run("-m", "pytest", "-q", "-p", "no:cacheprovider", cwd=project)

    with installed(project, "slant-house-style"):
        row = listed_analyzers()["house-style"]
        assert row["plugin"] == "slant-house-style"
        assert row["entry_point"] == "house-style = slant_house_style"

        with server() as url:
            info = {
                a["name"]: a for a in requests.get(f"{url}/api/v1/analyzers", timeout=10).json()
            }
            assert info["house-style"]["plugin"] == "slant-house-style"
            assert info["house-style"]["settings"][0]["env"] == "SLANT_PLUGIN_HOUSE_STYLE_WORDS"
            card_path = info["house-style"]["model_card"]
            assert card_path == "/docs/analyzers/house-style/model-card.md"
            card = requests.get(f"{url}{card_path}", timeout=10)
            assert card.status_code == 200 and card.text.startswith("# Model card: house-style")
            body = requests.post(
                f"{url}/api/v1/analyze",
                json={"text": TEXT, "analyzers": ["house-style"]},
                timeout=30,
            ).json()
        assert_contract(TEXT, body, info["house-style"])
        result = body["results"]["house-style"]
        assert [a["quote"] for a in result["annotations"]] == ["really", "very", "Literally"]

        clean = slant("plugins", "check", "house-style", check=False)
        assert clean.returncode == 0, clean.stdout + clean.stderr
        assert f"{len(corpus())}/{len(corpus())} texts passed" in clean.stdout

    slant("plugins", "new", "broken-style", "--dir", str(tmp_path))
    broken = tmp_path / "slant-broken-style"
    break_offsets_and_labels(broken / "slant_broken_style" / "__init__.py")
    with installed(broken, "slant-broken-style"):
        report = slant("plugins", "check", "broken-style", "--json", check=False)
        assert report.returncode == 1, report.stdout + report.stderr
        (checked,) = json.loads(report.stdout)
        outcomes = {t["text"]: t for t in checked["texts"]}
        assert checked["failed"] is True
        assert outcomes["plain"]["outcome"] == "violation"  # "Perhaps" got the label "Odd"
        assert "not one of the declared" in " ".join(outcomes["plain"]["problems"])
        assert outcomes["emoji-combining"]["outcome"] == "violation"
        assert any("outside the text" in p for t in checked["texts"] for p in t["problems"])
        assert outcomes["numbers-only"]["outcome"] == "ok"  # nothing to mark, nothing to break
    assert "broken-style" not in listed_analyzers()


@pytest.mark.slow
def test_the_example_plugin_installs_and_works_through_its_entry_point():
    with installed(HEDGING, "slant-hedging"):
        row = listed_analyzers()["hedging"]
        assert (row["plugin"], row["entry_point"]) == (
            "slant-hedging",
            "hedging = slant_hedging",
        )
        run("-m", "pytest", "-q", "-p", "no:cacheprovider", cwd=HEDGING)
        text = "The plan will clearly work. Perhaps not: it reportedly costs more than 👍 planned."
        with server() as url:
            info = {
                a["name"]: a for a in requests.get(f"{url}/api/v1/analyzers", timeout=10).json()
            }
            body = requests.post(f"{url}/api/v1/analyze", json={"text": text}, timeout=30).json()
        assert_contract(text, body, info["hedging"])
        result = body["results"]["hedging"]
        assert [(a["label"], a["quote"]) for a in result["annotations"]] == [
            ("booster", "clearly"),
            ("hedge", "Perhaps"),
            ("hedge", "reportedly"),
        ]
        assert result["analyzer"]["plugin"] == "slant-hedging"
        assert slant("plugins", "check", "slant-hedging", check=False).returncode == 0


# Fast checks of the pieces: slant.testing, the conformance run and the commands in-process.


def sentences_result(text: str) -> tuple[dict, dict]:
    app = build_app(misbehaving)
    body = (
        app.test_client()
        .post("/api/v1/analyze", json={"text": text, "analyzers": ["sentences"]})
        .get_json()
    )
    info = {a["name"]: a for a in app.test_client().get("/api/v1/analyzers").get_json()}
    return body, info["sentences"]


def test_check_result_accepts_a_valid_response_and_its_result():
    body, info = sentences_result(TEXT)
    assert check_result(TEXT, body, info) == []
    assert check_result(TEXT, body["results"]["sentences"], info) == []
    assert_contract(TEXT, body, build_app(misbehaving))  # the app names what it declared


@pytest.mark.parametrize(
    ("tamper", "expected"),
    [
        (lambda r: r["annotations"][0].update(end=10_000), "outside the text"),
        (lambda r: r["annotations"][0].update(quote="nope"), "is not text[0:34]"),
        (lambda r: r["annotations"][0].update(label="other"), "label 'other' is not declared"),
        (lambda r: r["annotations"][0].update(start="0"), "annotations.0.start"),
        (lambda r: r["annotations"][0].update(score=1.5), "score 1.5"),
        (lambda r: r["summary"].pop("headline"), "summary.headline"),
        (lambda r: r["analyzer"].update(version="9"), "analyzer.version is '9'"),
        (lambda r: r.update(status="error", error="boom"), "status is 'error': boom"),
    ],
    ids=["offsets", "quote", "label", "type", "score", "summary", "version", "status"],
)
def test_check_result_names_each_violation(tamper, expected):
    body, info = sentences_result(TEXT)
    tamper(body["results"]["sentences"])
    problems = check_result(TEXT, body, info)
    assert any(expected in p for p in problems), problems
    with pytest.raises(AssertionError, match="contract violations"):
        assert_contract(TEXT, body, info)


def test_check_result_checks_the_response_envelope():
    body, info = sentences_result(TEXT)
    body["text_length"] = 3
    body["sentences"][0]["start"] = -1
    problems = check_result(TEXT, body, info)
    assert any("text_length is 3" in p for p in problems)
    assert any("sentences[0]" in p for p in problems)
    assert check_result(TEXT, body, {"name": "absent", "labels": []})[-1] == (
        "the response has no result for 'absent'"
    )


def test_conformance_reports_each_kind_of_failure_per_text():
    engine = build_engine(plugin_modules=["plugins.misbehaving"], load_entrypoints=False)
    texts = corpus()[:3]
    assert not check_analyzer(engine, "sentences", texts).failed
    raised = check_analyzer(engine, "raises", texts)
    assert [t.outcome for t in raised.texts] == ["exception"] * 3
    assert "misbehaving.py" in raised.texts[0].problems[1]
    garbage = check_analyzer(engine, "garbage", texts)
    assert garbage.failed and "outside the text" in garbage.texts[0].problems[0]
    assert "no description" in garbage.warnings[0]
    hangs = check_analyzer(engine, "hangs", corpus()[:5])
    assert [t.outcome for t in hangs.texts] == ["timeout"] * 3 + ["not-run"] * 2


def test_the_corpus_is_what_a_client_may_send():
    texts = corpus()
    assert len({t.name for t in texts}) == len(texts)
    assert all(t.text.strip() for t in texts)
    assert 150_000 < max(len(t.text.encode()) for t in texts) < 1_000_000  # under the body limit
    assert any(any("\u0590" <= c <= "\u06ff" for c in t.text) for t in texts)  # right-to-left


def test_check_command_exit_status(monkeypatch):
    monkeypatch.setenv("SLANT_BLOCK_PLUGINS", "opinion,sources,satire")  # keep it fast
    runner = CliRunner()
    ok = runner.invoke(cli, ["plugins", "check", "--plugin", "plugins.misbehaving", "sentences"])
    assert ok.exit_code == 0, ok.output
    bad = runner.invoke(cli, ["plugins", "check", "--plugin", "plugins.misbehaving", "wrong-label"])
    assert bad.exit_code == 1 and "not one of the declared" in bad.output
    setup = runner.invoke(
        cli, ["plugins", "check", "--plugin", "plugins.misbehaving", "fails-setup"]
    )
    assert setup.exit_code == 1 and "did not load" in setup.output
    missing = runner.invoke(cli, ["plugins", "check", "nothing-by-this-name"])
    assert missing.exit_code == 1 and "no analyzer, entry point or distribution" in missing.output


def test_check_with_plugin_of_an_installed_module_registers_it_once(monkeypatch):
    """`--plugin` naming a module an entry point already loaded (an installed plugin, or an
    .egg-info in the current folder) used to crash with pluggy's "already registered"."""
    monkeypatch.setenv("SLANT_LOAD_PLUGINS", "satire")  # keep it fast
    engine = build_engine(plugin_modules=["slant_satire"])
    assert list(engine.analyzers) == ["satire"] and engine.failures == []


def test_new_command_refuses_bad_names_and_existing_folders(tmp_path):
    runner = CliRunner()
    assert runner.invoke(cli, ["plugins", "new", "Bad_Name", "--dir", str(tmp_path)]).exit_code == 2
    assert runner.invoke(cli, ["plugins", "new", "fine", "--dir", str(tmp_path)]).exit_code == 0
    again = runner.invoke(cli, ["plugins", "new", "fine", "--dir", str(tmp_path)])
    assert again.exit_code == 1 and "already exists" in again.output


def test_the_scaffolded_analyzer_is_valid_python_with_the_names_filled_in(tmp_path):
    CliRunner().invoke(cli, ["plugins", "new", "loaded-language", "--dir", str(tmp_path)])
    module = tmp_path / "slant-loaded-language" / "slant_loaded_language" / "__init__.py"
    source = module.read_text(encoding="utf-8")
    compile(source, str(module), "exec")
    assert "class LoadedLanguageAnalyzer(Analyzer):" in source and "$" not in source
    pyproject = (module.parents[1] / "pyproject.toml").read_text(encoding="utf-8")
    assert 'loaded-language = "slant_loaded_language"' in pyproject
