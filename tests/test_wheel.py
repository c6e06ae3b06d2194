"""The package a pip user installs: the built wheel in a fresh venv, not the checkout.

An editable install hides what a wheel leaves out (package data, model cards,
templates) and what it wrongly ships (training code): these tests install the
real wheel into an empty venv and use it as a newsroom would.
"""

from __future__ import annotations

import json
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest
from conftest import REPO

pytestmark = pytest.mark.slow
PIP_WHEEL = [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation"]

# Run inside the installed wheel's venv: every model card the analyzers link to,
# fetched through the app, and which modules an analysis imported.
PROBE = """
import json, sys
from slant.web.app import create_app
app = create_app({"CACHE_ENTRIES": 0})
client = app.test_client()
cards = {}
for info in client.get("/api/v1/analyzers").get_json():
    response = client.get(info["model_card"])
    cards[info["name"]] = [info["model_card"], response.status_code, response.get_data(as_text=True)[:40]]
body = client.post("/api/v1/analyze", json={"text": "The council approved the budget. It is a disgrace."}).get_json()
print(json.dumps({
    "cards": cards,
    "statuses": {name: r["status"] for name, r in body["results"].items()},
    "slant_file": __import__("slant").__file__,
    "heavy_modules": sorted(m for m in ("sklearn", "scipy", "torch", "onnxruntime") if m in sys.modules),
}))
"""


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [*PIP_WHEEL, "--wheel-dir", str(out), str(REPO)],
        check=True,
        timeout=300,
    )
    (built,) = out.glob("slant-*.whl")
    return built


@pytest.fixture(scope="module")
def installed(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh venv with the wheel pip-installed (dependencies from the package index)."""
    env_dir = tmp_path_factory.mktemp("venv")
    venv.EnvBuilder(with_pip=True).create(env_dir)
    python = env_dir / "bin" / "python"
    subprocess.run(
        [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", str(wheel)],
        check=True,
        timeout=600,
    )
    return env_dir


def test_the_wheel_ships_no_training_code_and_every_model_card(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    assert not [n for n in names if "_training/" in n]
    for plugin in ("slant_opinion", "slant_sources", "slant_satire"):
        assert f"{plugin}/model-card.md" in names
    assert "slant/cli/templates/plugin/package_init.py.txt" in names
    shipped_code = "\n".join(
        zipfile.ZipFile(wheel).read(n).decode() for n in names if n.endswith(".py")
    )
    assert "import sklearn" not in shipped_code and "from sklearn" not in shipped_code


def test_the_wheel_ships_the_reader_page_with_the_extension_scripts(wheel: Path) -> None:
    """The page at / draws with extension/content/*.js: the wheel holds them as files."""
    archive = zipfile.ZipFile(wheel)
    names = archive.namelist()
    assert "slant/web/reader_assets/index.html" in names
    for script in ("textmap.js", "extract.js", "draw.js", "panel.js", "view.js"):
        shipped = archive.read(f"slant/web/reader_assets/content/{script}")
        assert shipped == (REPO / "extension" / "content" / script).read_bytes(), script
    assert "slant/web/reader_assets/vendor/readability/Readability.js" in names


def test_an_installed_wheel_serves_every_model_card_without_scikit_learn(installed: Path) -> None:
    python = installed / "bin" / "python"
    probe = subprocess.run(
        [str(python), "-c", PROBE],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=installed,  # not the checkout: nothing importable from there
        check=True,
    )
    report = json.loads(probe.stdout.strip().splitlines()[-1])
    assert str(installed) in report["slant_file"]
    assert set(report["cards"]) == {"opinion", "sources", "satire"}
    for name, (path, status, start) in report["cards"].items():
        assert path == f"/docs/analyzers/{name}/model-card.md"
        assert status == 200 and start.startswith("# "), (name, status, start)
    assert report["statuses"] == {"opinion": "ok", "sources": "ok", "satire": "ok"}
    assert report["heavy_modules"] == []


def test_an_installed_wheel_refuses_to_scaffold_a_plugin_over_a_builtin(
    installed: Path, tmp_path: Path
) -> None:
    slant = installed / "bin" / "slant"
    refused = subprocess.run(
        [str(slant), "plugins", "new", "sources", "--dir", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert refused.returncode == 1
    assert "an analyzer named 'sources' is already registered" in refused.stderr
    assert "the import package 'slant_sources' is already installed" in refused.stderr
    assert not list(tmp_path.iterdir())
    listed = subprocess.run(
        [str(slant), "plugins"], capture_output=True, text=True, timeout=120, check=True
    )
    assert "3 built-in: slant plugins --all" in listed.stdout
    every = subprocess.run(
        [str(slant), "plugins", "--all", "--json"],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    assert {a["name"] for a in json.loads(every.stdout)["analyzers"]} == {
        "opinion",
        "sources",
        "satire",
    }
