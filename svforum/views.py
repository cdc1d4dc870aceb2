import datetime

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.http import require_GET

from accounts import access as roles
from forums import access as forum_access
from reporting import selectors as reporting_selectors


@require_GET
@login_required
def home(request):
    """The user's work first: a secretariat's reports (state, due date, comments waiting),
    an analyst's cycles (reports waiting for review, the dashboard, the national analysis),
    then the forums and the register."""
    access = roles.access_for(request.user)
    forums = forum_access.visible_forums(request.user).order_by("name_en")
    own_forums = [f for f in forums if f.pk in access.secretariat_forum_ids]
    return render(
        request,
        "home.html",
        {
            "forums": forums,
            "forum_work": reporting_selectors.secretariat_work(own_forums) if own_forums else [],
            "cycle_work": reporting_selectors.analyst_work() if access.analyst else [],
            "today": datetime.date.today(),
            "can_see_organisations": forum_access.can_see_organisations(request.user),
            "has_roles": roles.has_a_role(request.user),
        },
    )


@require_GET
def accessibility(request):
    return render(request, "pages/accessibility.html")


@require_GET
def privacy(request):
    return render(request, "pages/privacy.html")


def page_not_found(request, exception):
    return render(request, "404.html", status=404)


def permission_denied(request, exception):
    return render(request, "403.html", status=403)


def server_error(request):
    return render(request, "500.html", status=500)


def csrf_failure(request, reason=""):
    """A form sent without its security token (usually: the page was open so long that
    the session ended, or cookies are blocked), in the service's own layout and language."""
    return render(request, "403_csrf.html", status=403)
