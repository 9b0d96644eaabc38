"""Service tests run on in-memory fakes: a store, a unit of work over it, the test practice."""

from __future__ import annotations

import pytest

from bot.domain.practice import Practice
from tests.builders import make_practice
from tests.fakes import FakeStore, FakeUnitOfWork


@pytest.fixture
def practice() -> Practice:
    return make_practice()


@pytest.fixture
def store() -> FakeStore:
    return FakeStore()


@pytest.fixture
def uow(store: FakeStore) -> FakeUnitOfWork:
    return FakeUnitOfWork(store)
