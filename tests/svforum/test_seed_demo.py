"""`make run` loads the demo with seed_demo: it must work, and twice over."""

from io import StringIO

from django.core.management import call_command

from accounts.models import User
from forums.models import Citizen, ForumMembership, Meeting, Organisation, Project


def test_seed_demo_loads_every_forums_records_and_one_user_per_role(db):
    out = StringIO()
    call_command("seed_demo", stdout=out)
    assert Organisation.objects.count() >= 300
    for model in (ForumMembership, Citizen, Meeting, Project):
        assert set(model.objects.values_list("forum__slug", flat=True).distinct()) == {
            "gwent",
            "west-wales",
            "west-glamorgan",
            "cardiff-and-vale",
            "north-wales",
            "powys",
            "cwm-taf-morgannwg",
        }
    assert set(Project.objects.values_list("origin", flat=True)) == {
        "forum",
        "precursor",
        "pre_dates",
    }
    roles = set(User.objects.values_list("roles__role", flat=True))
    assert roles == {"secretariat", "analyst", "commissioner", "administrator"}
    assert "secretariat@example.org" in out.getvalue()
    from reporting.models import Figure, Report

    assert set(Report.objects.values_list("status", flat=True)) == {
        "draft",
        "submitted",
        "returned",
        "resubmitted",
        "accepted",
    }
    states = set(Figure.objects.values_list("state", flat=True))
    assert {"value", "not_provided"} <= states
    assert Figure.objects.exclude(qualifier="").exists()
    assert Report.objects.filter(entries__status="no_information").exists()

    counts = Organisation.objects.count(), Meeting.objects.count()
    call_command("seed_demo", stdout=StringIO())
    assert (Organisation.objects.count(), Meeting.objects.count()) == counts
