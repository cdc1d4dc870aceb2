"""A record that a concurrent save made a duplicate of, after the form's checks passed, is
refused with a message: never a server error, nothing half-written."""

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse

from forums import services
from forums.models import Organisation
from svforum.records import DUPLICATE_RECORD
from tests.factories import OrganisationFactory


def _as_if_checked_before_the_other_save(monkeypatch):
    """The other save lands between the form's checks and this save: skip the checks'
    view of it."""
    monkeypatch.setattr(models.Model, "validate_constraints", lambda self, exclude=None: None)
    monkeypatch.setattr(models.Model, "validate_unique", lambda self, exclude=None: None)


def test_the_service_refuses_a_duplicate_made_meanwhile(monkeypatch, secretariat_a):
    OrganisationFactory(name="Cwm Care")
    _as_if_checked_before_the_other_save(monkeypatch)
    record = Organisation(name="cwm care", legal_form="trust", sector="third_sector")
    try:
        services.save_record(record=record, by=secretariat_a)
    except ValidationError as error:
        assert str(DUPLICATE_RECORD) in error.messages
    else:
        raise AssertionError("a duplicate was saved")
    assert Organisation.objects.filter(name__iexact="cwm care").count() == 1


def test_the_page_says_so_and_keeps_the_input(client_as, monkeypatch):
    OrganisationFactory(name="Cwm Care")
    _as_if_checked_before_the_other_save(monkeypatch)
    response = client_as("secretariat_a").post(
        reverse("organisations:create"),
        {
            "name": "Cwm Care",
            "legal_form": "trust",
            "sector": "third_sector",
            "section_16_category": "third_sector",
            "address": "2 Station Road",
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Someone saved a record with the same details a moment ago" in html
    assert "2 Station Road" in html
    assert Organisation.objects.filter(name__iexact="cwm care").count() == 1
