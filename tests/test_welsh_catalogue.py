"""Welsh is complete: every string in the code is in locale/cy, translated, not fuzzy."""

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.utils import translation

from svforum.third_party_messages import MESSAGES, PLURAL_MESSAGES

ROOT = Path(__file__).resolve().parent.parent
CATALOGUE = ROOT / "locale" / "cy" / "LC_MESSAGES" / "django.po"


def msgids(po_text):
    """The msgids of a .po file (joined continuation lines), header excluded."""
    ids = set()
    for block in po_text.split("\n\n"):
        match = re.search(r'^msgid ((?:".*"\n?)+)', block, re.M)
        if match:
            value = "".join(re.findall(r'"(.*)"', match.group(1)))
            if value:
                ids.add(value)
    return ids


def test_every_entry_is_translated_and_none_is_fuzzy():
    result = subprocess.run(
        ["msgfmt", "--check", "--statistics", "-o", "/dev/null", str(CATALOGUE)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert "untranslated" not in result.stderr and "fuzzy" not in result.stderr, result.stderr


def test_the_catalogue_holds_every_string_in_the_code(tmp_path):
    """makemessages run on a copy of the project finds nothing the catalogue lacks."""
    copy = tmp_path / "project"
    shutil.copytree(
        ROOT,
        copy,
        ignore=shutil.ignore_patterns(
            ".venv",
            ".git",
            "staticfiles",
            "media",
            "node_modules",
            "__pycache__",
            "*.sqlite3",
            "test-artifacts",
        ),
    )
    result = subprocess.run(
        [
            sys.executable,
            "manage.py",
            "makemessages",
            "-l",
            "cy",
            "--no-location",
            "--ignore=static",
            "--ignore=tests",
            "--ignore=staticfiles",
        ],
        cwd=copy,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    fresh = msgids((copy / "locale/cy/LC_MESSAGES/django.po").read_text(encoding="utf-8"))
    ours = msgids(CATALOGUE.read_text(encoding="utf-8"))
    assert fresh - ours == set(), "run `make messages` and translate the new entries"


@pytest.mark.parametrize("message", MESSAGES)
def test_library_messages_our_pages_show_come_out_in_welsh(message):
    with translation.override("cy"):
        assert translation.gettext(message) != message


@pytest.mark.parametrize("message", PLURAL_MESSAGES)
def test_library_plural_messages_come_out_in_welsh(message):
    with translation.override("en"):
        english = str(message)
    with translation.override("cy"):
        assert str(message) != english


# The names makemessages's xgettext looks for (Django's keywords, and ``_``).
KNOWN_NAMES = {
    "_",
    "gettext",
    "gettext_lazy",
    "gettext_noop",
    "ngettext",
    "ngettext_lazy",
    "pgettext",
    "pgettext_lazy",
    "npgettext",
    "npgettext_lazy",
}


def test_translation_functions_are_only_imported_under_names_makemessages_finds():
    """A string marked with ``gettext_lazy`` imported ``as _lazy`` is never extracted, so
    it would stay English on every Welsh page without the catalogue test noticing."""
    aliased = re.compile(r"from django\.utils\.translation import .*\b(\w*gettext\w*) as (\w+)")
    found = []
    for path in ROOT.rglob("*.py"):
        if {".venv", "node_modules", "migrations"} & set(path.relative_to(ROOT).parts):
            continue
        for number, line in enumerate(path.read_text().splitlines(), start=1):
            for function, alias in aliased.findall(line):
                if alias not in KNOWN_NAMES:
                    found.append(f"{path.relative_to(ROOT)}:{number}: {function} as {alias}")
    assert not found, found
