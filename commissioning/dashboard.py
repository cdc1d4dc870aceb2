"""What the dashboards show: a body's contracts and commitments, and a region's shares of
contract value and spread of social value weightings. Each is a fixed number of aggregate
queries whatever the number of contracts, commitments and returns."""

from dataclasses import dataclass, field
from decimal import Decimal
from types import SimpleNamespace

from django.db.models import Count, DecimalField, F, Q, Sum, Value
from django.db.models.functions import Coalesce
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from commissioning.models import Commitment, Contract, Lot, Tender
from forums.models import in_language
from svforum import charts

ZERO = Decimal(0)
MONEY_FIELD = DecimalField(max_digits=24, decimal_places=4)


def _percent(part, whole):
    if not whole:
        return None
    return (Decimal(part) / Decimal(whole) * 100).quantize(Decimal("0.1"))


def _percent_text(value):
    return "" if value is None else f"{value}%"


# A body ------------------------------------------------------------------------------------


@dataclass
class ThemeRow:
    theme: str
    commitments: int = 0
    on_track: int = 0
    at_risk: int = 0
    off_track: int = 0
    overdue: int = 0
    promised: Decimal = ZERO
    delivered: Decimal = ZERO

    @property
    def share(self):
        return _percent(self.delivered, self.promised)


@dataclass
class BodyDashboard:
    overdue_contracts: list
    overdue_contract_count: int
    off_track: list
    off_track_count: int
    themes: list = field(default_factory=list)
    status_counts: dict = field(default_factory=dict)
    chart: str = ""


def body_dashboard(body, today, *, limit=10):
    """Contracts with overdue returns, commitments off track, and delivered against promised
    by theme (in money where measures carry a financial proxy)."""
    overdue_q = Q(commitments__next_return_due__lt=today)
    overdue = (
        Contract.objects.for_body(body)
        .annotate(overdue_count=Count("commitments", filter=overdue_q))
        .filter(overdue_count__gt=0)
        .select_related("supplier")
        .order_by("-overdue_count", "reference", "pk")
    )
    overdue_count = overdue.count()
    commitments = Commitment.objects.filter(contract__body=body)
    off_track = (
        commitments.with_status(Commitment.Status.OFF_TRACK, today)
        .select_related("contract", "measure")
        .order_by("contract__reference", "pk")
    )
    off_track_count = off_track.count()
    not_overdue = Q(next_return_due__isnull=True) | Q(next_return_due__gte=today)
    rows = (
        commitments.values(
            "measure__outcome__theme__framework_id",
            "measure__outcome__theme__position",
            "measure__outcome__theme__name_en",
            "measure__outcome__theme__name_cy",
        )
        .annotate(
            n=Count("pk"),
            overdue=Count("pk", filter=Q(next_return_due__lt=today)),
            on_track=Count("pk", filter=not_overdue & Q(progress="on_track")),
            at_risk=Count("pk", filter=not_overdue & Q(progress="at_risk")),
            off_track=Count("pk", filter=not_overdue & Q(progress="off_track")),
            promised=Coalesce(
                Sum(F("target") * F("proxy_value"), output_field=MONEY_FIELD),
                Value(ZERO, output_field=MONEY_FIELD),
            ),
            delivered_value=Coalesce(
                Sum(F("delivered") * F("proxy_value"), output_field=MONEY_FIELD),
                Value(ZERO, output_field=MONEY_FIELD),
            ),
        )
        .order_by(
            "measure__outcome__theme__framework_id",
            "measure__outcome__theme__position",
            "measure__outcome__theme__name_en",
        )
    )
    themes = []
    for row in rows:
        name = in_language(
            SimpleNamespace(
                name_en=row["measure__outcome__theme__name_en"],
                name_cy=row["measure__outcome__theme__name_cy"],
            ),
            "name",
        )
        themes.append(
            ThemeRow(
                theme=name,
                commitments=row["n"],
                on_track=row["on_track"],
                at_risk=row["at_risk"],
                off_track=row["off_track"],
                overdue=row["overdue"],
                promised=row["promised"],
                delivered=row["delivered_value"],
            )
        )
    status_counts = {
        Commitment.Status.ON_TRACK.label: sum(t.on_track for t in themes),
        Commitment.Status.AT_RISK.label: sum(t.at_risk for t in themes),
        Commitment.Status.OFF_TRACK.label: sum(t.off_track for t in themes),
        Commitment.Status.OVERDUE.label: sum(t.overdue for t in themes),
    }
    with_money = [t for t in themes if t.promised]
    chart = (
        charts.bar_chart([(t.theme, t.share) for t in with_money], value_format=_percent_text)
        if with_money
        else ""
    )
    return BodyDashboard(
        overdue_contracts=list(overdue[:limit]),
        overdue_contract_count=overdue_count,
        off_track=list(off_track[:limit]),
        off_track_count=off_track_count,
        themes=themes,
        status_counts=status_counts,
        chart=chart,
    )


# A region ----------------------------------------------------------------------------------


