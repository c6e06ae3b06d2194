"""How things are named: analyzers, their plugin packages, their setting variables.

One module, so the registry that accepts an analyzer, ``slant plugins new``
that scaffolds one, and the settings an operator types all agree.
"""

from __future__ import annotations

import re
from typing import TypeGuard

ANALYZER_NAME = re.compile(r"^[a-z][a-z0-9_-]{0,63}$")
ANALYZER_NAME_RULE = "lower-case letters, digits, '-' and '_', starting with a letter, at most 64"
# How a secret setting's value is shown by `slant config` and GET /api/v1/analyzers.
MASK = "****"


def is_analyzer_name(name: object) -> TypeGuard[str]:
    """Whether ``name`` is a valid analyzer name (see :data:`ANALYZER_NAME_RULE`)."""
    return isinstance(name, str) and ANALYZER_NAME.match(name) is not None


def server_setting_env(key: str) -> str:
    """The variable of a server setting: ``SLANT_<KEY>``."""
    return f"SLANT_{key}"


def analyzer_setting_env(analyzer_name: str, setting_name: str) -> str:
    """The variable of an analyzer's setting: ``SLANT_PLUGIN_<ANALYZER>_<SETTING>``."""
    return f"{analyzer_env_prefix(analyzer_name)}_{setting_name}".upper().replace("-", "_")


def analyzer_env_prefix(analyzer_name: str) -> str:
    """``SLANT_PLUGIN_<ANALYZER>``, the prefix of every setting variable of one analyzer."""
    return f"SLANT_PLUGIN_{analyzer_name}".upper().replace("-", "_")


def plugin_distribution(analyzer_name: str) -> str:
    """The distribution a scaffolded plugin gets: ``slant-<name>``."""
    return f"slant-{analyzer_name.replace('_', '-')}"


def plugin_module(analyzer_name: str) -> str:
    """The import package a scaffolded plugin gets: ``slant_<name>``."""
    return "slant_" + analyzer_name.replace("-", "_")


def shown(value: object, *, secret: bool) -> object:
    """A setting's value as listings show it: a set secret masked."""
    return MASK if secret and value else value
