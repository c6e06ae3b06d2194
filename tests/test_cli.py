"""The slant command, run as a user runs it."""

from __future__ import annotations

import json
import subprocess
import sys

from click.testing import CliRunner
from slant import __version__
from slant.cli import cli


def slant(
    *args: str, stdin: str | None = None, env: dict | None = None
) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "slant", *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )


def test_version():
    result = CliRunner().invoke(cli, ["--version"])
    assert result.exit_code == 0 and __version__ in result.output


def test_analyze_json_prints_the_api_response(tmp_path):
    page = tmp_path / "page.txt"
    page.write_text(
        "The council approved the budget on Monday. It is a disgrace!", encoding="utf-8"
    )
    result = slant("analyze", str(page), "--json")
    assert result.returncode == 0, result.stderr
    body = json.loads(result.stdout)
    assert body["text_length"] == len(page.read_text(encoding="utf-8"))
    assert len(body["sentences"]) == 2


def test_analyze_reads_html_and_stdin():
    html = "<html><head><title>Budget</title></head><body><nav>Menu</nav><article><p>The council met.</p><p>It voted.</p></article><footer>© Paper</footer></body></html>"
    result = slant("analyze", "-", "--json", stdin=html)
    assert result.returncode == 0, result.stderr
    body = json.loads(result.stdout)
    assert body["text_length"] == len("The council met.\n\nIt voted.")


def test_analyze_unknown_analyzer_is_a_clear_error():
    result = slant("analyze", "-", "--analyzers", "nope", stdin="Some text here.")
    assert result.returncode != 0
    assert "unknown analyzer(s): nope" in result.stderr


def test_analyze_report_on_the_reference_oped(reference_oped, tmp_path):
    page = tmp_path / "oped.txt"
    page.write_text(reference_oped, encoding="utf-8")
    result = slant("analyze", str(page))
    assert result.returncode == 0, result.stderr
    assert "45 sentences" in result.stdout
    assert "genre: opinion piece (P opinion piece 0." in result.stdout
    assert "Marks are automated and can be wrong." in result.stdout


def test_analyze_report_says_what_a_satire_verdict_leaned_on(tmp_path):
    page = tmp_path / "piece.txt"
    page.write_text(
        "Area Man Heroically Finishes Entire Bag Of Chips Before Wife Gets Home\n\n"
        "SPRINGFIELD—Calling it the proudest moment of his adult life, local man Gary "
        "Dunbar, 44, reportedly finished an entire family-size bag of chips on Thursday "
        'before his wife got home. "I did it for America," said Dunbar, who sources '
        "confirmed then lay motionless on the couch for several hours. At press time, "
        "Dunbar was reportedly eyeing a second bag, which experts warned could end in "
        "a national crisis of unprecedented crunchiness for the entire Dunbar household.",
        encoding="utf-8",
    )
    result = slant("analyze", str(page), "--analyzers", "satire")
    assert result.returncode == 0, result.stderr
    assert "style: whole text (article)" in result.stdout
    assert "; leaning on “" in result.stdout


def test_config_masks_secrets():
    result = slant("config", env={"SLANT_API_KEYS": "topsecret", "PATH": ""})
    assert result.returncode == 0, result.stderr
    assert "SLANT_API_KEYS=****" in result.stdout and "topsecret" not in result.stdout


def test_bad_config_is_a_one_line_error():
    result = slant("config", env={"SLANT_ANALYZER_TIMEOUT": "soon", "PATH": ""})
    assert result.returncode != 0
    assert "SLANT_ANALYZER_TIMEOUT='soon'" in result.stderr


def test_plugins_hides_the_builtins_unless_all():
    hidden = CliRunner().invoke(cli, ["plugins", "--json"])
    assert hidden.exit_code == 0, hidden.output
    assert json.loads(hidden.output)["analyzers"] == []
    every = CliRunner().invoke(cli, ["plugins", "--all", "--json"])
    rows = {row["name"]: row for row in json.loads(every.output)["analyzers"]}
    assert {"opinion", "sources", "satire"} <= set(rows)
    assert rows["opinion"]["builtin"] is True and rows["opinion"]["plugin"] == "slant"
    text = CliRunner().invoke(cli, ["plugins"])
    assert text.output.startswith(
        "No third-party analyzers loaded (3 built-in: slant plugins --all)"
    )


def test_plugins_lists_the_same_records_as_the_api(client):
    listed = CliRunner().invoke(cli, ["plugins", "--all", "--json"])
    from_cli = {row["name"]: row for row in json.loads(listed.output)["analyzers"]}
    from_api = {row["name"]: row for row in client.get("/api/v1/analyzers").get_json()}
    assert from_cli == from_api


def test_plugins_new_refuses_a_name_a_builtin_has(tmp_path):
    refused = CliRunner().invoke(cli, ["plugins", "new", "sources", "--dir", str(tmp_path)])
    assert refused.exit_code == 1
    assert "an analyzer named 'sources' is already registered" in refused.output
    assert "the import package 'slant_sources' is already installed" in refused.output
    assert list(tmp_path.iterdir()) == []


def test_plugins_new_refuses_an_import_package_that_is_taken(tmp_path, monkeypatch):
    installed = tmp_path / "site"
    (installed / "slant_weather").mkdir(parents=True)
    (installed / "slant_weather" / "__init__.py").write_text("", encoding="utf-8")
    monkeypatch.syspath_prepend(str(installed))
    target = tmp_path / "new"
    target.mkdir()
    refused = CliRunner().invoke(cli, ["plugins", "new", "weather", "--dir", str(target)])
    assert refused.exit_code == 1
    assert "the import package 'slant_weather' is already installed" in refused.output
    assert "an analyzer named" not in refused.output
    assert list(target.iterdir()) == []


def test_serve_on_a_port_in_use_says_what_to_do_before_any_banner():
    import socket

    with socket.socket() as holder:
        holder.bind(("127.0.0.1", 0))
        holder.listen()
        port = holder.getsockname()[1]
        result = CliRunner().invoke(cli, ["serve", "--port", str(port)])
    assert result.exit_code == 1
    assert "serving on" not in result.output
    assert f"cannot listen on 127.0.0.1:{port}" in result.output and "--port" in result.output
