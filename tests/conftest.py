from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from mashdesk.store import Store, open_store

FIXTURES = Path(__file__).parent / "fixtures"
CORPORA = Path(__file__).resolve().parents[1].parent / "shared" / "corpora"


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    s = open_store(tmp_path / "store.db")
    yield s
    s.close()


@pytest.fixture
def fixtures() -> Path:
    return FIXTURES / "intake"
