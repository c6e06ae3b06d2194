"""Server configuration: defaults, an optional TOML file, ``SLANT_*`` variables.

Every setting is declared once in :data:`SETTINGS`, so parsing, validation,
``slant config`` and the docs all read the same table. Later sources win:
defaults, then the TOML file named by ``SLANT_CONFIG``, then the environment,
then what the caller of :func:`slant.web.app.create_app` passes.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from slant.naming import server_setting_env, shown


class ConfigError(ValueError):
    """A setting has a value the server cannot use; the message says which and why."""


def _names(value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        return tuple(part.strip() for part in value.split(",") if part.strip())
    if isinstance(value, list | tuple):
        return tuple(str(part).strip() for part in value if str(part).strip())
    raise ValueError("expected a comma-separated list")


def parse_bool(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in {"1", "true", "yes", "on"}:
        return True
    if text in {"0", "false", "no", "off", ""}:
        return False
    raise ValueError("expected true or false")


def _at_least(minimum: int, kind: Callable[[Any], Any]) -> Callable[[Any], Any]:
    def convert(value: Any) -> Any:
        if isinstance(value, bool):
            raise ValueError("expected a number")
        number = kind(value)
        if number < minimum:
            raise ValueError(f"must be at least {minimum}")
        return number

    return convert


def _positive(kind: Callable[[Any], Any]) -> Callable[[Any], Any]:
    def convert(value: Any) -> Any:
        if isinstance(value, bool):
            raise ValueError("expected a number")
        number = kind(value)
        if not number > 0:
            raise ValueError("must be greater than 0")
        return number

    return convert


def _one_of(*choices: str) -> Callable[[Any], str]:
    def convert(value: Any) -> str:
        text = str(value).strip().lower()
        if text not in choices:
            raise ValueError(f"expected one of {', '.join(choices)}")
        return text

    return convert


def _rate_limit(value: Any) -> str:
    """``""`` (off) or flask-limiter's syntax, e.g. ``120/minute;2000/hour``."""
    text = str(value).strip()
    if text.lower() in {"", "off", "none", "0"}:
        return ""
    from limits import parse_many

    parse_many(text)  # ValueError names what it could not read
    return text


def _limit_list(value: Any) -> str:
    """flask-limiter's syntax, required (a limit that cannot be turned off)."""
    text = _rate_limit(value)
    if not text:
        raise ValueError("expected limits such as 30/minute;500/day")
    return text


def _redis_url(value: Any) -> str:
    text = str(value).strip()
    if text and not text.startswith(("redis://", "rediss://", "unix://")):
        raise ValueError("expected a redis://, rediss:// or unix:// URL")
    return text


@dataclass(frozen=True)
class SettingSpec:
    """One server setting: its key, how to read it, its default, what it does."""

    key: str
    convert: Callable[[Any], Any]
    default: Any
    help: str
    secret: bool = False

    @property
    def env(self) -> str:
        return server_setting_env(self.key)


