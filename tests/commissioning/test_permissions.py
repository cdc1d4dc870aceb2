"""Who gets what on the commissioning pages: a body's records are for its commissioners and
administrators; everyone else gets 404, whether or not the record exists."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from commissioning import services
from commissioning.models import Evidence, MonitoringReturn
from tests.conftest import PERSONAS

PEOPLE = [*PERSONAS, "commissioner_b"]
BODY_A = {
    "secretariat_a": 404,
    "secretariat_b": 404,
    "analyst": 404,
    "commissioner": 200,
    "commissioner_b": 404,
    "administrator": 200,
    "anonymous": 302,
}


@pytest.fixture
def records(tender, lot, bids, contract, commitment, commissioner):
    monitoring_return = services.record_return(
        monitoring_return=MonitoringReturn(
            commitment=commitment,
            period_start=datetime.date(2025, 4, 1),
            period_end=datetime.date(2025, 6, 30),
            quantity=Decimal("1"),
        ),
        by=commissioner,
    )
    from django.core.files.base import ContentFile

    evidence = Evidence(
        monitoring_return=monitoring_return, original_name="e.pdf", kind="pdf", size=8
    )
    evidence.file.save("e.pdf", ContentFile(b"%PDF-1.4"), save=True)
    slug = tender.body.slug
    return {
        "body": [slug],
        "policies": [slug],
        "policy_create": [slug],
        "tender_create": [slug],
        "tender": [slug, tender.pk],
        "tender_edit": [slug, tender.pk],
        "tender_delete": [slug, tender.pk],
        "lot_create": [slug, tender.pk],
        "lot": [slug, tender.pk, lot.pk],
        "lot_edit": [slug, tender.pk, lot.pk],
        "lot_delete": [slug, tender.pk, lot.pk],
        "bid_create": [slug, tender.pk, lot.pk],
        "bid_edit": [slug, tender.pk, lot.pk, bids[0].pk],
        "bid_delete": [slug, tender.pk, lot.pk, bids[0].pk],
        "award": [slug, tender.pk, lot.pk],
        "contracts": [slug],
        "contract_create": [slug],
        "contract": [slug, contract.pk],
        "contract_edit": [slug, contract.pk],
        "lm3": [slug, contract.pk],
        "commitment_create": [slug, contract.pk],
        "commitment": [slug, contract.pk, commitment.pk],
        "commitment_edit": [slug, contract.pk, commitment.pk],
        "commitment_delete": [slug, contract.pk, commitment.pk],
        "return_create": [slug, contract.pk, commitment.pk],
        "return_delete": [slug, contract.pk, commitment.pk, monitoring_return.pk],
        "evidence_add": [slug, contract.pk, commitment.pk, monitoring_return.pk],
        "evidence": [slug, contract.pk, commitment.pk, monitoring_return.pk, evidence.pk],
    }


VIEWS = [
    "body",
    "policies",
    "policy_create",
    "tender_create",
    "tender",
    "tender_edit",
    "tender_delete",
    "lot_create",
    "lot",
    "lot_edit",
    "lot_delete",
    "bid_create",
    "bid_edit",
    "bid_delete",
    "award",
    "contracts",
    "contract_create",
    "contract",
    "contract_edit",
    "lm3",
    "commitment_create",
    "commitment",
    "commitment_edit",
    "commitment_delete",
    "return_create",
    "return_delete",
    "evidence_add",
    "evidence",
]


@pytest.mark.parametrize("persona", PEOPLE)
@pytest.mark.parametrize("view", VIEWS)
def test_permission_matrix(client_as, records, persona, view):
    response = client_as(persona).get(reverse(f"commissioning:{view}", args=records[view]))
    assert response.status_code == BODY_A[persona], view


@pytest.mark.parametrize("persona", ["commissioner_b", "secretariat_a", "analyst"])
def test_outsiders_cannot_change_a_bodys_records(client_as, records, persona, lot):
    client = client_as(persona)
    response = client.post(
        reverse("commissioning:lot_edit", args=records["lot_edit"]),
        {
            "number": 1,
            "title": "x",
            "price_weight": 100,
            "quality_weight": 0,
            "social_value_weight": 0,
        },
    )
    assert response.status_code == 404
    lot.refresh_from_db()
    assert lot.price_weight == 40


def test_a_record_of_one_body_is_not_found_under_another(client_as, records, body_b, commissioner):
    """Body A's tender reached through body B's address: 404, even for an administrator."""
    args = [body_b.slug, *records["tender"][1:]]
    assert (
        client_as("administrator").get(reverse("commissioning:tender", args=args)).status_code
        == 404
    )


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("commissioner", 200),
        ("commissioner_b", 200),
        ("administrator", 200),
        ("analyst", 404),
        ("secretariat_a", 404),
        ("anonymous", 302),
    ],
)
def test_the_bodies_list(client_as, body_a, body_b, commissioner_b, persona, status):
    response = client_as(persona).get(reverse("commissioning:bodies"))
    assert response.status_code == status
    if persona == "commissioner_b":
        assert body_b.name_en in response.content.decode()
        assert body_a.name_en not in response.content.decode()


@pytest.mark.parametrize("view", ["tender_delete", "lot_delete", "bid_delete", "commitment_delete"])
def test_deleting_needs_a_post(client_as, records, view):
    client = client_as("commissioner")
    client.get(reverse(f"commissioning:{view}", args=records[view]))
    # A GET only asks for confirmation: the record is still there.
    assert client.get(reverse("commissioning:tender", args=records["tender"])).status_code == 200
