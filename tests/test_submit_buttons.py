"""Every GOV.UK submit button ignores a second click within a second (GOV.UK Frontend's
own preventDoubleClick), so a double click sends a form once."""

import re
from pathlib import Path

TEMPLATES = Path(__file__).resolve().parents[1] / "templates"
BUTTON_RE = re.compile(r'<button type="submit"[^>]*data-module="govuk-button"[^>]*>')


def test_every_govuk_submit_button_prevents_a_double_click():
    buttons = [
        (path.relative_to(TEMPLATES).as_posix(), button)
        for path in TEMPLATES.rglob("*.html")
        for button in BUTTON_RE.findall(path.read_text(encoding="utf-8"))
    ]
    assert len(buttons) > 40
    assert [b for b in buttons if 'data-prevent-double-click="true"' not in b[1]] == []
