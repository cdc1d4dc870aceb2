import re
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from forums.models import Forum, in_language, principle_labels, validate_principles
from reporting.quantities import Precision, Quantity
from svforum.revisions import Revisioned

WORD_RE = re.compile(r"\w+(?:[’'-]\w+)*")


def count_words(text):
    return len(WORD_RE.findall(text or ""))


class ReportTemplate(models.Model):
    """The reporting framework: which domains a report answers, with their guidance.

    A cycle uses one template; a revised framework is a copy, so reports already filed
    against the old one keep their questions.
    """

    name = models.CharField(_("name"), max_length=200, unique=True)
    based_on = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="copies",
        verbose_name=_("copied from"),
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("report template")
        verbose_name_plural = _("report templates")
        ordering = ["-created_at"]

    def __str__(self):
        return self.name


class Domain(models.Model):
    class Kind(models.TextChoices):
        NARRATIVE = "narrative", _("Narrative")
        CASE_STUDIES = "case_studies", _("Case studies")
        QUANTITATIVE = "quantitative", _("Quantitative information")
        WORK_PROGRAMME = "work_programme", _("Work programme")

    template = models.ForeignKey(
        ReportTemplate,
        on_delete=models.CASCADE,
        related_name="domains",
        verbose_name=_("template"),
    )
    number = models.PositiveSmallIntegerField(_("number"))
    title_en = models.CharField(_("title (English)"), max_length=200)
    title_cy = models.CharField(_("title (Welsh)"), max_length=200)
    guidance_en = models.TextField(_("guidance (English)"))
    guidance_cy = models.TextField(_("guidance (Welsh)"))
    kind = models.CharField(_("kind"), max_length=20, choices=Kind, default=Kind.NARRATIVE)

    class Meta:
        verbose_name = _("domain")
        verbose_name_plural = _("domains")
        ordering = ["template", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["template", "number"],
                name="domain_unique_number_per_template",
                violation_error_message=_("The template already has a domain with this number."),
            ),
        ]

    def __str__(self):
        return f"{self.number}. {self.title}"

    @property
    def title(self):
        return in_language(self, "title")

    @property
    def guidance(self):
        return in_language(self, "guidance")


