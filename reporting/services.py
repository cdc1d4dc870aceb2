"""State changes of reports. Each runs in one transaction with its audit row."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.utils import bulk_create_with_history

from accounts.models import AuditEvent
from accounts.services import record_audit
from reporting import access, notifications, signals, versions
from reporting.derived import derived_figures
from reporting.models import (
    Attachment,
    CaseStudy,
    Comment,
    Domain,
    Entry,
    Figure,
    FigureBreakdownRow,
    Report,
    ReportVersion,
    ReviewDecision,
)
from reporting.quantities import Quantity
from svforum.revisions import claim_revision, save_revision

# Shared messages: the views show them and the tests import them.
LOCKED_MESSAGE = _(
    "This report has been submitted, so it cannot be changed until it is returned to you."
)


class ReportLocked(Exception):
    """The report is not in a state its secretariat may change."""


class ReportIncomplete(Exception):
    def __init__(self, gaps):
        super().__init__("report incomplete")
        self.gaps = gaps


@transaction.atomic
def start_report(*, forum, cycle, by):
    """The forum's report for the cycle, created with an empty entry per domain if new."""
    report, created = Report.objects.get_or_create(forum=forum, cycle=cycle)
    if created:
        bulk_create_with_history(
            [Entry(report=report, domain=domain) for domain in cycle.template.domains.all()],
            Entry,
            default_user=by,
        )
        bulk_create_with_history(
            [Figure(report=report, definition=d) for d in cycle.template.figures.all()],
            Figure,
            default_user=by,
        )
        record_audit(actor=by, action=AuditEvent.Action.CREATE, obj=report, forum=forum)
    return report


@transaction.atomic
def save_entry(*, entry, revision, text, status, no_information_reason, by):
    """Saves one domain's answer, refusing it if someone else saved since ``revision``."""
    report = Report.objects.select_for_update().get(pk=entry.report_id)
    if not report.is_editable:
        raise ReportLocked
    current = Entry.objects.select_for_update().select_related("domain").get(pk=entry.pk)
    save_revision(
        current,
        expected=revision,
        by=by,
        changes={
            "text": text.strip(),
            "status": status,
            "no_information_reason": no_information_reason.strip()
            if status == Entry.Status.NO_INFORMATION
            else "",
        },
    )
    record_audit(
        actor=by,
        action=AuditEvent.Action.UPDATE,
        obj=current,
        forum=report.forum,
        detail=str(current.get_status_display()),
    )
    return current


def report_gaps(report):
    """Every domain that stops the report being submitted, in order, with the reason."""
    gaps = []
    for entry in report.entries.in_order():
        if not entry.is_done:
            gaps.append((entry, entry.get_status_display()))
    return gaps


@transaction.atomic
def submit_report(*, report, by, agreed_by="", agreed_on=None):
    """Submits the report as its next version, frozen with the figures from the records
    and the forum's sign-off (who agreed it, when); a receipt goes to the forum's
    secretariat and a notice to the cycle's analysts, each in their own language."""
    report = Report.objects.select_for_update().select_related("forum", "cycle").get(pk=report.pk)
    if not report.is_editable:
        raise ReportLocked
    gaps = report_gaps(report)
    if gaps:
        raise ReportIncomplete(gaps)
    # The figures from the forum's records are frozen as they stood at submission.
    derived = derived_figures(
        report.forum, start=report.cycle.period_start, end=report.cycle.period_end
    )
    for figure in report.figures.derived():
        figure.derived_value = derived.values[figure.definition.source]
        figure.derived_detail = derived.details[figure.definition.source]
        figure.save(update_fields=["derived_value", "derived_detail"])
    returned = report.status == Report.Status.RETURNED
    previous = report.versions.order_by("-number").first()
    report.status = Report.Status.RESUBMITTED if returned else Report.Status.SUBMITTED
    report.version += 1
    report.submitted_at = timezone.now()
    report.submitted_by = by
    report.full_clean()
    report.save()
    ReportVersion.objects.create(
        report=report,
        number=report.version,
        submitted_at=report.submitted_at,
        submitted_by=by,
        content=versions.snapshot(report, derived),
        agreed_by=agreed_by.strip(),
        agreed_on=agreed_on,
    )
    record_audit(
        actor=by,
        action=AuditEvent.Action.UPDATE,
        obj=report,
        forum=report.forum,
        detail=f"{report.get_status_display()} (v{report.version})",
    )
    if previous is not None:
        signals.report_resubmitted.send(sender=Report, report=report, previous=previous)
    version = report.versions.get(number=report.version)
    notifications.notify(
        notifications.reviewers_of(report),
        "resubmitted" if returned else "received",
        report=report,
        version=version,
        exclude=by,
    )
    notifications.notify(
        notifications.secretariat_of(report.forum),
        "receipt",
        report=report,
        version=version,
        link_to=report.get_absolute_url(),
    )
    return report


