import datetime
from decimal import Decimal

import pytest

from commissioning import services
from commissioning.models import Bid, Contract, Framework, Lot, Measure, Tender
from tests.factories import OrganisationFactory


@pytest.fixture
def framework(db):
    return Framework.objects.get(version="1.0")


@pytest.fixture
def measure(framework):
    return Measure.objects.get(code="G1.1.2", outcome__theme__framework=framework)


@pytest.fixture
def tender(body_a):
    tender = Tender.objects.create(
        body=body_a,
        reference="NCC-2026-001",
        title="Domiciliary care in Newport",
        category=Tender.Category.HEALTH_SOCIAL_CARE,
        estimated_value=Decimal("1400000"),
        procedure=Tender.Procedure.OPEN,
        stage=Tender.Stage.CHOOSING,
    )
    Lot.objects.create(
        tender=tender,
        number=1,
        title="Domiciliary care",
        price_weight=40,
        quality_weight=40,
        social_value_weight=20,
    )
    return tender


@pytest.fixture
def lot(tender):
    return tender.lots.get()


@pytest.fixture
def bids(lot):
    """The £600k / £15k case: a social enterprise £15k dearer with far more social value."""
    social = OrganisationFactory(
        name="Cwm Care Co-operative", not_for_profit=True, social_value_organisation=True
    )
    private = OrganisationFactory(name="Large Care Ltd", sector="private")
    return [
        Bid.objects.create(
            lot=lot,
            bidder=social,
            price=Decimal("1400000"),
            quality_score=Decimal("70"),
            social_value_score=Decimal("90"),
        ),
        Bid.objects.create(
            lot=lot,
            bidder=private,
            price=Decimal("1385000"),
            quality_score=Decimal("70"),
            social_value_score=Decimal("20"),
        ),
    ]


@pytest.fixture
def contract(body_a, framework, bids):
    supplier = bids[0].bidder
    return Contract.objects.create(
        body=body_a,
        reference="NCC-C-001",
        title="Domiciliary care in Newport",
        category=Tender.Category.HEALTH_SOCIAL_CARE,
        supplier=supplier,
        value=Decimal("1400000"),
        awarded_on=datetime.date(2025, 3, 1),
        starts_on=datetime.date(2025, 4, 1),
        ends_on=datetime.date(2027, 3, 31),
        framework=framework,
    )


@pytest.fixture
def commitment(contract, measure, commissioner):
    from commissioning.models import Commitment

    return services.save_commitment(
        commitment=Commitment(
            contract=contract,
            measure=measure,
            category=Commitment.Category.ADDED,
            target=Decimal("8"),
            starts_on=contract.starts_on,
            ends_on=contract.ends_on,
        ),
        by=commissioner,
    )
