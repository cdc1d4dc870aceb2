"""Reading uploaded spreadsheets (CSV or XLSX) and running django-import-export resources.

Imports are all or nothing: a preview (dry run) lists every row's errors in the user's
language, and the real run writes nothing unless every row is valid.
"""

import csv
import datetime
import io
import re
import zipfile
from decimal import Decimal

import tablib
from django.db import transaction
from django.utils.translation import gettext as _
from import_export.formats import base_formats

from svforum.uploads import ZIP_MAGIC, sniff_kind

MAX_IMPORT_BYTES = 2 * 1024 * 1024
MAX_IMPORT_ROWS = 5000
# An XLSX file is a zip: what it unpacks to is checked from its directory before anything
# is unpacked, so a small file that expands to gigabytes (a "zip bomb") is refused at once.
# A 5,000-row spreadsheet unpacks to a few megabytes.
MAX_XLSX_UNPACKED_BYTES = 40 * 1024 * 1024
MAX_XLSX_ENTRIES = 200


class SpreadsheetProblem(Exception):
    """The file as a whole cannot be read; the message is for the user."""


def _check_unpacked_size(buffer):
    with zipfile.ZipFile(buffer) as archive:
        entries = archive.infolist()
    buffer.seek(0)
    if len(entries) > MAX_XLSX_ENTRIES or (
        sum(entry.file_size for entry in entries) > MAX_XLSX_UNPACKED_BYTES
    ):
        raise SpreadsheetProblem(
            _(
                "The XLSX file unpacks to far more than a spreadsheet of %(rows)d rows "
                "needs, so it was not opened. Save it again from your spreadsheet program, "
                "or as CSV."
            )
            % {"rows": MAX_IMPORT_ROWS}
        )


def read_spreadsheet(name, content):
    """A tablib Dataset from the bytes of a .csv or .xlsx file."""
    if len(content) > MAX_IMPORT_BYTES:
        raise SpreadsheetProblem(_("The file must be smaller than 2 MB."))
    if not content.strip():
        raise SpreadsheetProblem(_("The file is empty."))
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension == "xlsx":
        buffer = io.BytesIO(content)
        buffer.name = name
        buffer.size = len(content)
        if not content.startswith(ZIP_MAGIC) or sniff_kind(buffer) != "xlsx":
            raise SpreadsheetProblem(_("The file is not a real XLSX spreadsheet."))
        _check_unpacked_size(buffer)
        try:
            dataset = tablib.Dataset().load(content, format="xlsx")
        except Exception:
            raise SpreadsheetProblem(_("The XLSX spreadsheet could not be read.")) from None
    elif extension == "csv":
        if content.startswith(ZIP_MAGIC) or b"\x00" in content[:1024]:
            raise SpreadsheetProblem(_("The file is not a CSV text file."))
        try:
            text = content.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise SpreadsheetProblem(
                _("The file is not in UTF-8. Save it as ‘CSV UTF-8’ and upload it again.")
            ) from None
        try:
            dataset = tablib.Dataset().load(text, format="csv")
        except Exception:
            raise SpreadsheetProblem(_("The CSV file could not be read.")) from None
    else:
        raise SpreadsheetProblem(_("Upload a CSV or XLSX file."))
    dataset.headers = [str(h or "").strip().lower() for h in (dataset.headers or [])]
    # Drop rows that are entirely empty (spreadsheets often carry some at the end).
    keep = [
        tuple(restore(cell) for cell in row)
        for row in dataset
        if any(cell not in (None, "") and str(cell).strip() for cell in row)
    ]
    cleaned = tablib.Dataset(*keep, headers=dataset.headers)
    if not cleaned.height:
        raise SpreadsheetProblem(_("The file has no rows under its headings."))
    if cleaned.height > MAX_IMPORT_ROWS:
        raise SpreadsheetProblem(
            _("The file has more than %(max)d rows; split it into smaller files.")
            % {"max": MAX_IMPORT_ROWS}
        )
    return cleaned


def check_headers(dataset, expected, required):
    """Missing or unexpected columns, as messages for the user (empty when all is well)."""
    problems = []
    headers = dataset.headers
    missing = [h for h in required if h not in headers]
    extra = [h for h in headers if h not in expected]
    duplicated = sorted({h for h in headers if headers.count(h) > 1})
    if missing:
        problems.append(_("Missing columns: %(columns)s.") % {"columns": ", ".join(missing)})
    if extra:
        problems.append(
            _("Columns not in the template: %(columns)s.")
            % {"columns": ", ".join(h or _("(no heading)") for h in extra)}
        )
    if duplicated:
        problems.append(
            _("Columns that appear twice: %(columns)s.") % {"columns": ", ".join(duplicated)}
        )
    return problems


def row_problems(result):
    """(spreadsheet row number, [messages]) for every row that would fail."""
    problems = {}
    for invalid in result.invalid_rows:
        messages = []
        for field, errors in invalid.error_dict.items():
            label = "" if field == "__all__" else f"{field}: "
            messages.extend(f"{label}{e}" for e in errors)
        problems.setdefault(invalid.number + 1, []).extend(messages)
    for number, errors in result.row_errors():
        problems.setdefault(number + 1, []).extend(str(e.error) for e in errors)
    return sorted(problems.items())


