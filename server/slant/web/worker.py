"""slant's gunicorn worker: whole requests are read in the event loop, never in a thread.

gunicorn's threaded worker hands a connection to a thread as soon as its first
bytes arrive; the thread then blocks until the request is complete. Six
clients that send half a request and wait therefore took every thread of a
2-worker server. Here the worker's event loop (the one gunicorn already runs
for kept-alive connections) buffers each request, head and body, without
blocking, and a thread only ever gets a request that is fully in memory: its
threads do analyses, not waiting. A request not complete within
``SLANT_READ_TIMEOUT`` gets a 408 and the connection is closed.

The loop also answers, as the contract's JSON envelope, what never reaches
the app: a body over ``SLANT_MAX_BODY_BYTES`` (413; the connection is kept
alive when the declared body is small enough to skip, up to
``DRAIN_FACTOR`` times the limit) and gunicorn's own parse errors (400, 414,
431, 501). After each request the worker reads its resident memory (one
read of ``/proc/self/status``) and retires itself, gracefully, above
``SLANT_WORKER_MAX_MEMORY_MB``.
"""

from __future__ import annotations

import contextlib
import errno
import json
import selectors
import socket
import time
from functools import partial
from typing import Any

from gunicorn.http import errors as http_errors
from gunicorn.workers.gthread import ThreadWorker
from slant.config import load_config
from slant.naming import server_setting_env

#: A head (request line and headers) larger than this goes to gunicorn's parser as is (414/431).
MAX_HEAD_BYTES = 64 * 1024
#: A body declared over the limit but under this many times it is read and dropped, so the
#: connection survives its 413; a larger one is answered at once and the connection closed.
DRAIN_FACTOR = 4
#: Seconds a connection closed after an error answer may still send before it is dropped.
LINGER_SECONDS = 2.0

_REASONS = {
    400: "Bad Request",
    408: "Request Timeout",
    413: "Content Too Large",
    414: "URI Too Long",
    417: "Expectation Failed",
    431: "Request Header Fields Too Large",
    500: "Internal Server Error",
    501: "Not Implemented",
}
# gunicorn's parse errors, most specific first: (error class, status, code, message).
_PARSE_ERRORS: list[tuple[type[BaseException], int, str, str]] = [
    (
        http_errors.LimitRequestLine,
        414,
        "uri_too_long",
        "The request line is longer than this server accepts.",
    ),
    (
        http_errors.LimitRequestHeaders,
        431,
        "headers_too_large",
        "The request headers are larger, or more numerous, than this server accepts.",
    ),
    (
        http_errors.UnsupportedTransferCoding,
        501,
        "not_implemented",
        "This server accepts only the chunked transfer coding.",
    ),
    (
        http_errors.ExpectationFailed,
        417,
        "expectation_failed",
        "This server only understands `Expect: 100-continue`.",
    ),
    (http_errors.ParseException, 400, "bad_request", "The request is not valid HTTP/1.1."),
    (http_errors.NoMoreData, 400, "bad_request", "The request ended before it was complete."),
]


_BROKEN_CHUNK = (
    "bad_request",
    "The chunked request body is malformed (a bad chunk size or terminator).",
)


def envelope(status: int, code: str, message: str, details: Any = None, *, close: bool) -> bytes:
    """A complete HTTP/1.1 response carrying the contract's error envelope."""
    body = json.dumps({"error": {"code": code, "message": message, "details": details}}).encode()
    head = (
        f"HTTP/1.1 {status} {_REASONS.get(status, 'Error')}\r\n"
        "Content-Type: application/json\r\n"
        f"Content-Length: {len(body)}\r\n"
        f"Connection: {'close' if close else 'keep-alive'}\r\n\r\n"
    )
    return head.encode("latin-1") + body


def too_large_response(limit: int, *, close: bool) -> bytes:
    from slant.web.errors import body_too_large

    error = body_too_large(limit)
    return envelope(error.status, error.code, error.message, error.details, close=close)


