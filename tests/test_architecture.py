"""The import graph points down only: the flow forums → reporting ← commissioning, and
report → review → coding → findings → national analysis, stays visible in the folders.

Every module of every app is read with ``ast`` (imports inside functions included, and the
migrations), so an upward import fails here whoever writes it.
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
APPS = ("svforum", "accounts", "forums", "reporting", "analysis", "commissioning")

# What each app may not import. accounts is the floor (users, roles, audit); svforum's
# shared mechanisms sit on it; forums and commissioning feed reporting; analysis reads
# reporting and nothing reads analysis.
FORBIDDEN = {
    "accounts": {"svforum", "forums", "reporting", "analysis", "commissioning"},
    "svforum": {"forums", "reporting", "analysis", "commissioning"},
    "forums": {"reporting", "analysis", "commissioning"},
    "commissioning": {"reporting", "analysis"},
    "reporting": {"analysis"},
    "analysis": set(),
}
# The project-level modules that put the apps together.
ASSEMBLY = {
    "svforum/urls.py",
    "svforum/views.py",
    "svforum/management/commands/seed_demo.py",
}


def imported_apps(source):
    """The first-party apps a module's source imports, anywhere in it."""
    found = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module]
        else:
            continue
        found.update(name.split(".")[0] for name in names if name.split(".")[0] in APPS)
    return found


def modules():
    for app in APPS:
        for path in sorted((ROOT / app).rglob("*.py")):
            relative = path.relative_to(ROOT).as_posix()
            if relative not in ASSEMBLY:
                yield app, relative, path


def test_the_checker_sees_imports_at_any_depth():
    source = "def f():\n    from analysis import coding\n    import reporting.models\n"
    assert imported_apps(source) == {"analysis", "reporting"}
    assert imported_apps("from django.db import models\nimport tablib\n") == set()


@pytest.mark.parametrize("app", APPS)
def test_no_app_imports_upward(app):
    upward = [
        f"{relative} imports {', '.join(sorted(found & FORBIDDEN[app]))}"
        for owner, relative, path in modules()
        if owner == app
        for found in [imported_apps(path.read_text(encoding="utf-8"))]
        if found & FORBIDDEN[app]
    ]
    assert upward == []


def test_the_urls_of_the_analysis_live_in_the_analysis_app():
    source = (ROOT / "reporting/urls.py").read_text(encoding="utf-8")
    assert "analysis" not in imported_apps(source)
    assert 'include("analysis.urls")' in (ROOT / "svforum/urls.py").read_text(encoding="utf-8")


@pytest.mark.parametrize("app", [a for a in APPS if a != "svforum"])
def test_each_app_says_what_it_owns_and_may_import(app):
    doc = ast.get_docstring(ast.parse((ROOT / app / "__init__.py").read_text(encoding="utf-8")))
    assert doc and "May import" in doc
