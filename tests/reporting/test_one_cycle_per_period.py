"""Two reporting cycles with the same name or overlapping periods are refused: by the
database for the names, and with a message wherever a cycle is made (the admin)."""

import pytest
from django.db import IntegrityError
from django.urls import reverse

from accounts.models import User
from reporting.models import ReportingCycle, ReportTemplate
from tests.pages import posted_back, text_of


@pytest.fixture
def admin_client_(client, db):
    client.force_login(
        User.objects.create_superuser("root@example.org", "a-long-admin-password", name="R")
    )
    return client


def _add(client, **values):
    url = reverse("admin:reporting_reportingcycle_add")
    data = posted_back(client.get(url))
    data.update(
        {
            "name_en": "Reports 2026–2029",
            "name_cy": "Adroddiadau 2026–2029",
            "period_start": "2026-04-01",
            "period_end": "2029-03-31",
            "due_on": "2029-06-30",
            "template": str(ReportTemplate.objects.earliest("pk").pk),
            **values,
        }
    )
    return client.post(url, data)


def test_an_overlapping_period_is_refused_with_a_message(admin_client_, cycle):
    client = admin_client_
    refused = _add(client, period_start="2025-04-01")
    assert refused.status_code == 200
    assert "The period overlaps that of Reports 2023–2026 (1 April 2023 to 31 March 2026)" in (
        text_of(refused)
    )
    assert _add(client).status_code == 302  # the next period, from the day after
    assert ReportingCycle.objects.count() == 2


def test_a_name_in_use_is_refused(admin_client_, cycle):
    client = admin_client_
    refused = _add(
        client,
        name_en="reports 2023–2026",
        period_start="2030-04-01",
        period_end="2033-03-31",
        due_on="2033-06-30",
    )
    assert "A reporting cycle with this English name exists." in text_of(refused)
    with pytest.raises(IntegrityError):
        ReportingCycle.objects.create(
            name_en="Reports 2023–2026",
            name_cy="Arall",
            period_start="2040-04-01",
            period_end="2043-03-31",
            due_on="2043-06-30",
            template=cycle.template,
        )