class RequestScanner:
    """Tells, from the bytes received so far, whether one HTTP/1.1 request is complete.

    ``feed`` returns ``"more"`` (keep reading), ``"ready"`` (a whole request
    is buffered), ``"parse"`` (let gunicorn's parser decide: a malformed or
    unusual head, which it answers with an error) or ``"too_large"`` (the
    body is over ``max_body``; ``declared`` is its Content-Length, if any).
    Chunked bodies are scanned incrementally, so many tiny chunks cost
    linear time.
    """

    def __init__(self, max_body: int, data: bytes = b""):
        self.max_body = max_body
        self.buffer = bytearray(data)
        self.head_end: int | None = None
        self.length: int | None = None
        self.chunked = False
        self.declared: int | None = None
        self.wants_close = False  # the client asked to close after this request
        self._pos = 0  # next chunk-size line
        self._body = 0  # chunked body bytes so far

    def feed(self, data: bytes = b"") -> str:
        self.buffer += data
        if self.head_end is None:
            verdict = self._read_head()
            if verdict != "ok":
                return verdict
        if self.length is not None and self.head_end is not None:
            return "ready" if len(self.buffer) >= self.head_end + self.length else "more"
        if self.chunked:
            return self._scan_chunks()
        return "ready"

    def _read_head(self) -> str:
        end = self.buffer.find(b"\r\n\r\n")
        if end < 0:
            if len(self.buffer) > MAX_HEAD_BYTES or b"\n\n" in self.buffer:
                return "parse"
            return "more"
        self.head_end = end + 4
        lines = bytes(self.buffer[:end]).split(b"\r\n")
        if len(lines[0].split(b" ")) != 3:
            return "parse"
        lengths, codings = [], []
        connection = b"keep-alive" if lines[0].endswith(b"HTTP/1.1") else b"close"
        for line in lines[1:]:
            name, colon, value = line.partition(b":")
            name = name.lower()
            if not colon:
                return "parse"
            if name == b"content-length":
                lengths.append(value.strip())
            elif name == b"transfer-encoding":
                codings.append(value.strip().lower())
            elif name == b"connection":
                connection = value.strip().lower()
            elif name == b"expect":
                return "parse"  # gunicorn answers 100-continue or 417 itself
        self.wants_close = connection == b"close"
        if codings:
            if codings != [b"chunked"] or lengths:
                return "parse"
            self.chunked = True
            self._pos = self.head_end
            return "ok"
        if len(lengths) > 1 or (lengths and not lengths[0].isdigit()):
            return "parse"
        if lengths:
            self.length = int(lengths[0])
            if self.length > self.max_body:
                self.declared = self.length
                return "too_large"
        return "ok"

    def _scan_chunks(self) -> str:
        buffer = self.buffer
        while True:
            line_end = buffer.find(b"\r\n", self._pos)
            if line_end < 0:
                return "parse" if len(buffer) - self._pos > 1024 else "more"
            size_text = bytes(buffer[self._pos : line_end]).split(b";", 1)[0].strip()
            try:
                size = int(size_text, 16)
            except ValueError:
                return "parse"  # gunicorn's parser answers 400
            if size < 0 or not size_text.isalnum():
                return "parse"
            if size == 0:
                trailer_end = buffer.find(b"\r\n\r\n", line_end)
                if trailer_end < 0:
                    return "parse" if len(buffer) - line_end > MAX_HEAD_BYTES else "more"
                return "ready"
            if self._body + size > self.max_body:
                return "too_large"
            chunk_end = line_end + 2 + size + 2
            if len(buffer) < chunk_end:
                return "more"
            if buffer[chunk_end - 2 : chunk_end] != b"\r\n":
                return "parse"
            self._body += size
            self._pos = chunk_end


class _Reading:
    """A connection whose request is still arriving (or that is being closed)."""

    __slots__ = ("closing", "deadline", "scanner", "skip")

    def __init__(self, scanner: RequestScanner, deadline: float):
        self.scanner = scanner
        self.deadline = deadline
        self.skip = 0  # bytes of an over-limit body still to drop
        self.closing = False  # answered; dropping what arrives until the client closes


