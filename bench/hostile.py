"""A hostile client over raw sockets: stalled requests, a corpus of malformed ones.

``make soak`` and the tests use it against a live server: what a well-behaved
HTTP library never sends (half a request, broken chunked bodies, lying
lengths, huge headers, invalid UTF-8) is written byte for byte here.
"""

from __future__ import annotations

import json
import socket
import time
from dataclasses import dataclass, field


@dataclass
class RawResponse:
    """One HTTP/1.1 response as read off the socket."""

    status: int
    headers: dict[str, str]
    body: bytes
    closed: bool = False  # the server closed the connection after it
    raw_head: bytes = field(default=b"", repr=False)

    def is_json_envelope(self) -> bool:
        """Whether the body is the contract's ``{"error": {"code", "message", "details"}}``."""
        if not self.headers.get("content-type", "").startswith("application/json"):
            return False
        try:
            error = json.loads(self.body)["error"]
        except (ValueError, KeyError, TypeError):
            return False
        return isinstance(error, dict) and {"code", "message", "details"} <= set(error)


def connect(port: int, host: str = "127.0.0.1", timeout: float = 10.0) -> socket.socket:
    sock = socket.create_connection((host, port), timeout=timeout)
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    return sock


def read_response(sock: socket.socket, buffered: bytearray | None = None) -> RawResponse:
    """Read one response (``Content-Length`` or until close); leftovers stay in ``buffered``."""
    data = buffered if buffered is not None else bytearray()
    closed = False
    while b"\r\n\r\n" not in data:
        chunk = sock.recv(65536)
        if not chunk:
            raise ConnectionError(f"closed before a response head: {bytes(data[:200])!r}")
        data += chunk
    head, _, rest = bytes(data).partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split(" ", 2)[1])
    headers = {}
    for line in lines[1:]:
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
    body = bytearray(rest)
    if "content-length" in headers:
        length = int(headers["content-length"])
        while len(body) < length:
            chunk = sock.recv(65536)
            if not chunk:
                closed = True
                break
            body += chunk
        data[:] = body[length:]
        body = body[:length]
    else:
        while chunk := sock.recv(65536):
            body += chunk
        closed = True
        data.clear()
    if headers.get("connection", "").lower() == "close" and not closed:
        closed = _closed_soon(sock)
    return RawResponse(status, headers, bytes(body), closed, head)


def _closed_soon(sock: socket.socket, seconds: float = 1.0) -> bool:
    sock.settimeout(seconds)
    try:
        return sock.recv(1) == b""
    except (TimeoutError, OSError):
        return False


def exchange(port: int, raw: bytes, timeout: float = 10.0) -> RawResponse:
    """Send ``raw`` on a new connection and read the one response."""
    with connect(port, timeout=timeout) as sock:
        sock.sendall(raw)
        return read_response(sock)


def request_bytes(
    method: str,
    path: str,
    body: bytes = b"",
    headers: dict[str, str] | None = None,
    *,
    length: bool = True,
) -> bytes:
    lines = [f"{method} {path} HTTP/1.1", "Host: localhost"]
    all_headers = dict(headers or {})
    if length and body and "Transfer-Encoding" not in all_headers:
        all_headers.setdefault("Content-Length", str(len(body)))
    lines += [f"{name}: {value}" for name, value in all_headers.items()]
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + body


def chunked(body: bytes, size: int = 4096) -> bytes:
    parts = [
        b"%x\r\n%s\r\n" % (len(body[i : i + size]), body[i : i + size])
        for i in range(0, len(body), size)
    ]
    return b"".join(parts) + b"0\r\n\r\n"


JSON = {"Content-Type": "application/json"}
CHUNKED = {"Content-Type": "application/json", "Transfer-Encoding": "chunked"}
ANALYZE = "/api/v1/analyze"
SMALL = json.dumps({"text": "One sentence here. Another one."}).encode()


