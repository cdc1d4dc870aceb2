import datetime
import re

from django.core.exceptions import ValidationError
from django.core.validators import (
    FileExtensionValidator,
    MaxValueValidator,
    MinValueValidator,
    RegexValidator,
)
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from svforum.revisions import Revisioned


class Principle(models.TextChoices):
    """The key principles of the Social Services and Well-being (Wales) Act 2014."""

    WELL_BEING = "well_being", _("Well-being")
    VOICE_AND_CONTROL = "voice_control", _("Voice and control")
    PREVENTION = "prevention", _("Prevention and early intervention")
    CO_PRODUCTION = "co_production", _("Co-production")
    MULTI_AGENCY = "multi_agency", _("Multi-agency working")


def principle_labels(codes):
    """The labels of a list of principle codes, in its order (unknown codes skipped)."""
    labels = dict(Principle.choices)
    return [labels[code] for code in codes if code in labels]


def validate_principles(value):
    if not isinstance(value, list) or any(item not in Principle.values for item in value):
        raise ValidationError(_("Choose principles from the list."), code="invalid_principle")


def in_language(obj, field):
    """``obj.<field>_cy`` in Welsh when it is filled in, else ``obj.<field>_en``."""
    welsh = getattr(obj, f"{field}_cy", "")
    return welsh if get_language() == "cy" and welsh else getattr(obj, f"{field}_en")


class BilingualNamed(models.Model):
    """Reference data named in both languages; ``name`` follows the active language."""

    name_en = models.CharField(_("name (English)"), max_length=200)
    name_cy = models.CharField(_("name (Welsh)"), max_length=200)

    class Meta:
        abstract = True

    def __str__(self):
        return self.name

    @property
    def name(self):
        return in_language(self, "name")


class Dated(models.Model):
    """A period with an open end: ``ends_on`` empty means it still holds."""

    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("until"), null=True, blank=True)

    class Meta:
        abstract = True


class LocalAuthority(BilingualNamed):
    code = models.CharField(
        _("ONS code"),
        max_length=9,
        unique=True,
        validators=[RegexValidator(r"^W06\d{6}$", _("Enter an ONS code such as W06000015."))],
    )

    class Meta:
        verbose_name = _("local authority")
        verbose_name_plural = _("local authorities")
        ordering = ["name_en"]


class HealthBoard(BilingualNamed):
    slug = models.SlugField(_("short name"), unique=True)

    class Meta:
        verbose_name = _("health board")
        verbose_name_plural = _("health boards")
        ordering = ["name_en"]


class ForumQuerySet(models.QuerySet):
    def with_current_footprint(self):
        return self.prefetch_related(
            models.Prefetch(
                "areas",
                queryset=ForumArea.objects.current().select_related("local_authority"),
                to_attr="current_areas",
            )
        )


