"""An audit row says who did it even after that person's account is deleted."""

from accounts.models import AuditEvent
from accounts.services import record_audit
from tests.factories import UserFactory


def test_the_actors_name_and_email_outlive_their_account(db, forum_a):
    user = UserFactory(name="Dylan Morgan", email="dylan@example.org")
    record_audit(actor=user, action=AuditEvent.Action.UPDATE, obj=forum_a, forum=forum_a)
    user.delete()
    event = AuditEvent.objects.get()
    assert event.actor is None
    assert (event.actor_name, event.actor_email, event.who) == (
        "Dylan Morgan",
        "dylan@example.org",
        "Dylan Morgan",
    )
    assert "Dylan Morgan" in str(event)
