import re
from decimal import Decimal

from django import forms, template
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

register = template.Library()


@register.simple_tag
def once():
    """The form's one-time token (svforum/once.py): a second sending of it gets the
    first's result."""
    from svforum.once import token_input

    return token_input()


@register.inclusion_tag("includes/change_history.html")
def change_history(record, limit=10):
    """The record's latest versions (django-simple-history): when, who, and which fields
    each changed — in two queries, whatever the number of versions shown."""
    from svforum.revisions import Revisioned

    versions = list(
        record.history.select_related("history_user").order_by("-history_date", "-history_id")[
            : limit + 1
        ]
    )
    skipped = set(Revisioned.REVISION_BOOKKEEPING)
    rows = []
    for newer, older in zip(versions[:limit], [*versions[1:], None], strict=False):
        fields = []
        if older is not None:
            delta = newer.diff_against(older)
            fields = [
                str(record._meta.get_field(name).verbose_name)
                for name in delta.changed_fields
                if name not in skipped
            ]
        rows.append(
            {
                "when": newer.history_date,
                "who": newer.history_user,
                "created": newer.history_type == "+",
                "fields": fields,
            }
        )
    return {"rows": rows, "more": len(versions) > limit}


@register.inclusion_tag("includes/error_summary.html")
def error_summary(*items):
    """The GOV.UK error summary for any mix of forms and formsets."""
    all_forms = []
    items = list(items)
    while items:
        item = items.pop(0)
        if isinstance(item, (list, tuple)):
            items[:0] = item
            continue
        if isinstance(item, forms.BaseFormSet):
            all_forms.extend(item.forms)
            non_form = item.non_form_errors()
            if non_form:
                holder = forms.Form(data={})  # bound, so its errors count
                holder._errors = forms.utils.ErrorDict({"__all__": non_form})
                all_forms.append(holder)
        elif item:
            all_forms.append(item)
    has_errors = any(f.is_bound and f.errors for f in all_forms)
    return {"forms": all_forms, "has_errors": has_errors}


@register.filter
def yes_no(value):
    return _("Yes") if value else _("No")


@register.filter
def or_not_recorded(value):
    return value if value not in (None, "") else _("Not recorded")


@register.filter
def money(value):
    """£1,250 or £1,250.50 (pence only when there are some)."""
    if value in (None, ""):
        return ""
    value = Decimal(value)
    if value == value.to_integral_value():
        return f"£{value:,.0f}"
    return f"£{value:,.2f}"


@register.filter
def quantity(value):
    """1,250 or 1,250.5: a quantity without trailing zeros."""
    if value in (None, ""):
        return ""
    value = Decimal(value)
    if value == value.to_integral_value():
        return f"{value:,.0f}"
    return f"{value:,.2f}".rstrip("0")


BULLETS = ("- ", "* ", "• ")
NUMBERED_RE = re.compile(r"^\d{1,3}[.)]\s+")


def _line_kind(line):
    stripped = line.lstrip()
    if stripped.startswith(BULLETS):
        return "ul"
    if NUMBERED_RE.match(stripped):
        return "ol"
    return "p"


@register.filter
def narrative(text):
    """Plain text as GOV.UK paragraphs and lists, every character escaped.

    Blank lines separate paragraphs; lines starting with "- ", "* " or "• " are bulleted
    list items and lines starting with "1. " or "1) " numbered ones, also straight after a
    lead-in line ("We did three things:"). Nothing the user typed is ever output as HTML.
    """
    html = []
    for block in (text or "").replace("\r\n", "\n").split("\n\n"):
        lines = [line.rstrip() for line in block.strip("\n").split("\n") if line.strip()]
        runs = []
        for line in lines:
            kind = _line_kind(line)
            if runs and runs[-1][0] == kind:
                runs[-1][1].append(line)
            else:
                runs.append((kind, [line]))
        for kind, run in runs:
            if kind == "ul":
                items = "".join(f"<li>{escape(line.lstrip()[2:].strip())}</li>" for line in run)
                html.append(f'<ul class="govuk-list govuk-list--bullet">{items}</ul>')
            elif kind == "ol":
                items = "".join(
                    f"<li>{escape(NUMBERED_RE.sub('', line.lstrip()).strip())}</li>" for line in run
                )
                html.append(f'<ol class="govuk-list govuk-list--number">{items}</ol>')
            else:
                html.append(f'<p class="govuk-body">{"<br>".join(escape(x) for x in run)}</p>')
    return mark_safe("".join(html))
