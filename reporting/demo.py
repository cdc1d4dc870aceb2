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
            report = reporting.submit_report(
                report=report,
                by=secretariat,
                agreed_by="The forum’s steering group",
                agreed_on=min(datetime.date.today(), cycle.due_on - datetime.timedelta(days=21)),
            )
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
            report = reporting.submit_report(
                report=report,
                by=secretariat,
                agreed_by="The forum’s steering group",
                agreed_on=min(datetime.date.today(), cycle.due_on - datetime.timedelta(days=7)),
            )
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
    """Figures as forums give them: the fund in parts each with its share, one authority's
    share from an earlier year, a count as "at least", "not provided" for the rest."""
    from reporting.quantities import Precision, Quantity

    figures = {f.definition.code: f for f in report.figures.entered()}
    parts = {p.code: p for p in report.cycle.template.figures.get(code="icf").parts.all()}
    authorities = list(report.forum.areas.select_related("local_authority"))
    first = authorities[0].local_authority if authorities else None
    reporting.save_figure(
        figure=figures["icf"],
        state="value",
        share=Decimal("17.5"),
        base="of the region’s Integrated Care Fund, 2024/25",
        breakdown=[
            reporting.Given(
                part=parts["revenue"],
                amount=Quantity.exact("1840000"),
                share=Quantity.exact("19.5"),
            ),
            reporting.Given(
                part=parts["capital"], amount=Quantity.exact("310000"), share=Quantity.exact("11")
            ),
            *(
                [
                    reporting.Given(
                        local_authority=first, share=Quantity.exact("22"), period="2023/24"
                    )
                ]
                if first
                else []
            ),
        ],
        by=by,
    )
    reporting.save_figure(
        figure=figures["grants-contracts"],
        state="value",
        value=Decimal("2650000"),
        qualifier="4 of 5 local authorities",
        breakdown=[(None, "Health board", Decimal("400000"))],
        by=by,
    )
    reporting.save_figure(
        figure=figures["hsc-contracts"], state="value", value=Decimal("5120000"), by=by
    )
    reporting.save_figure(
        figure=figures["svo-hsc"],
        state="value",
        value=Quantity(Precision.AT_LEAST, Decimal(64)),
        by=by,
    )
    for code, figure in figures.items():
        if code not in ("icf", "grants-contracts", "hsc-contracts", "svo-hsc"):
            reporting.save_figure(figure=figure, state="not_provided", by=by)
    # A figure from records the forum does not keep here is answered by the secretariat.
    from reporting.derived import derived_figures

    cycle = report.cycle
    records = derived_figures(report.forum, start=cycle.period_start, end=cycle.period_end)
    for figure in report.figures.derived():
        if records.values[figure.definition.source] is None:
            reporting.save_figure(figure=figure, state="not_provided", by=by)
