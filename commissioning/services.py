"""State changes of the commissioning app. Each runs in one transaction with its audit row;
models are validated with ``full_clean`` before they are saved."""

import datetime
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import AuditEvent
from accounts.services import record_audit
from commissioning import scoring
from commissioning.models import (
    Award,
    Commitment,
    Framework,
    Lot,
    PolicySetting,
    Tender,
)
from svforum.records import save_unique
from svforum.revisions import Revisioned, claim_revision

# A commitment is on track when what was delivered reaches 90% of what was due by the end
# of its last return (the target spread evenly over its period), at risk from 60%, and off
# track below that.
ON_TRACK_FROM = Decimal("0.9")
AT_RISK_FROM = Decimal("0.6")
DEFAULT_GRACE_DAYS = 30

# Refusals: the services raise them, the views show them, the tests import them. Once a
# lot is awarded, its award criteria and its bids are the record of how it was decided.
LOT_AWARDED = gettext_lazy("An awarded lot’s criteria cannot change.")
LOT_AWARDED_DELETE = gettext_lazy("An awarded lot cannot be deleted.")
LOT_LAST = gettext_lazy("A tender needs at least one lot; delete the tender instead.")
BIDS_FROZEN = gettext_lazy("The lot has been awarded: its bids can no longer change.")
LOT_ALREADY_AWARDED = gettext_lazy("This lot has already been awarded.")
TENDER_AWARDED = gettext_lazy(
    "A tender with an award cannot be deleted: its contracts depend on it."
)


def _audit(by, action, obj, detail=""):
    record_audit(actor=by, action=action, obj=obj, detail=detail)


@transaction.atomic
def save_record(*, record, many_to_many=None, changed=(), by):
    """Saves a body's record (new, or with its changes applied) and its many-to-many
    values, with an audit row naming the fields an edit ``changed``. A revisioned record
    edited since its edit began raises ``EditConflict``."""
    creating = record.pk is None
    if isinstance(record, Revisioned):
        claim_revision(record, by=by)
    record.full_clean()
    save_unique(record)
    for name, values in (many_to_many or {}).items():
        getattr(record, name).set(values)
    _audit(
        by,
        AuditEvent.Action.CREATE if creating else AuditEvent.Action.UPDATE,
        record,
        "" if creating else ", ".join(changed),
    )
    return record


# Tenders and weightings ----------------------------------------------------------------------


def policy_for(tender, today=None):
    """The body's policy in force for a tender: on its publication date, else today."""
    return tender.body.policy_on(tender.published_on or today or datetime.date.today())


def weighting_problem(body, weights, *, on):
    """(blocks, message) when a social value weighting is under the body's minimum on the
    date ``on``; None when it meets it or there is no minimum."""
    policy = body.policy_on(on)
    if policy is None or policy.minimum_social_value_weight is None:
        return None
    if weights.social_value >= policy.minimum_social_value_weight:
        return None
    message = _(
        "The social value weighting (%(weight)s%%) is below this body’s minimum of %(minimum)s%%."
    ) % {"weight": weights.social_value, "minimum": policy.minimum_social_value_weight}
    return policy.minimum_rule == PolicySetting.MinimumRule.BLOCK, message


@transaction.atomic
def create_tender(*, tender, lot_title, weights, by):
    """A new tender with its first lot (a tender always has at least one); refused when
    the lot's social value weighting is under a minimum the body's policy enforces."""
    problem = weighting_problem(
        tender.body, weights, on=tender.published_on or datetime.date.today()
    )
    if problem and problem[0]:
        raise ValidationError({"social_value_weight": problem[1]})
    tender.full_clean()
    save_unique(tender)
    lot = tender.lots.model(
        tender=tender,
        number=1,
        title=lot_title or tender.title,
        estimated_value=tender.estimated_value,
        price_weight=weights.price,
        quality_weight=weights.quality,
        social_value_weight=weights.social_value,
    )
    lot.full_clean()
    lot.save()
    _audit(by, AuditEvent.Action.CREATE, tender)
    return tender


def lot_awarded(lot):
    return lot.pk is not None and Award.objects.filter(lot_id=lot.pk).exists()


