"""The forums' part of the demo (``seed_demo``): about 320 organisations in the shared
register, and each forum's members, citizens, three years of meetings and its projects."""

import datetime

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


def seed(rng):
    """Every forum's records, from the seeded random generator ``rng``."""
    organisations = _organisations(rng)
    for forum in Forum.objects.all():
        _forum(rng, forum, organisations)


def _organisations(rng):
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


def _forum(rng, forum, organisations):
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
        meeting.citizens_present.set(rng.sample(citizens, min(len(citizens), rng.randint(0, 6))))
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
            Project.Origin.PRECURSOR: established - datetime.timedelta(days=rng.randint(60, 400)),
            Project.Origin.PRE_DATES: established - datetime.timedelta(days=rng.randint(400, 3000)),
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
