"""A user's roles, read once per request: what every app's access rules are built on.

Each app decides access to its own objects in its own access.py (forums/access.py,
reporting/access.py, analysis/access.py, commissioning/access.py): helpers that fetch an
object and authorise the user together — 404 to an outsider (existence does not leak), 403
to someone who may see a thing but not change it. Views fetch through them and never test
roles themselves. This module imports no other app.
"""

from dataclasses import dataclass

from accounts.models import RoleAssignment

Role = RoleAssignment.Role


@dataclass(frozen=True)
class Access:
    """A user's roles, read once per request."""

    administrator: bool = False
    analyst: bool = False
    commissioner: bool = False
    secretariat_forum_ids: frozenset = frozenset()
    commissioning_body_ids: frozenset = frozenset()

    @property
    def is_anyone(self):
        return self.administrator or self.analyst or self.commissioner or self.secretariat_forum_ids


def access_for(user):
    if not user.is_authenticated:
        return Access()
    cached = getattr(user, "_svforum_access", None)
    if cached is not None:
        return cached
    roles = list(user.roles.values_list("role", "forum_id", "commissioning_body_id"))
    access = Access(
        administrator=user.is_superuser or any(r == Role.ADMINISTRATOR for r, _, _ in roles),
        analyst=any(r == Role.ANALYST for r, _, _ in roles),
        commissioner=any(r == Role.COMMISSIONER for r, _, _ in roles),
        secretariat_forum_ids=frozenset(f for r, f, _ in roles if r == Role.SECRETARIAT),
        commissioning_body_ids=frozenset(b for r, _, b in roles if r == Role.COMMISSIONER),
    )
    user._svforum_access = access
    return access


def has_a_role(user):
    """Whether the user holds any role at all (a new account holds none until given one)."""
    return bool(access_for(user).is_anyone)
