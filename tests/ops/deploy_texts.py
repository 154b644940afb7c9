"""What the deploy tests compare: the environment variables the code reads (found in its syntax tree), and
those docs/DEPLOY.md lists."""

from __future__ import annotations

import ast
import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DEPLOY_DOC = ROOT / "docs" / "DEPLOY.md"
_NAME = re.compile(r"[A-Z][A-Z0-9_]*")
_ENV_HOLDERS = {"env", "environ", "environment"}


def packages() -> list[str]:
    """The packages pyproject.toml installs (what the image must hold)."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())
    return sorted(p.rstrip("*") for p in config["tool"]["setuptools"]["packages"]["find"]["include"])


def _is_env(node: ast.AST) -> bool:
    """`env`, `environ`, `os.environ`, `self.env`…: a mapping of environment variables."""
    if isinstance(node, ast.Name):
        return node.id in _ENV_HOLDERS
    return isinstance(node, ast.Attribute) and node.attr in _ENV_HOLDERS


def _names(nodes: list[ast.expr]) -> set[str]:
    return {
        n.value
        for n in nodes
        if isinstance(n, ast.Constant) and isinstance(n.value, str) and _NAME.fullmatch(n.value)
    }


def variables_read(source: str) -> set[str]:
    """Names read from the environment in one module: `env.get("X")`, `os.environ["X"]`, `os.getenv("X")`,
    `env.pop("X")`, and a helper given the environment and a name, `_per_minute(env, "X", …)`."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Subscript) and _is_env(node.value):
            found |= _names([node.slice])
        elif isinstance(node, ast.Call):
            func = node.func
            if isinstance(func, ast.Attribute) and (
                (func.attr in ("get", "pop", "setdefault") and _is_env(func.value)) or func.attr == "getenv"
            ):
                found |= _names(node.args[:1])
            elif any(_is_env(arg) for arg in node.args):
                found |= _names(node.args)
    return found


def code_variables() -> dict[str, set[Path]]:
    """Every variable the installed packages read, with the files that read it."""
    read: dict[str, set[Path]] = {}
    for package in packages():
        for path in (ROOT / package).rglob("*.py"):
            for name in variables_read(path.read_text()):
                read.setdefault(name, set()).add(path.relative_to(ROOT))
    return read


def _section(title: str) -> str:
    text = DEPLOY_DOC.read_text()
    start = text.index(f"\n## {title}\n")
    end = text.find("\n## ", start + 1)
    return text[start : end if end != -1 else len(text)]


def documented_variables() -> list[str]:
    """The names in the first column of the table under "## Environment variables", in order."""
    names: list[str] = []
    for line in _section("Environment variables").splitlines():
        if line.startswith("| `"):
            names += re.findall(r"`([A-Z][A-Z0-9_]*)`", line.split("|")[1])
    return names


def other_programs_variables() -> set[str]:
    """The variables the deploy files set for other programs (Python, pip, PostgreSQL), as DEPLOY.md lists them."""
    section = _section("Environment variables")
    start = section.index("Other programs' variables")
    paragraph = section[start : section.find("\n\n", start)]
    return set(re.findall(r"`([A-Z][A-Z0-9_]*)`", paragraph))