@transaction.atomic
def copy_template(*, template, by):
    """A new template with the same domains, to revise for a later cycle. Reports already
    filed keep the old template (their cycle's), so nothing they answered changes."""
    from reporting.models import Domain, ReportTemplate

    name = _("%(name)s (copy)") % {"name": template.name}
    n = 2
    while ReportTemplate.objects.filter(name=name).exists():
        name = _("%(name)s (copy %(n)d)") % {"name": template.name, "n": n}
        n += 1
    copy = ReportTemplate.objects.create(name=name, based_on=template)
    Domain.objects.bulk_create(
        Domain(
            template=copy,
            number=d.number,
            kind=d.kind,
            title_en=d.title_en,
            title_cy=d.title_cy,
            guidance_en=d.guidance_en,
            guidance_cy=d.guidance_cy,
        )
        for d in template.domains.all()
    )
    record_audit(
        actor=by, action=AuditEvent.Action.CREATE, obj=copy, detail=f"copy of {template.name}"
    )
    return copy


def _mark_started(report, kind):
    """A section with a case study, an item or an answered figure in it has been started:
    "Not started" would say otherwise on the task list."""
    Entry.objects.filter(report=report, domain__kind=kind, status=Entry.Status.NOT_STARTED).update(
        status=Entry.Status.IN_PROGRESS
    )


@transaction.atomic
def save_item(*, item, by):
    """Saves a case study or work programme item (new, or with its changes applied) of a
    report the secretariat may change."""
    locked = Report.objects.select_for_update().select_related("forum").get(pk=item.report_id)
    if not locked.is_editable:
        raise ReportLocked
    creating = item.pk is None
    item.report = locked
    claim_revision(item, by=by)
    item.full_clean()
    item.save()
    _mark_started(
        locked,
        Domain.Kind.CASE_STUDIES if isinstance(item, CaseStudy) else Domain.Kind.WORK_PROGRAMME,
    )
    record_audit(
        actor=by,
        action=AuditEvent.Action.CREATE if creating else AuditEvent.Action.UPDATE,
        obj=item,
        forum=locked.forum,
    )
    return item


@transaction.atomic
def delete_item(*, item, by):
    report = Report.objects.select_for_update().select_related("forum").get(pk=item.report_id)
    if not report.is_editable:
        raise ReportLocked
    record_audit(actor=by, action=AuditEvent.Action.DELETE, obj=item, forum=report.forum)
    item.delete()


@dataclass
class Given:
    """One breakdown row as given: a part of the figure and/or a local authority and/or a
    funder, with an amount and/or a share (``reporting.quantities.Quantity``), the share's
    base, the period of the data and a note."""

    part: object = None
    local_authority: object = None
    funder: str = ""
    amount: Quantity | None = None
    share: Quantity | None = None
    base: str = ""
    period: str = ""
    note: str = ""

    @classmethod
    def of(cls, row):
        """From a Given, or the short form (local authority or None, funder, amount)."""
        if isinstance(row, cls):
            return row
        local_authority, funder, amount = row
        return cls(local_authority=local_authority, funder=funder, amount=Quantity.of(amount))

    @classmethod
    def kept(cls, row):
        """From a saved FigureBreakdownRow."""
        return cls(
            row.part,
            row.local_authority,
            row.funder,
            row.amount,
            row.proportion,
            row.base,
            row.period,
            row.note,
        )