def _refuse_if_awarded(lot_id, message):
    """Refuses a change to an awarded lot; the lot's row stays locked until the change
    commits, so an award made meanwhile waits for it."""
    if lot_id is None:
        return
    Lot.objects.select_for_update().filter(pk=lot_id).first()
    if Award.objects.filter(lot_id=lot_id).exists():
        raise ValidationError(message)


@transaction.atomic
def save_lot(*, lot, sub_criteria, removed, changed=(), by):
    """A lot with its award criteria and sub-criteria, as one change: refused once the lot
    is awarded, and when its social value weighting is under a minimum the body's policy
    enforces. ``sub_criteria`` are the rows to save, ``removed`` those to delete."""
    _refuse_if_awarded(lot.pk, LOT_AWARDED)
    problem = weighting_problem(
        lot.tender.body,
        scoring.Weights.of(lot),
        on=lot.tender.published_on or datetime.date.today(),
    )
    if problem and problem[0]:
        raise ValidationError({"social_value_weight": problem[1]})
    creating = lot.pk is None
    claim_revision(lot, by=by)
    lot.full_clean()
    lot.save()
    _save_rows(sub_criteria, removed, lot=lot)
    _audit(
        by,
        AuditEvent.Action.CREATE if creating else AuditEvent.Action.UPDATE,
        lot,
        "" if creating else ", ".join(sorted(changed)),
    )
    return lot


@transaction.atomic
def delete_lot(*, lot, by):
    _refuse_if_awarded(lot.pk, LOT_AWARDED_DELETE)
    if not Lot.objects.filter(tender_id=lot.tender_id).exclude(pk=lot.pk).exists():
        raise ValidationError(LOT_LAST)
    _audit(by, AuditEvent.Action.DELETE, lot)
    lot.delete()


@transaction.atomic
def delete_tender(*, tender, by):
    if Award.objects.filter(lot__tender=tender).exists():
        raise ValidationError(TENDER_AWARDED)
    _audit(by, AuditEvent.Action.DELETE, tender)
    tender.delete()


def _save_rows(rows, removed, **parent):
    """The rows of a lot's or a bid's repeating part (sub-criteria, offers), each under
    ``parent`` (e.g. lot=lot): saved, or deleted."""
    for row in rows:
        for name, value in parent.items():
            setattr(row, name, value)
        row.full_clean()
        row.save()
    for row in removed:
        row.delete()


def default_framework():
    """The framework a new contract or bid offer is measured against unless chosen: the
    most recently published."""
    return Framework.objects.order_by("-published_on", "-id").first()


def local_bidders(body, organisation_ids):
    """Of these organisations, those serving a local authority of the body's region today
    ("local" bidders)."""
    from forums.models import ForumArea, Organisation

    areas = ForumArea.objects.filter(forum_id=body.region_id).current().values("local_authority")
    return set(
        Organisation.objects.filter(pk__in=organisation_ids, local_authorities__in=areas)
        .values_list("pk", flat=True)
        .distinct()
    )


# Bids and awards -----------------------------------------------------------------------------


@transaction.atomic
def save_bid(*, bid, offers, removed, changed=(), by):
    """A bid with the social value it offers, as one change: refused once its lot is
    awarded."""
    _refuse_if_awarded(bid.lot_id, BIDS_FROZEN)
    creating = bid.pk is None
    claim_revision(bid, by=by)
    bid.full_clean()
    bid.save()
    _save_rows(offers, removed, bid=bid)
    _audit(
        by,
        AuditEvent.Action.CREATE if creating else AuditEvent.Action.UPDATE,
        bid,
        "" if creating else ", ".join(sorted(changed)),
    )
    return bid


@transaction.atomic
def delete_bid(*, bid, by):
    _refuse_if_awarded(bid.lot_id, BIDS_FROZEN)
    _audit(by, AuditEvent.Action.DELETE, bid)
    bid.delete()


