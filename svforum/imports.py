"""The one import flow: upload → check every row → preview → confirm → write all or nothing.

Every import of the service (organisations, memberships, meetings, projects, the
quantitative return, the codebook, measurement frameworks, tenders, contracts) runs
through ``run_import``. An app supplies only what is its own, as an ``ImportFlow``: how
to ``check`` the file's rows
(returning the changes and every row's problems, in the user's language) and how to
``apply`` the checked changes. The flow does the rest the same way everywhere: it reads
the file (CSV or XLSX, see svforum/spreadsheets.py), keeps the uploaded file in the session
between the preview and the confirmation under a one-time token, checks the rows again on
confirmation (the data may have changed meanwhile), and applies them in one transaction, so
an import writes every row or none.
"""

import base64
import secrets
from dataclasses import dataclass, field

import tablib
from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import AuditEvent
from accounts.services import record_audit
from svforum import spreadsheets
from svforum.forms import CONTROL_CHARACTERS_MESSAGE, CONTROL_CHARACTERS_RE, GovForm

SESSION_KEY = "svforum-import"
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
PREVIEW_ROWS = 50
EXPIRED_MESSAGE = gettext_lazy("That import has expired. Upload the file again.")
CLASHED_MESSAGE = gettext_lazy(
    "Someone saved a record that clashes with a row of the file while it was being "
    "imported, so nothing was imported. Upload the file again to see which row."
)


class ImportForm(GovForm):
    file = forms.FileField(
        label=gettext_lazy("Spreadsheet"),
        help_text=gettext_lazy("A CSV or XLSX file laid out like the template, up to 2 MB."),
    )


@dataclass
class Checked:
    """What ``ImportFlow.check`` found: the changes to make, and every row's problems
    (nothing is written while there are any). ``totals`` counts what will be added and
    changed, for the preview."""

    changes: object = None
    problems: list = field(default_factory=list)
    totals: dict = field(default_factory=lambda: {"new": 0, "update": 0})


class ImportRefused(Exception):
    """Raised by ``apply`` when the rows turn out not to be valid after all: nothing of
    the import is written."""

    def __init__(self, problems):
        super().__init__("import refused")
        self.problems = problems


class ImportFlow:
    """One import of one kind of record into one place (a forum, a body, a report, …).

    ``scope`` names that place, so a file previewed for one forum can never be confirmed
    into another. Subclasses give ``check`` and ``apply``, and may change how the file is
    read, what the form asks, what the preview shows and which template shows it.
    """

    template = "includes/import.html"
    form_class = ImportForm
    #: False for an import with nothing to preview: a valid file is written at once.
    preview = True
    columns = ()
    required = ()
    #: The name of the file being imported, set by ``run_import`` before it checks it.
    file_name = ""

    def __init__(self, *, title, scope, back_url, template_urls=None, notes=(), **context):
        self.title = title
        self.scope = scope
        self.back_url = back_url
        self.template_urls = template_urls or {}
        self.notes = notes
        self.context = context

    def read(self, name, content):
        """(the file's rows, problems with the file as a whole)."""
        try:
            dataset = spreadsheets.read_spreadsheet(name, content)
        except spreadsheets.SpreadsheetProblem as problem:
            return None, [str(problem)]
        return dataset, spreadsheets.check_headers(dataset, self.columns, self.required)

    def check(self, data):
        """A ``Checked`` for the file's rows; never writes."""
        raise NotImplementedError

    def apply(self, checked, *, by, values):
        """Writes the checked changes (inside the flow's transaction) and returns the
        message the user is shown, or a redirect's URL with it as (url, message).
        ``values`` are the form's other fields, as they were when the file was checked."""
        raise NotImplementedError

    def refused(self, form, problems):
        """Called when a file's rows have problems, before the page shows them (e.g. to
        add a summary to the form's errors)."""

    def preview_context(self, data, checked):
        """What the preview shows of a valid file."""
        return {
            "totals": checked.totals,
            "preview_headers": data.headers,
            "preview_rows": list(data)[:PREVIEW_ROWS],
            "row_count": data.height,
        }

    def base_context(self):
        return {
            "title": self.title,
            "back_url": self.back_url,
            "columns": self.columns,
            "required": self.required,
            "template_urls": self.template_urls,
            "notes": self.notes,
            "problems": [],
            **self.context,
        }