@transaction.atomic
def save_figure(
    *,
    figure,
    state,
    by,
    value=None,
    share=None,
    base="",
    qualifier="",
    period="",
    override_reason="",
    breakdown=(),
    revision=None,
):
    """Saves one figure of the quantitative return with its breakdown rows (replacing them),
    refused with ``EditConflict`` if someone saved it since ``revision`` (None: the figure
    as given).

    ``value`` and ``share`` are Quantities (a plain number is exact); ``breakdown`` is a
    list of ``Given`` rows (or (local authority, funder, amount) for an amount by area).
    A figure with a value has a value, a share, or at least one row.
    """
    report = Report.objects.select_for_update().select_related("forum").get(pk=figure.report_id)
    if not report.is_editable:
        raise ReportLocked
    if revision is not None:
        figure.revision = revision
    claim_revision(figure, by=by)
    given = [Given.of(row) for row in breakdown] if state == Figure.State.VALUE else []
    figure.state = state
    valued = state == Figure.State.VALUE
    figure.amount = Quantity.of(value) if valued else None
    figure.proportion = Quantity.of(share) if valued and figure.definition.asks_share else None
    figure.base = base.strip() if valued and figure.definition.has_share else ""
    figure.period = period.strip() if valued else ""
    figure.qualifier = qualifier.strip()
    figure.override_reason = override_reason.strip() if figure.definition.derived and valued else ""
    if valued and not figure.given and not given:
        raise ValidationError({"value": _("Enter the figure, or say it is not provided.")})
    figure.full_clean()
    figure.save()
    figure.breakdown.all().delete()
    rows = []
    for part in given:
        row = FigureBreakdownRow(
            figure=figure,
            part=part.part,
            local_authority=part.local_authority,
            funder=part.funder.strip(),
            base=part.base.strip(),
            period=part.period.strip(),
            note=part.note.strip(),
        )
        row.amount = part.amount
        row.proportion = part.share if figure.definition.asks_share else None
        errors = row.check_measures(figure.definition)
        if errors:
            raise ValidationError(errors)
        row.full_clean(exclude=["figure"])
        rows.append(row)
    FigureBreakdownRow.objects.bulk_create(rows)
    if state:
        _mark_started(report, Domain.Kind.QUANTITATIVE)
    record_audit(
        actor=by,
        action=AuditEvent.Action.UPDATE,
        obj=figure,
        forum=report.forum,
        detail=str(figure.get_state_display()),
    )
    return figure


@transaction.atomic
def add_attachment(*, entry, upload, kind, description, by):
    report = Report.objects.select_for_update().select_related("forum").get(pk=entry.report_id)
    if not report.is_editable:
        raise ReportLocked
    attachment = Attachment(
        report=report,
        entry=entry,
        original_name=upload.name[:255],
        kind=kind,
        size=upload.size,
        description=description.strip(),
        uploaded_by=by,
    )
    attachment.file.save(upload.name, upload, save=False)
    attachment.full_clean()
    attachment.save()
    record_audit(actor=by, action=AuditEvent.Action.CREATE, obj=attachment, forum=report.forum)
    return attachment


@transaction.atomic
def delete_attachment(*, attachment, by):
    report = Report.objects.select_for_update().select_related("forum").get(pk=attachment.report_id)
    if not report.is_editable:
        raise ReportLocked
    record_audit(actor=by, action=AuditEvent.Action.DELETE, obj=attachment, forum=report.forum)
    stored = attachment.file
    attachment.delete()
    # The file goes only once the deletion is certain.
    transaction.on_commit(lambda: stored.storage.delete(stored.name))


class TransitionRefused(Exception):
    """The report is not in a state this change applies to."""


REVIEWABLE = (Report.Status.SUBMITTED, Report.Status.RESUBMITTED)


