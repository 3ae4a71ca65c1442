"""The browser mark, as the other apps with browser tests declare it."""


def pytest_configure(config):  # noqa: ANN001
    config.addinivalue_line("markers", "browser: drives a real headless Chromium (Playwright)")
