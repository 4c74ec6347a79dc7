"""Argon2id password hashing with production-strength defaults; tests lower the cost."""

from __future__ import annotations

from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError


@dataclass(frozen=True)
class HashCost:
    time_cost: int
    memory_cost: int  # KiB
    parallelism: int


# argon2-cffi's RFC 9106 "low memory" profile: about 50 ms and 64 MiB per hash.
PRODUCTION = HashCost(time_cost=3, memory_cost=65536, parallelism=4)
# For tests and throwaway stores only: far too cheap to protect a real password.
TEST_ONLY = HashCost(time_cost=1, memory_cost=8, parallelism=1)

_cost = PRODUCTION
_hasher = PasswordHasher(
    time_cost=PRODUCTION.time_cost,
    memory_cost=PRODUCTION.memory_cost,
    parallelism=PRODUCTION.parallelism,
)

MIN_PASSWORD_LENGTH = 10


def configure_hashing(cost: HashCost) -> None:
    """Set the cost for new hashes in this process (tests pass TEST_ONLY)."""
    global _cost, _hasher, _DUMMY_HASH
    _cost = cost
    _DUMMY_HASH = None
    _hasher = PasswordHasher(time_cost=cost.time_cost, memory_cost=cost.memory_cost, parallelism=cost.parallelism)


def current_cost() -> HashCost:
    return _cost


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(stored_hash: str, password: str) -> bool:
    """True when the password matches; any malformed hash counts as a mismatch."""
    try:
        return _hasher.verify(stored_hash, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def needs_rehash(stored_hash: str) -> bool:
    try:
        return _hasher.check_needs_rehash(stored_hash)
    except InvalidHashError:
        return True


_DUMMY_HASH: str | None = None


def burn_time(password: str) -> None:
    """Spend what a real check costs, so unknown usernames are not revealed by timing."""
    global _DUMMY_HASH
    if _DUMMY_HASH is None:
        _DUMMY_HASH = _hasher.hash("not a real password, used only for timing")
    verify_password(_DUMMY_HASH, password)


def check_strength(password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise ValueError(f"A password needs at least {MIN_PASSWORD_LENGTH} characters.")