@transaction.atomic
def award_lot(*, lot, bid, rationale, decided_on, by):
    """Awards a lot to a ranked bid, keeping the weights and total it was ranked with."""
    if bid.lot_id != lot.pk:
        raise ValidationError(_("Choose one of this lot’s bids."))
    # Two commissioners awarding at once: the second waits here for the first, then sees
    # its award.
    Lot.objects.select_for_update().get(pk=lot.pk)
    if Award.objects.filter(lot=lot).exists():
        raise ValidationError(LOT_ALREADY_AWARDED)
    if not (rationale or "").strip():
        raise ValidationError({"rationale": _("Explain why this bid is chosen.")})
    weights = scoring.Weights.of(lot)
    scored = {s.bid.pk: s for s in scoring.score_bids(lot.bids.all(), weights)}
    if scored.get(bid.pk) is None or not scored[bid.pk].ranked:
        raise ValidationError(_("Score every weighted criterion of this bid before awarding."))
    award = Award(
        lot=lot,
        bid=bid,
        rationale=rationale.strip(),
        decided_on=decided_on,
        price_weight=weights.price,
        quality_weight=weights.quality,
        social_value_weight=weights.social_value,
        total_score=scored[bid.pk].total,
        decided_by=by,
    )
    award.full_clean()
    award.save()
    _advance(lot.tender_id, Tender.Stage.FINALISING, by=by)
    _audit(by, AuditEvent.Action.CREATE, award, detail=str(bid.bidder))
    return award


def _advance(tender_id, stage, *, by):
    """Moves a tender on to ``stage`` (never back) as a saved revision, so an edit of the
    tender begun before it is refused rather than putting the stage back."""
    tender = Tender.objects.select_for_update().get(pk=tender_id)
    if tender.stage < stage:
        tender.stage = stage
        claim_revision(tender, by=by)
        tender.save()


@transaction.atomic
def create_contract(*, contract, by):
    """A contract from an award: the bid's offers of social value become its "added"
    commitments over the contract's whole period."""
    award = contract.award
    contract.full_clean()
    contract.save()
    if award is not None:
        for offer in award.bid.offers.select_related("measure__outcome__theme"):
            if offer.measure.outcome.theme.framework_id != contract.framework_id:
                continue
            commitment = Commitment(
                contract=contract,
                measure=offer.measure,
                category=Commitment.Category.ADDED,
                target=offer.quantity,
                starts_on=contract.starts_on,
                ends_on=contract.ends_on,
                proxy_value=offer.measure.proxy_value,
            )
            commitment.full_clean()
            commitment.save()
            refresh_commitment(commitment)
        _advance(award.lot.tender_id, Tender.Stage.MANAGING, by=by)
    _audit(by, AuditEvent.Action.CREATE, contract)
    return contract


@transaction.atomic
def save_contract(*, contract, changed=(), by):
    """Saves a changed contract; its commitments are reassessed, since their periods follow
    the contract's dates and return frequency."""
    contract = save_record(record=contract, changed=changed, by=by)
    refresh_contract_commitments(contract)
    return contract


# Commitments and monitoring ----------------------------------------------------------------


def grace_days(body, today=None):
    policy = body.policy_on(today or datetime.date.today())
    return policy.return_grace_days if policy else DEFAULT_GRACE_DAYS


def assess(commitment, returns, *, grace):
    """(delivered, assessed_to, progress, next_return_due) from the commitment's returns."""
    delivered = sum((r.quantity for r in returns), Decimal(0))
    assessed_to = max((r.period_end for r in returns), default=None)
    progress = Commitment.Status.ON_TRACK
    if assessed_to is not None:
        span = (commitment.ends_on - commitment.starts_on).days + 1
        elapsed = (min(assessed_to, commitment.ends_on) - commitment.starts_on).days + 1
        expected = commitment.target * Decimal(elapsed) / Decimal(span)
        ratio = delivered / expected if expected else Decimal(1)
        if ratio >= ON_TRACK_FROM:
            progress = Commitment.Status.ON_TRACK
        elif ratio >= AT_RISK_FROM:
            progress = Commitment.Status.AT_RISK
        else:
            progress = Commitment.Status.OFF_TRACK
    returned = {r.period_start for r in returns}
    next_due = None
    for start, end in commitment.periods():
        if start not in returned:
            next_due = end + datetime.timedelta(days=grace)
            break
    return delivered, assessed_to, progress, next_due