class Forum(BilingualNamed):
    """One of the seven regional Social Value Forums, on its Regional Partnership Board's area."""

    class HostType(models.TextChoices):
        CVC = "cvc", _("County Voluntary Council")
        LOCAL_AUTHORITY = "local_authority", _("Local authority")
        COMMISSIONING_UNIT = "commissioning_unit", _("Commissioning unit")
        OTHER = "other", _("Other")

    slug = models.SlugField(_("short name"), unique=True)
    region_en = models.CharField(_("region (English)"), max_length=100)
    region_cy = models.CharField(_("region (Welsh)"), max_length=100)
    alternative_name = models.CharField(
        _("alternative name"),
        max_length=200,
        blank=True,
        help_text=_("Another name the forum goes by, such as ‘Provider Forum’."),
    )
    established_on = models.DateField(_("date established"), null=True, blank=True)
    secretariat_host_type = models.CharField(
        _("secretariat hosted by"), max_length=20, choices=HostType, blank=True
    )
    secretariat_host = models.CharField(
        _("name of the secretariat’s host"), max_length=200, blank=True
    )
    terms_of_reference = models.FileField(
        _("terms of reference"),
        upload_to="forums/terms-of-reference/",
        blank=True,
        validators=[FileExtensionValidator(["pdf", "docx", "odt"])],
    )
    rpb_reporting = models.TextField(
        _("how the forum reports to its Regional Partnership Board"), blank=True
    )
    citizen_retention_years = models.PositiveSmallIntegerField(
        _("keep citizens’ names for (years after they leave)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(50)],
        help_text=_(
            "Citizens who left longer ago than this are listed for erasure, and erased by the "
            "daily clean-up. Leave empty to set no period."
        ),
    )

    objects = ForumQuerySet.as_manager()

    class Meta:
        verbose_name = _("forum")
        verbose_name_plural = _("forums")
        ordering = ["name_en"]

    def get_absolute_url(self):
        return reverse("forums:home", args=[self.slug])

    @property
    def region(self):
        if get_language() == "cy" and self.region_cy:
            return self.region_cy
        return self.region_en


class DatedQuerySet(models.QuerySet):
    def current(self, on=None):
        on = on or datetime.date.today()
        return self.filter(Q(ends_on__isnull=True) | Q(ends_on__gte=on), starts_on__lte=on)


def _dated_constraint(prefix):
    return models.CheckConstraint(
        name=f"{prefix}_ends_after_start",
        condition=Q(ends_on__isnull=True) | Q(ends_on__gte=F("starts_on")),
        violation_error_message=_("The end date must be on or after the start date."),
    )


class ForumArea(Dated):
    """A local authority on a forum's footprint for a period (footprints change)."""

    forum = models.ForeignKey(Forum, on_delete=models.CASCADE, related_name="areas")
    local_authority = models.ForeignKey(
        LocalAuthority, on_delete=models.PROTECT, related_name="forum_areas"
    )

    objects = DatedQuerySet.as_manager()

    class Meta:
        verbose_name = _("local authority on the footprint")
        verbose_name_plural = _("local authorities on the footprint")
        ordering = ["forum", "local_authority__name_en", "starts_on"]
        constraints = [_dated_constraint("forumarea")]

    def __str__(self):
        return f"{self.forum}: {self.local_authority}"


class ForumHealthBoard(Dated):
    """The health board on a forum's footprint for a period (boards were renamed in 2019)."""

    forum = models.ForeignKey(Forum, on_delete=models.CASCADE, related_name="health_boards")
    health_board = models.ForeignKey(
        HealthBoard, on_delete=models.PROTECT, related_name="forum_links"
    )

    objects = DatedQuerySet.as_manager()

    class Meta:
        verbose_name = _("health board on the footprint")
        verbose_name_plural = _("health boards on the footprint")
        ordering = ["forum", "starts_on"]
        constraints = [_dated_constraint("forumhealthboard")]

    def __str__(self):
        return f"{self.forum}: {self.health_board}"


# Charity numbers of the Charity Commission for England and Wales: six or seven digits,
# with an optional “-N” for a linked charity. Company numbers: eight digits, or two letters
# (SC, NI, OC, CE, …) and six digits.
CHARITY_NUMBER_RE = re.compile(r"^\d{6,7}(-\d{1,2})?$")
COMPANY_NUMBER_RE = re.compile(r"^(\d{8}|[A-Z]{2}\d{6})$")


def normalise_company_number(value):
    value = re.sub(r"\s+", "", value or "").upper()
    if value.isdigit() and 0 < len(value) < 8:
        value = value.zfill(8)
    return value


class Organisation(Revisioned):
    """One shared register of organisations, used by every forum (and by commissioning)."""

    class LegalForm(models.TextChoices):
        CIO = "cio", _("Charitable incorporated organisation")
        CLG = "clg", _("Company limited by guarantee")
        CLS = "cls", _("Company limited by shares")
        CIC = "cic", _("Community interest company")
        SOCIETY = "society", _("Co-operative or community benefit society")
        UNINCORPORATED = "unincorporated", _("Unincorporated association")
        TRUST = "trust", _("Charitable trust")
        PARTNERSHIP = "partnership", _("Sole trader or partnership")
        PUBLIC_BODY = "public_body", _("Public body")
        OTHER = "other", _("Other")

    class Section16Category(models.TextChoices):
        SOCIAL_ENTERPRISE = "social_enterprise", _("Social enterprise")
        COOPERATIVE = "cooperative", _("Co-operative organisation")
        COOPERATIVE_ARRANGEMENT = "cooperative_arrangement", _("Co-operative arrangement")
        USER_LED = "user_led", _("User-led service")
        THIRD_SECTOR = "third_sector", _("Third sector organisation")
        NONE = "none", _("None")

    class Sector(models.TextChoices):
        THIRD_SECTOR = "third_sector", _("Third sector")
        SOCIAL_ENTERPRISE = "social_enterprise", _("Social enterprise")
        COOPERATIVE = "cooperative", _("Co-operative")
        PRIVATE = "private", _("Private")
        PUBLIC = "public", _("Public")

    name = models.CharField(_("name"), max_length=200)
    legal_form = models.CharField(_("legal form"), max_length=20, choices=LegalForm)
    section_16_category = models.CharField(
        _("section 16 category"),
        max_length=30,
        choices=Section16Category,
        default=Section16Category.NONE,
        help_text=_("The social value model under section 16 of the 2014 Act, if any."),
    )
    sector = models.CharField(_("sector"), max_length=20, choices=Sector)
    not_for_profit = models.BooleanField(_("not for profit"), default=False)
    charity_number = models.CharField(
        _("charity number"),
        max_length=12,
        blank=True,
        validators=[
            RegexValidator(
                CHARITY_NUMBER_RE,
                _("Enter a charity number of 6 or 7 digits, such as 1234567 or 1234567-1."),
            )
        ],
    )
    company_number = models.CharField(
        _("company number"),
        max_length=8,
        blank=True,
        validators=[
            RegexValidator(
                COMPANY_NUMBER_RE,
                _("Enter a company number of 8 digits, or 2 letters and 6 digits (SC123456)."),
            )
        ],
    )
    local_authorities = models.ManyToManyField(
        LocalAuthority,
        blank=True,
        related_name="organisations",
        verbose_name=_("local authorities served"),
    )
    social_value_organisation = models.BooleanField(
        _("calls itself a social value organisation"), default=False
    )
    sme = models.BooleanField(
        _("small or medium-sized enterprise"),
        default=False,
        help_text=_("Fewer than 250 staff, and a turnover of up to £44m or assets of up to £38m."),
    )
    address = models.TextField(
        _("principal address"),
        blank=True,
        help_text=_("Published in contract registers when the organisation holds a contract."),
    )
    dewis_url = models.URLField(_("Dewis Cymru listing"), blank=True)
    infoengine_url = models.URLField(_("Infoengine listing"), blank=True)
    created_at = models.DateTimeField(_("added on"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                Lower("name"),
                name="organisation_unique_name",
                violation_error_message=_("An organisation with this name is already registered."),
            ),
            models.UniqueConstraint(
                fields=["charity_number"],
                condition=~Q(charity_number=""),
                name="organisation_unique_charity_number",
                violation_error_message=_(
                    "An organisation with this charity number is already registered."
                ),
            ),
            models.UniqueConstraint(
                fields=["company_number"],
                condition=~Q(company_number=""),
                name="organisation_unique_company_number",
                violation_error_message=_(
                    "An organisation with this company number is already registered."
                ),
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("organisations:detail", args=[self.pk])

    def clean_fields(self, exclude=None):
        # Normalised before the field validators see them: "sc 123456" → "SC123456".
        self.name = " ".join((self.name or "").split())
        self.charity_number = re.sub(r"\s+", "", self.charity_number or "")
        self.company_number = normalise_company_number(self.company_number)
        super().clean_fields(exclude=exclude)

    def clean(self):
        super().clean()
        errors = {}
        if self.dewis_url and not any(
            domain in self.dewis_url.lower() for domain in ("dewis.wales", "dewis.cymru")
        ):
            errors["dewis_url"] = _(
                "Enter the address of a Dewis Cymru page (dewis.wales or dewis.cymru)."
            )
        if self.infoengine_url and "infoengine.cymru" not in self.infoengine_url.lower():
            errors["infoengine_url"] = _(
                "Enter the address of an Infoengine page (infoengine.cymru)."
            )
        if errors:
            raise ValidationError(errors)


class MembershipQuerySet(models.QuerySet):
    def current(self, on=None):
        on = on or datetime.date.today()
        return self.filter(Q(left_on__isnull=True) | Q(left_on__gte=on), joined_on__lte=on)


class ForumMembership(models.Model):
    class Role(models.TextChoices):
        MEMBER = "member", _("Member")
        STEERING_GROUP = "steering_group", _("Steering group member")
        CHAIR = "chair", _("Chair")
        VICE_CHAIR = "vice_chair", _("Vice-chair")

    forum = models.ForeignKey(
        Forum, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("forum")
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="memberships",
        verbose_name=_("organisation"),
    )
    role = models.CharField(_("role"), max_length=20, choices=Role, default=Role.MEMBER)
    joined_on = models.DateField(_("joined"))
    left_on = models.DateField(_("left"), null=True, blank=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["organisation__name", "-joined_on"]
        constraints = [
            models.CheckConstraint(
                name="membership_left_after_joined",
                condition=Q(left_on__isnull=True) | Q(left_on__gte=F("joined_on")),
                violation_error_message=_("The date left must be on or after the date joined."),
            ),
            # An organisation holds at most one open membership of a forum; a closed
            # one may be followed by a new one (see clean() for overlapping periods).
            models.UniqueConstraint(
                fields=["forum", "organisation"],
                condition=Q(left_on__isnull=True),
                name="membership_one_open_per_forum",
                violation_error_message=_("This organisation is already a member of the forum."),
            ),
        ]

    def __str__(self):
        return f"{self.organisation} ({self.forum})"

    def get_absolute_url(self):
        return reverse("forums:forummembership_detail", args=[self.forum.slug, self.pk])

    def clean(self):
        super().clean()
        if not (self.forum_id and self.organisation_id and self.joined_on):
            return
        if self.left_on and self.left_on < self.joined_on:
            return  # reported by the check constraint
        others = ForumMembership.objects.filter(
            forum_id=self.forum_id, organisation_id=self.organisation_id
        ).exclude(pk=self.pk)
        end = self.left_on or datetime.date.max
        overlapping = others.filter(
            Q(left_on__isnull=True) | Q(left_on__gte=self.joined_on)
        ).filter(joined_on__lte=end)
        if overlapping.exists():
            raise ValidationError(
                _("This organisation already has a membership of the forum in that period."),
                code="overlapping_membership",
            )

    @property
    def is_current(self):
        today = datetime.date.today()
        return self.joined_on <= today and (self.left_on is None or self.left_on >= today)


class Citizen(models.Model):
    """A person who uses care and support, or a carer, taking part as a co-producer.

    Holds the least personal data that serves. Only the forum's own secretariat and
    administrators see these details; analysts see counts only.
    """

    class Role(models.TextChoices):
        SERVICE_USER = "service_user", _("Person who uses care and support")
        CARER = "carer", _("Carer")
        PANEL = "panel", _("Citizen panel representative")
        OTHER = "other", _("Other")

    forum = models.ForeignKey(
        Forum, on_delete=models.CASCADE, related_name="citizens", verbose_name=_("forum")
    )
    name = models.CharField(
        _("name or pseudonym"),
        max_length=120,
        help_text=_("A first name or a pseudonym is enough."),
    )
    role = models.CharField(_("role"), max_length=20, choices=Role)
    local_authority = models.ForeignKey(
        LocalAuthority,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("area"),
    )
    preferred_language = models.CharField(
        _("preferred language"),
        max_length=2,
        choices=[("cy", _("Welsh")), ("en", _("English"))],
        default="en",
    )
    contact = models.CharField(
        _("contact details"),
        max_length=200,
        blank=True,
        help_text=_("Optional. Only if the person agreed to be contacted."),
    )
    joined_on = models.DateField(_("joined"))
    left_on = models.DateField(_("left"), null=True, blank=True)
    consent_given_on = models.DateField(_("consent given on"), null=True, blank=True)
    consent_purpose = models.CharField(_("what consent was given for"), max_length=300, blank=True)
    consent_wording_version = models.CharField(
        _("version of the consent wording"), max_length=40, blank=True
    )
    consent_withdrawn_on = models.DateField(_("consent withdrawn on"), null=True, blank=True)
    # Set when the person's name was erased (forums/personal_data.py): the record stays,
    # under a pseudonym, for the forum's counts.
    erased_on = models.DateField(_("name erased on"), null=True, blank=True, editable=False)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("citizen")
        verbose_name_plural = _("citizens")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                name="citizen_left_after_joined",
                condition=Q(left_on__isnull=True) | Q(left_on__gte=F("joined_on")),
                violation_error_message=_("The date left must be on or after the date joined."),
            ),
            models.CheckConstraint(
                name="citizen_withdrawal_after_consent",
                condition=Q(consent_withdrawn_on__isnull=True)
                | Q(
                    consent_given_on__isnull=False, consent_withdrawn_on__gte=F("consent_given_on")
                ),
                violation_error_message=_(
                    "Consent can only be withdrawn on or after the day it was given."
                ),
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("forums:citizen_detail", args=[self.forum.slug, self.pk])

    def clean(self):
        super().clean()
        if self.consent_withdrawn_on:
            # Withdrawing consent removes the contact details kept under it.
            self.contact = ""
        if self.consent_given_on and not (self.consent_purpose and self.consent_wording_version):
            raise ValidationError(
                {
                    "consent_purpose": _(
                        "Say what consent was given for and which version of the wording was used."
                    )
                }
            )
        if self.contact and not self.has_consent:
            raise ValidationError(
                {"contact": _("Contact details can only be kept with the person’s consent.")}
            )

    @property
    def has_consent(self):
        return bool(self.consent_given_on and not self.consent_withdrawn_on)


class MeetingQuerySet(models.QuerySet):
    def held_between(self, start, end):
        return self.filter(held_on__gte=start, held_on__lte=end)


class Meeting(Revisioned):
    class Kind(models.TextChoices):
        FULL_FORUM = "full_forum", _("Full forum")
        STEERING_GROUP = "steering_group", _("Steering group")
        CO_PRODUCTION = "co_production", _("Co-production group")
        WORKSHOP = "workshop", _("Workshop")
        TASK_AND_FINISH = "task_and_finish", _("Task and finish group")

    forum = models.ForeignKey(
        Forum, on_delete=models.CASCADE, related_name="meetings", verbose_name=_("forum")
    )
    kind = models.CharField(_("type of meeting"), max_length=20, choices=Kind)
    held_on = models.DateField(_("date"))
    place = models.CharField(_("place"), max_length=200, blank=True)
    online = models.BooleanField(_("held online"), default=False)
    minutes = models.TextField(_("minutes"), blank=True)
    organisations_present = models.ManyToManyField(
        Organisation,
        blank=True,
        related_name="meetings_attended",
        verbose_name=_("organisations present"),
    )
    citizens_present = models.ManyToManyField(
        Citizen, blank=True, related_name="meetings_attended", verbose_name=_("citizens present")
    )
    # Counts for a meeting whose attendees are not listed one by one (a meeting imported
    # from a forum's own spreadsheet, a large event): what the forum counted.
    people_count = models.PositiveIntegerField(
        _("number of people present"),
        null=True,
        blank=True,
        help_text=_("Everyone present, citizens included. Leave empty if not counted."),
    )
    organisations_count = models.PositiveIntegerField(
        _("number of organisations present"),
        null=True,
        blank=True,
        help_text=_(
            "Leave empty to count the organisations ticked above; give a number when not "
            "every organisation present is listed."
        ),
    )

    objects = MeetingQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["-held_on", "-id"]
        indexes = [models.Index(fields=["forum", "held_on"], name="meeting_forum_date_idx")]

    def __str__(self):
        return f"{self.get_kind_display()}, {self.held_on:%d/%m/%Y}"

    def get_absolute_url(self):
        return reverse("forums:meeting_detail", args=[self.forum.slug, self.pk])

    @property
    def organisations_attending(self):
        """The number of organisations present: the count given, else those listed (the
        list view annotates ``organisation_count``)."""
        if self.organisations_count is not None:
            return self.organisations_count
        listed = getattr(self, "organisation_count", None)
        return listed if listed is not None else self.organisations_present.count()

    def clean(self):
        super().clean()
        if not self.online and not self.place:
            raise ValidationError(
                {"place": _("Enter where the meeting was held, or say it was online.")}
            )


class AgendaItem(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agenda_items")
    position = models.PositiveSmallIntegerField(_("order"), default=0)
    title = models.CharField(_("agenda item"), max_length=300)
    standing_item = models.BooleanField(_("standing item"), default=False)
    principles = models.JSONField(
        _("principles"), default=list, blank=True, validators=[validate_principles]
    )

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        ordering = ["position", "id"]

    def __str__(self):
        return self.title

    def get_principles_display(self):
        return principle_labels(self.principles)


class MeetingAction(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        DONE = "done", _("Done")
        CANCELLED = "cancelled", _("Cancelled")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="actions")
    description = models.CharField(_("action"), max_length=300)
    owner = models.CharField(_("owner"), max_length=200)
    due_on = models.DateField(_("due"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.OPEN)

    class Meta:
        verbose_name = _("action")
        verbose_name_plural = _("actions")
        ordering = ["due_on", "id"]

    def __str__(self):
        return self.description


class ProjectQuerySet(models.QuerySet):
    def established_by_forum(self):
        return self.filter(origin=Project.Origin.FORUM)


class Project(models.Model):
    """An initiative the forum reports. Only those it established itself count as its own."""

    class Origin(models.TextChoices):
        FORUM = "forum", _("Established by this forum")
        PRECURSOR = "precursor", _("Established by a precursor group")
        PRE_DATES = "pre_dates", _("Pre-dates the forum")

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        ACTIVE = "active", _("Active")
        COMPLETED = "completed", _("Completed")
        STOPPED = "stopped", _("Stopped")

    forum = models.ForeignKey(
        Forum, on_delete=models.CASCADE, related_name="projects", verbose_name=_("forum")
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    origin = models.CharField(
        _("origin"),
        max_length=20,
        choices=Origin,
        help_text=_("Only projects established by this forum count as the forum’s own."),
    )
    started_on = models.DateField(_("start date"), null=True, blank=True)
    ended_on = models.DateField(_("end date"), null=True, blank=True)
    funding_source = models.CharField(_("funding source"), max_length=200, blank=True)
    organisations = models.ManyToManyField(
        Organisation, blank=True, related_name="projects", verbose_name=_("organisations involved")
    )
    status = models.CharField(_("status"), max_length=20, choices=Status, default=Status.ACTIVE)

    objects = ProjectQuerySet.as_manager()

    class Meta:
        verbose_name = _("project")
        verbose_name_plural = _("projects")
        ordering = ["title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(started_on__isnull=True)
                | Q(ended_on__isnull=True)
                | Q(ended_on__gte=F("started_on")),
                name="project_ends_after_start",
                violation_error_message=_("The end date must be on or after the start date."),
            )
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("forums:project_detail", args=[self.forum.slug, self.pk])

    def clean(self):
        super().clean()
        if self.started_on and self.ended_on and self.ended_on < self.started_on:
            raise ValidationError(
                {"ended_on": _("The end date must be on or after the start date.")}
            )

    @property
    def starts_before_forum(self):
        established = self.forum.established_on
        return bool(established and self.started_on and self.started_on < established)
