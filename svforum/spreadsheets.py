"""Reading uploaded spreadsheets (CSV or XLSX) and running django-import-export resources.

Imports are all or nothing: a preview (dry run) lists every row's errors in the user's
language, and the real run writes nothing unless every row is valid.
"""

import datetime

import tablib
from django.db import transaction
from django.utils.translation import gettext as _

from svforum.uploads import ZIP_MAGIC, sniff_kind

MAX_IMPORT_BYTES = 2 * 1024 * 1024
MAX_IMPORT_ROWS = 5000


class SpreadsheetProblem(Exception):
    """The file as a whole cannot be read; the message is for the user."""


def read_spreadsheet(name, content):
    """A tablib Dataset from the bytes of a .csv or .xlsx file."""
    if len(content) > MAX_IMPORT_BYTES:
        raise SpreadsheetProblem(_("The file must be smaller than 2 MB."))
    if not content.strip():
        raise SpreadsheetProblem(_("The file is empty."))
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension == "xlsx":
        import io

        buffer = io.BytesIO(content)
        buffer.name = name
        buffer.size = len(content)
        if not content.startswith(ZIP_MAGIC) or sniff_kind(buffer) != "xlsx":
            raise SpreadsheetProblem(_("The file is not a real XLSX spreadsheet."))
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
        row for row in dataset if any(cell not in (None, "") and str(cell).strip() for cell in row)
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


def export_bytes(dataset, file_format):
    if file_format == "xlsx":
        return dataset.export("xlsx")
    return dataset.export("csv").encode("utf-8-sig")


def today_stamp():
    return datetime.date.today().isoformat()