def refresh_commitment(commitment, *, grace=None):
    """Recomputes and stores what the commitment's returns say (called inside the
    transaction that changed them)."""
    if grace is None:
        grace = grace_days(commitment.contract.body)
    returns = list(commitment.returns.all())
    (
        commitment.delivered,
        commitment.assessed_to,
        commitment.progress,
        commitment.next_return_due,
    ) = assess(commitment, returns, grace=grace)
    commitment.save(update_fields=["delivered", "assessed_to", "progress", "next_return_due"])
    return commitment


@transaction.atomic
def save_commitment(*, commitment, by):
    creating = commitment.pk is None
    claim_revision(commitment, by=by)
    commitment.full_clean()
    commitment.save()
    refresh_commitment(commitment)
    _audit(by, AuditEvent.Action.CREATE if creating else AuditEvent.Action.UPDATE, commitment)
    return commitment


@transaction.atomic
def delete_commitment(*, commitment, by):
    _audit(by, AuditEvent.Action.DELETE, commitment)
    commitment.delete()


@transaction.atomic
def record_return(*, monitoring_return, files=(), by):
    """Saves a monitoring return with its evidence files and updates the commitment."""
    creating = monitoring_return.pk is None
    monitoring_return.submitted_by = monitoring_return.submitted_by or by
    monitoring_return.full_clean()
    monitoring_return.save()
    for upload, kind in files:
        monitoring_return.evidence.create(
            file=upload, original_name=upload.name[:255], kind=kind, size=upload.size
        )
    refresh_commitment(monitoring_return.commitment)
    _audit(
        by,
        AuditEvent.Action.CREATE if creating else AuditEvent.Action.UPDATE,
        monitoring_return,
        detail=str(monitoring_return.commitment),
    )
    return monitoring_return


@transaction.atomic
def add_evidence(*, monitoring_return, upload, kind, by):
    evidence = monitoring_return.evidence.create(
        file=upload, original_name=upload.name[:255], kind=kind, size=upload.size
    )
    _audit(by, AuditEvent.Action.CREATE, evidence, detail=str(monitoring_return))
    return evidence


@transaction.atomic
def delete_return(*, monitoring_return, by):
    commitment = monitoring_return.commitment
    _audit(by, AuditEvent.Action.DELETE, monitoring_return, detail=str(commitment))
    for evidence in monitoring_return.evidence.all():
        evidence.file.delete(save=False)
    monitoring_return.delete()
    refresh_commitment(commitment)


def refresh_contract_commitments(contract):
    grace = grace_days(contract.body)
    for commitment in contract.commitments.prefetch_related("returns"):
        commitment.contract = contract
        refresh_commitment(commitment, grace=grace)


# Local multiplier ------------------------------------------------------------------------------


def lm3(round1, round2, round3):
    """LM3 = (R1 + R2 + R3) ÷ R1, to two places; a score between 1 and 3."""
    return ((round1 + round2 + round3) / round1).quantize(Decimal("0.01"), ROUND_HALF_UP)


def check_lm3(round1, round2, round3):
    """The problems with a set of LM3 rounds, by round, in the user's language."""
    errors = {}
    if round1 is not None and round1 <= 0:
        errors["lm3_round1"] = _("Round 1 must be more than £0.")
    for name, value in (("lm3_round2", round2), ("lm3_round3", round3)):
        if value is not None and value < 0:
            errors[name] = _("Enter an amount of £0 or more.")
    if "lm3_round1" not in errors and "lm3_round2" not in errors and round2 > round1:
        errors["lm3_round2"] = _(
            "Round 2 (spent locally) cannot be more than round 1 (the income)."
        )
    if "lm3_round2" not in errors and "lm3_round3" not in errors and round3 > round2:
        errors["lm3_round3"] = _(
            "Round 3 (re-spent locally) cannot be more than round 2 (spent locally)."
        )
    return errors


@transaction.atomic
def record_lm3(*, contract, round1, round2, round3, by):
    errors = check_lm3(round1, round2, round3)
    if errors:
        raise ValidationError(errors)
    contract.lm3_round1, contract.lm3_round2, contract.lm3_round3 = round1, round2, round3
    contract.lm3 = lm3(round1, round2, round3)
    contract.lm3_recorded_at = timezone.now()
    contract.full_clean()
    contract.save()
    _audit(by, AuditEvent.Action.UPDATE, contract, detail=f"LM3 {contract.lm3}")
    return contract
