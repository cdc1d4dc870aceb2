"""What analysts make of the submitted reports: the codebook and coded passages, findings,
the targets figures are held to, and the national analysis with its built documents.

The tables keep the ``reporting_`` prefix they were created with (see docs/data-model.md):
moving these models here changed no row and no table.
"""

import datetime
import re
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from forums.models import Forum, in_language
from reporting import quantities
from reporting.models import Entry, FigureDefinition, Report, ReportingCycle
from svforum.revisions import Revisioned

# Coding the narrative -------------------------------------------------------------------

COLOUR_RE = re.compile(r"^#[0-9a-fA-F]{6}$")


def validate_colour(value):
    if not COLOUR_RE.match(value or ""):
        raise ValidationError(_("Give the colour as # and six hexadecimal digits, e.g. #1d70b8."))


class CodeQuerySet(models.QuerySet):
    def active(self):
        return self.filter(retired=False)


class Code(models.Model):
    """A theme of a cycle's codebook. One level of hierarchy: a code's parent has none."""

    cycle = models.ForeignKey(
        ReportingCycle, on_delete=models.CASCADE, related_name="codes", verbose_name=_("cycle")
    )
    name_en = models.CharField(_("name (English)"), max_length=120)
    name_cy = models.CharField(_("name (Welsh)"), max_length=120, blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    description_cy = models.TextField(_("description (Welsh)"), blank=True)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("part of"),
    )
    colour = models.CharField(
        _("colour"), max_length=7, default="#1d70b8", validators=[validate_colour]
    )
    include_note = models.TextField(_("include when"), blank=True)
    exclude_note = models.TextField(_("exclude when"), blank=True)
    retired = models.BooleanField(
        _("retired"), default=False, help_text=_("Kept with its passages; not offered for coding.")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )

    objects = CodeQuerySet.as_manager()

    class Meta:
        db_table = "reporting_code"
        verbose_name = _("code")
        verbose_name_plural = _("codes")
        ordering = ["cycle", "name_en"]
        constraints = [
            models.UniqueConstraint(
                Lower("name_en"),
                "cycle",
                name="code_unique_name_per_cycle",
                violation_error_message=_("The codebook already has a code of that name."),
            ),
            models.CheckConstraint(
                name="code_not_its_own_parent",
                condition=~Q(parent=F("pk")),
                violation_error_message=_("A code cannot be part of itself."),
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def name(self):
        return in_language(self, "name")

    @property
    def description(self):
        return in_language(self, "description")

    def clean(self):
        super().clean()
        if self.parent_id:
            if self.parent_id == self.pk:
                raise ValidationError({"parent": _("A code cannot be part of itself.")})
            if self.parent.parent_id:
                raise ValidationError(
                    {"parent": _("Choose a top-level code: codes have one level of hierarchy.")}
                )
            if self.parent.cycle_id != self.cycle_id:
                raise ValidationError({"parent": _("Choose a code of the same codebook.")})
            if self.pk and self.children.exists():
                raise ValidationError(
                    {"parent": _("This code has codes under it, so it must stay at the top.")}
                )


class CodedPassage(models.Model):
    """A passage of a section's narrative, marked by one analyst with one or more codes.

    ``start`` and ``end`` are character offsets into the section's text as it was at
    ``version``; ``quote`` is the text they held. When a resubmission leaves the text under
    the passage unchanged, the offsets follow it; when it changes that text, the passage is
    flagged for re-checking and keeps its quote — it is never moved silently or lost.
    """

    report = models.ForeignKey(
        Report, on_delete=models.CASCADE, related_name="passages", verbose_name=_("report")
    )
    entry = models.ForeignKey(
        Entry, on_delete=models.CASCADE, related_name="passages", verbose_name=_("section")
    )
    coder = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("coded by"),
    )
    codes = models.ManyToManyField(Code, related_name="passages", verbose_name=_("codes"))
    start = models.PositiveIntegerField(_("start"))
    end = models.PositiveIntegerField(_("end"))
    quote = models.TextField(_("passage"))
    memo = models.TextField(_("memo"), blank=True)
    version = models.PositiveIntegerField(_("version coded"))
    needs_recheck = models.BooleanField(
        _("needs re-checking"),
        default=False,
        help_text=_("A resubmission changed the text under it."),
    )
    created_at = models.DateTimeField(_("coded"), default=timezone.now)

    class Meta:
        db_table = "reporting_codedpassage"
        verbose_name = _("coded passage")
        verbose_name_plural = _("coded passages")
        ordering = ["entry", "start", "end", "id"]
        constraints = [
            models.CheckConstraint(
                name="passage_has_length",
                condition=Q(end__gt=F("start")),
                violation_error_message=_("Choose some text."),
            ),
        ]

    def __str__(self):
        return self.quote[:80]


class Finding(Revisioned):
    """An analyst's finding on a theme (a code) for one forum, or across Wales when no forum
    is given, with the coded passages chosen to support it: one cell of the themes-and-
    findings table the national analysis publishes. ``revision`` stops two analysts saving
    over each other."""

    code = models.ForeignKey(
        Code, on_delete=models.CASCADE, related_name="findings", verbose_name=_("theme")
    )
    forum = models.ForeignKey(
        Forum,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("forum"),
    )
    text_en = models.TextField(_("finding (English)"), blank=True)
    text_cy = models.TextField(_("finding (Welsh)"), blank=True)
    quotes = models.ManyToManyField(
        CodedPassage, blank=True, related_name="findings", verbose_name=_("supporting quotes")
    )

    class Meta:
        db_table = "reporting_finding"
        verbose_name = _("finding")
        verbose_name_plural = _("findings")
        ordering = ["code", "forum__name_en"]
        constraints = [
            models.UniqueConstraint(
                fields=["code", "forum"],
                condition=Q(forum__isnull=False),
                name="finding_one_per_theme_and_forum",
            ),
            models.UniqueConstraint(
                fields=["code"],
                condition=Q(forum__isnull=True),
                name="finding_one_per_theme_across_wales",
            ),
        ]

    def __str__(self):
        where = self.forum or _("Across Wales")
        return f"{self.code}: {where}"

    @property
    def text(self):
        return in_language(self, "text")

    def revision_parts(self):
        return [
            (_("Finding (English)"), self.text_en),
            (_("Finding (Welsh)"), self.text_cy),
        ]


class FigureTarget(models.Model):
    """A target the analysis holds a figure to in one cycle, e.g. the not-for-profit share of
    the Integrated Care Fund at least 20%."""

    class Comparison(models.TextChoices):
        AT_LEAST = "at_least", _("At least")
        AT_MOST = "at_most", _("At most")

    cycle = models.ForeignKey(
        ReportingCycle, on_delete=models.CASCADE, related_name="targets", verbose_name=_("cycle")
    )
    definition = models.ForeignKey(
        FigureDefinition,
        on_delete=models.CASCADE,
        related_name="targets",
        verbose_name=_("figure"),
    )
    comparison = models.CharField(
        _("comparison"), max_length=10, choices=Comparison, default=Comparison.AT_LEAST
    )

    class Measure(models.TextChoices):
        VALUE = "value", _("The figure’s value")
        SHARE = "share", _("The figure’s share")

    measure = models.CharField(
        _("what the target is of"), max_length=10, choices=Measure, default=Measure.VALUE
    )
    value = models.DecimalField(_("target"), max_digits=14, decimal_places=2)
    each_part = models.BooleanField(
        _("each part is held to it too"),
        default=False,
        help_text=_("E.g. the revenue and the capital of the fund, each on its own."),
    )
    each_area = models.BooleanField(
        _("each local authority is held to it too"),
        default=False,
        help_text=_("Where a forum gives the figure per local authority."),
    )
    note_en = models.CharField(_("source of the target (English)"), max_length=300, blank=True)
    note_cy = models.CharField(_("source of the target (Welsh)"), max_length=300, blank=True)

    class Meta:
        db_table = "reporting_figuretarget"
        verbose_name = _("figure target")
        verbose_name_plural = _("figure targets")
        ordering = ["cycle", "definition__position"]
        constraints = [
            models.UniqueConstraint(fields=["cycle", "definition"], name="target_one_per_figure"),
            models.CheckConstraint(
                name="target_not_negative",
                condition=Q(value__gte=0),
                violation_error_message=_("A target cannot be negative."),
            ),
        ]

    def __str__(self):
        return f"{self.definition}: {self.get_comparison_display()} {self.value}"

    @property
    def note(self):
        return in_language(self, "note")

    @property
    def kind(self):
        """The kind of number it is held against: a share is a percentage."""
        if self.measure == self.Measure.SHARE:
            return FigureDefinition.Kind.PERCENTAGE
        return self.definition.kind

    def standing_of(self, amount, share):
        """How a figure's (or a part's, or an authority's) amount and share, each a
        ``reporting.quantities.Quantity`` or None, stand against the target: a
        ``reporting.quantities.Standing``, or None when there is nothing to hold to it."""
        quantity = share if self.measure == self.Measure.SHARE else amount
        return quantities.standing(quantity, self.comparison, self.value)

    def clean(self):
        super().clean()
        if (
            self.definition_id
            and self.measure == self.Measure.SHARE
            and not (self.definition.asks_share)
        ):
            raise ValidationError({"measure": _("This figure does not ask for a share.")})
        if (
            self.definition_id
            and self.kind == FigureDefinition.Kind.PERCENTAGE
            and self.value is not None
            and self.value > 100
        ):
            raise ValidationError({"value": _("A percentage cannot be more than 100.")})
        if (
            self.definition_id
            and self.cycle_id
            and (self.definition.template_id != self.cycle.template_id)
        ):
            raise ValidationError({"definition": _("Choose a figure of the cycle’s template.")})


class NationalAnalysis(Revisioned):
    """The analysts' own text of a cycle's national analysis, in both languages; the
    product assembles the rest (the findings table, the comparison of figures, an appendix
    per forum). ``revision`` stops two analysts saving over each other."""

    SECTIONS = ("summary", "introduction", "method", "discussion", "recommendations")

    cycle = models.OneToOneField(
        ReportingCycle,
        on_delete=models.CASCADE,
        related_name="national_analysis",
        verbose_name=_("cycle"),
    )
    summary_en = models.TextField(_("executive summary (English)"), blank=True)
    summary_cy = models.TextField(_("executive summary (Welsh)"), blank=True)
    introduction_en = models.TextField(_("introduction (English)"), blank=True)
    introduction_cy = models.TextField(_("introduction (Welsh)"), blank=True)
    method_en = models.TextField(_("method (English)"), blank=True)
    method_cy = models.TextField(_("method (Welsh)"), blank=True)
    discussion_en = models.TextField(_("discussion (English)"), blank=True)
    discussion_cy = models.TextField(_("discussion (Welsh)"), blank=True)
    recommendations_en = models.TextField(_("recommendations (English)"), blank=True)
    recommendations_cy = models.TextField(_("recommendations (Welsh)"), blank=True)
    # Publication details, printed on the back of the cover.
    publisher = models.CharField(
        _("publisher"), max_length=200, default="Welsh Government / Llywodraeth Cymru"
    )
    isbn = models.CharField(_("ISBN (if it has one)"), max_length=20, blank=True)
    doi = models.CharField(_("DOI (if it has one)"), max_length=100, blank=True)

    class Meta:
        db_table = "reporting_nationalanalysis"
        verbose_name = _("national analysis")
        verbose_name_plural = _("national analyses")

    def __str__(self):
        return str(self.cycle)

    def section(self, name):
        return in_language(self, name)

    def revision_parts(self):
        """Each section in the active language, under its heading."""
        headings = {
            "summary": _("Executive summary"),
            "introduction": _("Introduction"),
            "method": _("Method"),
            "discussion": _("Discussion"),
            "recommendations": _("Recommendations"),
        }
        return [(headings[name], self.section(name)) for name in self.SECTIONS]

    def unwritten(self):
        """The sections not yet written in one language or the other, as (name, language):
        none may be missing from a published analysis."""
        return [
            (name, language)
            for name in self.SECTIONS
            for language in ("en", "cy")
            if not getattr(self, f"{name}_{language}").strip()
        ]


class NationalPublication(models.Model):
    """A published national analysis: fixed as it was on the day, in both languages, for
    the forums and everyone else to read in the service (later changes make a new one)."""

    cycle = models.ForeignKey(
        ReportingCycle,
        on_delete=models.CASCADE,
        related_name="national_publications",
        verbose_name=_("cycle"),
    )
    number = models.PositiveIntegerField(_("edition"))
    published_at = models.DateTimeField(_("published"), default=timezone.now)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("published by"),
    )
    publisher = models.CharField(_("publisher"), max_length=200)
    isbn = models.CharField(_("ISBN"), max_length=20, blank=True)
    doi = models.CharField(_("DOI"), max_length=100, blank=True)
    # The document as rendered (templates/analysis/_national_body.html) on publication.
    body_en = models.TextField(_("the analysis (English)"))
    body_cy = models.TextField(_("the analysis (Welsh)"))

    class Meta:
        verbose_name = _("published national analysis")
        verbose_name_plural = _("published national analyses")
        ordering = ["cycle", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["cycle", "number"], name="national_publication_unique")
        ]

    def __str__(self):
        return f"{self.cycle} ({self.number})"

    def body(self, language):
        return self.body_cy if language == "cy" else self.body_en


