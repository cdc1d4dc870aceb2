"""Two people of one secretariat editing the same domain never overwrite each other."""

import pytest
from django.urls import reverse

from reporting import services
from reporting.models import Entry
from svforum.revisions import EditConflict
from tests.factories import RoleFactory, UserFactory


@pytest.fixture
def colleague(forum_a):
    user = UserFactory(name="Gwyn Colleague", email="gwyn@example.org")
    RoleFactory(user=user, role="secretariat", forum=forum_a)
    return user


def test_the_second_save_is_refused_with_both_versions_shown(client, client_as, report, colleague):
    url = reverse("reporting:entry", args=[report.pk, 2])
    alice = client_as("secretariat_a")
    client.force_login(colleague)
    # Both open the page at revision 0.
    assert alice.get(url).context["form"].initial["revision"] == 0
    assert client.get(url).context["form"].initial["revision"] == 0
    # Gwyn saves first.
    assert (
        client.post(
            url, {"text": "Gwyn's paragraph", "status": "in_progress", "revision": 0}
        ).status_code
        == 302
    )
    # Alice's save is refused; nothing is lost.
    response = alice.post(url, {"text": "Alice's paragraph", "status": "completed", "revision": 0})
    assert response.status_code == 409
    page = response.content.decode()
    assert "Gwyn&#x27;s paragraph" in page  # theirs, shown
    assert "Alice&#x27;s paragraph" in page  # hers, kept in the box
    assert "Saved by Gwyn Colleague" in page
    entry = Entry.objects.get(report=report, domain__number=2)
    assert entry.text == "Gwyn's paragraph"
    # Her next save, made knowingly from Gwyn's revision, goes through.
    assert response.context["form"]["revision"].value() == entry.revision
    assert (
        alice.post(
            url, {"text": "Merged", "status": "completed", "revision": entry.revision}
        ).status_code
        == 302
    )
    assert Entry.objects.get(pk=entry.pk).text == "Merged"


def test_the_service_refuses_a_stale_revision(report, secretariat_a):
    entry = report.entries.get(domain__number=1)
    services.save_entry(
        entry=entry,
        revision=0,
        text="a",
        status="in_progress",
        no_information_reason="",
        by=secretariat_a,
    )
    with pytest.raises(EditConflict) as conflict:
        services.save_entry(
            entry=entry,
            revision=0,
            text="b",
            status="in_progress",
            no_information_reason="",
            by=secretariat_a,
        )
    assert conflict.value.current.text == "a"
