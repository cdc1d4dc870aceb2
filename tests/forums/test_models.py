"""Invariants the models own: constraints in the database, rules in clean()."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from forums.models import ForumArea, ForumMembership, Organisation
from tests.factories import CitizenFactory, MembershipFactory, OrganisationFactory

D = datetime.date


def test_the_seven_forums_and_their_footprints_are_reference_data(db):
    from forums.models import Forum

    assert Forum.objects.count() == 7
    north = Forum.objects.get(slug="north-wales")
    assert {a.local_authority.name_en for a in north.areas.current()} == {
        "Isle of Anglesey",
        "Gwynedd",
        "Conwy",
        "Denbighshire",
        "Flintshire",
        "Wrexham",
    }


def test_bridgend_moved_from_western_bay_to_cwm_taf_morgannwg_in_2019(db):
    def forums_of_bridgend(on):
        return set(
            ForumArea.objects.current(on)
            .filter(local_authority__name_en="Bridgend")
            .values_list("forum__slug", flat=True)
        )

    assert forums_of_bridgend(D(2018, 6, 1)) == {"west-glamorgan"}
    assert forums_of_bridgend(D(2020, 6, 1)) == {"cwm-taf-morgannwg"}


def test_it_refuses_a_membership_that_ends_before_it_starts(forum_a):
    membership = MembershipFactory.build(
        forum=forum_a,
        organisation=OrganisationFactory(),
        joined_on=D(2022, 5, 1),
        left_on=D(2021, 1, 1),
    )
    with pytest.raises(ValidationError, match="on or after the date joined"):
        membership.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        membership.save()


def test_the_database_refuses_two_open_memberships_of_one_forum(forum_a):
    existing = MembershipFactory(forum=forum_a)
    with pytest.raises(IntegrityError), transaction.atomic():
        ForumMembership.objects.create(
            forum=forum_a, organisation=existing.organisation, joined_on=D(2023, 1, 1)
        )


def test_it_refuses_overlapping_memberships(forum_a):
    first = MembershipFactory(forum=forum_a, joined_on=D(2019, 1, 1), left_on=D(2021, 12, 31))
    overlapping = ForumMembership(
        forum=forum_a,
        organisation=first.organisation,
        joined_on=D(2021, 6, 1),
        left_on=D(2022, 6, 1),
    )
    with pytest.raises(ValidationError, match="already has a membership"):
        overlapping.full_clean()
    later = ForumMembership(forum=forum_a, organisation=first.organisation, joined_on=D(2022, 1, 1))
    later.full_clean()  # a new membership after the first ended is fine


def test_the_same_organisation_may_belong_to_two_forums(forum_a, forum_b):
    membership = MembershipFactory(forum=forum_a)
    ForumMembership(
        forum=forum_b, organisation=membership.organisation, joined_on=D(2020, 1, 1)
    ).full_clean()


@pytest.mark.parametrize(
    ("number", "valid"),
    [
        ("1234567", True),
        ("123456", True),
        ("1234567-1", True),
        ("12345", False),
        ("SC012345", False),
        ("ABC", False),
    ],
)
def test_charity_numbers_are_validated(db, number, valid):
    organisation = OrganisationFactory.build(charity_number=number)
    if valid:
        organisation.full_clean()
    else:
        with pytest.raises(ValidationError) as error:
            organisation.full_clean()
        assert "charity_number" in error.value.message_dict


@pytest.mark.parametrize(
    ("number", "stored"),
    [
        ("01234567", "01234567"),
        ("1234567", "01234567"),
        ("sc 123456", "SC123456"),
        ("ni123456", "NI123456"),
    ],
)
def test_company_numbers_are_normalised(db, number, stored):
    organisation = OrganisationFactory.build(company_number=number)
    organisation.full_clean()
    assert organisation.company_number == stored


@pytest.mark.parametrize("number", ["123456789", "S1234567", "ABCDEFGH"])
def test_bad_company_numbers_are_refused(db, number):
    with pytest.raises(ValidationError) as error:
        OrganisationFactory.build(company_number=number).full_clean()
    assert "company_number" in error.value.message_dict


def test_organisation_names_are_unique_whatever_their_case(db):
    OrganisationFactory(name="Cwm Care Trust")
    with pytest.raises(ValidationError, match="already registered"):
        OrganisationFactory.build(name="cwm care trust").full_clean()


def test_listing_links_must_point_at_their_directories(db):
    organisation = OrganisationFactory.build(
        dewis_url="https://example.com/x", infoengine_url="https://example.com/y"
    )
    with pytest.raises(ValidationError) as error:
        organisation.full_clean()
    assert set(error.value.message_dict) == {"dewis_url", "infoengine_url"}


def test_a_citizens_contact_details_need_consent(forum_a):
    citizen = CitizenFactory.build(
        forum=forum_a,
        consent_given_on=None,
        consent_purpose="",
        consent_wording_version="",
        contact="07700 900123",
    )
    with pytest.raises(ValidationError) as error:
        citizen.full_clean()
    assert "contact" in error.value.message_dict


def test_consent_cannot_be_withdrawn_before_it_was_given(forum_a):
    citizen = CitizenFactory.build(
        forum=forum_a, consent_given_on=D(2022, 1, 1), consent_withdrawn_on=D(2021, 1, 1)
    )
    with pytest.raises(ValidationError, match="withdrawn on or after"):
        citizen.full_clean()


def test_choices_hold_the_section_16_models(db):
    assert set(Organisation.Section16Category.values) == {
        "social_enterprise",
        "cooperative",
        "cooperative_arrangement",
        "user_led",
        "third_sector",
        "none",
    }
