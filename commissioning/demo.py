"""Demo commissioning data for ``seed_demo``: a local authority and the health board in every
region; tenders at every stage of the commissioning cycle with varied weightings; scored bids,
including a social enterprise that wins only because social value is scored; contracts with
commitments whose returns put them in every status. Dates are set from today, so the demo's
statuses hold whenever it is loaded."""

import datetime
from decimal import Decimal

from commissioning import services
from commissioning.models import (
    Bid,
    BidOffer,
    CommissioningBody,
    Commitment,
    Contract,
    Lot,
    Measure,
    MonitoringReturn,
    PolicySetting,
    Tender,
)
from forums.models import Forum, ForumHealthBoard, LocalAuthority, Organisation

# (region, body slug, local authority's English name)
LOCAL_AUTHORITIES = [
    ("gwent", "newport", "Newport"),
    ("west-wales", "carmarthenshire", "Carmarthenshire"),
    ("west-glamorgan", "swansea", "Swansea"),
    ("cardiff-and-vale", "cardiff", "Cardiff"),
    ("north-wales", "gwynedd", "Gwynedd"),
    ("powys", "powys-council", "Powys"),
    ("cwm-taf-morgannwg", "rhondda-cynon-taf", "Rhondda Cynon Taf"),
]
COUNCIL_NAMES = {
    "Newport": ("Newport City Council", "Cyngor Dinas Casnewydd"),
    "Carmarthenshire": ("Carmarthenshire County Council", "Cyngor Sir Caerfyrddin"),
    "Swansea": ("City and County of Swansea", "Dinas a Sir Abertawe"),
    "Cardiff": ("Cardiff Council", "Cyngor Caerdydd"),
    "Gwynedd": ("Gwynedd Council", "Cyngor Gwynedd"),
    "Powys": ("Powys County Council", "Cyngor Sir Powys"),
    "Rhondda Cynon Taf": (
        "Rhondda Cynon Taf County Borough Council",
        "Cyngor Bwrdeistref Sirol Rhondda Cynon Taf",
    ),
}
# Tenders of the demo body: (title, category, value, stage, weights)
TENDERS = [
    ("Carers’ respite service", "health_social_care", 450000, 1, (60, 30, 10)),
    ("Day opportunities for older people", "health_social_care", 820000, 2, (40, 40, 20)),
    ("Supported living, east Newport", "health_social_care", 2100000, 3, (40, 40, 20)),
    ("Domiciliary care, Newport west", "health_social_care", 1400000, 4, (40, 40, 20)),
    ("Community centre refurbishment", "construction", 960000, 5, (50, 30, 20)),
    ("Information and advice service", "other", 310000, 6, (40, 60, 0)),
    ("Young carers’ support", "health_social_care", 240000, 7, (60, 30, 10)),
    ("Grounds maintenance", "other", 150000, 3, (70, 30, 0)),
]


def _body(slug, name_en, name_cy, kind, region, local_authority=None):
    body, _created = CommissioningBody.objects.get_or_create(
        slug=slug,
        defaults={
            "name_en": name_en,
            "name_cy": name_cy,
            "kind": kind,
            "region": region,
            "local_authority": local_authority,
            "publish_contracts": kind == CommissioningBody.Kind.LOCAL_AUTHORITY,
        },
    )
    return body


def ensure_bodies():
    """The demo's bodies (called before the demo users, whose commissioner works for one)."""
    for region_slug, slug, authority in LOCAL_AUTHORITIES:
        region = Forum.objects.get(slug=region_slug)
        name_en, name_cy = COUNCIL_NAMES[authority]
        _body(
            slug,
            name_en,
            name_cy,
            CommissioningBody.Kind.LOCAL_AUTHORITY,
            region,
            LocalAuthority.objects.get(name_en=authority),
        )
        board = (
            ForumHealthBoard.objects.filter(forum=region, ends_on__isnull=True)
            .select_related("health_board")
            .first()
        )
        if board:
            _body(
                f"hb-{board.health_board.slug}",
                board.health_board.name_en,
                board.health_board.name_cy,
                CommissioningBody.Kind.HEALTH_BOARD,
                region,
            )


