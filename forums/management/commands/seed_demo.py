"""Demo data for `make run`: the seven forums' records and one demo user per role.

Idempotent: running it again changes nothing once the demo data is there. Used only for
demonstrations; tests build their data with factories.
"""

import datetime
import random

from django.core.management.base import BaseCommand
from django.db import transaction

from accounts.models import RoleAssignment, User
from commissioning import demo as commissioning_demo
from commissioning.models import CommissioningBody, Contract, Tender
from forums.models import (
    AgendaItem,
    Citizen,
    Forum,
    ForumMembership,
    LocalAuthority,
    Meeting,
    MeetingAction,
    Organisation,
    Principle,
    Project,
)

DEMO_PASSWORD = "demo-password-2026"
DEMO_USERS = [
    ("secretariat@example.org", "Siân Evans", "cy", [("secretariat", "gwent")]),
    ("secretariat.west@example.org", "Dylan Morgan", "en", [("secretariat", "west-wales")]),
    ("analyst@example.org", "Rhiannon Price", "en", [("analyst", None)]),
    ("commissioner@example.org", "Gareth Jones", "en", [("commissioner", "newport")]),
    ("admin@example.org", "Megan Hughes", "en", [("administrator", None)]),
    ("analyst.two@example.org", "Owain Lewis", "cy", [("analyst", None)]),
]

FIRST = [
    "Cwm",
    "Bro",
    "Afon",
    "Dyffryn",
    "Glan",
    "Pen",
    "Tref",
    "Coed",
    "Llan",
    "Maes",
    "Bryn",
    "Nant",
    "Porth",
    "Ty",
    "Ynys",
]
SECOND = [
    "Care",
    "Carers",
    "Wellbeing",
    "Community",
    "Connect",
    "Support",
    "Together",
    "Futures",
    "Voices",
    "Homes",
    "Active",
    "Kindness",
    "Link",
    "Circle",
    "Hub",
]
KIND = [
    (
        "Trust",
        Organisation.LegalForm.TRUST,
        Organisation.Sector.THIRD_SECTOR,
        Organisation.Section16Category.THIRD_SECTOR,
        True,
    ),
    (
        "CIC",
        Organisation.LegalForm.CIC,
        Organisation.Sector.SOCIAL_ENTERPRISE,
        Organisation.Section16Category.SOCIAL_ENTERPRISE,
        True,
    ),
    (
        "Co-operative",
        Organisation.LegalForm.SOCIETY,
        Organisation.Sector.COOPERATIVE,
        Organisation.Section16Category.COOPERATIVE,
        True,
    ),
    (
        "Association",
        Organisation.LegalForm.UNINCORPORATED,
        Organisation.Sector.THIRD_SECTOR,
        Organisation.Section16Category.USER_LED,
        True,
    ),
    (
        "Ltd",
        Organisation.LegalForm.CLS,
        Organisation.Sector.PRIVATE,
        Organisation.Section16Category.NONE,
        False,
    ),
    (
        "Partnership",
        Organisation.LegalForm.CLG,
        Organisation.Sector.THIRD_SECTOR,
        Organisation.Section16Category.COOPERATIVE_ARRANGEMENT,
        True,
    ),
]
PROJECTS = [
    "Community connectors",
    "Carers’ respite network",
    "Dementia-friendly cafés",
    "Digital inclusion for older people",
    "Co-produced day opportunities",
    "Social prescribing pilot",
    "Micro-enterprises in home care",
    "Men’s sheds",
    "Young carers’ voice panel",
    "Hospital to home",
    "Befriending by phone",
    "Community transport co-operative",
]
AGENDA = [
    "Welcome and apologies",
    "Regional Partnership Board update",
    "Commissioning intentions",
    "Co-production steering group report",
    "Integrated Care Fund update",
    "Members’ news",
    "Any other business",
]