class ReportingCycle(models.Model):
    name_en = models.CharField(_("name (English)"), max_length=200)
    name_cy = models.CharField(_("name (Welsh)"), max_length=200)
    period_start = models.DateField(_("period start"))
    period_end = models.DateField(_("period end"))
    due_on = models.DateField(_("reports due"))
    template = models.ForeignKey(
        ReportTemplate,
        on_delete=models.PROTECT,
        related_name="cycles",
        verbose_name=_("template"),
    )

    class Meta:
        verbose_name = _("reporting cycle")
        verbose_name_plural = _("reporting cycles")
        ordering = ["-period_start"]
        constraints = [
            models.CheckConstraint(
                name="cycle_period_ends_after_start",
                condition=Q(period_end__gt=F("period_start")),
                violation_error_message=_("The period must end after it starts."),
            ),
            models.CheckConstraint(
                name="cycle_due_after_period_start",
                condition=Q(due_on__gt=F("period_start")),
                violation_error_message=_("Reports must be due after the period starts."),
            ),
            models.UniqueConstraint(
                Lower("name_en"),
                name="cycle_unique_name_en",
                violation_error_message=_("A reporting cycle with this English name exists."),
            ),
            models.UniqueConstraint(
                Lower("name_cy"),
                name="cycle_unique_name_cy",
                violation_error_message=_("A reporting cycle with this Welsh name exists."),
            ),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        if not (self.period_start and self.period_end):
            return
        # One cycle per period: every report of a period belongs to one cycle.
        overlapping = (
            ReportingCycle.objects.filter(
                period_start__lte=self.period_end, period_end__gte=self.period_start
            )
            .exclude(pk=self.pk)
            .first()
        )
        if overlapping is not None:
            raise ValidationError(
                _(
                    "The period overlaps that of %(cycle)s (%(start)s to %(end)s): each "
                    "period has one reporting cycle."
                )
                % {
                    "cycle": overlapping.name,
                    "start": date_format(overlapping.period_start, "j F Y"),
                    "end": date_format(overlapping.period_end, "j F Y"),
                },
                code="overlapping_cycle",
            )

    @property
    def name(self):
        return in_language(self, "name")


class ReportQuerySet(models.QuerySet):
    def for_cycle(self, cycle):
        return self.filter(cycle=cycle)

    def submitted(self):
        """Reports an analyst may read: every state after the first submission."""
        return self.exclude(status=Report.Status.DRAFT)


class Report(models.Model):
    """A forum's report for one cycle: its answers to each domain of the cycle's template."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")
        RETURNED = "returned", _("Returned for changes")
        RESUBMITTED = "resubmitted", _("Resubmitted")
        ACCEPTED = "accepted", _("Accepted")

    EDITABLE = (Status.DRAFT, Status.RETURNED)

    forum = models.ForeignKey(
        Forum, on_delete=models.PROTECT, related_name="reports", verbose_name=_("forum")
    )
    cycle = models.ForeignKey(
        ReportingCycle,
        on_delete=models.PROTECT,
        related_name="reports",
        verbose_name=_("reporting cycle"),
    )
    status = models.CharField(_("status"), max_length=20, choices=Status, default=Status.DRAFT)
    version = models.PositiveIntegerField(
        _("version"), default=0, help_text=_("How many times the report has been submitted.")
    )
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("submitted by"),
    )
    created_at = models.DateTimeField(_("started"), default=timezone.now)

    objects = ReportQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        ordering = ["-cycle__period_start", "forum__name_en"]
        constraints = [
            models.UniqueConstraint(
                fields=["forum", "cycle"],
                name="report_one_per_forum_per_cycle",
                violation_error_message=_("The forum already has a report for this cycle."),
            ),
            models.CheckConstraint(
                name="report_submitted_has_a_date",
                condition=Q(status="draft") | Q(submitted_at__isnull=False, version__gte=1),
                violation_error_message=_("A submitted report needs a submission date."),
            ),
        ]

    def __str__(self):
        return f"{self.forum}: {self.cycle}"

    def get_absolute_url(self):
        return reverse("reporting:report", args=[self.pk])

    @property
    def is_editable(self):
        return self.status in self.EDITABLE


class EntryQuerySet(models.QuerySet):
    def in_order(self):
        """With their domain, in the template's order (domain 1 first)."""
        return self.select_related("domain").order_by("domain__number")

    def of_kind(self, kind):
        """With their domain, those of one kind of domain (narrative, case studies, …)."""
        return self.select_related("domain").filter(domain__kind=kind)


class Entry(Revisioned):
    """A report's answer to one domain.

    ``revision`` counts saves: a save must name the revision it started from, so that two
    people of one secretariat editing the same domain cannot overwrite each other.
    """

    class Status(models.TextChoices):
        NOT_STARTED = "not_started", _("Not started")
        IN_PROGRESS = "in_progress", _("In progress")
        COMPLETED = "completed", _("Completed")
        NO_INFORMATION = "no_information", _("No information to provide")

    DONE = (Status.COMPLETED, Status.NO_INFORMATION)

    report = models.ForeignKey(
        Report, on_delete=models.CASCADE, related_name="entries", verbose_name=_("report")
    )
    domain = models.ForeignKey(
        Domain, on_delete=models.PROTECT, related_name="entries", verbose_name=_("domain")
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status, default=Status.NOT_STARTED
    )
    text = models.TextField(_("text"), blank=True)
    no_information_reason = models.TextField(_("why there is no information"), blank=True)

    objects = EntryQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("domain entry")
        verbose_name_plural = _("domain entries")
        ordering = ["report", "domain__number"]
        constraints = [
            models.UniqueConstraint(
                fields=["report", "domain"],
                name="entry_one_per_domain",
                violation_error_message=_("The report already answers this domain."),
            ),
            models.CheckConstraint(
                name="entry_no_information_has_a_reason",
                condition=~Q(status="no_information") | ~Q(no_information_reason=""),
                violation_error_message=_("Say why there is no information to provide."),
            ),
        ]

    def __str__(self):
        return f"{self.report}: {self.domain}"

    def revision_parts(self):
        return [(None, self.text)]

    def get_absolute_url(self):
        return reverse("reporting:entry", args=[self.report_id, self.domain.number])

    def clean(self):
        super().clean()
        if self.status == self.Status.NO_INFORMATION and not self.no_information_reason.strip():
            raise ValidationError(
                {"no_information_reason": _("Say why there is no information to provide.")}
            )
        if self.status == self.Status.COMPLETED:
            missing = self.missing_for_completion()
            if missing:
                raise ValidationError({"text": missing})

    def missing_for_completion(self):
        """Why the entry cannot be marked completed yet, or "" if it can."""
        kind = self.domain.kind
        if kind == Domain.Kind.CASE_STUDIES:
            if not self.report.case_studies.exists():
                return _("Add at least one case study before marking this section as completed.")
        elif kind == Domain.Kind.WORK_PROGRAMME:
            if not self.report.work_programme.exists():
                return _("Add at least one item before marking this section as completed.")
        elif kind == Domain.Kind.QUANTITATIVE:
            # Every figure needs a value or "not provided"; one from the records is
            # answered by them, unless the forum keeps no such records in the service.
            from reporting.derived import derived_figures

            unanswered = list(
                self.report.figures.filter(state="").values_list("definition__source", flat=True)
            )
            if any(source for source in unanswered):
                cycle = self.report.cycle
                records = derived_figures(
                    self.report.forum, start=cycle.period_start, end=cycle.period_end
                ).values
                unanswered = [s for s in unanswered if not s or records.get(s) is None]
            if unanswered:
                return _(
                    "Answer every figure, or say it is not provided, before marking "
                    "this section as completed."
                )
        elif not self.text.strip():
            return _("Write this section before marking it as completed.")
        return ""

    @property
    def word_count(self):
        return count_words(self.text)

    @property
    def is_done(self):
        return self.status in self.DONE


class CaseStudy(Revisioned):
    """An example of social value the forum helped to deliver (domain 6).

    The three questions keep apart social value (what was valued), social impact (what
    changed for people) and social benefit (what the community gained).
    """

    report = models.ForeignKey(
        Report, on_delete=models.CASCADE, related_name="case_studies", verbose_name=_("report")
    )
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("summary"))
    what_was_valued = models.TextField(
        _("what was valued"),
        help_text=_("Social value: the worth people placed on how it was done."),
    )
    what_changed = models.TextField(
        _("what changed for people"), help_text=_("Social impact: the difference it made to them.")
    )
    community_gain = models.TextField(
        _("what the community gained"),
        help_text=_("Social benefit: the gain to the wider community."),
    )
    who_was_involved = models.TextField(_("who was involved"), blank=True)
    forum_initiated = models.BooleanField(_("the forum initiated it"), default=False)
    started_on = models.DateField(_("when it started"))
    principles = models.JSONField(
        _("principles it shows"), default=list, blank=True, validators=[validate_principles]
    )
    names_people = models.BooleanField(_("it names people"), default=False)
    consent_recorded_on = models.DateField(_("consent recorded on"), null=True, blank=True)
    consent_note = models.CharField(
        _("consent record"),
        max_length=300,
        blank=True,
        help_text=_("Who gave consent, and where the signed record is kept."),
    )
    created_at = models.DateTimeField(_("added"), default=timezone.now)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("case study")
        verbose_name_plural = _("case studies")
        ordering = ["report", "created_at", "id"]
        constraints = [
            models.CheckConstraint(
                name="case_study_naming_people_needs_consent",
                condition=Q(names_people=False)
                | Q(consent_recorded_on__isnull=False) & ~Q(consent_note=""),
                violation_error_message=_("A case study that names people needs a consent record."),
            ),
        ]

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        if self.names_people and not (self.consent_recorded_on and self.consent_note.strip()):
            raise ValidationError(
                {
                    "consent_note": _(
                        "A case study that names people needs a consent record: its date and who "
                        "gave it."
                    )
                }
            )

    @property
    def started_before_period(self):
        return self.started_on < self.report.cycle.period_start

    @property
    def started_before_forum(self):
        established = self.report.forum.established_on
        return bool(established and self.started_on < established)

    def get_principles_display(self):
        return principle_labels(self.principles)


