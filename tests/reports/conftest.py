"""The demo workspace, seeded once for this directory's tests (they only read it)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.demo import Seeded, seeded


@pytest.fixture(scope="session")
def demo(sqlite_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Seeded]:
    found = seeded(sqlite_template, tmp_path_factory.mktemp("demo"))
    yield found
    found.db.dispose()
