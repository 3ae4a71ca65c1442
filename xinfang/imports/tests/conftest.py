"""The import app's tests: the browser test's marker (as web/tests/conftest.py registers it)."""


def pytest_configure(config) -> None:  # noqa: ANN001
    config.addinivalue_line("markers", "browser: drives a real headless Chromium (Playwright)")