def _form_values(form):
    """The form's fields other than the file, as the session can keep them."""
    return {
        name: value
        for name, value in form.cleaned_data.items()
        if name != "file" and isinstance(value, str | int | bool | None)
    }


def _apply(request, flow, data, values):
    """Checks again, then writes all or nothing: (response, or None with problems)."""
    checked = flow.check(data)
    if checked.problems:
        return None, checked.problems
    try:
        with transaction.atomic():
            outcome = flow.apply(checked, by=request.user, values=values)
    except ImportRefused as refused:
        return None, refused.problems
    url, message = outcome if isinstance(outcome, tuple) else (flow.back_url, outcome)
    messages.success(request, message)
    return redirect(url), None


def run_import(request, flow):
    """The view of an import: GET shows the form; POST checks a file (previewing it, or
    writing it at once when the flow has no preview); POST with step=confirm writes the
    previewed file."""
    context = flow.base_context()
    if request.method == "POST" and request.POST.get("step") == "confirm":
        stored = request.session.pop(SESSION_KEY, None)
        if (
            not stored
            or stored.get("scope") != flow.scope
            or stored.get("token") != request.POST.get("token")
        ):
            messages.error(request, EXPIRED_MESSAGE)
            return redirect(request.path)
        flow.file_name = stored["name"]
        data, file_problems = flow.read(stored["name"], base64.b64decode(stored["content"]))
        if file_problems:
            messages.error(request, EXPIRED_MESSAGE)
            return redirect(request.path)
        try:
            response, problems = _apply(request, flow, data, stored["values"])
        except ValidationError as error:
            # Something the rows' check could not see changed meanwhile (e.g. the same
            # name and version made by someone else): nothing was written.
            messages.error(request, " ".join(error.messages))
            return redirect(request.path)
        if response is not None:
            return response
        context["problems"] = problems
        return render(request, flow.template, {**context, "form": flow.form_class()}, status=400)

    form = flow.form_class(
        request.POST if request.method == "POST" else None,
        request.FILES if request.method == "POST" else None,
    )
    if request.method != "POST":
        return render(request, flow.template, {**context, "form": form})
    if form.is_valid():
        upload = form.cleaned_data["file"]
        content = upload.read(spreadsheets.MAX_IMPORT_BYTES + 1)
        flow.file_name = upload.name
        data, file_problems = flow.read(upload.name, content)
        for problem in file_problems:
            form.add_error("file", problem)
        if not file_problems:
            values = _form_values(form)
            if not flow.preview:
                response, problems = _apply(request, flow, data, values)
                if response is not None:
                    return response
                context["problems"] = problems
                flow.refused(form, problems)
                return render(request, flow.template, {**context, "form": form}, status=400)
            checked = flow.check(data)
            context["problems"] = checked.problems
            if checked.problems:
                flow.refused(form, checked.problems)
            if not checked.problems:
                token = secrets.token_urlsafe(16)
                request.session[SESSION_KEY] = {
                    "scope": flow.scope,
                    "token": token,
                    "name": upload.name,
                    "content": base64.b64encode(content).decode("ascii"),
                    "values": values,
                }
                context.update(
                    token=token, file_name=upload.name, **flow.preview_context(data, checked)
                )
            status = 400 if checked.problems else 200
            return render(request, flow.template, {**context, "form": form}, status=status)
    return render(request, flow.template, {**context, "form": form}, status=400)


def control_character_problems(row):
    """ "column: message" for each cell of the row holding a character no text here may
    hold (a NUL cannot even reach PostgreSQL)."""
    return [
        f"{column}: {CONTROL_CHARACTERS_MESSAGE}"
        for column, value in row.items()
        if isinstance(value, str) and CONTROL_CHARACTERS_RE.search(value)
    ]


def file_control_character_problems(data):
    problems = []
    for number, row in enumerate(data.dict, start=2):
        found = control_character_problems(row)
        if found:
            problems.append((number, found))
    return problems


def _imported(flow, totals, *, by):
    """The import's audit row, and the message the user is shown."""
    record_audit(
        actor=by,
        action=AuditEvent.Action.IMPORT,
        object_type=flow.record_type,
        object_repr=str(flow.title),
        forum=flow.forum,
        detail=_("%(file)s: %(new)d added, %(updated)d changed")
        % {"file": flow.file_name, "new": totals["new"], "updated": totals["update"]},
    )
    return _("Import complete: %(new)d added, %(updated)d changed.") % {
        "new": totals["new"],
        "updated": totals["update"],
    }


