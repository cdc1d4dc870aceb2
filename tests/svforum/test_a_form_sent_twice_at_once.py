"""Two sendings of one form at the same moment (a double click on a slow page): the
second waits for the first, then gets its result (svforum/once.py). Runs against a live
database transaction, so it loads the reference data itself, as the browser tests do."""

import threading
import time
import uuid

import pytest
from django.db import connection, connections
from django.test import Client
from django.urls import reverse

from forums.models import Meeting
from tests.e2e.conftest import reference_data  # noqa: F401 (autouse: forums, areas, …)


@pytest.mark.django_db(transaction=True)
def test_two_sendings_at_the_same_moment_make_one_record(forum_a, secretariat_a, monkeypatch):
    """The second sending arrives while the first is still saving: it waits for the first
    (the token's unique index), then gets its result. Needs a database that lets two
    requests write at once (PostgreSQL)."""
    if connection.vendor != "postgresql":
        pytest.skip("SQLite lets one request write at a time")
    from forums import services

    real_save = services.save_meeting
    started = threading.Event()

    def slow_save(**kwargs):
        started.set()
        time.sleep(0.5)  # the second sending arrives meanwhile
        return real_save(**kwargs)

    monkeypatch.setattr(services, "save_meeting", slow_save)
    url = reverse("forums:meeting_create", args=[forum_a.slug])
    data = {
        "_once": str(uuid.uuid4()),
        "kind": "full_forum",
        "held_on_0": "14",
        "held_on_1": "5",
        "held_on_2": "2026",
        "place": "Ebbw Vale Institute",
        "agenda-TOTAL_FORMS": "0",
        "agenda-INITIAL_FORMS": "0",
        "actions-TOTAL_FORMS": "0",
        "actions-INITIAL_FORMS": "0",
    }
    responses = {}

    def send(name):
        client = Client()
        client.force_login(secretariat_a)
        if name == "second":
            started.wait(5)
        responses[name] = client.post(url, data)
        connections.close_all()

    threads = [threading.Thread(target=send, args=(n,)) for n in ("first", "second")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(20)
    assert responses["first"].status_code == 302
    assert responses["second"].status_code == 302
    assert responses["second"]["Location"] == responses["first"]["Location"]
    assert Meeting.objects.filter(forum=forum_a).count() == 1
