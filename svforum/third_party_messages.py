"""Messages that Django and crispy-forms-gds show on our pages but whose Welsh catalogues
lack. Listed here (never evaluated) so that ``makemessages`` copies them into
locale/cy, where our translations take precedence over the libraries' own catalogues.
tests/test_welsh_catalogue.py checks that each of them renders in Welsh.
"""

from django.utils.translation import gettext_noop, ngettext_lazy

MESSAGES = [
    # crispy-forms-gds: the date input's parts and the error summary title
    gettext_noop("Day"),
    gettext_noop("Month"),
    gettext_noop("Year"),
    gettext_noop("There is a problem"),
    # django.contrib.auth: password validation and reset
    gettext_noop("The password is too similar to the %(verbose_name)s."),
    gettext_noop("Your password can’t be too similar to your other personal information."),
    gettext_noop("This password is too common."),
    gettext_noop("Your password can’t be a commonly used password."),
    gettext_noop("This password is entirely numeric."),
    gettext_noop("Your password can’t be entirely numeric."),
    gettext_noop("The two password fields didn’t match."),
    gettext_noop("Enter the same password as before, for verification."),
    # django.forms and django.db (a select's blank choice)
    gettext_noop("- Select an option -"),
    gettext_noop("Select a valid choice. %(value)s is not one of the available choices."),
    gettext_noop("Select a valid choice. That choice is not one of the available choices."),
]

# Rendered for 10 (our minimum password length) by tests/test_welsh_catalogue.py.
PLURAL_MESSAGES = [
    ngettext_lazy(
        "This password is too short. It must contain at least %d character.",
        "This password is too short. It must contain at least %d characters.",
        10,
    ),
    ngettext_lazy(
        "Your password must contain at least %(min_length)d character.",
        "Your password must contain at least %(min_length)d characters.",
        10,
    ),
]
