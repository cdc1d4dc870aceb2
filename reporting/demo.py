"""Reporting's part of the demo (``seed_demo``): a 2023–2026 cycle with a report from every
forum in every state (draft, part-written, submitted, returned, resubmitted, accepted),
figures of every kind, and review comments with the forum's replies."""

import datetime
from decimal import Decimal

from accounts.models import User
from forums.models import Forum
from reporting import services as reporting
from reporting.models import CaseStudy, Entry, ReportingCycle, ReportTemplate, WorkProgrammeItem


def seed(rng, *, secretariat, analyst):
    """A 2023–2026 cycle: reports in draft, part-written, and submitted with a section
    marked as having no information."""
    cycle = ReportingCycle.objects.create(
        name_en="Reports 2023–2026",
        name_cy="Adroddiadau 2023–2026",
        period_start=datetime.date(2023, 4, 1),
        period_end=datetime.date(2026, 3, 31),
        due_on=datetime.date(2026, 12, 31),
        template=ReportTemplate.objects.earliest("pk"),
    )
    # Reports in every state: drafts part-written, submitted, returned, resubmitted and
    # accepted (the last three reviewed by the demo analyst).
    plan = {
        "gwent": 4,
        "powys": 2,
        "west-wales": 9,
        "north-wales": 9,
        "cardiff-and-vale": 9,
        "west-glamorgan": 9,
        "cwm-taf-morgannwg": 9,
    }
    for slug, written in plan.items():
        forum = Forum.objects.get(slug=slug)
        report = reporting.start_report(forum=forum, cycle=cycle, by=secretariat)
        CaseStudy.objects.create(
            report=report,
            title="Community connectors",
            summary="Connectors link people to local groups instead of services.",
            what_was_valued="Someone who listened and came with me the first time.",
            what_changed="People say they feel less isolated and more confident.",
            community_gain="More volunteers and busier community groups.",
            who_was_involved="Two member charities and the local authority",
            forum_initiated=True,
            started_on=datetime.date(2024, 2, 1),
            principles=["well_being", "prevention"],
        )
        WorkProgrammeItem.objects.create(
            report=report,
            aim="Bring carers onto every commissioning panel",
            lead="Forum chair",
            timescale="2026–2028",
            principles=["co_production"],
            rpb_priority="Carers",
        )
        if written == 9:
            _figures(report, secretariat)
        for entry in report.entries.in_order()[:written]:
            if entry.domain.number == 5 and slug == "north-wales":
                status, text, reason = (
                    Entry.Status.NO_INFORMATION,
                    "",
                    ("The Regional Partnership Board did not give feedback this period."),
                )
            else:
                status, reason = Entry.Status.COMPLETED, ""
                text = (
                    f"{forum.name_en} — {entry.domain.title_en}.\n\n"
                    "Members met quarterly and agreed priorities with the Regional "
                    "Partnership Board.\n\n- Co-production steering group formed\n"
                    "- Carers’ voice strengthened in commissioning"
                )
            reporting.save_entry(
                entry=entry,
                revision=entry.revision,
                text=text,
                status=status,
                no_information_reason=reason,
                by=secretariat,
            )
        if written == 9:
            report = reporting.submit_report(report=report, by=secretariat)
        if slug in ("cardiff-and-vale", "west-glamorgan", "cwm-taf-morgannwg"):
            report = reporting.return_report(
                report=report,
                by=analyst,
                comment="Please say which local authorities the grants figure covers.",
            )
        if slug in ("west-glamorgan", "cwm-taf-morgannwg"):
            figure = report.figures.get(definition__code="grants-contracts")
            reporting.save_figure(
                figure=figure,
                state="value",
                value=figure.value,
                base="",
                qualifier="Swansea and Neath Port Talbot only",
                override_reason="",
                breakdown=[(r.local_authority, r.funder, r.value) for r in figure.breakdown.all()],
                by=secretariat,
            )
            report = reporting.submit_report(report=report, by=secretariat)
        if slug == "cwm-taf-morgannwg":
            reporting.accept_report(
                report=report, by=analyst, comment="Thank you: a clear, complete report."
            )
        if report.version:
            _comments(report, analyst, secretariat)


def _comments(report, analyst, secretariat):
    """A comment with the forum's reply, and an internal note the forum never sees."""
    secretariat = User.objects.filter(roles__forum=report.forum).first() or secretariat
    entry = report.entries.get(domain__number=3)
    comment = reporting.add_comment(
        report=report,
        entry=entry,
        text="Could you give an example of prevention work with figures?",
        internal=False,
        by=analyst,
    )
    reporting.add_comment(
        report=report,
        entry=None,
        text="We have added the falls-prevention service in domain 6.",
        internal=False,
        parent=comment,
        by=secretariat,
    )
    reporting.add_comment(
        report=report,
        entry=report.entries.get(domain__number=7),
        text="ICF share below the 20% target: compare with last cycle.",
        internal=True,
        by=analyst,
    )


def _figures(report, by):
    """Figures of all three kinds: a value, "not provided", a value with a footnote."""
    values = {
        "icf-revenue": "1840000",
        "icf-capital": "310000",
        "icf-share": "17.5",
        "grants-contracts": "2650000",
        "hsc-contracts": "5120000",
        "svo-hsc": "64",
    }
    for figure in report.figures.entered():
        code = figure.definition.code
        if code not in values:
            reporting.save_figure(
                figure=figure,
                state="not_provided",
                value=None,
                base="",
                qualifier="",
                override_reason="",
                breakdown=[],
                by=by,
            )
            continue
        reporting.save_figure(
            figure=figure,
            state="value",
            value=Decimal(values[code]),
            base="of the region’s Integrated Care Fund, 2024/25" if code == "icf-share" else "",
            qualifier="4 of 5 local authorities" if code == "grants-contracts" else "",
            override_reason="",
            breakdown=[(None, "Health board", Decimal("400000"))]
            if code == "grants-contracts"
            else [],
            by=by,
        )
