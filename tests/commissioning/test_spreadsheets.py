"""Tenders and contracts from spreadsheets (preview with row errors, then all or nothing), and
the contracts register as CSV and XLSX."""

import csv
import io
from decimal import Decimal

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from commissioning.models import Contract, Tender
from tests.factories import OrganisationFactory

TENDER_HEADER = (
    "reference,title,description,category,estimated_value,procedure,stage,published_on,"
    "closes_on,price_weight,quality_weight,social_value_weight"
)
CONTRACT_HEADER = (
    "reference,name,subject_matter,category,supplier,value,awarded_on,starts_on,ends_on,"
    "extension_months"
)


def upload(client, url, text, name="file.csv"):
    return client.post(
        url, {"step": "upload", "file": SimpleUploadedFile(name, text.encode("utf-8"))}
    )


def confirm(client, url, response):
    return client.post(url, {"step": "confirm", "token": response.context["token"]})


def test_tenders_import_with_their_weightings(client_as, body_a):
    client = client_as("commissioner")
    url = reverse("commissioning:tender_import", args=[body_a.slug])
    rows = [
        TENDER_HEADER,
        'T-1,Respite care,,Health and social care,"£450,000",open,3,2026-01-05,05/02/2026,60,30,10',
        "T-2,Gofal cartref,,Iechyd a gofal cymdeithasol,800000,Agored,,,,40,40,20",
    ]
    preview = upload(client, url, "\n".join(rows))
    assert preview.status_code == 200, (preview.context["problems"], preview.context["form"].errors)
    assert not Tender.objects.exists()  # the preview writes nothing
    assert confirm(client, url, preview).status_code == 302
    first = Tender.objects.get(reference="T-1")
    assert first.estimated_value == Decimal("450000") and first.stage == 3
    assert [(lot.price_weight, lot.social_value_weight) for lot in first.lots.all()] == [(60, 10)]
    second = Tender.objects.get(reference="T-2")
    assert second.category == "health_social_care" and second.procedure == "open"
    assert second.stage == 1


def test_a_bad_row_stops_the_whole_import(client_as, body_a):
    client = client_as("commissioner")
    url = reverse("commissioning:tender_import", args=[body_a.slug])
    rows = [
        TENDER_HEADER,
        "T-1,Respite care,,other,450000,open,3,,,60,30,10",
        "T-2,Bad weights,,other,450000,open,3,,,60,30,20",
        "T-3,Bad value,,other,lots,open,9,,,60,30,10",
        "T-4,Negative,,other,-5,sideways,3,,,60,30,10",
    ]
    response = upload(client, url, "\n".join(rows))
    assert response.status_code == 400
    problems = dict(response.context["problems"])
    assert "they add up to 110" in " ".join(problems[3])
    assert "is not a number" in " ".join(problems[4])
    assert "more than 7" in " ".join(problems[4])
    assert "cannot be negative" in " ".join(problems[5])
    assert "is not one of" in " ".join(problems[5])
    assert 2 not in problems
    assert not Tender.objects.exists()


def test_contracts_import_and_update_by_reference(client_as, body_a, framework):
    supplier = OrganisationFactory(name="Cwm Care")
    client = client_as("commissioner")
    url = reverse("commissioning:contract_import", args=[body_a.slug])
    row = 'C-9,Meals,,other,Cwm Care,"90,000",2024-01-01,2024-02-01,2026-01-31,12'
    preview = upload(client, url, "\n".join([CONTRACT_HEADER, row]))
    assert preview.status_code == 200, (preview.context["problems"], preview.context["form"].errors)
    confirm(client, url, preview)
    contract = Contract.objects.get(reference="C-9")
    assert contract.supplier == supplier and contract.framework == framework
    assert contract.value == Decimal("90000") and contract.extension_months == 12
    again = upload(client, url, "\n".join([CONTRACT_HEADER, row.replace("90,000", "95000")]))
    confirm(client, url, again)
    contract.refresh_from_db()
    assert contract.value == Decimal("95000") and Contract.objects.count() == 1


def test_a_contract_ending_before_it_starts_or_an_unknown_supplier_is_refused(client_as, body_a):
    client = client_as("commissioner")
    url = reverse("commissioning:contract_import", args=[body_a.slug])
    rows = [
        CONTRACT_HEADER,
        "C-1,Meals,,other,Nobody Ltd,1000,2024-01-01,2024-02-01,2025-01-31,0",
        "C-2,Meals,,other,Nobody Ltd,1000,2024-01-01,2024-02-01,2023-01-31,0",
    ]
    OrganisationFactory(name="Somebody")
    response = upload(client, url, "\n".join(rows))
    problems = dict(response.context["problems"])
    assert "not in the organisation register" in " ".join(problems[2])
    assert not Contract.objects.exists()


@pytest.mark.parametrize("persona", ["commissioner_b", "analyst", "secretariat_a"])
def test_only_the_bodys_commissioners_import(client_as, body_a, persona):
    for name in ("tender_import", "contract_import"):
        url = reverse(f"commissioning:{name}", args=[body_a.slug])
        assert client_as(persona).get(url).status_code == 404


def test_templates_have_the_import_columns(client_as, body_a):
    client = client_as("commissioner")
    response = client.get(
        reverse("commissioning:import_template", args=[body_a.slug, "tender", "xlsx"])
    )
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    assert [c.value for c in book.active[1]] == TENDER_HEADER.split(",")
    response = client.get(
        reverse("commissioning:import_template", args=[body_a.slug, "contract", "csv"])
    )
    assert response.content.decode("utf-8-sig").strip() == CONTRACT_HEADER
    bad = reverse("commissioning:import_template", args=[body_a.slug, "bid", "csv"])
    assert client.get(bad).status_code == 404


def test_the_contracts_register(client_as, body_a, contract):
    contract.supplier.address = "1 High Street\nNewport"
    contract.supplier.save()
    client = client_as("commissioner")
    response = client.get(reverse("commissioning:register_export", args=[body_a.slug, "csv"]))
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows == [
        {
            "reference": "NCC-C-001",
            "name": "Domiciliary care in Newport",
            "award_date": "2025-03-01",
            "estimated_value": "1400000.00",
            "contract_value": "1400000.00",
            "supplier": "Cwm Care Co-operative",
            "supplier_address": "1 High Street, Newport",
            "subject_matter": "",
            "start": "2025-04-01",
            "end": "2027-03-31",
            "extension_months": "0",
        }
    ]
    xlsx = client.get(reverse("commissioning:register_export", args=[body_a.slug, "xlsx"]))
    book = openpyxl.load_workbook(io.BytesIO(xlsx.content))
    assert book.active[2][0].value == "NCC-C-001"
    assert (
        client_as("commissioner_b")
        .get(reverse("commissioning:register_export", args=[body_a.slug, "csv"]))
        .status_code
        == 404
    )


def test_a_control_character_in_a_tender_row_is_a_row_problem(client_as, body_a):
    url = reverse("commissioning:tender_import", args=[body_a.slug])
    rows = [TENDER_HEADER, "T-1,Respite\x01care,,other,450000,open,3,,,60,30,10"]
    response = upload(client_as("commissioner"), url, "\n".join(rows))
    assert response.status_code == 400
    assert dict(response.context["problems"]) == {
        2: [
            "title: Remove the control characters (such as a NUL) from this text: it cannot "
            "be stored with them."
        ]
    }
    assert not Tender.objects.exists()
