import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from forums.models import Forum, Principle, validate_principles

WORD_RE = re.compile(r"\w+(?:[’'-]\w+)*")


def count_words(text):
    return len(WORD_RE.findall(text or ""))


def _in_language(obj, field):
    welsh = getattr(obj, f"{field}_cy")
    return welsh if get_language() == "cy" and welsh else getattr(obj, f"{field}_en")


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
        return _in_language(self, "title")

    @property
    def guidance(self):
        return _in_language(self, "guidance")


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
        ]

    def __str__(self):
        return self.name

    @property
    def name(self):
        return _in_language(self, "name")


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


class Entry(models.Model):
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
    revision = models.PositiveIntegerField(_("revision"), default=0)
    updated_at = models.DateTimeField(_("last saved"), null=True, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("last saved by"),
    )

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
        elif not self.text.strip():  # narrative, and for now the quantitative return
            return _("Write this section before marking it as completed.")
        return ""

    @property
    def word_count(self):
        return count_words(self.text)

    @property
    def is_done(self):
        return self.status in self.DONE


class CaseStudy(models.Model):
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
        labels = dict(Principle.choices)
        return [labels[p] for p in self.principles if p in labels]


class WorkProgrammeItem(models.Model):
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

    class Meta:
        verbose_name = _("work programme item")
        verbose_name_plural = _("work programme items")
        ordering = ["report", "created_at", "id"]

    def __str__(self):
        return self.aim[:80]

    def get_principles_display(self):
        labels = dict(Principle.choices)
        return [labels[p] for p in self.principles if p in labels]
