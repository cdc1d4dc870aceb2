"""After a restore, `manage.py check_files` says whether every stored file the database
refers to is there, and which rows have lost theirs."""

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.core.management.base import CommandError

from reporting.models import ReportPDF


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def _stored_pdf(report, language):
    pdf = ReportPDF(report=report, version=1, language=language)
    pdf.file.save(f"report-{language}.pdf", ContentFile(b"%PDF-1.7 test"), save=True)
    return pdf


def test_every_file_present(report, capsys):
    _stored_pdf(report, "en")
    call_command("check_files")
    assert "All 1 stored files are present." in capsys.readouterr().out


def test_a_missing_file_is_named_and_fails_the_command(report, media, capsys):
    _stored_pdf(report, "en")
    lost = _stored_pdf(report, "cy")
    (media / lost.file.name).unlink()
    with pytest.raises(CommandError, match="1 of 2 stored files are missing"):
        call_command("check_files")
    out = capsys.readouterr().out
    assert f"missing: reporting.ReportPDF {lost.pk} file: {lost.file.name}" in out