def corpus(max_body: int) -> list[tuple[str, bytes]]:
    """``(name, raw request)``: malformed and borderline requests, each on its own connection."""
    big = json.dumps({"text": "x" * (max_body + 10)}).encode()
    return [
        ("chunked ok", request_bytes("POST", ANALYZE, chunked(SMALL, 7), CHUNKED)),
        (
            "chunk size not hex",
            request_bytes("POST", ANALYZE, b"zz\r\n" + SMALL + b"\r\n0\r\n\r\n", CHUNKED),
        ),
        (
            "chunk size negative",
            request_bytes("POST", ANALYZE, b"-5\r\nabcde\r\n0\r\n\r\n", CHUNKED),
        ),
        (
            "chunk size huge",
            request_bytes("POST", ANALYZE, b"ffffffffffffffffff\r\nab\r\n0\r\n\r\n", CHUNKED),
        ),
        (
            "chunk missing terminator",
            request_bytes("POST", ANALYZE, b"5\r\nabcdeXX0\r\n\r\n", CHUNKED),
        ),
        (
            "chunk bad extension",
            request_bytes("POST", ANALYZE, b"5;\x01=\r\nabcde\r\n0\r\n\r\n", CHUNKED),
        ),
        ("chunked over the limit", request_bytes("POST", ANALYZE, chunked(big, 65536), CHUNKED)),
        (
            "chunked and content-length",
            request_bytes("POST", ANALYZE, chunked(SMALL), {**CHUNKED, "Content-Length": "5"}),
        ),
        (
            "unknown transfer coding",
            request_bytes("POST", ANALYZE, SMALL, {**JSON, "Transfer-Encoding": "gzip"}),
        ),
        (
            "content-length not a number",
            request_bytes("POST", ANALYZE, SMALL, {**JSON, "Content-Length": "abc"}),
        ),
        (
            "content-length negative",
            request_bytes("POST", ANALYZE, SMALL, {**JSON, "Content-Length": "-1"}),
        ),
        (
            "content-length twice",
            request_bytes("POST", ANALYZE, SMALL, {**JSON, "Content-Length": f"{len(SMALL)}, 3"}),
        ),
        (
            "content-length short",
            request_bytes("POST", ANALYZE, SMALL, {**JSON, "Content-Length": "10"}),
        ),
        ("content-length over the limit", request_bytes("POST", ANALYZE, big, JSON)),
        (
            "invalid utf-8 body",
            request_bytes("POST", ANALYZE, b'{"text": "caf\xe9 \xff\xfe"}', JSON),
        ),
        ("invalid utf-8 in the path", request_bytes("GET", "/api/v1/\xff\xfe", b"")),
        (
            "invalid utf-8 in a header",
            request_bytes("GET", "/api/v1/health", b"", {"X-Name": "\xff\xfe"}),
        ),
        ("percent-encoded garbage path", request_bytes("GET", "/api/v1/%ff%fe%00", b"")),
        ("huge request line", request_bytes("GET", "/api/v1/health?" + "a" * 20_000, b"")),
        ("huge header", request_bytes("GET", "/api/v1/health", b"", {"X-Big": "b" * 20_000})),
        (
            "too many headers",
            request_bytes("GET", "/api/v1/health", b"", {f"X-H{i}": "v" for i in range(300)}),
        ),
        ("bad request line", b"GARBAGE\r\n\r\n"),
        ("bad http version", b"GET /api/v1/health HTTP/9.9\r\nHost: x\r\n\r\n"),
        ("lowercase method", b"get /api/v1/health HTTP/1.1\r\nHost: x\r\n\r\n"),
        ("made-up method", b"FROBNICATE /api/v1/analyze HTTP/1.1\r\nHost: x\r\n\r\n"),
        ("header without colon", b"GET /api/v1/health HTTP/1.1\r\nHost: x\r\nNoColonHere\r\n\r\n"),
        ("header with space before colon", b"GET /api/v1/health HTTP/1.1\r\nHost : x\r\n\r\n"),
        (
            "obsolete line folding",
            b"GET /api/v1/health HTTP/1.1\r\nHost: x\r\nX-A: b\r\n c\r\n\r\n",
        ),
        ("nul in a header", b"GET /api/v1/health HTTP/1.1\r\nHost: x\r\nX-A: a\x00b\r\n\r\n"),
        ("bare LF line endings", b"GET /api/v1/health HTTP/1.1\nHost: x\n\n"),
        ("expect 417", request_bytes("POST", ANALYZE, SMALL, {**JSON, "Expect": "something"})),
        ("absolute-form URI", b"GET http://evil.example/api/v1/health HTTP/1.1\r\nHost: x\r\n\r\n"),
        ("HTTP/1.0 without host", b"GET /api/v1/health HTTP/1.0\r\n\r\n"),
        ("json with a NUL", request_bytes("POST", ANALYZE, b'{"text": "a\\u0000b. c."}', JSON)),
        ("lone surrogate", request_bytes("POST", ANALYZE, b'{"text": "a \\ud800 b."}', JSON)),
        ("deeply nested json", request_bytes("POST", ANALYZE, b"[" * 100_000, JSON)),
    ]


def run_corpus(port: int, max_body: int) -> dict[str, RawResponse | str]:
    """Each corpus request's response, or what went wrong reading it."""
    out: dict[str, RawResponse | str] = {}
    for name, raw in corpus(max_body):
        try:
            out[name] = exchange(port, raw)
        except (OSError, ValueError, IndexError) as error:
            out[name] = f"{type(error).__name__}: {error}"
    return out


def stall(port: int, count: int) -> list[socket.socket]:
    """``count`` connections that send part of a request and wait (half headers, half bodies)."""
    sockets = []
    for index in range(count):
        sock = connect(port)
        if index % 2:
            sock.sendall(b"POST /api/v1/analyze HTTP/1.1\r\nHost: x\r\nContent-Ty")
        else:
            head = request_bytes(
                "POST", ANALYZE, b"", {**JSON, "Content-Length": "5000"}, length=False
            )
            sock.sendall(head + b'{"text": "half a bo')
        sockets.append(sock)
    return sockets


def timed(port: int, raw: bytes, timeout: float = 5.0) -> tuple[float, int | str]:
    """Seconds to the answer of one request on a fresh connection, and its status."""
    started = time.perf_counter()
    try:
        status: int | str = exchange(port, raw, timeout=timeout).status
    except OSError as error:
        status = type(error).__name__
    return time.perf_counter() - started, status
