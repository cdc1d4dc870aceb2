"""Commitment status rules, on fixed dates: progress as of the last return (on track from 90%
of what was due, at risk from 60%, off track below), and a return overdue once a period has
ended and the body's days of grace have passed."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from commissioning import services
from commissioning.models import Commitment, MonitoringReturn, PolicySetting, monitoring_periods

D = datetime.date


def record(commitment, start, quantity, by):
    periods = dict(commitment.periods())
    return services.record_return(
        monitoring_return=MonitoringReturn(
            commitment=commitment,
            period_start=start,
            period_end=periods[start],
            quantity=Decimal(quantity),
        ),
        by=by,
    )


def test_monitoring_periods_follow_the_frequency_and_stop_at_the_end():
    assert monitoring_periods(D(2025, 4, 1), D(2025, 12, 15), 3) == [
        (D(2025, 4, 1), D(2025, 6, 30)),
        (D(2025, 7, 1), D(2025, 9, 30)),
        (D(2025, 10, 1), D(2025, 12, 15)),
    ]
    assert monitoring_periods(D(2024, 1, 31), D(2024, 3, 31), 1) == [
        (D(2024, 1, 31), D(2024, 2, 28)),
        (D(2024, 2, 29), D(2024, 3, 30)),
        (D(2024, 3, 31), D(2024, 3, 31)),
    ]


def test_a_new_commitment_is_on_track_until_its_first_return_falls_due(commitment):
    # 8 apprenticeships over 2 years, quarterly returns; the first period ends 30 June 2025.
    assert commitment.next_return_due == D(2025, 7, 30)
    assert commitment.status(D(2025, 7, 30)) == Commitment.Status.ON_TRACK
    assert commitment.status(D(2025, 7, 31)) == Commitment.Status.OVERDUE


@pytest.mark.parametrize(
    ("delivered", "status"),
    [
        # Due by 30 June 2025: 8 × 91/730 = 0.997 apprenticeships.
        ("1", Commitment.Status.ON_TRACK),
        ("0.9", Commitment.Status.ON_TRACK),
        ("0.8", Commitment.Status.AT_RISK),
        ("0.6", Commitment.Status.AT_RISK),
        ("0.5", Commitment.Status.OFF_TRACK),
        ("0", Commitment.Status.OFF_TRACK),
    ],
)
def test_progress_against_what_was_due(commitment, commissioner, delivered, status):
    record(commitment, D(2025, 4, 1), delivered, commissioner)
    commitment.refresh_from_db()
    assert commitment.progress == status
    assert commitment.assessed_to == D(2025, 6, 30)
    # The next period's return is due 30 days after 30 September.
    assert commitment.next_return_due == D(2025, 10, 30)
    assert commitment.status(D(2025, 10, 30)) == status
    assert commitment.status(D(2025, 10, 31)) == Commitment.Status.OVERDUE


def test_a_missing_earlier_return_stays_overdue_after_a_later_one(commitment, commissioner):
    record(commitment, D(2025, 7, 1), "3", commissioner)
    commitment.refresh_from_db()
    assert commitment.next_return_due == D(2025, 7, 30)
    assert Commitment.objects.overdue(D(2025, 8, 1)).filter(pk=commitment.pk).exists()


def test_every_return_in_means_nothing_is_ever_overdue(commitment, commissioner):
    for start, _end in commitment.periods():
        record(commitment, start, "1", commissioner)
    commitment.refresh_from_db()
    assert commitment.delivered == Decimal("8")
    assert commitment.next_return_due is None
    assert commitment.status(D(2030, 1, 1)) == Commitment.Status.ON_TRACK


def test_the_bodys_days_of_grace_decide_when_a_return_is_overdue(commitment, body_a):
    PolicySetting.objects.create(body=body_a, starts_on=D(2020, 1, 1), return_grace_days=10)
    services.refresh_commitment(commitment)
    assert commitment.next_return_due == D(2025, 7, 10)


def test_deleting_a_return_reassesses_the_commitment(commitment, commissioner):
    monitoring_return = record(commitment, D(2025, 4, 1), "0.1", commissioner)
    commitment.refresh_from_db()
    assert commitment.progress == Commitment.Status.OFF_TRACK
    services.delete_return(monitoring_return=monitoring_return, by=commissioner)
    commitment.refresh_from_db()
    assert commitment.progress == Commitment.Status.ON_TRACK
    assert commitment.delivered == 0


def test_a_return_for_a_period_outside_the_contract_is_refused(commitment):
    outside = MonitoringReturn(
        commitment=commitment,
        period_start=D(2027, 4, 1),
        period_end=D(2027, 6, 30),
        quantity=Decimal("1"),
    )
    with pytest.raises(ValidationError) as error:
        outside.full_clean()
    assert "monitoring periods" in str(error.value)
    odd = MonitoringReturn(
        commitment=commitment,
        period_start=D(2025, 4, 15),
        period_end=D(2025, 6, 30),
        quantity=Decimal("1"),
    )
    with pytest.raises(ValidationError):
        odd.full_clean()


def test_a_commitment_must_lie_within_its_contract(contract, measure):
    commitment = Commitment(
        contract=contract,
        measure=measure,
        category=Commitment.Category.CORE,
        target=Decimal("1"),
        starts_on=D(2025, 1, 1),
        ends_on=D(2025, 12, 31),
    )
    with pytest.raises(ValidationError) as error:
        commitment.full_clean()
    assert "within the contract" in str(error.value)


def test_lists_filter_by_status_in_the_database(commitment, commissioner):
    record(commitment, D(2025, 4, 1), "0.1", commissioner)
    today = D(2025, 8, 1)
    assert list(Commitment.objects.with_status("off_track", today)) == [commitment]
    assert not Commitment.objects.with_status("on_track", today).exists()
    assert not Commitment.objects.with_status("overdue", today).exists()
    assert list(Commitment.objects.with_status("overdue", D(2025, 11, 1))) == [commitment]