def _measure(code):
    return (
        Measure.objects.filter(code=code)
        .order_by("-outcome__theme__framework__published_on")
        .first()
    )


def seed(rng, by, today=None):
    """Tenders, bids, awards, contracts, commitments and returns for every demo body."""
    today = today or datetime.date.today()
    framework = services.default_framework()
    organisations = list(Organisation.objects.order_by("pk"))
    for body in CommissioningBody.objects.order_by("pk"):
        PolicySetting.objects.get_or_create(
            body=body,
            starts_on=datetime.date(today.year - 3, 4, 1),
            defaults={
                "minimum_social_value_weight": 10 if body.slug == "newport" else None,
                "minimum_rule": PolicySetting.MinimumRule.WARN,
                "created_by": by,
            },
        )
        if body.tenders.exists():
            continue
        plan = TENDERS if body.slug == "newport" else rng.sample(TENDERS, 4)
        for n, (title, category, value, stage, weights) in enumerate(plan, start=1):
            tender = _tender(body, n, title, category, value, stage, weights, today, rng)
            if stage >= Tender.Stage.CHOOSING:
                _bids_and_award(tender, organisations, rng, by, today, framework)


def _tender(body, n, title, category, value, stage, weights, today, rng):
    published = today - datetime.timedelta(days=400 - 40 * stage)
    tender = Tender.objects.create(
        body=body,
        reference=f"{body.slug.upper()[:4]}-{today.year - 1}-{n:03d}",
        title=title,
        description=f"{title}: outcomes agreed with people who use the service.",
        category=category,
        estimated_value=Decimal(value),
        procedure=rng.choice(["open", "open", "competitive_flexible", "restricted"]),
        stage=stage,
        published_on=published if stage >= Tender.Stage.TENDERING else None,
        closes_on=published + datetime.timedelta(days=35)
        if stage >= Tender.Stage.TENDERING
        else None,
        well_being_goals=rng.sample(["prosperous", "healthier", "more_equal", "cohesive"], 2),
        lived_experience_on_panel=stage >= Tender.Stage.CHOOSING and rng.random() < 0.6,
        engagement_events=rng.randint(0, 4),
        reserved=category == "health_social_care" and rng.random() < 0.2,
        sell2wales_reference=f"NOV{today.year % 100}{rng.randint(100000, 999999)}"
        if stage >= Tender.Stage.TENDERING
        else "",
    )
    Lot.objects.create(
        tender=tender,
        number=1,
        title=title,
        estimated_value=tender.estimated_value,
        price_weight=weights[0],
        quality_weight=weights[1],
        social_value_weight=weights[2],
    )
    return tender


