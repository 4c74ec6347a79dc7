from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from mashdesk.accounts import passwords
from mashdesk.store import Store, open_store
from tests._stores import make_template

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


@pytest.fixture(scope="session")
def migrated_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    # Migrating costs ~80 ms per store; copying an already-migrated empty file costs ~1 ms.
    return make_template(tmp_path_factory.mktemp("template"))


@pytest.fixture
def cheap_hashing() -> Iterator[None]:
    """Test-only argon2 cost for this test; folders that create accounts make it autouse."""
    passwords.configure_hashing(passwords.TEST_ONLY)
    yield
    passwords.configure_hashing(passwords.PRODUCTION)
