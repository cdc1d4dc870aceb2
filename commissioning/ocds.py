"""Open Contracting Data Standard 1.1: a tender, or a body's whole register, as a release
package. The only module that knows OCDS.

One compiled release per contracting process (a tender, or a contract let elsewhere), with
the lots, award criteria breakdown, sustainability and metrics extensions: each lot's price /
quality / social value weightings as ``percentageExact``; the well-being goals a tender
addresses as sustainability goals; a winning bid's social value offers as the award's agreed
metrics; each commitment as one of the contract's agreed metrics, with its returns as the
observations of its implementation metric. Nothing of losing bids, narratives, evidence or
people is exported.

A body's register is written as a stream: releases are built from tenders read in chunks,
so memory stays flat however large the register.
"""

import datetime
import functools
import json
from decimal import Decimal

from django.conf import settings
from django.db.models import Prefetch
from django.utils import timezone, translation

from commissioning.models import (
    Award,
    BidOffer,
    Commitment,
    Contract,
    Lot,
    MonitoringReturn,
    Tender,
    WellBeingGoal,
    add_months,
)

VERSION = "1.1"
EXTENSIONS = [
    "https://raw.githubusercontent.com/open-contracting-extensions/ocds_lots_extension/master/extension.json",
    "https://raw.githubusercontent.com/open-contracting-extensions/ocds_awardCriteria_extension/master/extension.json",
    "https://raw.githubusercontent.com/open-contracting-extensions/ocds_sustainability_extension/master/extension.json",
    "https://raw.githubusercontent.com/open-contracting-extensions/ocds_metrics_extension/master/extension.json",
]
CHUNK = 100

# The seven well-being goals, as the sustainability extension's goals.
GOALS = {
    WellBeingGoal.PROSPEROUS: "economic.localEconomyPromotion",
    WellBeingGoal.RESILIENT: "environmental",
    WellBeingGoal.HEALTHIER: "social",
    WellBeingGoal.MORE_EQUAL: "social.disadvantagedEmploymentOpportunities",
    WellBeingGoal.COHESIVE: "social",
    WellBeingGoal.CULTURE_LANGUAGE: "social",
    WellBeingGoal.GLOBALLY_RESPONSIBLE: "environmental.climateChangeMitigation",
}
METHODS = {
    Tender.Procedure.OPEN: "open",
    Tender.Procedure.RESTRICTED: "selective",
    Tender.Procedure.COMPETITIVE_FLEXIBLE: "selective",
    Tender.Procedure.FRAMEWORK: "limited",
    Tender.Procedure.DIRECT: "direct",
}


def ocid(tender):
    return tender.ocid or f"{settings.OCDS_PREFIX}-tender-{tender.pk}"


def _contract_ocid(contract):
    return f"{settings.OCDS_PREFIX}-contract-{contract.pk}"


def _number(value):
    value = Decimal(value)
    return int(value) if value == value.to_integral_value() else float(value)


def _money(amount):
    return {"amount": _number(amount), "currency": "GBP"}


def _when(date_or_time):
    if isinstance(date_or_time, datetime.datetime):
        return date_or_time.astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    return f"{date_or_time:%Y-%m-%d}T00:00:00Z"


def _org_id(organisation):
    return f"{settings.OCDS_PREFIX}-org-{organisation.pk}"


def _party(organisation, roles):
    party = {"id": _org_id(organisation), "name": organisation.name, "roles": roles}
    if organisation.address:
        lines = [line.strip() for line in organisation.address.splitlines() if line.strip()]
        party["address"] = {"streetAddress": ", ".join(lines)}
    details = {
        "scale": "sme" if organisation.sme else "large",
        "notForProfit": organisation.not_for_profit,
        "socialValueOrganisation": organisation.social_value_organisation,
    }
    party["details"] = details
    return party


def _buyer(body):
    return {"id": f"{settings.OCDS_PREFIX}-body-{body.slug}", "name": body.name_en}


