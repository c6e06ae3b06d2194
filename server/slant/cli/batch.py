"""``slant analyze`` on many inputs: files, directories, JSONL, URLs; one JSON line each.

Every input becomes one output line, ``{"source", "page", "response"}`` with
the exact API response, or ``{"source", "error"}`` with the contract's error
envelope: a broken input is reported on its line and the run goes on. Lines
are written as inputs finish, so an interrupted run keeps what it did, and
``--output FILE`` resumes: inputs whose source is already in the file are
skipped. The work runs in this process, in ``--jobs N`` worker processes, or
on a Dask cluster (``--scheduler tcp://host:8786``, the ``slant[dask]`` extra).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from slant.cli.fetch import DEFAULT_MAX_BYTES, DEFAULT_TIMEOUT, FetchError, fetch, is_url
from slant.document import PageInfo
from slant.text.article import Page, PageError, read_page

if TYPE_CHECKING:  # the engine (and every analyzer) loads only when an input is analyzed
    from slant.engine import Analysis, Engine

# Files a directory contributes; anything else in it (images, stylesheets) is left alone.
PAGE_SUFFIXES = frozenset({".html", ".htm", ".xhtml", ".shtml", ".txt", ".text", ".md"})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
# In-flight work per worker: enough to keep workers busy, few enough to bound memory.
_WINDOW_PER_WORKER = 4


class DaskUnavailable(RuntimeError):
    """``--scheduler`` without Dask installed, or a scheduler that cannot be reached."""


class InputError(ValueError):
    """An input line or file slant cannot use; reported as ``validation_error`` on its line."""


@dataclass(frozen=True)
class Input:
    """One thing to analyze; read (or fetched) by whichever worker runs it."""

    source: str
    path: str | None = None
    fetch_url: str | None = None
    text: str | None = None
    html: str | None = None
    content: str | None = None  # standard input: a text or a page, told apart by its content
    url: str | None = None
    title: str | None = None
    page: PageInfo | None = None  # a JSONL line's "page", as the API's request takes it
    error: str | None = None  # a JSONL line that could not be parsed: reported, not run


@dataclass(frozen=True)
class Options:
    """What every worker needs besides the input; small and picklable."""

    analyzers: tuple[str, ...] | None = None
    url: str | None = None
    title: str | None = None
    timeout: float = DEFAULT_TIMEOUT
    max_bytes: int = DEFAULT_MAX_BYTES


# --- inputs ----------------------------------------------------------------------------


def expand_sources(sources: Iterable[str], stdin: IO[str] | None = None) -> Iterator[Input]:
    """The inputs named on the command line, in order; directories walked, JSONL read line by line."""
    for source in sources:
        if source == "-":
            yield from _stdin_inputs(stdin if stdin is not None else sys.stdin)
        elif is_url(source):
            yield Input(source=source, fetch_url=source)
        else:
            path = Path(source)
            if path.is_dir():
                for child in sorted(p for p in path.rglob("*") if p.is_file()):
                    suffix = child.suffix.lower()
                    if suffix in JSONL_SUFFIXES:
                        yield from _jsonl_inputs(child)
                    elif suffix in PAGE_SUFFIXES:
                        yield Input(source=str(child), path=str(child))
            elif path.suffix.lower() in JSONL_SUFFIXES and path.is_file():
                yield from _jsonl_inputs(path)
            else:
                yield Input(source=source, path=source)


def is_collection(source: str) -> bool:
    """True for a source that holds many inputs: a directory or a JSONL file."""
    path = Path(source)
    return (
        source != "-"
        and not is_url(source)
        and (path.is_dir() or path.suffix.lower() in JSONL_SUFFIXES)
    )


def count_sources(sources: Iterable[str]) -> int | None:
    """How many inputs :func:`expand_sources` will yield (``None`` when reading stdin)."""
    total = 0
    for source in sources:
        if source == "-":
            return None
        path = Path(source)
        if path.is_dir():
            for child in path.rglob("*"):
                suffix = child.suffix.lower()
                if child.is_file() and suffix in JSONL_SUFFIXES:
                    total += _count_lines(child)
                elif child.is_file() and suffix in PAGE_SUFFIXES:
                    total += 1
        elif path.suffix.lower() in JSONL_SUFFIXES and path.is_file():
            total += _count_lines(path)
        else:
            total += 1
    return total


def _count_lines(path: Path) -> int:
    with path.open("rb") as handle:
        return sum(1 for line in handle if line.strip())


def _jsonl_inputs(path: Path) -> Iterator[Input]:
    with path.open(encoding="utf-8", errors="replace") as handle:
        for number, line in enumerate(handle, start=1):
            if line.strip():
                yield parse_jsonl_line(line, f"{path}:{number}")


def _stdin_inputs(stdin: IO[str]) -> Iterator[Input]:
    """Standard input: JSONL when its first line is a JSON object, else one text or page."""
    first = stdin.readline()
    if first.lstrip("\ufeff").lstrip().startswith("{") and _is_json_object(first):
        number = 1
        for line in (first, *stdin):
            if line.strip():
                yield parse_jsonl_line(line, f"-:{number}")
            number += 1
        return
    content = first + stdin.read()
    yield Input(source="-", content=content)


def _is_json_object(line: str) -> bool:
    try:
        return isinstance(json.loads(line), dict)
    except ValueError:
        return False


def parse_jsonl_line(line: str, where: str) -> Input:
    """One ``{"text"|"html", "url", "title", "page", "id"}`` line; a bad line becomes an input
    that fails. ``page`` is validated as the API validates it."""
    try:
        record = json.loads(line)
    except ValueError as error:
        return Input(source=where, error=f"not valid JSON: {error}")
    if not isinstance(record, dict):
        return Input(source=where, error="a line must be a JSON object")
    source = str(record["id"]) if record.get("id") is not None else where
    fields = {key: record.get(key) for key in ("text", "html", "url", "title")}
    bad = [key for key, value in fields.items() if value is not None and not isinstance(value, str)]
    if bad:
        return Input(source=source, error=f"not a string: {', '.join(bad)}")
    if (fields["text"] is None) == (fields["html"] is None):
        return Input(source=source, error='a line needs exactly one of "text" or "html"')
    page = None
    if record.get("page") is not None:
        from marshmallow import ValidationError

        from slant.contract import PageInfoSchema, error_digest

        try:
            page = PageInfoSchema().load(record["page"])
        except ValidationError as error:
            messages = error.messages if isinstance(error.messages, dict) else {"_": error.messages}
            return Input(source=source, error=f"page: {error_digest(messages)}")
    return Input(source=source, page=page, **fields)


# --- one input -------------------------------------------------------------------------

_ENGINES: dict[str, Any] = {}


def engine_for(config: dict[str, Any] | None = None) -> Engine:
    """This process's engine for ``config`` (default: the environment's), built on first use.

    Once per worker process or Dask worker; in the CLI's own process, once per
    configuration, so the engine a command built is the one its inputs run on.
    """
    from slant.config import load_config
    from slant.engine import Engine

    config = load_config() if config is None else config
    key = json.dumps(config, sort_keys=True, default=repr)
    if key not in _ENGINES:
        _ENGINES[key] = Engine(config)
    return _ENGINES[key]


def load_input(item: Input, options: Options) -> Page:
    """The page or text an input names, read or fetched; raises on anything unusable."""
    url = options.url or item.url
    title = options.title or item.title
    if item.error:
        raise InputError(item.error)
    if item.fetch_url:
        fetched = fetch(item.fetch_url, timeout=options.timeout, max_bytes=options.max_bytes)
        page = read_page(fetched.body, url=url, title=title, encoding=fetched.charset)
        if page.meta.url is None:  # no canonical URL: where the page was found after redirects
            page = replace(page, meta=replace(page.meta, url=fetched.final_url))
        return page
    if item.path is not None:
        try:
            data = Path(item.path).read_bytes()
        except OSError as error:
            raise InputError(f"cannot read {item.path}: {error.strerror or error}") from error
        return read_page(data, url=url, title=title)
    if item.content is not None:
        return read_page(item.content, url=url, title=title)
    if item.html is not None:
        page = read_page(item.html, url=url, title=title, html=True)
    else:
        page = read_page(item.text or "", url=url, title=title, html=False)
    if item.page is not None:  # the line's page wins over what the page says, as its url does
        declared = item.page
        meta = replace(
            page.meta,
            sections=declared.sections,
            types=declared.types,
            tags=declared.tags,
            author_role=declared.author_role,
        )
        page = replace(page, meta=meta)
    return page


def error_envelope(code: str, message: str, details: Any = None) -> dict[str, Any]:
    """The contract's error shape, as the API would send it."""
    return {"error": {"code": code, "message": message, "details": details}}