class WorkProgrammeItem(Revisioned):
    """One item of the forum's work programme for the next three years (domain 8)."""

    report = models.ForeignKey(
        Report,
        on_delete=models.CASCADE,
        related_name="work_programme",
        verbose_name=_("report"),
    )
    aim = models.TextField(_("aim"))
    lead = models.CharField(_("lead"), max_length=200)
    timescale = models.CharField(
        _("timescale"), max_length=100, help_text=_("For example: by March 2027, or 2026–2028.")
    )
    principles = models.JSONField(
        _("principles"), default=list, blank=True, validators=[validate_principles]
    )
    rpb_priority = models.CharField(
        _("Regional Partnership Board priority it supports"), max_length=300, blank=True
    )
    created_at = models.DateTimeField(_("added"), default=timezone.now)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("work programme item")
        verbose_name_plural = _("work programme items")
        ordering = ["report", "created_at", "id"]

    def __str__(self):
        return self.aim[:80]

    def get_principles_display(self):
        return principle_labels(self.principles)


class FigureDefinition(models.Model):
    """One figure of the quantitative return (domain 7), as the cycle's template asks it."""

    class Kind(models.TextChoices):
        MONEY = "money", _("Money (£)")
        COUNT = "count", _("Count")
        PERCENTAGE = "percentage", _("Percentage")

    class Source(models.TextChoices):
        """Figures derived from the forum's own records rather than typed in."""

        NONE = "", _("Entered by the forum")
        MEETINGS = "meetings", _("Meetings held in the period")
        PROJECTS = "projects", _("Projects established by the forum")
        MEMBERS = "members", _("Member organisations at the end of the period")
        COMMISSIONING = (
            "commissioning",
            _("Health and social care contracts of the region’s commissioning bodies"),
        )

    template = models.ForeignKey(
        ReportTemplate,
        on_delete=models.CASCADE,
        related_name="figures",
        verbose_name=_("template"),
    )
    code = models.SlugField(_("code"), max_length=40)
    position = models.PositiveSmallIntegerField(_("order"))
    label_en = models.CharField(_("label (English)"), max_length=300)
    label_cy = models.CharField(_("label (Welsh)"), max_length=300)
    help_en = models.TextField(_("help (English)"), blank=True)
    help_cy = models.TextField(_("help (Welsh)"), blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind)
    source = models.CharField(_("source"), max_length=20, choices=Source, blank=True)
    breakdown = models.BooleanField(
        _("asks for a breakdown"),
        default=False,
        help_text=_("By local authority and by funder."),
    )
    asks_share = models.BooleanField(
        _("asks for a share too"),
        default=False,
        help_text=_(
            "Each amount (the figure, each part, each local authority) may come with the "
            "share of its whole it stands for, e.g. of the region’s Integrated Care Fund."
        ),
    )

    class Meta:
        verbose_name = _("figure definition")
        verbose_name_plural = _("figure definitions")
        ordering = ["template", "position"]
        constraints = [
            models.UniqueConstraint(fields=["template", "code"], name="figure_unique_code"),
            models.CheckConstraint(
                name="figure_derived_figures_are_counts",
                # ... except the share of contract value from the commissioning records.
                condition=Q(source="")
                | Q(kind="count")
                | Q(source="commissioning", kind="percentage"),
                violation_error_message=_(
                    "Figures derived from records are counts, or a share of contract value."
                ),
            ),
        ]

    def __str__(self):
        return self.label

    @property
    def label(self):
        return in_language(self, "label")

    @property
    def help(self):
        return in_language(self, "help")

    @property
    def derived(self):
        return bool(self.source)

    @property
    def has_share(self):
        """Whether its answers carry a share: a percentage figure is one, and a figure that
        asks for a share has one beside each amount."""
        return self.asks_share or self.kind == self.Kind.PERCENTAGE