@dataclass
class AreaRow:
    area: str
    value: Decimal
    not_for_profit: Decimal
    social_value: Decimal
    contracts: int

    @property
    def not_for_profit_share(self):
        return _percent(self.not_for_profit, self.value)

    @property
    def social_value_share(self):
        return _percent(self.social_value, self.value)


@dataclass
class RegionDashboard:
    areas: list
    total: AreaRow
    health_social_care: AreaRow
    weightings: list
    lots: int
    share_chart: str
    weighting_chart: str


WEIGHTING_BANDS = [(0, 0), (1, 9), (10, 19), (20, 29), (30, 100)]


def _band_label(low, high):
    if low == high:
        return f"{low}%"
    if high == 100:
        return f"{low}% +"
    return f"{low}–{high}%"


def _value_sums(queryset):
    nfp = Q(supplier__not_for_profit=True)
    svo = Q(supplier__social_value_organisation=True)
    return queryset.annotate(
        value_total=Sum("value"),
        nfp_total=Coalesce(Sum("value", filter=nfp), Value(ZERO, output_field=MONEY_FIELD)),
        svo_total=Coalesce(Sum("value", filter=svo), Value(ZERO, output_field=MONEY_FIELD)),
        contract_count=Count("pk"),
    )


def contracts_in_region(forum, *, year=None):
    contracts = Contract.objects.filter(body__region=forum)
    if year:
        contracts = contracts.filter(starts_on__year__lte=year, ends_on__year__gte=year)
    return contracts


def not_for_profit_share(forum, *, category=None, start=None, end=None, counted=False):
    """(share in %, not-for-profit value, total value) of the value of contracts of the
    region's bodies running at any time from ``start`` to ``end`` (of ``category``); with
    ``counted``, the number of contracts too. The share is None without contracts."""
    contracts = Contract.objects.filter(body__region=forum)
    if category:
        contracts = contracts.filter(category=category)
    if start:
        contracts = contracts.filter(ends_on__gte=start)
    if end:
        contracts = contracts.filter(starts_on__lte=end)
    sums = contracts.aggregate(
        total=Sum("value"),
        nfp=Sum("value", filter=Q(supplier__not_for_profit=True)),
        n=Count("pk"),
    )
    total, nfp = sums["total"] or ZERO, sums["nfp"] or ZERO
    if counted:
        return _percent(nfp, total), nfp, total, sums["n"]
    return _percent(nfp, total), nfp, total


def region_dashboard(forum, *, year=None):
    contracts = contracts_in_region(forum, year=year)
    by_area = _value_sums(
        contracts.values("body__local_authority__name_en", "body__local_authority__name_cy")
    ).order_by("body__local_authority__name_en")
    areas = []
    for row in by_area:
        name = row["body__local_authority__name_en"]
        if name and get_language() == "cy" and row["body__local_authority__name_cy"]:
            name = row["body__local_authority__name_cy"]
        areas.append(
            AreaRow(
                area=name or _("Regional bodies (health boards and others)"),
                value=row["value_total"] or ZERO,
                not_for_profit=row["nfp_total"],
                social_value=row["svo_total"],
                contracts=row["contract_count"],
            )
        )
    total = AreaRow(
        area=_("The region"),
        value=sum((a.value for a in areas), ZERO),
        not_for_profit=sum((a.not_for_profit for a in areas), ZERO),
        social_value=sum((a.social_value for a in areas), ZERO),
        contracts=sum(a.contracts for a in areas),
    )
    hsc = contracts.filter(category=Tender.Category.HEALTH_SOCIAL_CARE).aggregate(
        total=Sum("value"),
        nfp=Sum("value", filter=Q(supplier__not_for_profit=True)),
        svo=Sum("value", filter=Q(supplier__social_value_organisation=True)),
        n=Count("pk"),
    )
    health_social_care = AreaRow(
        area=_("Health and social care"),
        value=hsc["total"] or ZERO,
        not_for_profit=hsc["nfp"] or ZERO,
        social_value=hsc["svo"] or ZERO,
        contracts=hsc["n"],
    )
    lots = Lot.objects.filter(tender__body__region=forum)
    if year:
        lots = lots.filter(
            Q(tender__published_on__year=year)
            | Q(tender__published_on__isnull=True, tender__created_at__year=year)
        )
    bands = lots.aggregate(
        **{
            f"band{n}": Count(
                "pk", filter=Q(social_value_weight__gte=low, social_value_weight__lte=high)
            )
            for n, (low, high) in enumerate(WEIGHTING_BANDS)
        }
    )
    weightings = [
        (_band_label(low, high), bands[f"band{n}"]) for n, (low, high) in enumerate(WEIGHTING_BANDS)
    ]
    lot_count = sum(n for _, n in weightings)
    share_rows = [(a.area, a.not_for_profit_share) for a in areas if a.value]
    return RegionDashboard(
        areas=areas,
        total=total,
        health_social_care=health_social_care,
        weightings=weightings,
        lots=lot_count,
        share_chart=charts.bar_chart(share_rows, value_format=_percent_text) if share_rows else "",
        weighting_chart=charts.bar_chart(weightings) if lot_count else "",
    )