class ResourceFlow(ImportFlow):
    """An import through a django-import-export resource: its dry run is the check, and
    the real run writes every row or none, with an audit row for the import."""

    def __init__(self, *, resource, record_type, forum=None, **kwargs):
        super().__init__(forum=forum, **kwargs)
        self.resource = resource
        self.record_type = record_type
        self.forum = forum
        self.columns = spreadsheets.column_names(resource)
        self.required = resource.REQUIRED

    def check(self, data):
        refused = file_control_character_problems(data)
        if refused:
            return Checked(changes=data, problems=refused)
        result, problems = spreadsheets.preview(self.resource, data)
        return Checked(changes=data, problems=problems, totals=result.totals)

    def apply(self, checked, *, by, values):
        try:
            result = spreadsheets.run(self.resource, checked.changes)
        except spreadsheets.ImportRefused as refused:
            raise ImportRefused(refused.problems) from None
        return _imported(self, result.totals, by=by)


def error_messages(error):
    """A row's ``ValidationError`` as the preview lists it: "field: message" for a field's,
    the message alone for the row's."""
    if not hasattr(error, "error_dict"):
        return list(error.messages)
    return [
        f"{'' if name == '__all__' else f'{name}: '}{message}"
        for name, errors in error.error_dict.items()
        for e in errors
        for message in e.messages
    ]


@dataclass
class Change:
    """One row's change: the record (new, or an existing one with the row's values), its
    many-to-many values by field name (only for the columns the file has), and the names
    of the fields it changes of an existing record."""

    record: object
    new: bool
    many_to_many: dict = field(default_factory=dict)
    changed: tuple = ()


class BulkFlow(ImportFlow):
    """An import checked and written in bulk, so the documented maximum (5,000 rows) takes
    a fixed number of queries for the whole file, not some for every row.

    ``prepare`` reads what the rows are checked against (the existing records, the names
    rows may refer to) once; ``check_row`` checks one row in Python against it and returns
    its ``Change`` (None when the row changes nothing), raising ``ValidationError`` with the
    row's every problem; ``write`` saves the checked changes with bulk queries, inside the
    flow's transaction. The model's own rules are applied to every row (``clean_fields`` and
    ``clean``); those that would ask the database row by row (uniqueness, constraints,
    overlapping periods) are checked against what ``prepare`` read and within the file, and
    the database's constraints still hold at the write.
    """

    record_type = ""

    def __init__(self, *, record_type, forum=None, **kwargs):
        super().__init__(forum=forum, **kwargs)
        self.record_type = record_type
        self.forum = forum

    def prepare(self):
        raise NotImplementedError

    def check_row(self, row, state):
        raise NotImplementedError

    def write(self, changes, *, by):
        raise NotImplementedError

    def check(self, data):
        state = self.prepare()
        checked = Checked(changes=[], totals={"new": 0, "update": 0, "skip": 0})
        for number, row in enumerate(data.dict, start=2):
            refused = control_character_problems(row)
            if refused:
                checked.problems.append((number, refused))
                continue
            try:
                change = self.check_row(row, state)
            except ValidationError as error:
                checked.problems.append((number, error_messages(error)))
                continue
            if change is None:
                checked.totals["skip"] += 1
            else:
                checked.changes.append(change)
                checked.totals["new" if change.new else "update"] += 1
        return checked

    def apply(self, checked, *, by, values):
        try:
            with transaction.atomic():
                self.write(checked.changes, by=by)
        except IntegrityError:
            # Someone saved a clashing record between the check and the write.
            raise ValidationError(CLASHED_MESSAGE) from None
        return _imported(self, checked.totals, by=by)


def download(dataset, fmt, stem):
    """A spreadsheet download, CSV or XLSX (404 for any other format)."""
    if fmt not in CONTENT_TYPES:
        raise Http404
    response = HttpResponse(
        spreadsheets.export_bytes(dataset, fmt), content_type=CONTENT_TYPES[fmt]
    )
    response["Content-Disposition"] = f'attachment; filename="{stem}.{fmt}"'
    return response


def template_download(columns, fmt, stem):
    """An empty template with the import's columns."""
    return download(tablib.Dataset(headers=list(columns)), fmt, stem)