def _criteria(lot):
    criteria = []
    for kind, name, weight in (
        ("price", "Price", lot.price_weight),
        ("quality", "Quality", lot.quality_weight),
        ("quality", "Social value", lot.social_value_weight),
    ):
        criterion = {
            "type": kind,
            "name": name,
            "numbers": [{"number": weight, "weight": "percentageExact"}],
        }
        parts = [
            f"{sub.name} ({sub.weight}%)"
            for sub in lot.sub_criteria.all()
            if {"Price": "price", "Quality": "quality", "Social value": "social_value"}[name]
            == sub.criterion
        ]
        if parts:
            criterion["description"] = "; ".join(parts)
        criteria.append(criterion)
    return {"criteria": criteria}


def _sustainability(tender, lots):
    strategies = []
    if any(lot.social_value_weight for lot in lots):
        strategies.append("awardCriteria")
    if tender.reserved:
        strategies.append("reservedParticipation")
    entries = []
    seen = set()
    labels = dict(WellBeingGoal.choices)
    for goal in tender.well_being_goals:
        if goal not in GOALS:
            continue
        key = (GOALS[goal], str(labels[goal]))
        if key in seen:
            continue
        seen.add(key)
        entry = {"goal": GOALS[goal], "description": str(labels[goal])}
        if strategies:
            entry["strategies"] = strategies
        entries.append(entry)
    return entries


@functools.cache
def _category_labels():
    """The commitment categories in English (the export's language), worked out once."""
    with translation.override("en"):
        return {code: str(label) for code, label in Commitment.Category.choices}


def _metric(commitment, *, with_returns):
    """A commitment as a metric: its target (agreed), or its returns (implementation)."""
    measure = commitment.measure
    metric = {
        "id": f"commitment-{commitment.pk}",
        "title": measure.name_en,
        "description": f"{measure.code}, {_category_labels()[commitment.category]}"
        + (f": {commitment.description}" if commitment.description else ""),
    }
    if with_returns:
        observations = [
            {
                "id": f"return-{r.pk}",
                "period": {"startDate": _when(r.period_start), "endDate": _when(r.period_end)},
                "measure": _number(r.quantity),
                "unit": {"name": measure.unit_en},
            }
            for r in commitment.returns.all()
        ]
        if not observations:
            return None
        metric["observations"] = observations
    else:
        metric["observations"] = [
            {
                "id": f"target-{commitment.pk}",
                "period": {
                    "startDate": _when(commitment.starts_on),
                    "endDate": _when(commitment.ends_on),
                },
                "measure": _number(commitment.target),
                "unit": {"name": measure.unit_en},
            }
        ]
    return metric


def _contract(contract, award_id):
    today = timezone.localdate()
    if contract.starts_on > today:
        status = "pending"
    elif contract.ends_on < today:
        status = "terminated"
    else:
        status = "active"
    release = {
        "id": f"contract-{contract.pk}",
        "awardID": award_id,
        "title": contract.title,
        "status": status,
        "period": {"startDate": _when(contract.starts_on), "endDate": _when(contract.ends_on)},
        "value": _money(contract.value),
        "dateSigned": _when(contract.awarded_on),
    }
    if contract.subject_matter:
        release["description"] = contract.subject_matter
    if contract.extension_months:
        release["period"]["maxExtentDate"] = _when(
            add_months(contract.ends_on, contract.extension_months)
        )
    commitments = list(contract.commitments.all())
    if commitments:
        release["agreedMetrics"] = [_metric(c, with_returns=False) for c in commitments]
        delivered = [m for c in commitments if (m := _metric(c, with_returns=True))]
        if delivered:
            release["implementation"] = {"metrics": delivered}
    return release


