"""Every catalog key the code asks for exists in nb, sv and en: the keys passed to t(), the f-string keys
over their known values, and key-like literals picked from a dict before they reach t()."""

from __future__ import annotations

import ast
import itertools
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from coaching.i18n import en, nb, sv
from coaching.instrument import Axis, Trait
from coaching.zones import Lever, Zone
from survey_flows.views import Kind

ROOT = Path(__file__).resolve().parents[2]
CODE_DIRS = ("bot", "survey_flows", "coaching", "console")
ALL = {"en": en.MESSAGES, "nb": nb.MESSAGES, "sv": sv.MESSAGES}

# The values an f-string key like f"zone.{...}.name" can take, by the key's first segment.
ZONES = ("performance", "comfort", "stress", "apathy")
KINDS = ("full", "pulse", "self")
TRAITS = (
    "clear_expectations",
    "continuous_feedback",
    "personal_ownership",
    "safety_standard",
    "systematic_follow_up",
)
LEVERS = ("more_system", "more_relation", "administration_first", "press_both", "foundation_first")
AXES = ("safety", "standard", "administration")
SCALE = ("1", "2", "3", "4", "5")
DYNAMIC_VALUES: dict[str, tuple[str, ...]] = {
    "zone": ZONES,
    "kind": KINDS,
    "intro": KINDS,
    "result": KINDS,
    "run": KINDS,
    "home": KINDS,  # home.done.<kind>
    "trait": TRAITS,
    "lever": LEVERS,
    "axis": AXES,
    "scale": SCALE,
}


# -- every key the code uses exists ----------------------------------------------------------------------


def _code_files() -> list[Path]:
    files = []
    for folder in CODE_DIRS:
        for path in sorted((ROOT / folder).rglob("*.py")):
            if "i18n" not in path.relative_to(ROOT).parts:
                files.append(path)
    return files


def _is_t(func: ast.expr) -> bool:
    return (isinstance(func, ast.Name) and func.id == "t") or (
        isinstance(func, ast.Attribute) and func.attr == "t"
    )


def _expand(node: ast.JoinedStr) -> list[str]:
    """The keys an f-string key can produce, with each {...} taken over the known values."""
    pieces: list[tuple[str, ...]] = []
    prefix = ""
    for part in node.values:
        if isinstance(part, ast.Constant):
            pieces.append((str(part.value),))
            prefix += str(part.value)
        else:
            namespace = prefix.split(".", 1)[0]
            assert namespace in DYNAMIC_VALUES, f"no known values for the f-string key {ast.unparse(node)}"
            pieces.append(DYNAMIC_VALUES[namespace])
            prefix += "{}"
    return ["".join(choice) for choice in itertools.product(*pieces)]


def _keys_passed_to_t() -> Iterator[tuple[str, str]]:
    """(where, key) for every literal or f-string second argument of t(...)."""
    for path in _code_files():
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Call) and _is_t(node.func) and len(node.args) >= 2):
                continue
            where = f"{path.relative_to(ROOT)}:{node.lineno}"
            arg = node.args[1]
            if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                yield where, arg.value
            elif isinstance(arg, ast.JoinedStr):
                for key in _expand(arg):
                    yield where, key


def _namespaces() -> set[str]:
    return {key.split(".", 1)[0] for key in en.MESSAGES}


def _key_like_literals() -> Iterator[tuple[str, str]]:
    """(where, literal) for string literals anywhere in the code that look like catalog keys
    (`answer.foreign`): this catches keys picked from a dict or a variable before they reach t(...)."""
    key_like = re.compile(r"[a-z_]+(?:\.[a-z0-9_]+)+")
    namespaces = _namespaces()
    for path in _code_files():
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        inside_fstrings = {
            id(part) for node in ast.walk(tree) if isinstance(node, ast.JoinedStr) for part in node.values
        }
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Constant)
                and isinstance(node.value, str)
                and id(node) not in inside_fstrings
                and key_like.fullmatch(node.value)
                and node.value.split(".", 1)[0] in namespaces
            ):
                yield f"{path.relative_to(ROOT)}:{node.lineno}", node.value


def test_dynamic_values_match_the_code() -> None:
    assert tuple(Zone) == ZONES
    assert tuple(Kind) == KINDS
    assert tuple(Trait) == TRAITS
    assert tuple(Lever) == LEVERS
    assert tuple(Axis) == AXES


def test_the_scan_finds_the_keys_in_use() -> None:
    keys = {key for _, key in _keys_passed_to_t()}
    # A scan that silently finds nothing would make the next test pass vacuously.
    assert {"home.welcome", "result.zone", "config.missing"} <= keys
    assert {"zone.stress.name", "lever.press_both.seller", "scale.5", "run.already_done.pulse"} <= keys
    literals = {key for _, key in _key_like_literals()}
    assert {"answer.typed_hint", "answer.foreign"} <= literals


@pytest.mark.parametrize("locale", ["nb", "sv", "en"])
def test_every_key_used_in_code_exists(locale: str) -> None:
    catalog = ALL[locale]
    missing = sorted({(where, key) for where, key in _keys_passed_to_t() if key not in catalog})
    assert missing == []


@pytest.mark.parametrize("locale", ["nb", "sv", "en"])
def test_every_key_like_literal_exists(locale: str) -> None:
    catalog = ALL[locale]
    missing = sorted({(where, key) for where, key in _key_like_literals() if key not in catalog})
    assert missing == []
