"""The reader's page at /: served to browsers, self-contained, drawing with the extension's own code."""

from __future__ import annotations

import re

from conftest import REPO
from slant.web.app import create_app
from slant.web.reader import ASSETS, SERVED

BROWSER_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"


def app():
    return create_app({"TESTING": True}, load_entrypoints=False, env={})


def fetch(client, path: str, **kwargs):
    """GET and read the whole body, closing the file Flask streams it from."""
    with client.get(path, **kwargs) as response:
        response.get_data()
        return response


def test_browsers_get_the_page_and_other_clients_the_json_index() -> None:
    client = app().test_client()
    page = fetch(client, "/", headers={"Accept": BROWSER_ACCEPT})
    assert page.status_code == 200
    assert page.mimetype == "text/html"
    html = page.get_data(as_text=True)
    assert '<textarea id="text"' in html and 'type="file"' in html
    policy = page.headers["Content-Security-Policy"]
    assert "default-src 'none'" in policy and "script-src 'self'" in policy
    assert "connect-src 'self'" in policy
    assert client.get("/").get_json()["name"] == "slant"
    assert client.get("/", headers={"Accept": "application/json"}).is_json


def test_the_page_loads_only_its_own_files_and_each_is_served() -> None:
    client = app().test_client()
    html = fetch(client, "/", headers={"Accept": BROWSER_ACCEPT}).get_data(as_text=True)
    sources = re.findall(r'(?:src|href)="([^"]+)"', html)
    assets = [s for s in sources if s.startswith("/reader/")]
    assert not [s for s in sources if re.match(r"(https?:)?//", s)], "an external asset"
    assert {a.removeprefix("/reader/") for a in assets} == SERVED
    for asset in assets:
        response = fetch(client, asset)
        assert response.status_code == 200, asset
        assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_one_drawing_code_the_extension_scripts_themselves() -> None:
    client = app().test_client()
    for name in sorted(SERVED):
        if not name.startswith(("content/", "vendor/")):
            continue
        served = fetch(client, f"/reader/{name}").get_data()
        assert served == (REPO / "extension" / name).read_bytes(), name
        assert (ASSETS / name).resolve() == (REPO / "extension" / name).resolve(), name


def test_nothing_else_of_the_folder_is_served() -> None:
    client = app().test_client()
    for path in (
        "/reader/index.html",
        "/reader/content/main.js",
        "/reader/../reader.py",
        "/reader/x.js",
    ):
        response = client.get(path)
        assert response.status_code == 404, path
        assert response.get_json()["error"]["code"] == "not_found"