# A build takes seconds (docs/benchmarks.md); one not heard of for this long has died.
STALLED_AFTER = datetime.timedelta(minutes=15)


def _analysis_path(instance, filename):
    return f"national-analysis/{instance.cycle_id}/{uuid.uuid4().hex}.pdf"


class AnalysisDocument(models.Model):
    """A built PDF of a cycle's national analysis in one language. ``fingerprint`` sums up
    everything under it; while it matches, the stored file is served instead of building
    again. Builds run in the background (Django's tasks), reporting their progress here."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting to start")
        BUILDING = "building", _("Being built")
        READY = "ready", _("Ready")
        FAILED = "failed", _("Failed")

    cycle = models.ForeignKey(
        ReportingCycle,
        on_delete=models.CASCADE,
        related_name="analysis_documents",
        verbose_name=_("cycle"),
    )
    language = models.CharField(_("language"), max_length=2)
    # The published edition it prints (None: the draft, as things stand).
    publication = models.ForeignKey(
        NationalPublication,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="documents",
        verbose_name=_("published edition"),
    )
    fingerprint = models.CharField(_("fingerprint"), max_length=64)
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.QUEUED)
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    file = models.FileField(_("file"), upload_to=_analysis_path, blank=True)
    pages = models.PositiveIntegerField(_("pages"), null=True, blank=True)
    error = models.TextField(_("error"), blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("requested by"),
    )
    requested_at = models.DateTimeField(_("requested"), default=timezone.now)
    # The build's heartbeat: set when it is queued and at every step. A build whose worker
    # died stops beating; after STALLED_AFTER it is offered again.
    updated_at = models.DateTimeField(_("last heard of"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        db_table = "reporting_analysisdocument"
        verbose_name = _("national analysis PDF")
        verbose_name_plural = _("national analysis PDFs")
        ordering = ["cycle", "language", "-requested_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["cycle", "language", "fingerprint"], name="analysis_document_unique"
            ),
        ]

    def __str__(self):
        return f"{self.cycle} ({self.language})"

    @property
    def stalled(self):
        """Waiting or being built, but not heard of for STALLED_AFTER: its worker died."""
        if self.status not in (self.Status.QUEUED, self.Status.BUILDING):
            return False
        heard = self.updated_at or self.requested_at
        return heard < timezone.now() - STALLED_AFTER
