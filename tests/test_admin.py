"""Every model is in the administration site, and its pages work."""

import pytest
from django.contrib import admin
from django.urls import reverse

from tests.factories import CitizenFactory, MeetingFactory, MembershipFactory, ProjectFactory


@pytest.fixture
def superuser(db):
    from accounts.models import User

    return User.objects.create_superuser("root@example.org", "a-long-admin-password", name="R")


def test_every_model_has_working_admin_pages(client, superuser, forum_a):
    MembershipFactory(forum=forum_a)
    CitizenFactory(forum=forum_a)
    MeetingFactory(forum=forum_a)
    ProjectFactory(forum=forum_a)
    client.force_login(superuser)
    for model, model_admin in admin.site._registry.items():
        opts = model._meta
        changelist = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
        assert client.get(changelist).status_code == 200, changelist
        obj = model.objects.first()
        if obj is not None and model_admin.has_view_permission(
            type("R", (), {"user": superuser})(), obj
        ):
            change = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])
            assert client.get(change).status_code == 200, change


def test_the_forum_records_are_all_registered():
    from forums import models

    for model in (
        models.Forum,
        models.LocalAuthority,
        models.HealthBoard,
        models.Organisation,
        models.ForumMembership,
        models.Citizen,
        models.Meeting,
        models.Project,
    ):
        assert model in admin.site._registry
