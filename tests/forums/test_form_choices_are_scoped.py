"""A form offers only what its user may see for the forum in hand: a meeting's or a
project's form lists that forum's citizens and member organisations, never another
forum's citizens or organisations that are not its members. Rendered as each persona
who may open the form, and checked on the page itself."""

import pytest
from django.urls import reverse

from forums.forms import MeetingForm, ProjectForm
from tests.factories import (
    CitizenFactory,
    MeetingFactory,
    MembershipFactory,
    OrganisationFactory,
    ProjectFactory,
)


@pytest.fixture
def people(forum_a, forum_b):
    """Forum A's own citizen and member; forum B's citizen and member; a register entry
    that is nobody's member."""
    return {
        "own_citizen": CitizenFactory(forum=forum_a, name="Gwen Gwent-Citizen").name,
        "other_citizen": CitizenFactory(forum=forum_b, name="Bethan West-Citizen").name,
        "own_member": MembershipFactory(
            forum=forum_a, organisation=OrganisationFactory(name="Gwent Member Trust")
        ).organisation.name,
        "other_member": MembershipFactory(
            forum=forum_b, organisation=OrganisationFactory(name="West Member Trust")
        ).organisation.name,
        "nobodys": OrganisationFactory(name="Unaffiliated Services Ltd").name,
    }


def _pages(forum):
    meeting = MeetingFactory(forum=forum)
    project = ProjectFactory(forum=forum)
    return [
        reverse("forums:meeting_create", args=[forum.slug]),
        reverse("forums:meeting_edit", args=[forum.slug, meeting.pk]),
        reverse("forums:project_create", args=[forum.slug]),
        reverse("forums:project_edit", args=[forum.slug, project.pk]),
    ]


@pytest.mark.parametrize("persona", ["secretariat_a", "administrator"])
def test_the_forms_list_only_the_forums_own_citizens_and_members(
    client_as, forum_a, people, persona
):
    client = client_as(persona)
    for url in _pages(forum_a):
        html = client.get(url).content.decode()
        assert people["own_member"] in html, url
        assert people["other_member"] not in html, url
        assert people["nobodys"] not in html, url
        assert people["other_citizen"] not in html, url
        if "meeting" in url:
            assert people["own_citizen"] in html, url


def test_the_form_classes_scope_their_choices_to_the_forum(forum_a, forum_b, people):
    for form in (MeetingForm(forum=forum_a, show_citizens=True), ProjectForm(forum=forum_a)):
        for name, field in form.fields.items():
            if not hasattr(field, "queryset"):
                continue
            offered = [label for _value, label in field.choices]
            assert people["other_member"] not in offered, name
            assert people["nobodys"] not in offered, name
            assert people["other_citizen"] not in offered, name