def analyze_page(engine: Engine, page: Page, options: Options) -> Analysis:
    """The analysis of one loaded input, with the page's URL and title unless overridden."""
    return engine.analyze(
        page.text,
        url=page.meta.url,
        title=page.meta.title,
        analyzers=list(options.analyzers) if options.analyzers is not None else None,
        page=page.meta.info(),
    )


def run_one(item: Input, options: Options) -> dict[str, Any]:
    """One output line for one input; never raises (a failure is the line's ``error``)."""
    from slant.engine import TooMuchWork, UnknownAnalyzer

    try:
        page = load_input(item, options)
        analysis = analyze_page(engine_for(), page, options)
    except (PageError, InputError) as error:
        return {
            "source": item.source,
            **error_envelope("validation_error", describe_error(item, error)),
        }
    except FetchError as error:
        return {"source": item.source, **error_envelope("fetch_failed", str(error))}
    except UnknownAnalyzer as error:
        details = {"unknown": error.unknown, "available": error.available}
        return {"source": item.source, **error_envelope("unknown_analyzer", str(error), details)}
    except TooMuchWork as error:  # the same 413 the API gives for this text
        too_much: dict[str, Any] = {"limit": error.limit, "max": error.maximum}
        return {"source": item.source, **error_envelope("payload_too_large", str(error), too_much)}
    except Exception as error:  # a bug in slant or a plugin: reported on its line, the run goes on
        return {
            "source": item.source,
            **error_envelope("internal", f"{type(error).__name__}: {error}"),
        }
    return {"source": item.source, "page": page.meta.as_dict(), "response": analysis.response}