SETTINGS: tuple[SettingSpec, ...] = (
    SettingSpec(
        "MAX_BODY_BYTES", _positive(int), 1_000_000, "Largest request body accepted (413 over it)."
    ),
    SettingSpec(
        "ANALYZER_TIMEOUT",
        _positive(float),
        5.0,
        "Seconds an analyzer may run before it is reported as timed out.",
    ),
    SettingSpec(
        "REQUEST_DEADLINE",
        _positive(float),
        10.0,
        "Seconds all analyzers together may take on one request; an analyzer not done by then is reported as timed out.",
    ),
    SettingSpec(
        "MAX_SENTENCES",
        _positive(int),
        5000,
        "Most sentences one text may have (413 over it, before any analyzer runs).",
    ),
    SettingSpec(
        "MAX_ANNOTATIONS",
        _positive(int),
        20_000,
        "Most annotations one analyzer may return for a text; over it, its result is an error.",
    ),
    SettingSpec(
        "MAX_RESPONSE_BYTES",
        _positive(int),
        5_000_000,
        "Largest response an analysis may produce (413 over it).",
    ),
    SettingSpec(
        "ISOLATE_ANALYZERS",
        _names,
        (),
        "Analyzers to run in a child process, comma-separated: one that crashes its process only fails its own result.",
    ),
    SettingSpec(
        "ANALYZERS",
        _names,
        (),
        "Analyzers to enable, comma-separated; empty enables all that load.",
    ),
    SettingSpec("DISABLE_ANALYZERS", _names, (), "Analyzers to leave off, comma-separated."),
    SettingSpec(
        "LOAD_PLUGINS",
        _names,
        (),
        "Load only these entry points of the `slant` group; empty loads all.",
    ),
    SettingSpec("BLOCK_PLUGINS", _names, (), "Entry points of the `slant` group never to load."),
    SettingSpec("TRACE_PLUGINS", parse_bool, False, "Log every hook call (for plugin authors)."),
    SettingSpec(
        "API_KEYS",
        _names,
        (),
        "Accepted API keys; when set, requests need `Authorization: Bearer KEY`.",
        secret=True,
    ),
    SettingSpec(
        "CORS_ORIGINS", _names, (), "Browser origins that get CORS headers; none by default."
    ),
    SettingSpec(
        "RATE_LIMIT",
        _rate_limit,
        "",
        "Requests allowed per API key (or client IP without keys), e.g. `120/minute;2000/hour`; empty or `off` for none.",
    ),
    SettingSpec(
        "REDIS_URL",
        _redis_url,
        "",
        "Redis for the cache and rate-limit counters shared by all workers; empty keeps both in memory.",
        secret=True,
    ),
    SettingSpec(
        "CACHE_ENTRIES",
        _at_least(0, int),
        512,
        "Responses kept in each worker's memory cache; 0 turns the cache off.",
    ),
    SettingSpec(
        "CACHE_TTL",
        _positive(float),
        600.0,
        "Seconds a cached response is kept (memory and Redis) before it is dropped.",
    ),
    SettingSpec(
        "CACHE_MAX_BYTES",
        _positive(int),
        64_000_000,
        "Bytes of responses each worker's memory cache may hold.",
    ),
    SettingSpec(
        "METRICS", parse_bool, True, "Serve Prometheus metrics at /metrics (counts only, no text)."
    ),
    SettingSpec(
        "PROXY_HOPS",
        _at_least(0, int),
        0,
        "Reverse proxies in front of the server whose X-Forwarded-For/-Proto to trust (1 behind nginx or Caddy).",
    ),
    SettingSpec(
        "FEEDBACK_DB",
        str,
        "",
        'SQLite file that keeps readers\' "this mark is wrong" reports; empty: feedback off (404).',
    ),
    SettingSpec(
        "FEEDBACK_RATE_LIMIT",
        _limit_list,
        "30/minute;500/day",
        "Feedback reports accepted per API key (or client IP without keys).",
    ),
    SettingSpec("WORKERS", _positive(int), 2, "gunicorn worker processes."),
    SettingSpec("THREADS", _positive(int), 2, "Threads per gunicorn worker."),
    SettingSpec(
        "WORKER_TIMEOUT",
        _positive(int),
        30,
        "Seconds before gunicorn restarts a silent worker; keep it above ANALYZER_TIMEOUT.",
    ),
    SettingSpec(
        "READ_TIMEOUT",
        _positive(float),
        10.0,
        "Seconds a client has to send a whole request under gunicorn (408 after it); stalled clients hold no thread meanwhile.",
    ),
    SettingSpec(
        "WORKER_MAX_REQUESTS",
        _at_least(0, int),
        10_000,
        "Requests after which a gunicorn worker is replaced (with 10% jitter); 0 never.",
    ),
    SettingSpec(
        "WORKER_MAX_MEMORY_MB",
        _at_least(0, int),
        1024,
        "Resident memory over which a gunicorn worker is replaced after its current request; 0 never.",
    ),
    SettingSpec(
        "LOG_LEVEL",
        _one_of("debug", "info", "warning", "error"),
        "info",
        "Logging level: debug, info, warning or error.",
    ),
    SettingSpec(
        "LOG_FORMAT",
        _one_of("json", "text"),
        "json",
        "`json`: one JSON object per line (for log collectors); `text` for reading in a terminal.",
    ),
)
_BY_KEY = {spec.key: spec for spec in SETTINGS}


def defaults() -> dict[str, Any]:
    """Every setting at its default value."""
    return {spec.key: spec.default for spec in SETTINGS}


def load_config(
    overrides: Mapping[str, Any] | None = None,
    *,
    env: Mapping[str, str] | None = None,
) -> dict[str, Any]:
    """The effective configuration, validated; raises :class:`ConfigError`.

    Keys that are not slant settings (``TESTING``, ``PLUGIN_SETTINGS``, Flask's
    own) pass through unchanged, so tests and embedders can set them.
    """
    env = os.environ if env is None else env
    config = defaults()
    if env.get("SLANT_CONFIG"):
        config.update(_read_toml(Path(env["SLANT_CONFIG"])))
    for spec in SETTINGS:
        if spec.env in env:
            config[spec.key] = _convert(spec, env[spec.env], source=spec.env)
    for key, value in (overrides or {}).items():
        config[key] = _convert(_BY_KEY[key], value, source=key) if key in _BY_KEY else value
    return config


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise ConfigError(f"SLANT_CONFIG={path}: cannot read it ({error.strerror})") from error
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"SLANT_CONFIG={path}: not valid TOML ({error})") from error
    config: dict[str, Any] = {}
    for name, value in data.items():
        key = name.upper()
        if key == "PLUGINS" and isinstance(value, dict):
            config["PLUGIN_SETTINGS"] = value
        elif key in _BY_KEY:
            config[key] = _convert(_BY_KEY[key], value, source=f"{path}: {name}")
        else:
            known = ", ".join(spec.key.lower() for spec in SETTINGS)
            raise ConfigError(f"{path}: unknown setting {name!r} (known: {known}, [plugins.NAME])")
    return config


def _convert(spec: SettingSpec, value: Any, *, source: str) -> Any:
    try:
        return spec.convert(value)
    except (TypeError, ValueError) as error:
        raise ConfigError(f"{source}={value!r}: {error} ({spec.help})") from error


def describe(config: Mapping[str, Any]) -> list[tuple[str, str, str]]:
    """``(variable, value, help)`` rows for ``slant config``, secrets masked."""
    rows = []
    for spec in SETTINGS:
        value = config.get(spec.key, spec.default)
        if isinstance(value, tuple):
            value = ",".join(value)
        rows.append((spec.env, str(shown(value, secret=spec.secret)), spec.help))
    return rows