def tender_release(tender):
    """One compiled release of a tender's contracting process."""
    body = tender.body
    lots = list(tender.lots.all())
    parties = {_buyer(body)["id"]: {**_buyer(body), "roles": ["buyer", "procuringEntity"]}}
    tenderers, awards, contracts = {}, [], []
    for lot in lots:
        for bid in lot.bids.all():
            party = parties.setdefault(_org_id(bid.bidder), _party(bid.bidder, []))
            if "tenderer" not in party["roles"]:
                party["roles"].append("tenderer")
            tenderers[_org_id(bid.bidder)] = {"id": _org_id(bid.bidder), "name": bid.bidder.name}
        award = getattr(lot, "award", None) if _has_award(lot) else None
        if award is None:
            continue
        supplier = award.bid.bidder
        party = parties.setdefault(_org_id(supplier), _party(supplier, []))
        if "supplier" not in party["roles"]:
            party["roles"].append("supplier")
        entry = {
            "id": f"award-{award.pk}",
            "title": f"Lot {lot.number}: {lot.title}",
            "description": award.rationale,
            "status": "active",
            "date": _when(award.decided_on),
            "value": _money(award.bid.price),
            "suppliers": [{"id": _org_id(supplier), "name": supplier.name}],
            "relatedLots": [str(lot.number)],
        }
        offers = list(award.bid.offers.all())
        if offers:
            entry["agreedMetrics"] = [
                {
                    "id": f"offer-{offer.pk}",
                    "title": offer.measure.name_en,
                    "description": offer.measure.code,
                    "observations": [
                        {
                            "id": f"offer-{offer.pk}-target",
                            "measure": _number(offer.quantity),
                            "unit": {"name": offer.measure.unit_en},
                        }
                    ],
                }
                for offer in offers
            ]
        awards.append(entry)
        contract = _has_contract(award)
        if contract is not None:
            contracts.append(_contract(contract, entry["id"]))
    tag = ["tender"] + (["award"] if awards else []) + (["contract"] if contracts else [])
    if any("implementation" in c for c in contracts):
        tag.append("implementation")
    section = {
        "id": tender.reference,
        "title": tender.title,
        "status": "complete" if awards and len(awards) == len(lots) else "active",
        "value": _money(tender.estimated_value),
        "procurementMethod": METHODS[tender.procedure],
        "procurementMethodDetails": str(Tender.Procedure(tender.procedure).label),
        "mainProcurementCategory": "works"
        if tender.category == Tender.Category.CONSTRUCTION
        else "services",
        "lots": [_lot(lot) for lot in lots],
        "numberOfTenderers": len(tenderers),
    }
    if tender.description:
        section["description"] = tender.description
    if tenderers:
        section["tenderers"] = list(tenderers.values())
    if tender.published_on or tender.closes_on:
        section["tenderPeriod"] = {
            k: _when(v)
            for k, v in (("startDate", tender.published_on), ("endDate", tender.closes_on))
            if v
        }
    if tender.award_expected_on:
        section["awardPeriod"] = {"startDate": _when(tender.award_expected_on)}
    sustainability = _sustainability(tender, lots)
    section["hasSustainability"] = bool(sustainability)
    if sustainability:
        section["sustainability"] = sustainability
    release = {
        "ocid": ocid(tender),
        "id": f"{ocid(tender)}-{tender.updated_at:%Y%m%dT%H%M%S}",
        "date": _when(tender.updated_at),
        "tag": tag,
        "initiationType": "tender",
        "language": "en",
        "parties": list(parties.values()),
        "buyer": _buyer(body),
        "tender": section,
    }
    if awards:
        release["awards"] = awards
    if contracts:
        release["contracts"] = contracts
    return release


def _has_award(lot):
    try:
        return lot.award is not None
    except Award.DoesNotExist:
        return False


def _has_contract(award):
    try:
        return award.contract
    except Contract.DoesNotExist:
        return None


def _lot(lot):
    entry = {
        "id": str(lot.number),
        "title": lot.title,
        "status": "complete" if _has_award(lot) else "active",
        "awardCriteria": _criteria(lot),
    }
    if lot.description:
        entry["description"] = lot.description
    if lot.estimated_value is not None:
        entry["value"] = _money(lot.estimated_value)
    return entry


