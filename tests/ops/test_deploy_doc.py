"""docs/DEPLOY.md's table of environment variables is exactly what the code reads: a variable added to the
code without a row (or a row left after the code stopped reading it) fails here, naming it and the files."""

from __future__ import annotations

from collections import Counter

from tests.ops.deploy_texts import code_variables, documented_variables, variables_read


def test_the_table_lists_every_variable_the_code_reads_and_no_other() -> None:
    read = code_variables()
    documented = documented_variables()

    assert [name for name, n in Counter(documented).items() if n > 1] == []
    missing = {name: sorted(map(str, files)) for name, files in read.items() if name not in documented}
    assert missing == {}, "read by the code, not in docs/DEPLOY.md's table"
    assert sorted(set(documented) - read.keys()) == [], "in docs/DEPLOY.md's table, read nowhere"


def test_the_scan_finds_every_way_the_code_reads_a_variable() -> None:
    """The comparison above is only as good as this scan: each spelling in use must be found."""
    source = """
import os
a = env.get("A_GET", "")
b = os.environ.get("B_GET")
c = os.environ["C_ITEM"]
d = os.getenv("D_GETENV")
os.environ.pop("E_POP", None)
f = _per_minute(env, "F_HELPER", 300, 6000, locale)
g = settings.get("NOT_ENV")
h = t(locale, "config.missing", name="NOT_A_READ")
"""
    assert variables_read(source) == {"A_GET", "B_GET", "C_ITEM", "D_GETENV", "E_POP", "F_HELPER"}
