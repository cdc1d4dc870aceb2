"""An upload cannot take a worker down: an XLSX that unpacks to far more than a
spreadsheet needs is refused from its zip directory, before anything is unpacked."""

import io
import tracemalloc
import zipfile

import openpyxl
import pytest
import tablib
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError

from svforum import spreadsheets
from tests.factories import UserFactory


def _bomb(unpacked_mb=300):
    """A valid-looking XLSX (its own parts, so it is sniffed as one) with a sheet of
    zeros that compresses about a thousand times."""
    real = io.BytesIO()
    workbook = openpyxl.Workbook()
    workbook.active.append(["name"])
    workbook.save(real)
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(real.getvalue())) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as bomb,
    ):
        for item in source.infolist():
            bomb.writestr(item, source.read(item.filename))
        with bomb.open("xl/worksheets/sheet2.xml", "w") as big:
            chunk = b"0" * (1024 * 1024)
            for _ in range(unpacked_mb):
                big.write(chunk)
    return out.getvalue()


def test_a_zip_bomb_is_refused_without_being_unpacked():
    content = _bomb()
    assert len(content) < spreadsheets.MAX_IMPORT_BYTES  # small on the wire
    tracemalloc.start()
    with pytest.raises(spreadsheets.SpreadsheetProblem) as problem:
        spreadsheets.read_spreadsheet("members.xlsx", content)
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert "unpacks to far more" in str(problem.value)
    assert peak < 20 * 1024 * 1024  # nothing like the 300 MB it would unpack to


def test_a_real_spreadsheet_still_reads():
    dataset = tablib.Dataset(headers=["name"])
    for n in range(spreadsheets.MAX_IMPORT_ROWS):
        dataset.append([f"Organisation {n} with a long name for its row"])
    content = spreadsheets.export_bytes(dataset, "xlsx")
    assert spreadsheets.read_spreadsheet("big.xlsx", content).height == spreadsheets.MAX_IMPORT_ROWS


def test_a_password_like_the_users_own_name_is_refused(db):
    user = UserFactory(name="Rhiannon Price", email="rhiannon.price@example.org")
    with pytest.raises(ValidationError) as error:
        validate_password("Rhiannon Price", user)
    assert "too similar" in " ".join(error.value.messages)
    validate_password("a kettle of dark green tea", user)  # a fine one passes


@pytest.mark.parametrize(
    ("path", "words"), [("/en/", "The file is too large"), ("/cy/", "Mae’r ffeil yn rhy fawr")]
)
def test_a_body_larger_than_the_limit_is_refused_before_it_is_read(client, path, words, settings):
    response = client.post(
        f"{path}organisations/import/",
        data=b"x" * 10,
        content_type="application/octet-stream",
        CONTENT_LENGTH=str(settings.MAX_REQUEST_BYTES + 1),
    )
    assert response.status_code == 413
    html = response.content.decode()
    assert f'lang="{path.strip("/")}"' in html
    assert words in html