class Command(BaseCommand):
    help = "Loads demo data (forums' records and demo users). Safe to run more than once."

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=2026)

    @transaction.atomic
    def handle(self, *args, seed, **options):
        rng = random.Random(seed)
        commissioning_demo.ensure_bodies()
        self._users()
        if Organisation.objects.exists():
            self.stdout.write("Demo records already present; users checked.")
        else:
            organisations = self._organisations(rng)
            for forum in Forum.objects.all():
                self._forum(rng, forum, organisations)
            from reporting import notifications

            with notifications.muted():  # the demo's history is not news to anyone
                self._reports(rng)
                self._coding()
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

    def _reports(self, rng):
        """A 2023–2026 cycle: reports in draft, part-written, and submitted with a section
        marked as having no information."""
        from reporting import services as reporting
        from reporting.models import (
            CaseStudy,
            Entry,
            ReportingCycle,
            ReportTemplate,
            WorkProgrammeItem,
        )

        cycle = ReportingCycle.objects.create(
            name_en="Reports 2023–2026",
            name_cy="Adroddiadau 2023–2026",
            period_start=datetime.date(2023, 4, 1),
            period_end=datetime.date(2026, 3, 31),
            due_on=datetime.date(2026, 12, 31),
            template=ReportTemplate.objects.earliest("pk"),
        )
        secretariat = User.objects.get(email=DEMO_USERS[0][0])
        # Reports in every state: drafts part-written, submitted, returned, resubmitted and
        # accepted (the last three reviewed by the demo analyst).
        plan = {
            "gwent": 4,
            "powys": 2,
            "west-wales": 9,
            "north-wales": 9,
            "cardiff-and-vale": 9,
            "west-glamorgan": 9,
            "cwm-taf-morgannwg": 9,
        }
        analyst = User.objects.get(email=DEMO_USERS[2][0])
        for slug, written in plan.items():
            forum = Forum.objects.get(slug=slug)
            report = reporting.start_report(forum=forum, cycle=cycle, by=secretariat)
            CaseStudy.objects.create(
                report=report,
                title="Community connectors",
                summary="Connectors link people to local groups instead of services.",
                what_was_valued="Someone who listened and came with me the first time.",
                what_changed="People say they feel less isolated and more confident.",
                community_gain="More volunteers and busier community groups.",
                who_was_involved="Two member charities and the local authority",
                forum_initiated=True,
                started_on=datetime.date(2024, 2, 1),
                principles=["well_being", "prevention"],
            )
            WorkProgrammeItem.objects.create(
                report=report,
                aim="Bring carers onto every commissioning panel",
                lead="Forum chair",
                timescale="2026–2028",
                principles=["co_production"],
                rpb_priority="Carers",
            )
            if written == 9:
                self._figures(report, secretariat)
            for entry in report.entries.in_order()[:written]:
                if entry.domain.number == 5 and slug == "north-wales":
                    status, text, reason = (
                        Entry.Status.NO_INFORMATION,
                        "",
                        ("The Regional Partnership Board did not give feedback this period."),
                    )
                else:
                    status, reason = Entry.Status.COMPLETED, ""
                    text = (
                        f"{forum.name_en} — {entry.domain.title_en}.\n\n"
                        "Members met quarterly and agreed priorities with the Regional "
                        "Partnership Board.\n\n- Co-production steering group formed\n"
                        "- Carers’ voice strengthened in commissioning"
                    )
                reporting.save_entry(
                    entry=entry,
                    revision=entry.revision,
                    text=text,
                    status=status,
                    no_information_reason=reason,
                    by=secretariat,
                )
            if written == 9:
                report = reporting.submit_report(report=report, by=secretariat)
            if slug in ("cardiff-and-vale", "west-glamorgan", "cwm-taf-morgannwg"):
                report = reporting.return_report(
                    report=report,
                    by=analyst,
                    comment="Please say which local authorities the grants figure covers.",
                )
            if slug in ("west-glamorgan", "cwm-taf-morgannwg"):
                figure = report.figures.get(definition__code="grants-contracts")
                reporting.save_figure(
                    figure=figure,
                    state="value",
                    value=figure.value,
                    base="",
                    qualifier="Swansea and Neath Port Talbot only",
                    override_reason="",
                    breakdown=[
                        (r.local_authority, r.funder, r.value) for r in figure.breakdown.all()
                    ],
                    by=secretariat,
                )
                report = reporting.submit_report(report=report, by=secretariat)
            if slug == "cwm-taf-morgannwg":
                reporting.accept_report(
                    report=report, by=analyst, comment="Thank you: a clear, complete report."
                )
            if report.version:
                self._comments(report, analyst, secretariat)

    def _coding(self):
        """The default codebook, and passages coded by both demo analysts (so their
        agreement can be measured) on the reports Welsh Government has received."""
        from analysis import coding
        from reporting.models import Report, ReportingCycle

        cycle = ReportingCycle.objects.get()
        first = User.objects.get(email=DEMO_USERS[2][0])
        second = User.objects.get(email=DEMO_USERS[5][0])
        codes = {c.name_en: c for c in coding.create_default_codebook(cycle=cycle, by=first)}
        # (paragraph, sentence, codes by the first analyst, codes by the second)
        plan = [
            (2, 1, ["Function of forums"], ["Function of forums", "Engaging with stakeholders"]),
            (3, 1, ["Co-production"], ["Co-production"]),
            (3, 2, ["Voice and involvement"], []),
        ]
        reports = Report.objects.for_cycle(cycle).submitted().order_by("forum__name_en")
        for report in reports:
            for entry in report.entries.in_order().filter(
                domain__kind="narrative", domain__number__in=[1, 2, 3]
            ):
                for paragraph, sentence, by_first, by_second in plan:
                    start, end = coding.sentence_range(entry.text, paragraph, sentence, sentence)
                    for coder, names in ((first, by_first), (second, by_second)):
                        if names:
                            coding.code_passage(
                                report=report,
                                entry=entry,
                                start=start,
                                end=end,
                                codes=[codes[n] for n in names],
                                memo="",
                                by=coder,
                            )
        # The target the comparison of figures holds the ICF share to.
        from analysis.models import FigureTarget

        FigureTarget.objects.create(
            cycle=cycle,
            definition=cycle.template.figures.get(code="icf-share"),
            value=20,
            note_en="Welsh Government expects each RPB to allocate at least 20% of its ICF "
            "to not-for-profit social value organisations.",
            note_cy="Mae Llywodraeth Cymru yn disgwyl i bob BPRh ddyrannu o leiaf 20% o’i "
            "Gronfa Gofal Integredig i sefydliadau gwerth cymdeithasol nid-er-elw.",
        )
        # A first draft of the national analysis.
        from analysis import national

        national.save_analysis(
            cycle=cycle,
            revision=0,
            values={
                "introduction_en": "This draft reads the reports the seven forums have filed "
                "so far for 2023–2026.",
                "introduction_cy": "Mae’r drafft hwn yn darllen yr adroddiadau y mae’r saith "
                "fforwm wedi’u cyflwyno hyd yma ar gyfer 2023–2026.",
                "method_en": "Two analysts coded the narrative with the cycle’s codebook; "
                "their agreement is measured per code.",
                "method_cy": "Codiodd dau ddadansoddwr y naratif gyda llyfr codau’r cylch; "
                "mesurir eu cytundeb fesul cod.",
            },
            by=first,
        )
        # The start of the findings table: co-production, across Wales and in one forum.
        theme = codes["Co-production"]
        quotes = list(theme.passages.filter(coder=first).select_related("report__forum")[:3])
        coding.save_finding(
            code=theme,
            forum=None,
            revision=0,
            text_en="Every forum describes a co-production group, most set up with carers.",
            text_cy="Mae pob fforwm yn disgrifio grŵp cydgynhyrchu, y rhan fwyaf gyda gofalwyr.",
            quotes=quotes,
            by=first,
        )
        if quotes:
            forum = quotes[0].report.forum
            coding.save_finding(
                code=theme,
                forum=forum,
                revision=0,
                text_en="The steering group is co-produced with citizens.",
                text_cy="Mae’r grŵp llywio wedi’i gydgynhyrchu gyda dinasyddion.",
                quotes=[q for q in quotes if q.report.forum == forum],
                by=second,
            )

    def _comments(self, report, analyst, secretariat):
        """A comment with the forum's reply, and an internal note the forum never sees."""
        from reporting import services as reporting

        secretariat = User.objects.filter(roles__forum=report.forum).first() or secretariat
        entry = report.entries.get(domain__number=3)
        comment = reporting.add_comment(
            report=report,
            entry=entry,
            text="Could you give an example of prevention work with figures?",
            internal=False,
            by=analyst,
        )
        reporting.add_comment(
            report=report,
            entry=None,
            text="We have added the falls-prevention service in domain 6.",
            internal=False,
            parent=comment,
            by=secretariat,
        )
        reporting.add_comment(
            report=report,
            entry=report.entries.get(domain__number=7),
            text="ICF share below the 20% target: compare with last cycle.",
            internal=True,
            by=analyst,
        )

    def _figures(self, report, by):
        """Figures of all three kinds: a value, "not provided", a value with a footnote."""
        from decimal import Decimal

        from reporting import services as reporting

        values = {
            "icf-revenue": "1840000",
            "icf-capital": "310000",
            "icf-share": "17.5",
            "grants-contracts": "2650000",
            "hsc-contracts": "5120000",
            "svo-hsc": "64",
        }
        for figure in report.figures.select_related("definition").filter(definition__source=""):
            code = figure.definition.code
            if code not in values:
                reporting.save_figure(
                    figure=figure,
                    state="not_provided",
                    value=None,
                    base="",
                    qualifier="",
                    override_reason="",
                    breakdown=[],
                    by=by,
                )
                continue
            reporting.save_figure(
                figure=figure,
                state="value",
                value=Decimal(values[code]),
                base="of the region’s Integrated Care Fund, 2024/25" if code == "icf-share" else "",
                qualifier="4 of 5 local authorities" if code == "grants-contracts" else "",
                override_reason="",
                breakdown=[(None, "Health board", Decimal("400000"))]
                if code == "grants-contracts"
                else [],
                by=by,
            )

    def _users(self):
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
                    RoleAssignment.objects.get_or_create(
                        user=user, role=role, commissioning_body=body
                    )
                    continue
                forum = Forum.objects.get(slug=scope) if scope else None
                RoleAssignment.objects.get_or_create(user=user, role=role, forum=forum)

    def _organisations(self, rng):
        authorities = list(LocalAuthority.objects.all())
        names = set()
        created = []
        while len(created) < 320:
            suffix, legal_form, sector, category, nfp = rng.choice(KIND)
            name = f"{rng.choice(FIRST)} {rng.choice(SECOND)} {suffix}"
            if name in names:
                continue
            names.add(name)
            organisation = Organisation(
                name=name,
                legal_form=legal_form,
                sector=sector,
                section_16_category=category,
                not_for_profit=nfp,
                social_value_organisation=nfp and rng.random() < 0.7,
                # Most organisations that are not charities are small or medium-sized.
                sme=suffix != "Trust" and len(created) % 4 != 0,
                charity_number=str(1100000 + len(created)) if suffix == "Trust" else "",
                company_number=f"{10000000 + len(created)}" if suffix in ("CIC", "Ltd") else "",
            )
            organisation.full_clean()
            organisation.save()
            served = rng.sample(authorities, rng.randint(1, 3))
            organisation.local_authorities.set(served)
            organisation.address = f"{len(created) % 90 + 1} High Street\n{served[0].name_en}"
            organisation.save(update_fields=["address"])
            created.append(organisation)
        return created

    def _forum(self, rng, forum, organisations):
        today = datetime.date.today()
        established = datetime.date(2017, rng.randint(1, 12), 1)
        forum.established_on = established
        forum.secretariat_host_type = rng.choice(list(Forum.HostType.values))
        forum.secretariat_host = f"{forum.region_en} Voluntary Council"
        forum.rpb_reporting = "The chair reports to every Regional Partnership Board meeting."
        forum.full_clean()
        forum.save()
        areas = list(LocalAuthority.objects.filter(forum_areas__forum=forum).distinct())
        members = rng.sample(organisations, rng.randint(35, 95))
        for i, organisation in enumerate(members):
            joined = established + datetime.timedelta(days=rng.randint(0, 2000))
            joined = min(joined, today)
            left = None
            if rng.random() < 0.12:
                left = min(joined + datetime.timedelta(days=rng.randint(60, 700)), today)
            role = ForumMembership.Role.MEMBER
            if i == 0:
                role, left = ForumMembership.Role.CHAIR, None
            elif i == 1:
                role, left = ForumMembership.Role.VICE_CHAIR, None
            elif i < 8:
                role = ForumMembership.Role.STEERING_GROUP
            ForumMembership.objects.create(
                forum=forum, organisation=organisation, role=role, joined_on=joined, left_on=left
            )
        citizens = []
        for n in range(rng.randint(6, 18)):
            consent = rng.random() < 0.8
            joined = today - datetime.timedelta(days=rng.randint(30, 1000))
            citizen = Citizen(
                forum=forum,
                name=f"Participant {forum.slug[:2].upper()}{n + 1:02d}",
                role=rng.choice(list(Citizen.Role.values)),
                local_authority=rng.choice(areas) if areas else None,
                preferred_language=rng.choice(["cy", "en"]),
                joined_on=joined,
                consent_given_on=joined if consent else None,
                consent_purpose="Taking part in the forum and being contacted about it"
                if consent
                else "",
                consent_wording_version="v2" if consent else "",
            )
            citizen.full_clean()
            citizen.save()
            citizens.append(citizen)
        member_orgs = list(members)
        start = today - datetime.timedelta(days=3 * 365)
        day = start
        while day < today:
            kind = rng.choice(
                [
                    Meeting.Kind.FULL_FORUM,
                    Meeting.Kind.FULL_FORUM,
                    Meeting.Kind.STEERING_GROUP,
                    Meeting.Kind.CO_PRODUCTION,
                    Meeting.Kind.WORKSHOP,
                    Meeting.Kind.TASK_AND_FINISH,
                ]
            )
            online = rng.random() < 0.4
            meeting = Meeting.objects.create(
                forum=forum,
                kind=kind,
                held_on=day,
                online=online,
                place="" if online else f"{rng.choice(areas).name_en} community centre",
                minutes="Members discussed the region’s commissioning plans.",
            )
            meeting.organisations_present.set(
                rng.sample(member_orgs, min(len(member_orgs), rng.randint(5, 25)))
            )
            meeting.citizens_present.set(
                rng.sample(citizens, min(len(citizens), rng.randint(0, 6)))
            )
            for position, title in enumerate(rng.sample(AGENDA, 4)):
                AgendaItem.objects.create(
                    meeting=meeting,
                    position=position,
                    title=title,
                    standing_item=title in AGENDA[:2],
                    principles=rng.sample(list(Principle.values), rng.randint(0, 2)),
                )
            MeetingAction.objects.create(
                meeting=meeting,
                description="Circulate the commissioning timetable",
                owner="Secretariat",
                due_on=day + datetime.timedelta(days=28),
                status=MeetingAction.Status.DONE
                if day < today - datetime.timedelta(days=60)
                else MeetingAction.Status.OPEN,
            )
            day += datetime.timedelta(days=rng.randint(35, 80))
        for title in rng.sample(PROJECTS, rng.randint(4, 8)):
            origin = rng.choice(list(Project.Origin.values))
            started = {
                Project.Origin.FORUM: established + datetime.timedelta(days=rng.randint(90, 1500)),
                Project.Origin.PRECURSOR: established
                - datetime.timedelta(days=rng.randint(60, 400)),
                Project.Origin.PRE_DATES: established
                - datetime.timedelta(days=rng.randint(400, 3000)),
            }[origin]
            project = Project.objects.create(
                forum=forum,
                title=title,
                origin=origin,
                started_on=min(started, today),
                funding_source=rng.choice(
                    [
                        "Integrated Care Fund",
                        "Regional Integration Fund",
                        "National Lottery Community Fund",
                        "Local authority",
                    ]
                ),
                status=rng.choice(list(Project.Status.values)),
                description="A project delivered with the forum’s member organisations.",
            )
            project.organisations.set(rng.sample(member_orgs, 3))