def contract_release(contract):
    """A contract let without a tender here: its own process, with an award for its supplier
    (an OCDS contract belongs to an award)."""
    body, supplier = contract.body, contract.supplier
    award_id = f"award-contract-{contract.pk}"
    built = _contract(contract, award_id)
    tag = ["award", "contract"] + (["implementation"] if "implementation" in built else [])
    return {
        "ocid": _contract_ocid(contract),
        "id": f"{_contract_ocid(contract)}-{contract.created_at:%Y%m%dT%H%M%S}",
        "date": _when(contract.created_at),
        "tag": tag,
        "initiationType": "tender",
        "language": "en",
        "parties": [
            {**_buyer(body), "roles": ["buyer", "procuringEntity"]},
            _party(supplier, ["supplier"]),
        ],
        "buyer": _buyer(body),
        "awards": [
            {
                "id": award_id,
                "title": contract.title,
                "status": "active",
                "date": _when(contract.awarded_on),
                "value": _money(contract.value),
                "suppliers": [{"id": _org_id(supplier), "name": supplier.name}],
            }
        ],
        "contracts": [built],
    }


def _commitments():
    return Commitment.objects.select_related("measure").prefetch_related(
        # Only what the export shows: never the narrative or who recorded the return.
        Prefetch(
            "returns",
            queryset=MonitoringReturn.objects.only(
                "pk", "commitment_id", "period_start", "period_end", "quantity"
            ).order_by("period_start"),
        )
    )


def tenders_for_export(queryset):
    """Tenders with everything their release needs, in a fixed number of queries a chunk."""
    return queryset.select_related("body").prefetch_related(
        Prefetch(
            "lots",
            queryset=Lot.objects.order_by("number").select_related(
                "award__bid__bidder", "award__contract"
            ),
        ),
        "lots__sub_criteria",
        "lots__bids__bidder",
        Prefetch("lots__award__bid__offers", queryset=BidOffer.objects.select_related("measure")),
        Prefetch("lots__award__contract__commitments", queryset=_commitments()),
    )


def contracts_for_export(queryset):
    return queryset.select_related("body", "supplier").prefetch_related(
        Prefetch("commitments", queryset=_commitments())
    )


def package_head(*, uri, publisher):
    return {
        "uri": uri,
        "version": VERSION,
        "extensions": EXTENSIONS,
        "publishedDate": _when(timezone.now()),
        "publisher": {"name": publisher},
    }


def package(releases, *, uri, publisher):
    return {**package_head(uri=uri, publisher=publisher), "releases": list(releases)}


def tender_package(tender, *, uri):
    with translation.override("en"):
        tender = tenders_for_export(Tender.objects.filter(pk=tender.pk)).get()
        return package([tender_release(tender)], uri=uri, publisher=tender.body.name_en)


def stream_register(body, *, uri):
    """The body's whole register as a release package, written piece by piece: the tenders
    and then the contracts let elsewhere, each read in chunks."""
    head = package_head(uri=uri, publisher=body.name_en)
    opening = json.dumps(head, ensure_ascii=False)[:-1] + ', "releases": ['
    yield opening
    first = True
    with translation.override("en"):
        tenders = tenders_for_export(Tender.objects.filter(body=body).order_by("pk"))
        for tender in tenders.iterator(chunk_size=CHUNK):
            yield ("" if first else ",") + json.dumps(tender_release(tender), ensure_ascii=False)
            first = False
        contracts = contracts_for_export(
            Contract.objects.filter(body=body, award__isnull=True).order_by("pk")
        )
        for contract in contracts.iterator(chunk_size=CHUNK):
            yield ("" if first else ",") + json.dumps(
                contract_release(contract), ensure_ascii=False
            )
            first = False
    yield "]}"
