"""Rules the database keeps, whatever path a write takes."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from accounts.models import RoleAssignment
from commissioning.models import Bid, Lot, PolicySetting
from tests.factories import OrganisationFactory, UserFactory


@pytest.mark.parametrize("weights", [(60, 30, 20), (40, 40, 0), (0, 0, 0), (100, 100, 0)])
def test_the_database_refuses_weights_not_adding_up_to_100(tender, weights):
    price, quality, social_value = weights
    with pytest.raises(IntegrityError), transaction.atomic():
        Lot.objects.create(
            tender=tender,
            number=2,
            title="Lot 2",
            price_weight=price,
            quality_weight=quality,
            social_value_weight=social_value,
        )


def test_the_database_refuses_an_update_that_breaks_the_sum(lot):
    with pytest.raises(IntegrityError), transaction.atomic():
        Lot.objects.filter(pk=lot.pk).update(social_value_weight=30)


@pytest.mark.parametrize("weights", [(60, 30, 10), (40, 40, 20), (40, 60, 0), (0, 0, 100)])
def test_weights_adding_up_to_100_are_kept(tender, weights):
    price, quality, social_value = weights
    lot = Lot(
        tender=tender,
        number=2,
        title="Lot 2",
        price_weight=price,
        quality_weight=quality,
        social_value_weight=social_value,
    )
    lot.full_clean()
    lot.save()


def test_model_validation_explains_the_sum(tender):
    lot = Lot(tender=tender, number=2, title="x", price_weight=50, quality_weight=30)
    with pytest.raises(ValidationError) as error:
        lot.full_clean()
    assert "must add up to 100" in str(error.value)


@pytest.mark.parametrize("price", ["0", "-5"])
def test_a_zero_or_negative_price_is_refused(lot, price):
    bid = Bid(lot=lot, bidder=OrganisationFactory(), price=Decimal(price))
    with pytest.raises(ValidationError) as error:
        bid.full_clean()
    assert "more than £0" in str(error.value)
    with pytest.raises(IntegrityError), transaction.atomic():
        bid.save()


def test_a_score_over_100_is_refused_by_the_database(lot):
    with pytest.raises(IntegrityError), transaction.atomic():
        Bid.objects.create(
            lot=lot, bidder=OrganisationFactory(), price=Decimal("10"), quality_score=101
        )


def test_policy_thresholds_give_the_regime(body_a):
    policy = PolicySetting.objects.create(body=body_a, starts_on="2025-04-01")
    assert policy.regime(Decimal("199999.99")) == PolicySetting.Regime.NONE
    assert policy.regime(Decimal("200000")) == PolicySetting.Regime.LIGHT
    assert policy.regime(Decimal("749999")) == PolicySetting.Regime.LIGHT
    assert policy.regime(Decimal("750000")) == PolicySetting.Regime.FULL


def test_the_policy_in_force_is_the_latest_started(body_a):
    old = PolicySetting.objects.create(body=body_a, starts_on="2024-04-01")
    new = PolicySetting.objects.create(
        body=body_a, starts_on="2026-04-01", minimum_social_value_weight=10
    )
    import datetime

    assert body_a.policy_on(datetime.date(2024, 3, 31)) is None
    assert body_a.policy_on(datetime.date(2025, 1, 1)) == old
    assert body_a.policy_on(datetime.date(2026, 4, 1)) == new


def test_a_policy_cannot_start_full_below_light(body_a):
    with pytest.raises(IntegrityError), transaction.atomic():
        PolicySetting.objects.create(
            body=body_a, starts_on="2025-04-01", light_touch_from=500000, full_from=100000
        )


def test_a_commissioner_role_needs_a_body_and_only_a_commissioner_has_one(body_a):
    user = UserFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        RoleAssignment.objects.create(user=user, role="commissioner")
    with pytest.raises(IntegrityError), transaction.atomic():
        RoleAssignment.objects.create(user=user, role="analyst", commissioning_body=body_a)
    RoleAssignment.objects.create(user=user, role="commissioner", commissioning_body=body_a)


def test_a_commissioner_may_work_for_two_bodies(body_a, body_b):
    user = UserFactory()
    RoleAssignment.objects.create(user=user, role="commissioner", commissioning_body=body_a)
    RoleAssignment.objects.create(user=user, role="commissioner", commissioning_body=body_b)
    with pytest.raises(IntegrityError), transaction.atomic():
        RoleAssignment.objects.create(user=user, role="commissioner", commissioning_body=body_b)
