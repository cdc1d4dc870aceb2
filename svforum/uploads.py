"""Checks on uploaded files: size, and type judged by content rather than by name."""

import zipfile

from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

# What a file's first bytes must be for each extension we accept.
PDF_MAGIC = b"%PDF-"
ZIP_MAGIC = b"PK\x03\x04"
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
JPEG_MAGIC = b"\xff\xd8\xff"
OFFICE_MEMBERS = {
    "docx": "word/document.xml",
    "xlsx": "xl/workbook.xml",
    "odt": "content.xml",
}


def sniff_kind(upload):
    """The kind a file really is (pdf, docx, xlsx, odt, png, jpg), or None."""
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    if head.startswith(PDF_MAGIC):
        return "pdf"
    if head.startswith(PNG_MAGIC):
        return "png"
    if head.startswith(JPEG_MAGIC):
        return "jpg"
    if head.startswith(ZIP_MAGIC):
        try:
            with zipfile.ZipFile(upload) as archive:
                names = set(archive.namelist())
        except zipfile.BadZipFile:
            return None
        finally:
            upload.seek(0)
        for kind, member in OFFICE_MEMBERS.items():
            if member in names:
                if kind == "odt" and "mimetype" in names:
                    return "odt"
                if kind != "odt":
                    return kind
    return None


def validate_document(upload, *, allowed=("pdf", "docx", "odt"), max_bytes=10 * 1024 * 1024):
    if upload.size > max_bytes:
        raise ValidationError(
            _("The file must be smaller than %(size)s.") % {"size": filesizeformat(max_bytes)},
            code="too_large",
        )
    extension = upload.name.rsplit(".", 1)[-1].lower() if "." in upload.name else ""
    extension = {"jpeg": "jpg"}.get(extension, extension)
    kind = sniff_kind(upload)
    if kind not in allowed or extension != kind:
        raise ValidationError(
            _("The file must be a %(types)s file.")
            % {"types": ", ".join(k.upper() for k in allowed)},
            code="wrong_type",
        )
    return kind
