"""The suite's own rules (issue 14), read from the tests' source: precise exception types, and a
query-count test also checks the response's status code (a redirect to the login page is cheap too).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(settings.BASE_DIR)
QUERY_COUNTS = {"django_assert_max_num_queries", "django_assert_num_queries", "assertNumQueries",
                "assertMaxNumQueries", "CaptureQueriesContext"}
BROAD = {"Exception", "BaseException"}
HTTP = {"get", "post", "put", "patch", "delete", "head"}


def suite_files() -> list[Path]:
    """Every test module and conftest.py of the project (not the virtual environment's)."""
    files = [p for p in (ROOT / "xinfang").rglob("*.py")
             if "tests" in p.relative_to(ROOT).parts or p.name == "conftest.py"]
    return sorted([*files, ROOT / "conftest.py"])


def _name(node: ast.AST) -> str:
    """`Exception` for `Exception` and `builtins.Exception`; '' for anything else."""
    if isinstance(node, ast.Name):
        return node.id
    return node.attr if isinstance(node, ast.Attribute) else ""


def _raised(call: ast.Call) -> list[ast.AST]:
    """The exception types a `pytest.raises(...)` / `self.assertRaises(...)` call expects."""
    if not call.args:
        return []
    first = call.args[0]
    return list(first.elts) if isinstance(first, ast.Tuple) else [first]


def broad_exceptions(source: str) -> list[tuple[int, str]]:
    """(line, what) of every `pytest.raises(Exception)`, `assertRaises(BaseException)`, bare
    `except:` and `except BaseException` in `source`."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call) and _name(node.func) in ("raises", "assertRaises",
                                                                "assertRaisesRegex"):
            found += [(node.lineno, f"{_name(node.func)}({_name(t)})") for t in _raised(node)
                      if _name(t) in BROAD]
        elif isinstance(node, ast.ExceptHandler):
            caught = (list(node.type.elts) if isinstance(node.type, ast.Tuple)
                      else [node.type] if node.type else [])
            if node.type is None:
                found.append((node.lineno, "bare except:"))
            found += [(node.lineno, "except BaseException") for t in caught
                      if _name(t) == "BaseException"]
    return found


def unchecked_query_counts(source: str) -> list[tuple[int, str]]:
    """(line, test) of each test function that counts queries around a request (a `.get(...)`,
    `.post(...)` ... call) without reading a `status_code`."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        names = {_name(n) for n in ast.walk(node)}
        requests = any(isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute)
                       and n.func.attr in HTTP and n.args for n in ast.walk(node))
        if names & QUERY_COUNTS and requests and "status_code" not in names:
            found.append((node.lineno, node.name))
    return found


@pytest.mark.parametrize(("snippet", "expected"), [
    ("with pytest.raises(Exception):\n    f()", [(1, "raises(Exception)")]),
    ("with pytest.raises(BaseException, match='x'):\n    f()", [(1, "raises(BaseException)")]),
    ("with pytest.raises((ValueError, Exception)):\n    f()", [(1, "raises(Exception)")]),
    ("self.assertRaises(Exception, f)", [(1, "assertRaises(Exception)")]),
    ("try:\n    f()\nexcept:\n    pass", [(3, "bare except:")]),
    ("try:\n    f()\nexcept (ValueError, BaseException):\n    pass", [(3, "except BaseException")]),
    ("with pytest.raises(ValueError):\n    f()", []),
    ("try:\n    f()\nexcept KeyError:\n    pass", []),
])
def test_the_scan_finds_broad_exception_types(snippet, expected):
    # given a snippet of a test; when scanned; then exactly the broad types are reported
    assert broad_exceptions(snippet) == expected


@pytest.mark.parametrize(("snippet", "expected"), [
    ("def test_a(client, django_assert_max_num_queries):\n"
     "    with django_assert_max_num_queries(5):\n        client.get('/')", [(1, "test_a")]),
    ("def test_b(client):\n    with CaptureQueriesContext(connection):\n"
     "        r = client.post('/', {})", [(1, "test_b")]),
    ("def test_c(client, django_assert_num_queries):\n    with django_assert_num_queries(5):\n"
     "        assert client.get('/').status_code == 200", []),
    ("def test_d(django_assert_num_queries):\n    with django_assert_num_queries(2):\n"
     "        compute()", []),
])
def test_the_scan_finds_query_counts_without_a_status_code(snippet, expected):
    # given a test function; when scanned; then one counting queries around a request unchecked
    assert unchecked_query_counts(snippet) == expected


def test_no_test_expects_or_catches_a_broad_exception_type():
    # given every test module; when scanned; then none uses Exception / BaseException as the
    # expected type, a bare except or except BaseException (name the error the code raises)
    found = [f"{path.relative_to(ROOT)}:{line}: {what}" for path in suite_files()
             for line, what in broad_exceptions(path.read_text(encoding="utf-8"))]
    assert suite_files() and found == []


def test_every_query_count_test_checks_the_status_code():
    # given every test module; when scanned; then each query count around a request also reads
    # the response's status code
    found = [f"{path.relative_to(ROOT)}:{line}: {name}" for path in suite_files()
             for line, name in unchecked_query_counts(path.read_text(encoding="utf-8"))]
    assert found == []


def test_the_suite_fills_notices_with_the_fast_renderer():
    # given the root conftest.py; then outside the documents app render.fill is tests/fastfill.py's
    from xinfang.documents import render
    from xinfang.documents.tests import fastfill

    assert render.fill is fastfill.fill
    assert fastfill.real_fill is not fastfill.fill


@pytest.mark.django_db
def test_the_migrated_sqlite_copy_has_every_migration_and_no_test_data(migrated_sqlite):
    # given the suite's database; then on SQLite the copy the fuzz test starts from has every
    # migration applied and the migrations' data (the roles), and nothing a test made (no unit)
    import sqlite3

    from django.db import connection
    from django.db.migrations.loader import MigrationLoader

    if connection.vendor != "sqlite":
        assert migrated_sqlite is None
        return
    with sqlite3.connect(migrated_sqlite) as copy:
        applied = set(copy.execute("SELECT app, name FROM django_migrations"))
        roles = copy.execute("SELECT COUNT(*) FROM orgs_staffrole").fetchone()[0]
        units = copy.execute("SELECT COUNT(*) FROM orgs_unit").fetchone()[0]
    copy.close()
    assert set(MigrationLoader(connection).applied_migrations) == applied
    assert roles > 0 and units == 0
