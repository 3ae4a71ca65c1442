"""Fixtures of the staff web UI's tests."""

import pytest

from xinfang.orgs.models import Role


@pytest.fixture
def registrar(county):  # noqa: ANN001
    """The county bureau's registrar."""
    return county.user(county.bureau, Role.REGISTRAR)


@pytest.fixture
def web(client, registrar):  # noqa: ANN001
    """A browser logged in as the bureau's registrar."""
    client.force_login(registrar)
    return client


def pytest_configure(config) -> None:  # noqa: ANN001
    config.addinivalue_line("markers", "browser: drives a real headless Chromium (Playwright)")