def preview(resource, dataset):
    result = resource.import_data(dataset, dry_run=True, use_transactions=True)
    return result, row_problems(result)


class ImportRefused(Exception):
    def __init__(self, problems):
        super().__init__("import refused")
        self.problems = problems


@transaction.atomic
def run(resource, dataset):
    """Imports every row or none: any error rolls the whole file back."""
    result = resource.import_data(
        dataset, dry_run=False, use_transactions=True, rollback_on_validation_errors=True
    )
    problems = row_problems(result)
    if problems:
        transaction.set_rollback(True)
        raise ImportRefused(problems)
    return result


def column_names(resource):
    """The columns of a django-import-export resource's layout, in order."""
    return [f.column_name for f in resource.get_import_fields()]


# Text a spreadsheet program would run as a formula (OWASP's CSV injection rule): a cell
# starting with one of these. A plain number ("-12.5") is left alone.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
PLAIN_NUMBER_RE = re.compile(r"[+-]?(\d[\d,]*)?(\.\d+)?")


def is_formula_like(value):
    return (
        isinstance(value, str)
        and value.startswith(FORMULA_START)
        and not PLAIN_NUMBER_RE.fullmatch(value)
    )


def neutralise(value):
    """A CSV cell that cannot run as a formula: formula-like text gets a leading ', which
    spreadsheet programs show as text (and imports here take off again)."""
    return f"'{value}" if is_formula_like(value) else value


def restore(value):
    """The inverse of ``neutralise`` for a cell read from an upload."""
    if isinstance(value, str) and value.startswith("'") and is_formula_like(value[1:]):
        return value[1:]
    return value


def _csv_bytes(dataset):
    out = io.StringIO()
    writer = csv.writer(out)
    if dataset.headers:
        writer.writerow([neutralise(h) for h in dataset.headers])
    for row in dataset:
        writer.writerow(["" if cell is None else neutralise(cell) for cell in row])
    return out.getvalue().encode("utf-8-sig")


def _xlsx_bytes(dataset):
    """Every cell typed: numbers and dates as such, text always as text (never a formula,
    and marked so that editing the cell does not turn it into one)."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = (dataset.title or "Sheet")[:31]
    rows = [list(dataset.headers)] if dataset.headers else []
    rows.extend(list(row) for row in dataset)
    # Number formats: {header: format} for every row, or one such dict per data row.
    formats = getattr(dataset, "formats", None) or {}
    headers = list(dataset.headers or [])
    for row_number, row in enumerate(rows, start=1):
        data_index = row_number - (2 if dataset.headers else 1)
        row_formats = (
            formats
            if isinstance(formats, dict)
            else (formats[data_index] if 0 <= data_index < len(formats) else {})
        )
        for column, value in enumerate(row, start=1):
            cell = sheet.cell(row=row_number, column=column)
            header = headers[column - 1] if column <= len(headers) else None
            if isinstance(value, str):
                cell.value = ILLEGAL_XLSX_RE.sub("", value)
                cell.data_type = "s"
                if is_formula_like(value):
                    cell.quotePrefix = True
            elif isinstance(value, bool | int | float | Decimal | datetime.date) or value is None:
                cell.value = value
                if isinstance(value, datetime.date):
                    cell.number_format = "yyyy-mm-dd"
                elif value is not None and not isinstance(value, bool) and header in row_formats:
                    cell.number_format = row_formats[header]
            else:
                cell.value = str(value)
                cell.data_type = "s"
            if row_number == 1 and dataset.headers:
                cell.font = Font(bold=True)
    if dataset.headers:
        sheet.freeze_panes = "A2"
    for column in sheet.columns:  # wide enough for the longest line of each column, up to 60
        longest = max(
            (len(line) for c in column if c.value is not None for line in str(c.value).split("\n")),
            default=0,
        )
        sheet.column_dimensions[column[0].column_letter].width = min(max(longest + 2, 8), 60)
    stream = io.BytesIO()
    workbook.save(stream)
    return stream.getvalue()


# Characters XLSX cannot hold (openpyxl refuses them).
ILLEGAL_XLSX_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def export_bytes(dataset, file_format):
    """The one writer of every CSV and XLSX download: see ``neutralise`` and
    ``_xlsx_bytes``."""
    if file_format == "xlsx":
        return _xlsx_bytes(dataset)
    return _csv_bytes(dataset)


def today_stamp():
    return datetime.date.today().isoformat()


class SafeCSV(base_formats.CSV):
    """CSV for the administration site's exports, through the same writer as the pages'."""

    def export_data(self, dataset, **kwargs):
        return _csv_bytes(dataset).decode("utf-8-sig")


class SafeXLSX(base_formats.XLSX):
    """XLSX for the administration site's exports, through the same writer as the pages'."""

    def export_data(self, dataset, **kwargs):
        return _xlsx_bytes(dataset)


#: The formats the administration site's import/export screens offer.
ADMIN_FORMATS = [SafeCSV, SafeXLSX]