class SlantWorker(ThreadWorker):
    """gunicorn's ``gthread`` worker reading requests in its event loop (see the module)."""

    alive: bool  # gunicorn's: False once the worker is to stop

    def init_process(self) -> None:
        settings = load_config()
        config = getattr(self.app.wsgi(), "config", None) or {}
        self.max_body = int(config.get("MAX_BODY_BYTES", settings["MAX_BODY_BYTES"]))
        self.read_timeout = float(config.get("READ_TIMEOUT", settings["READ_TIMEOUT"]))
        self.max_memory_kb = (
            int(config.get("WORKER_MAX_MEMORY_MB", settings["WORKER_MAX_MEMORY_MB"])) * 1024
        )
        self.reading: dict[Any, _Reading] = {}
        super().init_process()

    # --- reading requests in the event loop -------------------------------------------------

    def enqueue_req(self, conn: Any) -> None:
        if getattr(conn, "slant_complete", False) or self.cfg.is_ssl:
            conn.slant_complete = False
            super().enqueue_req(conn)
            return
        leftover = conn.parser.unreader.take_buffered() if conn.parser is not None else b""
        conn.sock.setblocking(False)
        state = _Reading(RequestScanner(self.max_body), time.monotonic() + self.read_timeout)
        self.reading[conn] = state
        self.poller.register(conn.sock, selectors.EVENT_READ, partial(self._readable, conn))
        self._advance(conn, state, leftover)

    def _readable(self, conn: Any, _sock: Any) -> None:
        state = self.reading.get(conn)
        if state is None:
            return
        try:
            data = conn.sock.recv(256 * 1024)
        except (BlockingIOError, InterruptedError):
            return
        except OSError:
            data = b""
        if not data:
            self._drop(conn)
            return
        if state.closing:
            return
        self._advance(conn, state, data)

    def _advance(self, conn: Any, state: _Reading, data: bytes) -> None:
        if state.skip:
            taken = min(state.skip, len(data))
            state.skip -= taken
            data = data[taken:]
            if state.skip:
                return
            self._answer(conn, too_large_response(self.max_body, close=False))
            self._restart(conn, data)
            return
        scanner = state.scanner
        verdict = scanner.feed(data)
        if verdict == "more":
            return
        if verdict == "parse" and scanner.chunked:
            # Where a broken chunked body ends is unknown: answer, then close.
            self._close_with(conn, envelope(400, *_BROKEN_CHUNK, close=True))
            return
        if verdict in ("ready", "parse"):
            self._dispatch(conn, bytes(scanner.buffer))
            return
        # Over the limit: drop a body we can afford to read, then keep the connection.
        declared = scanner.declared
        assert scanner.head_end is not None
        if (
            declared is not None
            and declared <= DRAIN_FACTOR * self.max_body
            and not scanner.wants_close
        ):
            received = len(scanner.buffer) - scanner.head_end
            if received < declared:
                state.skip = declared - received
                scanner.buffer.clear()
                return
            rest = bytes(scanner.buffer[scanner.head_end + declared :])
            self._answer(conn, too_large_response(self.max_body, close=False))
            self._restart(conn, rest)
            return
        self._close_with(conn, too_large_response(self.max_body, close=True))

    def _restart(self, conn: Any, data: bytes) -> None:
        """After a 413 on a kept-alive connection: read the next request."""
        self._forget(conn)
        conn.slant_complete = False
        state = _Reading(RequestScanner(self.max_body), time.monotonic() + self.read_timeout)
        self.reading[conn] = state
        self.poller.register(conn.sock, selectors.EVENT_READ, partial(self._readable, conn))
        if data:
            self._advance(conn, state, data)

    def _dispatch(self, conn: Any, data: bytes) -> None:
        self._forget(conn)
        conn.init()
        conn.parser.unreader.unread(data)
        _bound_reads(conn.parser.unreader, self.read_timeout)
        conn.data_ready = True
        conn.slant_complete = True
        self.enqueue_req(conn)

    def _answer(self, conn: Any, response: bytes) -> None:
        """Write a small response from the loop (it fits in an empty socket buffer)."""
        try:
            conn.sock.setblocking(True)
            conn.sock.settimeout(1.0)
            conn.sock.sendall(response)
        except OSError:
            pass
        finally:
            conn.sock.setblocking(False)

    def _close_with(self, conn: Any, response: bytes) -> None:
        """Answer, then close once the client has stopped sending (so it can read the answer)."""
        self._answer(conn, response)
        state = self.reading.get(conn)
        try:
            conn.sock.shutdown(socket.SHUT_WR)
        except OSError:
            self._drop(conn)
            return
        if state is not None:
            state.closing = True
            state.deadline = time.monotonic() + LINGER_SECONDS

    def _forget(self, conn: Any) -> None:
        self.reading.pop(conn, None)
        with contextlib.suppress(KeyError, ValueError, OSError):
            self.poller.unregister(conn.sock)

    def _drop(self, conn: Any) -> None:
        self._forget(conn)
        self.nr_conns -= 1
        conn.close()

    def murder_pending(self) -> None:
        super().murder_pending()
        now = time.monotonic()
        for conn, state in list(self.reading.items()):
            if state.deadline > now:
                continue
            if state.closing or not (state.scanner.buffer or state.skip):
                self._drop(conn)
            else:
                self.log.info("request not complete after %g s: 408", self.read_timeout)
                setting = server_setting_env("READ_TIMEOUT")
                self._close_with(
                    conn,
                    envelope(
                        408,
                        "request_timeout",
                        f"The request was not complete after {self.read_timeout:g} s "
                        f"({setting}); send it in one go.",
                        {"limit": setting, "max": self.read_timeout},
                        close=True,
                    ),
                )

    # --- gunicorn's own errors, and recycling ------------------------------------------------

    def handle_error(self, req: Any, client: Any, addr: Any, exc: BaseException) -> None:
        """gunicorn's parse errors as the contract's envelope, not an HTML page."""
        for kind, status, code, message in _PARSE_ERRORS:  # noqa: B007 - used after the loop
            if isinstance(exc, kind):
                self.log.info("invalid request (%s): %s", status, type(exc).__name__)
                break
        else:
            self.log.exception("error handling a request")
            status, code, message = (
                500,
                "internal",
                "An internal error occurred; it has been logged.",
            )
        try:
            client.setblocking(True)
            client.settimeout(1.0)
            client.sendall(envelope(status, code, message, close=True))
        except OSError:
            pass

    def handle_request(self, req: Any, conn: Any) -> bool:
        keep = super().handle_request(req, conn)
        if self.max_memory_kb and self.alive:
            rss = resident_kb()
            if rss > self.max_memory_kb:
                self.log.warning(
                    "worker uses %d MB, over SLANT_WORKER_MAX_MEMORY_MB=%d: restarting it",
                    rss // 1024,
                    self.max_memory_kb // 1024,
                )
                self.alive = False
                self.method_queue.defer(lambda: None)
        return keep


def _bound_reads(unreader: Any, seconds: float) -> None:
    """Reads the parser still makes on the socket (rare: see ``"parse"``) wait at most ``seconds``."""
    sock = getattr(unreader, "sock", None)
    if sock is None or getattr(unreader, "slant_bounded", False):
        return
    read = unreader.chunk

    def chunk(size_hint: int | None = None) -> bytes:
        with selectors.DefaultSelector() as selector:
            selector.register(sock, selectors.EVENT_READ)
            if not selector.select(seconds):
                raise http_errors.NoMoreData(b"")
        try:
            return read(size_hint)
        except OSError as error:
            if error.errno in (errno.EAGAIN, errno.EWOULDBLOCK):
                return b""
            raise

    unreader.chunk = chunk
    unreader.slant_bounded = True


def resident_kb() -> int:
    """This process's resident memory in kB (Linux ``/proc``; 0 elsewhere)."""
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0
