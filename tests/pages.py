"""Reading pages as a browser would: the values a form posts back, and two people editing
the same record at once."""

import html
from html.parser import HTMLParser

from svforum.revisions import CONFLICT_MESSAGE


class _FormFields(HTMLParser):
    """The values a browser would post from the page's form, as rendered."""

    def __init__(self):
        super().__init__()
        self.data, self._select, self._textarea = {}, None, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = attrs.get("name")
        if tag == "input" and name and attrs.get("type") not in ("submit", "button"):
            if attrs.get("type") in ("checkbox", "radio"):
                if "checked" in attrs:
                    self.data[name] = attrs.get("value", "on")
            else:
                self.data[name] = attrs.get("value", "")
        elif tag == "select" and name:
            self._select = name
            self.data.setdefault(name, "")
        elif tag == "option" and self._select and "selected" in attrs:
            self.data[self._select] = attrs.get("value", "")
        elif tag == "textarea" and name:
            self._textarea = name
            self.data[name] = ""

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "textarea":
            # As a browser reads it: a line break straight after <textarea> is not content.
            value = self.data[self._textarea]
            self.data[self._textarea] = value[1:] if value.startswith("\n") else value
            self._textarea = None

    def handle_data(self, data):
        if self._textarea:
            self.data[self._textarea] += data


def posted_back(page):
    """What posting the page's form unchanged sends (``page`` is HTML or a response)."""
    if not isinstance(page, str):
        page = page.content.decode()
    parser = _FormFields()
    parser.feed(page)
    parser.data.pop("csrfmiddlewaretoken", None)
    return parser.data


def text_of(response):
    return html.unescape(response.content.decode())


def edit_at_once(first, second, url, field, *, theirs, mine, saved):
    """Two people open ``url``'s form; ``first`` saves ``field`` as ``theirs``, then
    ``second`` saves it as ``mine``. The second save is refused with both versions on the
    page and nothing lost; saved again, knowingly, it goes through. ``saved()`` reads the
    field's stored value."""
    form_1, form_2 = posted_back(first.get(url)), posted_back(second.get(url))
    assert "revision" in form_1, "the form carries the revision its edit started from"
    form_1[field] = theirs
    response = first.post(url, form_1)
    assert response.status_code == 302, text_of(response)
    assert saved() == theirs

    form_2[field] = mine
    refused = second.post(url, form_2)
    assert refused.status_code == 409
    page = text_of(refused)
    assert str(CONFLICT_MESSAGE) in page
    assert theirs in page  # their version, shown
    assert mine in page  # mine, kept in the form
    assert saved() == theirs  # nothing overwritten

    again = posted_back(refused)
    assert again[field] == mine
    response = second.post(url, again)
    assert response.status_code == 302, text_of(response)
    assert saved() == mine