def describe_error(item: Input, error: Exception) -> str:
    """The one-line message for an input that could not be analyzed."""
    message = str(error)
    return message if item.error or message.startswith("cannot") else f"{item.source} {message}"


# --- many inputs -----------------------------------------------------------------------


# An output line as a worker sends it back: (failed?, the JSON text). Serialized
# on the worker, so the process writing the file only writes.
Line = tuple[bool, str]


def run_line(item: Input, options: Options) -> Line:
    """:func:`run_one`, serialized."""
    line = run_one(item, options)
    return "error" in line, json.dumps(line, ensure_ascii=False)


def run_local(items: Iterable[Input], options: Options) -> Iterator[Line]:
    """In this process, one after another."""
    for item in items:
        yield run_line(item, options)


def run_processes(items: Iterable[Input], options: Options, jobs: int) -> Iterator[Line]:
    """On ``jobs`` worker processes, each with its own engine; lines come as inputs finish."""
    from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait

    with ProcessPoolExecutor(max_workers=jobs) as pool:
        pending: dict[Future[Line], Input] = {}

        def drain(until: int) -> Iterator[Line]:
            while len(pending) > until:
                done, _ = wait(pending, return_when=FIRST_COMPLETED)
                for future in done:
                    yield _result(future, pending.pop(future))

        for item in items:
            pending[pool.submit(run_line, item, options)] = item
            yield from drain(jobs * _WINDOW_PER_WORKER)
        yield from drain(0)


def run_dask(
    items: Iterable[Input], options: Options, scheduler: str, *, client: Any = None
) -> Iterator[Line]:
    """On a Dask cluster: the same :func:`run_line` on its workers (slant installed there)."""
    try:
        from distributed import Client, as_completed
    except ImportError as error:  # pragma: no cover - depends on the install
        raise DaskUnavailable(
            "--scheduler needs Dask: pip install 'slant[dask]' (here and on the workers)"
        ) from error
    own = client is None
    if client is None:
        try:
            _check_reachable(scheduler)
            client = Client(scheduler, timeout="20s")
        except (OSError, TimeoutError, ValueError) as error:
            raise DaskUnavailable(
                f"cannot reach the Dask scheduler at {scheduler}: {error}"
            ) from error
    try:
        window = max(1, sum(client.nthreads().values())) * _WINDOW_PER_WORKER
        running = as_completed()
        inputs: dict[str, Input] = {}
        for item in items:
            future = client.submit(run_line, item, options, pure=False)
            inputs[future.key] = item
            running.add(future)
            while running.count() >= window:
                done = next(running)
                yield _result(done, inputs.pop(done.key))
        for done in running:
            yield _result(done, inputs.pop(done.key))
    finally:
        if own:
            client.close()


def _check_reachable(address: str) -> None:
    """Fail in a moment, not after Dask's retries, when nothing listens at ``address``."""
    import socket
    from urllib.parse import urlsplit

    parts = urlsplit(address if "://" in address else f"tcp://{address}")
    if parts.hostname and parts.port:
        with socket.create_connection((parts.hostname, parts.port), timeout=5):
            pass


def _result(future: Any, item: Input) -> Line:
    """A worker's line, or an ``internal`` error line when the worker itself died."""
    try:
        result: Line = future.result()
    except Exception as error:
        message = f"worker failed: {type(error).__name__}: {error}"
        line = {"source": item.source, **error_envelope("internal", message)}
        return True, json.dumps(line, ensure_ascii=False)
    return result


# --- output and resume -----------------------------------------------------------------


def done_sources(path: Path, *, retry_failed: bool = False) -> set[str]:
    """Sources already in ``path``, whose inputs a resumed run skips.

    A line cut short by an interruption (and anything after it) is removed; with
    ``retry_failed`` the lines of failed inputs are removed too, so they run again.
    """
    if not path.exists():
        return set()
    done: set[str] = set()
    kept: list[bytes] = []
    cut = False
    with path.open("rb") as handle:
        for raw in handle:
            try:
                record = json.loads(raw)
            except ValueError:
                record = None
            if not raw.endswith(b"\n") or not isinstance(record, dict) or "source" not in record:
                cut = True  # the line an interrupted run was writing
                break
            if retry_failed and "error" in record:
                cut = True
                continue
            done.add(str(record["source"]))
            kept.append(raw)
    if cut:
        path.write_bytes(b"".join(kept))
    return done


def write_lines(lines: Iterable[Line], out: IO[str], on_line: Callable[[bool], None]) -> None:
    """One compact JSON object per line, flushed as it comes, so nothing done is lost.

    ``on_line`` hears, for each line written, whether its input failed.
    """
    for failed, text in lines:
        out.write(text + "\n")
        out.flush()
        on_line(failed)


def skip_done(
    items: Iterable[Input], done: set[str], on_skip: Callable[[], None]
) -> Iterator[Input]:
    """``items`` without those whose source is in ``done``."""
    for item in items:
        if item.source in done:
            on_skip()
        else:
            yield item
