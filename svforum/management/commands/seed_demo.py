"""Demo data for `make run`: the seven forums' records, their reports and their analysis,
commissioning in every region, and one demo user per role.

The demo is the project's: this command calls each app's demo.py in the order the data
flows (forums, commissioning's bodies, reporting, analysis, commissioning's tenders).
Idempotent: running it again changes nothing once the demo data is there. Used only for
demonstrations; tests build their data with factories.
"""

import random

from django.core.management.base import BaseCommand
from django.db import transaction

from accounts.models import RoleAssignment, User
from analysis import demo as analysis_demo
from commissioning import demo as commissioning_demo
from commissioning.models import CommissioningBody, Contract, Tender
from forums import demo as forums_demo
from forums.models import Citizen, Forum, ForumMembership, Meeting, Organisation, Project
from reporting import demo as reporting_demo
from reporting import notifications

DEMO_PASSWORD = "demo-password-2026"
DEMO_USERS = [
    ("secretariat@example.org", "Siân Evans", "cy", [("secretariat", "gwent")]),
    ("secretariat.west@example.org", "Dylan Morgan", "en", [("secretariat", "west-wales")]),
    ("analyst@example.org", "Rhiannon Price", "en", [("analyst", None)]),
    ("commissioner@example.org", "Gareth Jones", "en", [("commissioner", "newport")]),
    ("admin@example.org", "Megan Hughes", "en", [("administrator", None)]),
    ("analyst.two@example.org", "Owain Lewis", "cy", [("analyst", None)]),
]


class Command(BaseCommand):
    help = "Loads demo data (forums' records and demo users). Safe to run more than once."

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=2026)

    @transaction.atomic
    def handle(self, *args, seed, **options):
        rng = random.Random(seed)
        commissioning_demo.ensure_bodies()
        _users()
        if Organisation.objects.exists():
            self.stdout.write("Demo records already present; users checked.")
        else:
            forums_demo.seed(rng)
            analyst = User.objects.get(email=DEMO_USERS[2][0])
            with notifications.muted():  # the demo's history is not news to anyone
                reporting_demo.seed(
                    rng,
                    secretariat=User.objects.get(email=DEMO_USERS[0][0]),
                    analyst=analyst,
                )
                analysis_demo.seed(first=analyst, second=User.objects.get(email=DEMO_USERS[5][0]))
            commissioning_demo.seed(rng, by=User.objects.get(email="commissioner@example.org"))
            self.stdout.write(
                self.style.SUCCESS(
                    f"Demo data: {Organisation.objects.count()} organisations, "
                    f"{ForumMembership.objects.count()} memberships, "
                    f"{Citizen.objects.count()} citizens, {Meeting.objects.count()} meetings, "
                    f"{Project.objects.count()} projects, {Tender.objects.count()} tenders, "
                    f"{Contract.objects.count()} contracts."
                )
            )
        self.stdout.write(f"\nDemo sign-ins (password for all: {DEMO_PASSWORD}):")
        for email, name, _language, roles in DEMO_USERS:
            described = ", ".join(f"{r}{' of ' + f if f else ''}" for r, f in roles)
            self.stdout.write(f"  {email:34} {name:16} {described}")


def _users():
    for email, name, language, roles in DEMO_USERS:
        user = User.objects.filter(email=email).first()
        if user is None:
            is_admin = any(r == "administrator" for r, _ in roles)
            user = User.objects.create_user(
                email,
                DEMO_PASSWORD,
                name=name,
                preferred_language=language,
                is_staff=is_admin,
                is_superuser=is_admin,
            )
        for role, scope in roles:
            if role == "commissioner":  # works for a commissioning body
                body = CommissioningBody.objects.get(slug=scope)
                RoleAssignment.objects.get_or_create(user=user, role=role, commissioning_body=body)
                continue
            forum = Forum.objects.get(slug=scope) if scope else None
            RoleAssignment.objects.get_or_create(user=user, role=role, forum=forum)