class FigurePart(models.Model):
    """A named part of a figure the template asks for, e.g. the revenue and the capital of
    the Integrated Care Fund; each is answered with its own amount (and share)."""

    definition = models.ForeignKey(
        FigureDefinition, on_delete=models.CASCADE, related_name="parts", verbose_name=_("figure")
    )
    code = models.SlugField(_("code"), max_length=40)
    position = models.PositiveSmallIntegerField(_("order"))
    label_en = models.CharField(_("label (English)"), max_length=200)
    label_cy = models.CharField(_("label (Welsh)"), max_length=200)

    class Meta:
        verbose_name = _("figure part")
        verbose_name_plural = _("figure parts")
        ordering = ["definition", "position"]
        constraints = [
            models.UniqueConstraint(fields=["definition", "code"], name="figure_part_unique_code"),
        ]

    def __str__(self):
        return self.label

    @property
    def label(self):
        return in_language(self, "label")


class Measured(models.Model):
    """What a figure, a part or a breakdown row says: an amount (in the figure's kind) and,
    where the template asks for it, a share, each with how exact it is; what the share is
    of; the period of the data when it is not the report's; a note."""

    value = models.DecimalField(_("value"), max_digits=14, decimal_places=2, null=True, blank=True)
    value_high = models.DecimalField(
        _("top of the range"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    precision = models.CharField(
        _("how exact the value is"), max_length=12, choices=Precision, default=Precision.EXACT
    )
    share = models.DecimalField(
        _("share (%)"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    share_high = models.DecimalField(
        _("top of the share’s range"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    share_precision = models.CharField(
        _("how exact the share is"), max_length=12, choices=Precision, default=Precision.EXACT
    )
    base = models.CharField(
        _("base of the percentage"),
        max_length=300,
        blank=True,
        help_text=_("What it is a percentage of, e.g. “of the region’s £4.2m ICF, 2024/25”."),
    )
    period = models.CharField(
        _("period of the data"),
        max_length=100,
        blank=True,
        help_text=_("When it is not the report’s period, e.g. “2017/18”."),
    )

    class Meta:
        abstract = True

    @property
    def amount(self):
        """The value as a Quantity (None when none is given)."""
        return Quantity.stored(self.precision, self.value, self.value_high)

    @amount.setter
    def amount(self, quantity):
        self.value, self.value_high, self.precision = _stored(quantity)

    @property
    def proportion(self):
        """The share as a Quantity (None when none is given)."""
        return Quantity.stored(self.share_precision, self.share, self.share_high)

    @proportion.setter
    def proportion(self, quantity):
        self.share, self.share_high, self.share_precision = _stored(quantity)

    @property
    def given(self):
        return self.amount is not None or self.proportion is not None

    def check_measures(self, definition):
        """The rules of its kind: shares and percentages at most 100, counts whole, a
        share's base given. Returns {field: message}."""
        errors = {}
        amount, share = self.amount, self.proportion
        percentage = definition.kind == FigureDefinition.Kind.PERCENTAGE
        for quantity, field, is_share in ((amount, "value", percentage), (share, "share", True)):
            if quantity is None or not quantity.stated:
                continue
            top = quantity.high if quantity.precision == Precision.RANGE else quantity.low
            if is_share and top is not None and top > 100:
                errors[field] = _("A percentage cannot be more than 100.")
            if (
                not is_share
                and definition.kind == FigureDefinition.Kind.COUNT
                and any(n is not None and n != int(n) for n in (quantity.low, quantity.high))
            ):
                errors[field] = _("A count is a whole number.")
        if amount is not None and not amount.stated and (share is None or not share.stated):
            errors["value"] = _(
                "A value can be “not stated” only beside its share. Give the share, or say "
                "the figure is not provided."
            )
        has_share = (percentage and amount is not None and amount.stated) or (
            share is not None and share.stated
        )
        if has_share and not self.base.strip() and self.needs_base:
            errors["base"] = _("Say what the percentage is of.")
        return errors

    needs_base = True


def _stored(quantity):
    if quantity is None:
        return None, None, Precision.EXACT
    high = quantity.high if quantity.precision == Precision.RANGE else None
    return quantity.low, high, quantity.precision


def _measured_constraints(prefix):
    return [
        models.CheckConstraint(
            name=f"{prefix}_not_negative",
            condition=(Q(value__isnull=True) | Q(value__gte=0))
            & (Q(share__isnull=True) | Q(share__gte=0, share__lte=100))
            & (Q(share_high__isnull=True) | Q(share_high__lte=100)),
            violation_error_message=_("A figure cannot be negative."),
        ),
        models.CheckConstraint(
            name=f"{prefix}_range_has_a_top",
            condition=(
                ~Q(precision="range") & Q(value_high__isnull=True)
                | Q(precision="range", value_high__gt=F("value"))
            )
            & (
                ~Q(share_precision="range") & Q(share_high__isnull=True)
                | Q(share_precision="range", share_high__gt=F("share"))
            ),
            violation_error_message=_("A range needs a top larger than its bottom."),
        ),
        models.CheckConstraint(
            name=f"{prefix}_not_stated_has_no_number",
            condition=(~Q(precision="not_stated") | Q(value__isnull=True))
            & (~Q(share_precision="not_stated") | Q(share__isnull=True)),
            violation_error_message=_("A value not stated has no number."),
        ),
    ]


class FigureQuerySet(models.QuerySet):
    def in_order(self):
        """With their definition, in the template's order."""
        return self.select_related("definition").order_by("definition__position")

    def entered(self):
        """Those the forum enters (not derived from records)."""
        return self.in_order().filter(definition__source="")

    def derived(self):
        """Those derived from the forum's records or commissioning's contracts."""
        return self.in_order().exclude(definition__source="")

    def of_code(self, code):
        """The one figure of this code (DoesNotExist when there is none)."""
        return self.in_order().get(definition__code=code)


class Figure(Measured, Revisioned):
    """A report's answer to one figure: a value, or "not provided" (which is not zero).

    The value may be exact, "at least", approximate, a range, or not stated beside a share
    (``reporting.quantities``); the figure may be answered in parts and by local authority
    or funder (``FigureBreakdownRow``), its total then computed from them.

    A figure derived from records shows the records' value; the secretariat may enter a
    different one only with a written reason, shown wherever the figure is. When the forum
    keeps no such records in the service, it confirms a value, zero, or "not provided". The
    records' value is frozen into ``derived_value`` when the report is submitted, and what
    lies under it (members by type, projects not counted) into ``derived_detail``.
    """

    class State(models.TextChoices):
        UNANSWERED = "", _("Not answered")
        VALUE = "value", _("A value")
        NOT_PROVIDED = "not_provided", _("Not provided")

    report = models.ForeignKey(
        Report, on_delete=models.CASCADE, related_name="figures", verbose_name=_("report")
    )
    definition = models.ForeignKey(
        FigureDefinition,
        on_delete=models.PROTECT,
        related_name="answers",
        verbose_name=_("figure"),
    )
    state = models.CharField(_("answer"), max_length=20, choices=State, blank=True)
    qualifier = models.CharField(
        _("footnote"),
        max_length=300,
        blank=True,
        help_text=_("E.g. “2018/19 data only”, “4 of 5 local authorities”."),
    )
    override_reason = models.TextField(_("why the records’ figure is not used"), blank=True)
    derived_value = models.DecimalField(
        _("figure from the records"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    derived_detail = models.JSONField(
        _("what the figure from the records is made of"),
        default=dict,
        blank=True,
        help_text=_(
            "Frozen with the figure at submission: its breakdown by type, and what "
            "was left out of the count."
        ),
    )

    objects = FigureQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("figure")
        verbose_name_plural = _("figures")
        ordering = ["report", "definition__position"]
        constraints = [
            models.UniqueConstraint(fields=["report", "definition"], name="figure_one_per_report"),
            models.CheckConstraint(
                name="figure_value_matches_state",
                condition=Q(state="value")
                | Q(value__isnull=True, share__isnull=True) & ~Q(precision="not_stated"),
                violation_error_message=_("Enter a value, or say it is not provided."),
            ),
            *_measured_constraints("figure"),
        ]

    def __str__(self):
        return f"{self.report}: {self.definition}"

    def clean(self):
        super().clean()
        if self.state == self.State.VALUE:
            errors = self.check_measures(self.definition)
            if errors:
                raise ValidationError(errors)

    @property
    def overridden(self):
        """A value entered over the records' figure (not when the forum keeps no records
        here: then the value entered is the only one)."""
        return (
            self.definition.derived
            and self.state == self.State.VALUE
            and bool(self.override_reason.strip())
        )


class FigureBreakdownRow(Measured):
    """A part of a figure (a part the template names, a local authority, a funder, or a
    part for one local authority), with its own amount and/or share, period and note."""

    figure = models.ForeignKey(
        Figure, on_delete=models.CASCADE, related_name="breakdown", verbose_name=_("figure")
    )
    part = models.ForeignKey(
        FigurePart,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("part"),
    )
    local_authority = models.ForeignKey(
        "forums.LocalAuthority",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("local authority"),
    )
    funder = models.CharField(_("funder"), max_length=200, blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("breakdown row")
        verbose_name_plural = _("breakdown rows")
        ordering = ["figure", "part__position", "local_authority__name_en", "funder", "id"]
        constraints = [
            models.CheckConstraint(
                name="breakdown_row_names_an_area_or_funder",
                condition=Q(part__isnull=False) | Q(local_authority__isnull=False) | ~Q(funder=""),
                violation_error_message=_("Name a part, a local authority or a funder."),
            ),
            models.CheckConstraint(
                name="breakdown_row_gives_something",
                condition=Q(value__isnull=False)
                | Q(share__isnull=False)
                | Q(precision="not_stated"),
                violation_error_message=_("Give an amount or a share."),
            ),
            *_measured_constraints("breakdown_row"),
        ]

    # A part's or an authority's share is of its own whole unless a base is given.
    needs_base = False

    def __str__(self):
        return " – ".join(str(x) for x in (self.part, self.local_authority, self.funder) if x)

    @property
    def is_whole_part(self):
        """A named part of the whole figure (not one authority's or funder's)."""
        return bool(self.part_id) and not self.local_authority_id and not self.funder


def _pdf_path(instance, filename):
    return f"reports/{instance.report_id}/v{instance.version}-{instance.language}.pdf"


class ReportPDF(models.Model):
    """The PDF of a submitted version, generated once and then served from storage."""

    report = models.ForeignKey(
        Report, on_delete=models.CASCADE, related_name="pdfs", verbose_name=_("report")
    )
    version = models.PositiveIntegerField(_("version"))
    language = models.CharField(
        _("language"), max_length=2, choices=[("en", _("English")), ("cy", _("Welsh"))]
    )
    file = models.FileField(_("file"), upload_to=_pdf_path)
    created_at = models.DateTimeField(_("generated"), default=timezone.now)

    class Meta:
        verbose_name = _("report PDF")
        verbose_name_plural = _("report PDFs")
        constraints = [
            models.UniqueConstraint(
                fields=["report", "version", "language"],
                name="report_pdf_one_per_version_and_language",
            ),
        ]

    def __str__(self):
        return f"{self.report} v{self.version} ({self.language})"


def _evidence_path(instance, filename):
    # Stored under a random name: the name the user gave is kept apart, for downloads.
    return f"reports/{instance.report_id}/evidence/{uuid.uuid4().hex}.{instance.kind}"


class Attachment(models.Model):
    """Evidence attached to a domain of a report (PDF, DOCX, XLSX, ODT or an image)."""

    KINDS = ("pdf", "docx", "xlsx", "odt", "png", "jpg")
    MAX_BYTES = 10 * 1024 * 1024

    report = models.ForeignKey(
        Report, on_delete=models.CASCADE, related_name="attachments", verbose_name=_("report")
    )
    entry = models.ForeignKey(
        Entry, on_delete=models.CASCADE, related_name="attachments", verbose_name=_("domain")
    )
    file = models.FileField(_("file"), upload_to=_evidence_path)
    original_name = models.CharField(_("file name"), max_length=255)
    kind = models.CharField(_("type"), max_length=5)
    size = models.PositiveIntegerField(_("size"))
    description = models.CharField(_("description"), max_length=300, blank=True)
    uploaded_at = models.DateTimeField(_("uploaded"), default=timezone.now)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("uploaded by"),
    )

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["entry", "uploaded_at", "id"]

    def __str__(self):
        return self.original_name


class ReportVersion(models.Model):
    """What a report said when it was submitted: one snapshot per submission, for comparing
    versions domain by domain (the full edit history is kept by django-simple-history)."""

    report = models.ForeignKey(
        Report, on_delete=models.CASCADE, related_name="versions", verbose_name=_("report")
    )
    number = models.PositiveIntegerField(_("version"))
    submitted_at = models.DateTimeField(_("submitted"))
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("submitted by"),
    )
    content = models.JSONField(_("content"))
    # The forum's sign-off: who agreed this version and when (e.g. "the steering group",
    # 12 June 2026), declared by the secretariat on submitting it.
    agreed_by = models.CharField(_("agreed by"), max_length=200, blank=True)
    agreed_on = models.DateField(_("agreed on"), null=True, blank=True)

    class Meta:
        verbose_name = _("submitted version")
        verbose_name_plural = _("submitted versions")
        ordering = ["report", "number"]
        constraints = [
            models.UniqueConstraint(fields=["report", "number"], name="report_version_unique"),
        ]

    def __str__(self):
        return f"{self.report} v{self.number}"

    @property
    def reference(self):
        """The submission's reference, quoted in the receipt and by Welsh Government: the
        forum, the cycle's period and the version (e.g. SVF-GWENT-2023-26-V2)."""
        cycle = self.report.cycle
        period = f"{cycle.period_start:%Y}-{cycle.period_end:%y}"
        return f"SVF-{self.report.forum.slug.upper()}-{period}-V{self.number}"


# The analysts' review -------------------------------------------------------------------


class Comment(models.Model):
    """An analyst's comment on a report (on one domain, or on the whole), and the replies to
    it. An internal note is for analysts only: the forum's secretariat never sees it."""

    report = models.ForeignKey(
        Report, on_delete=models.CASCADE, related_name="comments", verbose_name=_("report")
    )
    entry = models.ForeignKey(
        Entry,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="comments",
        verbose_name=_("section"),
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="replies",
        verbose_name=_("in reply to"),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("author"),
    )
    text = models.TextField(_("comment"))
    internal = models.BooleanField(
        _("internal note"),
        default=False,
        help_text=_("Only analysts see an internal note; the forum does not."),
    )
    version = models.PositiveIntegerField(_("version commented on"))
    created_at = models.DateTimeField(_("written"), default=timezone.now)
    # A thread marked done (on its first comment) by the forum or an analyst: dealt with.
    done_at = models.DateTimeField(_("marked done"), null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("marked done by"),
    )

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ["created_at", "id"]
        constraints = [
            models.CheckConstraint(
                name="comment_not_empty",
                condition=~Q(text=""),
                violation_error_message=_("Write the comment."),
            ),
        ]

    def __str__(self):
        return self.text[:80]


class ReviewDecision(models.Model):
    """An analyst returning a report (with a summary of what to change) or accepting it."""

    class Decision(models.TextChoices):
        RETURNED = "returned", _("Returned for changes")
        ACCEPTED = "accepted", _("Accepted")

    report = models.ForeignKey(
        Report, on_delete=models.CASCADE, related_name="decisions", verbose_name=_("report")
    )
    version = models.PositiveIntegerField(_("version"))
    decision = models.CharField(_("decision"), max_length=20, choices=Decision)
    comment = models.TextField(_("summary comment"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided"), default=timezone.now)

    class Meta:
        verbose_name = _("review decision")
        verbose_name_plural = _("review decisions")
        ordering = ["report", "decided_at", "id"]
        constraints = [
            models.CheckConstraint(
                name="review_return_needs_comment",
                condition=~Q(decision="returned") | ~Q(comment=""),
                violation_error_message=_("Say what the forum should change."),
            ),
        ]

    def __str__(self):
        return f"{self.report}: {self.get_decision_display()} (v{self.version})"
