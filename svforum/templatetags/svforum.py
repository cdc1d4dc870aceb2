from decimal import Decimal

from django import forms, template
from django.utils.translation import gettext as _

register = template.Library()


@register.inclusion_tag("includes/error_summary.html")
def error_summary(*items):
    """The GOV.UK error summary for any mix of forms and formsets."""
    all_forms = []
    for item in items:
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
