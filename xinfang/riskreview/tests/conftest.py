def pytest_configure(config) -> None:  # noqa: ANN001
    # the browser test's marker, as xinfang/web/tests/conftest.py declares it (this app's tests may run alone)
    config.addinivalue_line("markers", "browser: drives a real headless Chromium (Playwright)")
