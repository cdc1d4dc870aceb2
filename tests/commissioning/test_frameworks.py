"""Measurement frameworks imported from CSV or XLSX: checked row by row, created whole or
not at all, as a new version."""

import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from commissioning.models import Framework, Measure

HEADER = (
    "kind,code,parent,name_en,name_cy,help_en,help_cy,unit_en,unit_cy,proxy_value,"
    "proxy_source,proxy_year"
)
GOOD = [
    HEADER,
    "theme,LE,,Local employment,Cyflogaeth leol,,,,,,,",
    "theme,GR,,Green,Gwyrdd,,,,,,,",
    "outcome,LE1,LE,More local jobs,Mwy o swyddi lleol,,,,,,,",
    "outcome,GR1,GR,Less carbon,Llai o garbon,,,,,,,",
    "measure,LE1a,LE1,Local people employed,Pobl leol a gyflogwyd,,,people,pobl,,,",
    'measure,GR1a,GR1,Tonnes saved,Tunelli a arbedwyd,,,tonnes,tunelli,"£12.50",Our study,2025',
]
FORM = {
    "name_en": "City charter",
    "name_cy": "Siarter y ddinas",
    "version": "2025",
    "source": "Ours.",
}


def post(client, rows, **form):
    return client.post(
        reverse("commissioning:framework_import"),
        {
            "step": "upload",
            **FORM,
            **form,
            "file": SimpleUploadedFile("f.csv", "\n".join(rows).encode("utf-8")),
        },
    )


def test_an_administrator_imports_a_framework(client_as):
    client = client_as("administrator")
    preview = post(client, GOOD)
    assert preview.status_code == 200
    assert not Framework.objects.filter(name_en="City charter").exists()
    response = client.post(
        reverse("commissioning:framework_import"),
        {"step": "confirm", "token": preview.context["token"]},
    )
    framework = Framework.objects.get(name_en="City charter", version="2025")
    assert response.url == framework.get_absolute_url()
    assert [t.code for t in framework.themes.all()] == ["LE", "GR"]
    tonnes = Measure.objects.get(code="GR1a", outcome__theme__framework=framework)
    assert (str(tonnes.proxy_value), tonnes.proxy_year, tonnes.unit_cy) == (
        "12.50",
        2025,
        "tunelli",
    )
    assert Measure.objects.get(code="LE1a", outcome__theme__framework=framework).record_only
    page = client.get(framework.get_absolute_url()).content.decode()
    assert "Tonnes saved" in page and "£12.50" in page


def test_a_measure_under_an_unknown_outcome_or_theme_is_refused(client_as):
    rows = [
        *GOOD,
        "outcome,X1,NOPE,Orphan,Amddifad,,,,,,,",
        "measure,X1a,MISSING,Lost,Coll,,,hours,oriau,,,",
        "measure,LE1a,LE1,Twice,Dwywaith,,,people,pobl,-3,,19",
        "widget,W,,W,W,,,,,,,",
    ]
    response = post(client_as("administrator"), rows)
    assert response.status_code == 400
    problems = dict(response.context["problems"])
    assert "theme ‘NOPE’ is not a theme defined above" in problems[8][0]
    assert "outcome ‘MISSING’ is not an outcome defined above" in problems[9][0]
    assert any("used already, on row 6" in p for p in problems[10])
    assert any("£0 or more" in p for p in problems[10])
    assert any("is not a year" in p for p in problems[10])
    assert "is not theme, outcome or measure" in problems[11][0]
    assert not Framework.objects.filter(name_en="City charter").exists()


def test_a_framework_version_is_never_overwritten(client_as):
    response = post(
        client_as("administrator"), GOOD, name_en="Well-being goals framework", version="1.0"
    )
    assert "already has this version" in response.content.decode()


def test_an_xlsx_framework_round_trips(client_as, framework):
    client = client_as("administrator")
    exported = client.get(reverse("commissioning:framework_export", args=[framework.pk, "xlsx"]))
    book = openpyxl.load_workbook(io.BytesIO(exported.content))
    assert [c.value for c in book.active[1]] == HEADER.split(",")
    response = client.post(
        reverse("commissioning:framework_import"),
        {
            "step": "upload",
            **FORM,
            "version": "1.1",
            "file": SimpleUploadedFile("f.xlsx", exported.content),
        },
    )
    assert response.status_code == 200, response.context["problems"]
    assert response.context["parsed"].totals == {"themes": 7, "outcomes": 8, "measures": 16}


@pytest.mark.parametrize(
    ("persona", "read", "write"),
    [
        ("administrator", 200, 200),
        ("commissioner", 200, 403),
        ("analyst", 404, 404),
        ("secretariat_a", 404, 404),
        ("anonymous", 302, 302),
    ],
)
def test_who_reads_and_imports_frameworks(client_as, framework, persona, read, write):
    client = client_as(persona)
    assert client.get(reverse("commissioning:frameworks")).status_code == read
    assert client.get(framework.get_absolute_url()).status_code == read
    assert client.get(reverse("commissioning:framework_import")).status_code == write


def test_a_framework_in_use_is_read_only_in_the_administration_site(client, contract, framework):
    from accounts.models import User

    root = User.objects.create_superuser("root@example.org", "a-long-admin-password", name="R")
    client.force_login(root)
    measure = framework.themes.first().outcomes.first().measures.first()
    url = reverse("admin:commissioning_measure_change", args=[measure.pk])
    response = client.post(url, {"code": "X", "name_en": "Changed"})
    measure.refresh_from_db()
    assert measure.name_en != "Changed"
    assert response.status_code in (200, 403)
    delete = reverse("admin:commissioning_framework_delete", args=[framework.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403
    assert framework.__class__.objects.filter(pk=framework.pk).exists()