def _bids_and_award(tender, organisations, rng, by, today, framework):
    lot = tender.lots.get()
    value = tender.estimated_value
    social = [o for o in organisations if o.social_value_organisation and o.not_for_profit]
    others = [o for o in organisations if o.sector == Organisation.Sector.PRIVATE]
    winner_se = rng.choice(social)
    bids = [
        # The £600k / £15k case, scaled: a social enterprise a little dearer with much more
        # social value — it wins only because social value carries weight.
        Bid.objects.create(
            lot=lot,
            bidder=winner_se,
            price=value,
            quality_score=Decimal("70"),
            social_value_score=Decimal("90"),
        ),
        Bid.objects.create(
            lot=lot,
            bidder=others[rng.randrange(len(others))],
            price=(value * Decimal("0.989")).quantize(Decimal("1")),
            quality_score=Decimal("70"),
            social_value_score=Decimal("20"),
        ),
    ]
    third = rng.choice([o for o in organisations if o not in (b.bidder for b in bids)])
    bids.append(
        Bid.objects.create(
            lot=lot,
            bidder=third,
            price=(value * Decimal("1.05")).quantize(Decimal("1")),
            quality_score=Decimal("60"),
            social_value_score=Decimal("40") if tender.stage > Tender.Stage.CHOOSING else None,
        )
    )
    BidOffer.objects.create(bid=bids[0], measure=_measure("G1.1.2"), quantity=Decimal("6"))
    BidOffer.objects.create(bid=bids[0], measure=_measure("G1.2.2"), quantity=Decimal("250000"))
    if tender.stage < Tender.Stage.FINALISING:
        return
    from commissioning import scoring

    ranked = scoring.score_bids(bids, scoring.Weights.of(lot))
    best = ranked[0].bid
    award = services.award_lot(
        lot=lot,
        bid=best,
        rationale="The highest weighted total: "
        + (
            "its social value offer outweighs a small difference in price."
            if best == bids[0] and lot.social_value_weight
            else "the lowest price with good quality."
        ),
        decided_on=today - datetime.timedelta(days=300),
        by=by,
    )
    if tender.stage < Tender.Stage.MANAGING:
        return
    starts = today - datetime.timedelta(days=270)
    contract = services.create_contract(
        contract=Contract(
            body=tender.body,
            award=award,
            reference=tender.reference,
            title=tender.title,
            subject_matter=tender.description,
            category=tender.category,
            supplier=best.bidder,
            value=best.price,
            awarded_on=award.decided_on,
            starts_on=starts,
            ends_on=starts + datetime.timedelta(days=3 * 365),
            extension_months=12,
            framework=framework,
        ),
        by=by,
    )
    _commitments_in_every_status(contract, rng, by, today)


def _commitments_in_every_status(contract, rng, by, today):
    # The bid's offers, already written in as added commitments, are delivered as promised.
    for commitment in contract.commitments.all():
        _returns(commitment, Decimal(1), False, rng, by, today)
    plan = [
        # (measure, category, target, share delivered of what was due, skip the last return)
        ("G1.1.1", Commitment.Category.CORE, "12", Decimal("1.1"), False),  # on track
        ("G5.1.1", Commitment.Category.CORE, "600", Decimal("0.7"), False),  # at risk
        ("G2.1.1", Commitment.Category.ADDED, "40", Decimal("0.3"), False),  # off track
        ("G6.1.2", Commitment.Category.ADDED, "150", Decimal("1"), True),  # return overdue
        ("G3.1.1", Commitment.Category.UNPREDICTED, "200", Decimal("0.95"), False),
    ]
    for code, category, target, share, skip_last in plan:
        measure = _measure(code)
        commitment = services.save_commitment(
            commitment=Commitment(
                contract=contract,
                measure=measure,
                category=category,
                target=Decimal(target),
                starts_on=contract.starts_on,
                ends_on=contract.ends_on,
                proxy_value=measure.proxy_value,
            ),
            by=by,
        )
        _returns(commitment, share, skip_last, rng, by, today)


NARRATIVES = [
    "Two people from the estate started work after the jobs fair.",
    "Volunteers from the team ran the lunch club every Friday.",
    "The new boiler replaced oil heating at the day centre.",
    "Everyone who asked for the service in Welsh received it in Welsh.",
]


def _returns(commitment, share, skip_last, rng, by, today):
    """Returns for every period already due, delivering ``share`` of what each period owes."""
    span = (commitment.ends_on - commitment.starts_on).days + 1
    due = [(s, e) for s, e in commitment.periods() if e + datetime.timedelta(days=30) < today]
    if skip_last:
        due = due[:-1]
    for start, end in due:
        length = (end - start).days + 1
        quantity = (commitment.target * length / span * share).quantize(Decimal("0.01"))
        services.record_return(
            monitoring_return=MonitoringReturn(
                commitment=commitment,
                period_start=start,
                period_end=end,
                quantity=quantity,
                narrative=rng.choice(NARRATIVES),
            ),
            by=by,
        )
