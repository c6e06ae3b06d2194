"""The same batch on a Dask cluster (``--scheduler``), here a local one."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from slant.cli import cli

distributed = pytest.importorskip("distributed")
PAGES = Path(__file__).parent / "fixtures" / "pages"


@pytest.fixture(scope="module")
def scheduler():
    with distributed.LocalCluster(
        n_workers=1,
        threads_per_worker=2,
        processes=False,
        protocol="tcp",
        host="127.0.0.1",
        scheduler_port=0,
        dashboard_address=None,
    ) as cluster:
        yield cluster.scheduler_address


@pytest.mark.slow
def test_a_batch_on_a_local_dask_cluster(tmp_path, scheduler):
    folder = tmp_path / "pages"
    folder.mkdir()
    for name in ("news-council-budget", "column-four-day-week", "oped-blogger-transit"):
        shutil.copy(PAGES / f"{name}.html", folder)
    (folder / "broken.html").write_bytes(b"\x00" * 64)
    out = tmp_path / "out.jsonl"
    result = CliRunner().invoke(
        cli, ["analyze", str(folder), "--scheduler", scheduler, "-o", str(out)]
    )
    assert result.exit_code == 1, result.output
    lines = {(line := json.loads(raw))["source"]: line for raw in out.read_text().splitlines()}
    assert len(lines) == 4
    assert lines[str(folder / "broken.html")]["error"]["code"] == "validation_error"
    good = lines[str(folder / "news-council-budget.html")]
    assert good["page"]["site_name"] == "The Eastbrook Courier" and good["response"]["sentences"]
    again = CliRunner().invoke(
        cli, ["analyze", str(folder), "--scheduler", scheduler, "-o", str(out)]
    )
    assert "4 skipped" in again.output and len(out.read_text().splitlines()) == 4


def test_an_unreachable_scheduler_is_a_clear_error(tmp_path):
    result = CliRunner().invoke(
        cli,
        [
            "analyze",
            str(PAGES / "news-council-budget.html"),
            "--scheduler",
            "tcp://127.0.0.1:9",
            "--jsonl",
        ],
    )
    assert result.exit_code != 0
    assert "cannot reach the Dask scheduler at tcp://127.0.0.1:9" in result.output