def _decide(*, report, decision, comment, by):
    """Records an analyst's decision on a submitted report (its status follows), with its
    audit row, and tells the forum's secretariat once it is saved."""
    report = Report.objects.select_for_update().select_related("forum", "cycle").get(pk=report.pk)
    if report.status not in REVIEWABLE:
        raise TransitionRefused
    report.status = DECISION_STATUS[decision]
    report.full_clean()
    report.save()
    made = ReviewDecision.objects.create(
        report=report,
        version=report.version,
        decision=decision,
        comment=comment,
        decided_by=by,
    )
    status = str(report.get_status_display())
    record_audit(
        actor=by,
        action=AuditEvent.Action.UPDATE,
        obj=report,
        forum=report.forum,
        detail=f"{status}: {comment}" if decision == ReviewDecision.Decision.RETURNED else status,
    )
    notifications.notify(
        notifications.secretariat_of(report.forum), str(decision), report=report, decision=made
    )
    return report


DECISION_STATUS = {
    ReviewDecision.Decision.RETURNED: Report.Status.RETURNED,
    ReviewDecision.Decision.ACCEPTED: Report.Status.ACCEPTED,
}
RETURN_NEEDS_COMMENT = _("Say what the forum should change.")


@transaction.atomic
def return_report(*, report, comment, by):
    """An analyst returns a submitted report for changes, saying what to change; it unlocks
    for the secretariat, who are told by email."""
    if not comment.strip():
        if Report.objects.get(pk=report.pk).status not in REVIEWABLE:
            raise TransitionRefused
        raise ValidationError({"comment": RETURN_NEEDS_COMMENT})
    return _decide(
        report=report, decision=ReviewDecision.Decision.RETURNED, comment=comment.strip(), by=by
    )


@transaction.atomic
def accept_report(*, report, by, comment=""):
    """An analyst accepts a submitted report, closing its review."""
    return _decide(
        report=report, decision=ReviewDecision.Decision.ACCEPTED, comment=comment.strip(), by=by
    )


@transaction.atomic
def add_comment(*, report, entry, text, internal, by, parent=None):
    """A comment on a report (on one of its sections, or on the whole), or a reply to one.
    A reply belongs to the comment's thread and section, and is internal when it is; the
    other side is told by email, except of internal notes."""
    report = Report.objects.select_related("forum", "cycle").get(pk=report.pk)
    if parent is not None:
        if parent.report_id != report.pk:
            raise ValueError("a reply belongs to a comment of the same report")
        parent = parent.parent or parent  # one level of threading
        entry, internal = parent.entry, parent.internal
    comment = Comment(
        report=report,
        entry=entry,
        parent=parent,
        author=by,
        text=text.strip(),
        internal=internal,
        version=report.version,
    )
    comment.full_clean()
    comment.save()
    record_audit(
        actor=by,
        action=AuditEvent.Action.CREATE,
        obj=comment,
        forum=report.forum,
        detail=_("Internal note") if internal else _("Comment"),
    )
    if not internal:
        if access.can_review(by):
            recipients = notifications.secretariat_of(report.forum)
        else:
            recipients = notifications.reviewers_of(report)
        notifications.notify(recipients, "comment", report=report, comment=comment, exclude=by)
    return comment


@transaction.atomic
def mark_comment_done(*, comment, done, by):
    """Marks a comment's thread as dealt with (or open again), with an audit row."""
    comment = (
        Comment.objects.select_for_update()
        .select_related("report__forum")
        .get(pk=(comment.parent_id or comment.pk))
    )
    if done == (comment.done_at is not None):
        return comment  # already so: someone else did it meanwhile
    comment.done_at, comment.done_by = (timezone.now(), by) if done else (None, None)
    comment.save(update_fields=["done_at", "done_by"])
    record_audit(
        actor=by,
        action=AuditEvent.Action.UPDATE,
        obj=comment,
        forum=comment.report.forum,
        detail=_("Marked done") if done else _("Opened again"),
    )
    return comment
