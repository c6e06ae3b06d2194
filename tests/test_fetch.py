"""``slant analyze https://…`` against a local HTTP server on 127.0.0.1."""

from __future__ import annotations

import http.server
import json
import threading
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from slant.cli import cli
from slant.cli.fetch import FetchError, fetch

PAGES = Path(__file__).parent / "fixtures" / "pages"
PAGE = (PAGES / "news-hospital-waits-xmlcomment.html").read_bytes()
CANONICAL = json.loads((PAGES / "news-hospital-waits-xmlcomment.json").read_text())["url"]
LEGACY = (PAGES / "legacy-harbour-ferry-cp1252.html").read_bytes()


class Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        routes = {
            "/mirror/hospital.html": (200, "text/html; charset=utf-8", PAGE),
            "/legacy": (200, "text/html; charset=windows-1252", LEGACY),
            "/no-canonical": (
                200,
                "text/html",
                b"<html><body><article><p>"
                + b"The ferry returns in May. " * 20
                + b"</p></article></body></html>",
            ),
            "/image.png": (200, "image/png", b"\x89PNG\r\n\x1a\n" + bytes(100)),
            "/big": (
                200,
                "text/html",
                b"<html><body>" + b"<p>word word word</p>" * 20_000 + b"</body></html>",
            ),
        }
        if self.path.startswith("/pages/"):
            routes[self.path] = (
                200,
                "text/html",
                (PAGES / self.path[len("/pages/") :]).read_bytes(),
            )
        if self.path == "/moved":
            self.send_response(301)
            self.send_header("Location", "/mirror/hospital.html")
            self.end_headers()
            return
        if self.path == "/slow":
            time.sleep(3)
        status, kind, body = routes.get(self.path, (404, "text/html", b"<h1>Not found</h1>"))
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def server():
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def analyze(*args: str):
    return CliRunner().invoke(cli, ["analyze", *args])


def test_a_fetched_page_is_judged_at_its_canonical_url(server):
    result = analyze(f"{server}/mirror/hospital.html", "--json")
    assert result.exit_code == 0, result.output
    body = json.loads(result.output)
    assert body["page"]["url"] == CANONICAL != f"{server}/mirror/hospital.html"
    assert (
        body["page"]["title"]
        == "Emergency waits at county hospital longest on record, report finds"
    )
    assert body["sentences"]


@pytest.mark.parametrize(
    ("name", "first_words", "caption"),
    [
        ("news-river-flood-bom", "The River Lenn is expected", "Volunteers fill sandbags"),
        (
            "news-hospital-waits-xmlcomment",
            "Patients at Westshire County",
            "The emergency entrance",
        ),
        ("oped-blogger-transit", "Every few years somebody", "(Photo: R.A.)"),
    ],
)
def test_bom_leading_comment_and_captions_over_http(server, name, first_words, caption):
    result = analyze(f"{server}/pages/{name}.html", "--jsonl")
    assert result.exit_code == 0, result.output
    (line,) = [json.loads(raw) for raw in result.stdout.splitlines()]
    sentences = line["response"]["results"]["opinion"]["annotations"]
    assert sentences[0]["quote"].startswith(first_words)
    assert not [s for s in sentences if caption in s["quote"] or "<" in s["quote"]]


def test_redirects_are_followed_and_the_final_url_used_without_a_canonical(server):
    assert analyze(f"{server}/moved", "--json").exit_code == 0
    body = json.loads(analyze(f"{server}/no-canonical", "--json").output)
    assert body["page"]["url"] == f"{server}/no-canonical"


def test_the_http_charset_is_used(server):
    result = analyze(f"{server}/legacy")
    assert result.exit_code == 0 and "€4.8 million" in result.output


@pytest.mark.parametrize(
    ("path", "args", "message"),
    [
        ("/image.png", (), "image/png, not a web page"),
        ("/big", ("--max-bytes", "100000"), "over the 100,000-byte limit"),
        ("/slow", ("--timeout", "0.5"), "no answer within 0.5 s"),
        ("/missing", (), "HTTP 404"),
    ],
)
def test_fetch_failures_are_clear_errors(server, path, args, message):
    result = analyze(f"{server}{path}", *args)
    assert result.exit_code != 0
    assert message in result.output


def test_a_failed_fetch_names_its_url_once(server):
    result = analyze(f"{server}/missing")
    assert result.exit_code == 1
    assert result.output == f"Error: {server}/missing: HTTP 404 Not Found\n"


def test_a_failed_fetch_is_one_line_of_a_batch(server):
    result = analyze(f"{server}/mirror/hospital.html", f"{server}/missing")
    assert result.exit_code == 1
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert out[0]["page"]["url"] == CANONICAL
    assert out[1] == {
        "source": f"{server}/missing",
        "error": {
            "code": "fetch_failed",
            "message": f"{server}/missing: HTTP 404 Not Found",
            "details": None,
        },
    }


def test_only_http_urls():
    with pytest.raises(FetchError):
        fetch("http://127.0.0.1:9/", timeout=1)
