"""Fixtures shared by the apps' tests."""

import pytest

from xinfang.cases.scenarios import build_county


@pytest.fixture
def county(db):  # noqa: ANN001, ARG001
    """A county (A) with its bureau, departments, township and staff of every role."""
    return build_county("A")


@pytest.fixture
def other_county(county):  # noqa: ANN001
    """A second county (B) under the same city: a different jurisdiction."""
    return build_county("B", province=county.province, city=county.city)
