"""Commissioning: bodies and their policy, measurement frameworks, tenders with weighted award
criteria, scored bids, awards, contracts with social value commitments, and their monitoring.

Weights are whole percentages whose sum of 100 is a database constraint. A commitment's
status is kept up to date by ``commissioning.services`` whenever a return or the commitment
changes: its progress as of the last return (on track / at risk / off track) is stored, and
whether a return is overdue follows from the stored due date and today, so lists and
dashboards filter on columns rather than recomputing every commitment.
"""

import datetime
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from forums.models import BilingualNamed, in_language
from svforum.revisions import Revisioned

ZERO = Decimal("0")
MONEY = {"max_digits": 14, "decimal_places": 2}
QUANTITY = {"max_digits": 14, "decimal_places": 2}


class WellBeingGoal(models.TextChoices):
    """The seven well-being goals of the Well-being of Future Generations (Wales) Act 2015."""

    PROSPEROUS = "prosperous", _("A prosperous Wales")
    RESILIENT = "resilient", _("A resilient Wales")
    HEALTHIER = "healthier", _("A healthier Wales")
    MORE_EQUAL = "more_equal", _("A more equal Wales")
    COHESIVE = "cohesive", _("A Wales of cohesive communities")
    CULTURE_LANGUAGE = (
        "culture_language",
        _("A Wales of vibrant culture and thriving Welsh language"),
    )
    GLOBALLY_RESPONSIBLE = "globally_responsible", _("A globally responsible Wales")


def validate_goals(value):
    if not isinstance(value, list) or any(item not in WellBeingGoal.values for item in value):
        raise ValidationError(_("Choose well-being goals from the list."), code="invalid_goal")


def goal_labels(codes):
    labels = dict(WellBeingGoal.choices)
    return [labels[code] for code in codes if code in labels]


# Addresses under /commissioning/ that are not bodies.
RESERVED_SLUGS = {"regions", "public", "frameworks", "new"}


def validate_body_slug(value):
    if value in RESERVED_SLUGS:
        raise ValidationError(_("This short name is reserved; choose another."), code="reserved")


# Commissioning bodies and their policy --------------------------------------------------


class CommissioningBody(BilingualNamed):
    """A public body that commissions services, in a region (a forum's footprint)."""

    class Kind(models.TextChoices):
        LOCAL_AUTHORITY = "local_authority", _("Local authority")
        HEALTH_BOARD = "health_board", _("Health board")
        RPB = "rpb", _("Regional Partnership Board")
        OTHER = "other", _("Other public body")

    slug = models.SlugField(
        _("short name for addresses"),
        max_length=60,
        unique=True,
        validators=[validate_body_slug],
    )
    kind = models.CharField(_("type of body"), max_length=20, choices=Kind)
    region = models.ForeignKey(
        "forums.Forum",
        on_delete=models.PROTECT,
        related_name="commissioning_bodies",
        verbose_name=_("region"),
        help_text=_("The region is the footprint of its Regional Partnership Board and forum."),
    )
    local_authority = models.ForeignKey(
        "forums.LocalAuthority",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="commissioning_bodies",
        verbose_name=_("local authority area"),
        help_text=_("For a local authority, its own area; leave empty for a regional body."),
    )
    publish_contracts = models.BooleanField(
        _("publish contracts"),
        default=False,
        help_text=_(
            "Show this body’s contracts, their social value commitments and progress on a "
            "public page (no personal data, no commercially confidential fields)."
        ),
    )

    class Meta:
        verbose_name = _("commissioning body")
        verbose_name_plural = _("commissioning bodies")
        ordering = ["name_en"]

    def get_absolute_url(self):
        return reverse("commissioning:body", args=[self.slug])

    def policy_on(self, date):
        """The policy in force on ``date`` (None before the first)."""
        return self.policies.filter(starts_on__lte=date).order_by("-starts_on").first()


class PolicySetting(models.Model):
    """A body's social value policy from a date until the next one starts."""

    class Regime(models.TextChoices):
        NONE = "none", _("Social value not required")
        LIGHT = "light", _("Light-touch social value")
        FULL = "full", _("Full social value consideration")

    class MinimumRule(models.TextChoices):
        WARN = "warn", _("Warn, but allow")
        BLOCK = "block", _("Block")

    body = models.ForeignKey(
        CommissioningBody,
        on_delete=models.CASCADE,
        related_name="policies",
        verbose_name=_("commissioning body"),
    )
    starts_on = models.DateField(_("in force from"))
    light_touch_from = models.DecimalField(
        _("light-touch regime from (£)"),
        **MONEY,
        default=Decimal("200000"),
        validators=[MinValueValidator(ZERO)],
        help_text=_("Estimated value including VAT from which social value applies lightly."),
    )
    full_from = models.DecimalField(
        _("full regime from (£)"),
        **MONEY,
        default=Decimal("750000"),
        validators=[MinValueValidator(ZERO)],
        help_text=_("Estimated value including VAT from which social value is fully considered."),
    )
    minimum_social_value_weight = models.PositiveSmallIntegerField(
        _("minimum social value weighting (%)"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(100)],
        help_text=_("Leave empty for no minimum."),
    )
    minimum_rule = models.CharField(
        _("when a tender is below the minimum"),
        max_length=5,
        choices=MinimumRule,
        default=MinimumRule.WARN,
    )
    return_grace_days = models.PositiveSmallIntegerField(
        _("days allowed for a monitoring return"),
        default=30,
        validators=[MaxValueValidator(365)],
        help_text=_("How long after a period ends its monitoring return is due."),
    )
    core_measures = models.ManyToManyField(
        "Measure",
        blank=True,
        related_name="+",
        verbose_name=_("core measures"),
        help_text=_("Measures every contract must carry as core commitments."),
    )
    created_at = models.DateTimeField(_("recorded"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )

    class Meta:
        verbose_name = _("policy setting")
        verbose_name_plural = _("policy settings")
        ordering = ["body", "-starts_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["body", "starts_on"],
                name="policy_one_per_body_and_date",
                violation_error_message=_("This body already has a policy from that date."),
            ),
            models.CheckConstraint(
                name="policy_full_from_not_below_light",
                condition=Q(full_from__gte=F("light_touch_from")),
                violation_error_message=_(
                    "The full regime cannot start below the light-touch regime."
                ),
            ),
            models.CheckConstraint(
                name="policy_minimum_weight_percentage",
                condition=Q(minimum_social_value_weight__isnull=True)
                | Q(minimum_social_value_weight__lte=100),
                violation_error_message=_("A weighting is a percentage from 0 to 100."),
            ),
        ]

    def __str__(self):
        return _("Policy from %(date)s") % {"date": self.starts_on.strftime("%d/%m/%Y")}

    def regime(self, value):
        if value is None:
            return None
        if value >= self.full_from:
            return self.Regime.FULL
        if value >= self.light_touch_from:
            return self.Regime.LIGHT
        return self.Regime.NONE


# Measurement frameworks -----------------------------------------------------------------


class Framework(models.Model):
    """A themes → outcomes → measures framework, one row per version. A contract records the
    version it used; a version in use is not edited but copied into a new one."""

    name_en = models.CharField(_("name (English)"), max_length=200)
    name_cy = models.CharField(_("name (Welsh)"), max_length=200)
    version = models.CharField(_("version"), max_length=30)
    published_on = models.DateField(_("published"), default=datetime.date.today)
    source = models.TextField(
        _("source and licence"),
        blank=True,
        help_text=_("Where the framework comes from and on what terms this body may use it."),
    )
    created_at = models.DateTimeField(_("added"), default=timezone.now)

    class Meta:
        verbose_name = _("measurement framework")
        verbose_name_plural = _("measurement frameworks")
        ordering = ["name_en", "-published_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["name_en", "version"],
                name="framework_unique_version",
                violation_error_message=_("A framework with this name and version exists."),
            )
        ]

    def __str__(self):
        return f"{self.name} ({self.version})"

    def get_absolute_url(self):
        return reverse("commissioning:framework", args=[self.pk])

    @property
    def name(self):
        return in_language(self, "name")


class Theme(models.Model):
    framework = models.ForeignKey(
        Framework, on_delete=models.CASCADE, related_name="themes", verbose_name=_("framework")
    )
    code = models.CharField(_("code"), max_length=20)
    name_en = models.CharField(_("name (English)"), max_length=200)
    name_cy = models.CharField(_("name (Welsh)"), max_length=200)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("theme")
        verbose_name_plural = _("themes")
        ordering = ["framework", "position", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["framework", "code"],
                name="theme_unique_code",
                violation_error_message=_("This framework already has a theme with this code."),
            )
        ]

    def __str__(self):
        return f"{self.code} {self.name}"

    @property
    def name(self):
        return in_language(self, "name")


class Outcome(models.Model):
    theme = models.ForeignKey(
        Theme, on_delete=models.CASCADE, related_name="outcomes", verbose_name=_("theme")
    )
    code = models.CharField(_("code"), max_length=20)
    name_en = models.CharField(_("name (English)"), max_length=300)
    name_cy = models.CharField(_("name (Welsh)"), max_length=300)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("outcome")
        verbose_name_plural = _("outcomes")
        ordering = ["theme", "position", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["theme", "code"],
                name="outcome_unique_code",
                violation_error_message=_("This theme already has an outcome with this code."),
            )
        ]

    def __str__(self):
        return f"{self.code} {self.name}"

    @property
    def name(self):
        return in_language(self, "name")


class Measure(models.Model):
    """What a commitment counts. A financial proxy (£ a unit) is optional: without one the
    measure is recorded only, never given a money value."""

    outcome = models.ForeignKey(
        Outcome, on_delete=models.CASCADE, related_name="measures", verbose_name=_("outcome")
    )
    code = models.CharField(_("code"), max_length=20)
    name_en = models.CharField(_("name (English)"), max_length=300)
    name_cy = models.CharField(_("name (Welsh)"), max_length=300)
    help_en = models.TextField(_("help (English)"), blank=True)
    help_cy = models.TextField(_("help (Welsh)"), blank=True)
    unit_en = models.CharField(_("unit (English)"), max_length=60)
    unit_cy = models.CharField(_("unit (Welsh)"), max_length=60)
    proxy_value = models.DecimalField(
        _("financial proxy (£ a unit)"),
        **MONEY,
        null=True,
        blank=True,
        validators=[MinValueValidator(ZERO)],
        help_text=_("Leave empty to record this measure only."),
    )
    proxy_source = models.CharField(_("source of the proxy"), max_length=300, blank=True)
    proxy_year = models.PositiveSmallIntegerField(
        _("year of the proxy"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1990), MaxValueValidator(2100)],
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("measure")
        verbose_name_plural = _("measures")
        ordering = ["outcome", "position", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["outcome", "code"],
                name="measure_unique_code",
                violation_error_message=_("This outcome already has a measure with this code."),
            ),
            models.CheckConstraint(
                name="measure_proxy_not_negative",
                condition=Q(proxy_value__isnull=True) | Q(proxy_value__gte=0),
                violation_error_message=_("A financial proxy cannot be negative."),
            ),
        ]

    def __str__(self):
        return f"{self.code} {self.name}"

    @property
    def name(self):
        return in_language(self, "name")

    @property
    def help(self):
        return in_language(self, "help")

    @property
    def unit(self):
        return in_language(self, "unit")

    @property
    def record_only(self):
        return self.proxy_value is None


# Tenders, lots and award criteria ------------------------------------------------------------


class Tender(Revisioned):
    class Category(models.TextChoices):
        HEALTH_SOCIAL_CARE = "health_social_care", _("Health and social care")
        CONSTRUCTION = "construction", _("Construction")
        OTHER = "other", _("Other")

    class Procedure(models.TextChoices):
        OPEN = "open", pgettext_lazy("procedure", "Open")
        RESTRICTED = "restricted", _("Restricted")
        COMPETITIVE_FLEXIBLE = "competitive_flexible", _("Competitive flexible")
        FRAMEWORK = "framework", _("Call-off from a framework agreement")
        DIRECT = "direct", _("Direct award")

    class Stage(models.IntegerChoices):
        STRATEGY = 1, _("1. Setting and sharing the strategy")
        SPECIFYING = 2, _("2. Specifying the service")
        TENDERING = 3, _("3. Tendering")
        CHOOSING = 4, _("4. Choosing the best bid")
        FINALISING = 5, _("5. Finalising the contract")
        MANAGING = 6, _("6. Managing the contract")
        REVIEW = 7, _("7. Review and learning")

    body = models.ForeignKey(
        CommissioningBody,
        on_delete=models.PROTECT,
        related_name="tenders",
        verbose_name=_("commissioning body"),
    )
    reference = models.CharField(_("reference"), max_length=60)
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    category = models.CharField(_("service category"), max_length=20, choices=Category)
    estimated_value = models.DecimalField(
        _("estimated value including VAT (£)"),
        **MONEY,
        validators=[MinValueValidator(ZERO)],
    )
    procedure = models.CharField(_("procedure"), max_length=20, choices=Procedure)
    stage = models.PositiveSmallIntegerField(
        _("stage of the commissioning cycle"), choices=Stage, default=Stage.STRATEGY
    )
    published_on = models.DateField(_("notice published"), null=True, blank=True)
    closes_on = models.DateField(_("deadline for bids"), null=True, blank=True)
    award_expected_on = models.DateField(_("award expected"), null=True, blank=True)
    well_being_goals = models.JSONField(
        _("well-being goals addressed"), default=list, blank=True, validators=[validate_goals]
    )
    lived_experience_on_panel = models.BooleanField(
        _("people with lived experience on the evaluation panel"), default=False
    )
    engagement_events = models.PositiveSmallIntegerField(
        _("provider engagement events held"), default=0
    )
    reserved = models.BooleanField(
        _("reserved for social value organisations"),
        default=False,
        help_text=_("Only social value organisations (such as section 16 models) may bid."),
    )
    sell2wales_reference = models.CharField(_("Sell2Wales notice"), max_length=60, blank=True)
    find_a_tender_reference = models.CharField(_("Find a Tender notice"), max_length=60, blank=True)
    ocid = models.CharField(
        _("OCDS id"),
        max_length=100,
        blank=True,
        help_text=_("Leave empty to use the id this service gives the tender."),
    )
    created_at = models.DateTimeField(_("added"), default=timezone.now)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("tender")
        verbose_name_plural = _("tenders")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["body", "reference"],
                name="tender_unique_reference",
                violation_error_message=_("This body already has a tender with this reference."),
            ),
            models.CheckConstraint(
                name="tender_value_not_negative",
                condition=Q(estimated_value__gte=0),
                violation_error_message=_("The estimated value cannot be negative."),
            ),
            models.CheckConstraint(
                name="tender_closes_after_publication",
                condition=Q(closes_on__isnull=True)
                | Q(published_on__isnull=True)
                | Q(closes_on__gte=F("published_on")),
                violation_error_message=_("The deadline for bids must be after publication."),
            ),
        ]
        indexes = [models.Index(fields=["body", "stage"], name="tender_body_stage_idx")]

    def __str__(self):
        return f"{self.reference} {self.title}"

    def get_absolute_url(self):
        return reverse("commissioning:tender", args=[self.body.slug, self.pk])

    @property
    def goal_labels(self):
        return goal_labels(self.well_being_goals)


class Criterion(models.TextChoices):
    PRICE = "price", _("Price")
    QUALITY = "quality", _("Quality")
    SOCIAL_VALUE = "social_value", _("Social value")


def _percentage(label):
    return models.PositiveSmallIntegerField(label, validators=[MaxValueValidator(100)], default=0)


class Lot(Revisioned):
    """A lot of a tender, with its award criteria weights (whole percentages, summing to 100)."""

    tender = models.ForeignKey(
        Tender, on_delete=models.CASCADE, related_name="lots", verbose_name=_("tender")
    )
    number = models.PositiveSmallIntegerField(_("lot number"), default=1)
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    estimated_value = models.DecimalField(
        _("estimated value including VAT (£)"),
        **MONEY,
        null=True,
        blank=True,
        validators=[MinValueValidator(ZERO)],
    )
    price_weight = _percentage(_("price weighting (%)"))
    quality_weight = _percentage(_("quality weighting (%)"))
    social_value_weight = _percentage(_("social value weighting (%)"))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("lot")
        verbose_name_plural = _("lots")
        ordering = ["tender", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["tender", "number"],
                name="lot_unique_number",
                violation_error_message=_("This tender already has a lot with this number."),
            ),
            models.CheckConstraint(
                name="lot_weights_sum_to_100",
                condition=Q(
                    price_weight__lte=100,
                    quality_weight__lte=100,
                    social_value_weight__lte=100,
                    price_weight=100 - F("quality_weight") - F("social_value_weight"),
                ),
                violation_error_message=_(
                    "The price, quality and social value weightings must add up to 100."
                ),
            ),
        ]

    def __str__(self):
        return _("Lot %(number)s: %(title)s") % {"number": self.number, "title": self.title}

    @property
    def weights(self):
        return {
            Criterion.PRICE: self.price_weight,
            Criterion.QUALITY: self.quality_weight,
            Criterion.SOCIAL_VALUE: self.social_value_weight,
        }


class SubCriterion(models.Model):
    """A named part of a lot's price, quality or social value criterion, with its share of
    that criterion's weight."""

    lot = models.ForeignKey(
        Lot, on_delete=models.CASCADE, related_name="sub_criteria", verbose_name=_("lot")
    )
    criterion = models.CharField(_("criterion"), max_length=20, choices=Criterion)
    name = models.CharField(_("name"), max_length=200)
    weight = _percentage(_("weighting (%)"))

    class Meta:
        verbose_name = _("sub-criterion")
        verbose_name_plural = _("sub-criteria")
        ordering = ["lot", "criterion", "id"]

    def __str__(self):
        return f"{self.name} ({self.weight}%)"


# Bids, scores and awards ---------------------------------------------------------------------


class Bid(Revisioned):
    """A bidder's offer on a lot: its price and the panel's quality and social value scores
    (each out of 100, scaled to the criterion's weight when the bids are ranked)."""

    lot = models.ForeignKey(
        Lot, on_delete=models.CASCADE, related_name="bids", verbose_name=_("lot")
    )
    bidder = models.ForeignKey(
        "forums.Organisation",
        on_delete=models.PROTECT,
        related_name="bids",
        verbose_name=_("bidder"),
    )
    price = models.DecimalField(_("price (£)"), **MONEY)
    quality_score = models.DecimalField(
        _("quality score (out of 100)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(ZERO), MaxValueValidator(Decimal("100"))],
    )
    social_value_score = models.DecimalField(
        _("social value score (out of 100)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(ZERO), MaxValueValidator(Decimal("100"))],
    )
    notes = models.TextField(_("panel’s notes"), blank=True)
    received_on = models.DateField(_("received"), default=datetime.date.today)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("bid")
        verbose_name_plural = _("bids")
        ordering = ["lot", "price", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["lot", "bidder"],
                name="bid_one_per_bidder_and_lot",
                violation_error_message=_("This organisation has already bid for this lot."),
            ),
            models.CheckConstraint(
                name="bid_price_positive",
                condition=Q(price__gt=0),
                violation_error_message=_("The price must be more than £0."),
            ),
            models.CheckConstraint(
                name="bid_scores_out_of_100",
                condition=(Q(quality_score__isnull=True) | Q(quality_score__range=(0, 100)))
                & (Q(social_value_score__isnull=True) | Q(social_value_score__range=(0, 100))),
                violation_error_message=_("Scores are out of 100."),
            ),
        ]

    def __str__(self):
        return str(self.bidder)


class BidOffer(models.Model):
    """Social value a bidder offers against a framework measure; written into the contract
    as an "added" commitment if the bid wins."""

    bid = models.ForeignKey(
        Bid, on_delete=models.CASCADE, related_name="offers", verbose_name=_("bid")
    )
    measure = models.ForeignKey(
        Measure, on_delete=models.PROTECT, related_name="+", verbose_name=_("measure")
    )
    quantity = models.DecimalField(
        _("quantity offered"), **QUANTITY, validators=[MinValueValidator(Decimal("0.01"))]
    )

    class Meta:
        verbose_name = _("social value offered")
        verbose_name_plural = _("social value offered")
        ordering = ["bid", "id"]
        constraints = [
            models.CheckConstraint(
                name="bidoffer_quantity_positive",
                condition=Q(quantity__gt=0),
                violation_error_message=_("The quantity must be more than 0."),
            )
        ]

    def __str__(self):
        return f"{self.measure}: {self.quantity}"

    @property
    def proxy_total(self):
        if self.measure.proxy_value is None:
            return None
        return self.quantity * self.measure.proxy_value


class Award(models.Model):
    """The decision on a lot: the winning bid, the weights it was ranked with, and why."""

    lot = models.OneToOneField(
        Lot, on_delete=models.CASCADE, related_name="award", verbose_name=_("lot")
    )
    bid = models.OneToOneField(
        Bid, on_delete=models.PROTECT, related_name="award", verbose_name=_("winning bid")
    )
    decided_on = models.DateField(_("award date"))
    rationale = models.TextField(_("rationale"))
    price_weight = _percentage(_("price weighting (%)"))
    quality_weight = _percentage(_("quality weighting (%)"))
    social_value_weight = _percentage(_("social value weighting (%)"))
    total_score = models.DecimalField(_("weighted total"), max_digits=6, decimal_places=2)
    decided_at = models.DateTimeField(_("recorded"), default=timezone.now)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )

    class Meta:
        verbose_name = _("award")
        verbose_name_plural = _("awards")
        ordering = ["-decided_on", "-id"]
        constraints = [
            models.CheckConstraint(
                name="award_weights_sum_to_100",
                condition=Q(price_weight=100 - F("quality_weight") - F("social_value_weight")),
                violation_error_message=_(
                    "The price, quality and social value weightings must add up to 100."
                ),
            )
        ]

    def __str__(self):
        return _("Award of %(lot)s") % {"lot": self.lot}


# Contracts, commitments and monitoring ---------------------------------------------------------


class ContractQuerySet(models.QuerySet):
    def for_body(self, body):
        return self.filter(body=body)


class Contract(Revisioned):
    class Frequency(models.IntegerChoices):
        MONTHLY = 1, _("Monthly")
        QUARTERLY = 3, _("Quarterly")
        HALF_YEARLY = 6, _("Every six months")
        YEARLY = 12, _("Yearly")

    body = models.ForeignKey(
        CommissioningBody,
        on_delete=models.PROTECT,
        related_name="contracts",
        verbose_name=_("commissioning body"),
    )
    award = models.OneToOneField(
        Award,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="contract",
        verbose_name=_("award"),
    )
    reference = models.CharField(_("reference"), max_length=60)
    title = models.CharField(_("name"), max_length=300)
    subject_matter = models.TextField(_("subject matter"), blank=True)
    category = models.CharField(_("service category"), max_length=20, choices=Tender.Category)
    supplier = models.ForeignKey(
        "forums.Organisation",
        on_delete=models.PROTECT,
        related_name="contracts",
        verbose_name=_("supplier"),
    )
    value = models.DecimalField(
        _("contract value including VAT (£)"), **MONEY, validators=[MinValueValidator(ZERO)]
    )
    awarded_on = models.DateField(_("award date"))
    starts_on = models.DateField(_("start"))
    ends_on = models.DateField(_("end"))
    extension_months = models.PositiveSmallIntegerField(_("possible extension (months)"), default=0)
    framework = models.ForeignKey(
        Framework,
        on_delete=models.PROTECT,
        related_name="contracts",
        verbose_name=_("measurement framework"),
        help_text=_("The framework version the commitments are measured against."),
    )
    return_frequency = models.PositiveSmallIntegerField(
        _("monitoring returns"), choices=Frequency, default=Frequency.QUARTERLY
    )
    # Local Multiplier 3, kept with the contract once calculated.
    lm3_round1 = models.DecimalField(_("round 1: income (£)"), **MONEY, null=True, blank=True)
    lm3_round2 = models.DecimalField(
        _("round 2: spent locally by the supplier (£)"), **MONEY, null=True, blank=True
    )
    lm3_round3 = models.DecimalField(
        _("round 3: re-spent locally by those paid (£)"), **MONEY, null=True, blank=True
    )
    lm3 = models.DecimalField(_("LM3"), max_digits=5, decimal_places=2, null=True, blank=True)
    lm3_recorded_at = models.DateTimeField(_("LM3 recorded"), null=True, blank=True)
    created_at = models.DateTimeField(_("added"), default=timezone.now)

    history = HistoricalRecords()
    objects = ContractQuerySet.as_manager()

    class Meta:
        verbose_name = _("contract")
        verbose_name_plural = _("contracts")
        ordering = ["-awarded_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["body", "reference"],
                name="contract_unique_reference",
                violation_error_message=_("This body already has a contract with this reference."),
            ),
            models.CheckConstraint(
                name="contract_ends_after_start",
                condition=Q(ends_on__gte=F("starts_on")),
                violation_error_message=_("The contract must end on or after its start."),
            ),
            models.CheckConstraint(
                name="contract_value_not_negative",
                condition=Q(value__gte=0),
                violation_error_message=_("The contract value cannot be negative."),
            ),
            models.CheckConstraint(
                name="contract_lm3_rounds_in_order",
                condition=Q(lm3_round1__isnull=True)
                | (
                    Q(lm3_round1__gt=0, lm3_round2__gte=0, lm3_round3__gte=0)
                    & Q(lm3_round2__lte=F("lm3_round1"), lm3_round3__lte=F("lm3_round2"))
                ),
                violation_error_message=_(
                    "Round 2 cannot exceed round 1, and round 3 cannot exceed round 2."
                ),
            ),
        ]
        indexes = [models.Index(fields=["body", "-awarded_on"], name="contract_body_award_idx")]

    def __str__(self):
        return f"{self.reference} {self.title}"

    def get_absolute_url(self):
        return reverse("commissioning:contract", args=[self.body.slug, self.pk])

    def periods(self, *, starts_on=None, ends_on=None):
        """The monitoring periods, (start, end), from the contract's start (or ``starts_on``)
        in steps of its return frequency, the last one cut at the end."""
        return monitoring_periods(
            starts_on or self.starts_on, ends_on or self.ends_on, self.return_frequency
        )


def add_months(date, months):
    month = date.month - 1 + months
    year = date.year + month // 12
    month = month % 12 + 1
    days = [31, 29 if _leap(year) else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
    return datetime.date(year, month, min(date.day, days[month - 1]))


def _leap(year):
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def monitoring_periods(starts_on, ends_on, months):
    periods, k = [], 0
    while True:
        start = add_months(starts_on, months * k)
        if start > ends_on:
            return periods
        end = min(add_months(starts_on, months * (k + 1)) - datetime.timedelta(days=1), ends_on)
        periods.append((start, end))
        k += 1


class CommitmentQuerySet(models.QuerySet):
    def overdue(self, today):
        return self.filter(next_return_due__lt=today)

    def not_overdue(self, today):
        return self.filter(Q(next_return_due__isnull=True) | Q(next_return_due__gte=today))

    def with_status(self, status, today):
        if status == Commitment.Status.OVERDUE:
            return self.overdue(today)
        return self.not_overdue(today).filter(progress=status)


class Commitment(Revisioned):
    """A social value commitment of a contract: a measure, a target over a period."""

    class Category(models.TextChoices):
        CORE = "core", _("Core (asked of every contract)")
        ADDED = "added", _("Added (offered in the bid)")
        UNPREDICTED = "unpredicted", _("Unpredicted (arose during delivery)")

    class Status(models.TextChoices):
        ON_TRACK = "on_track", _("On track")
        AT_RISK = "at_risk", _("At risk")
        OFF_TRACK = "off_track", _("Off track")
        OVERDUE = "overdue", _("Return overdue")

    contract = models.ForeignKey(
        Contract, on_delete=models.CASCADE, related_name="commitments", verbose_name=_("contract")
    )
    measure = models.ForeignKey(
        Measure, on_delete=models.PROTECT, related_name="commitments", verbose_name=_("measure")
    )
    category = models.CharField(_("category"), max_length=12, choices=Category)
    description = models.CharField(_("what is promised"), max_length=300, blank=True)
    target = models.DecimalField(
        _("target quantity"), **QUANTITY, validators=[MinValueValidator(Decimal("0.01"))]
    )
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("until"))
    proxy_value = models.DecimalField(
        _("financial proxy (£ a unit)"),
        **MONEY,
        null=True,
        blank=True,
        validators=[MinValueValidator(ZERO)],
        help_text=_("Leave empty to record only; the measure’s proxy is suggested."),
    )
    # Kept by commissioning.services from the returns (see the module's docstring).
    delivered = models.DecimalField(_("delivered to date"), **QUANTITY, default=ZERO)
    assessed_to = models.DateField(_("assessed to"), null=True, blank=True)
    progress = models.CharField(
        _("progress"), max_length=10, choices=Status, default=Status.ON_TRACK
    )
    next_return_due = models.DateField(_("next return due"), null=True, blank=True)
    created_at = models.DateTimeField(_("added"), default=timezone.now)

    objects = CommitmentQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("commitment")
        verbose_name_plural = _("commitments")
        ordering = ["contract", "id"]
        constraints = [
            models.CheckConstraint(
                name="commitment_target_positive",
                condition=Q(target__gt=0),
                violation_error_message=_("The target must be more than 0."),
            ),
            models.CheckConstraint(
                name="commitment_ends_after_start",
                condition=Q(ends_on__gte=F("starts_on")),
                violation_error_message=_("The commitment must end on or after its start."),
            ),
            models.CheckConstraint(
                name="commitment_progress_not_overdue",
                condition=~Q(progress="overdue"),
                violation_error_message=_("Progress is on track, at risk or off track."),
            ),
        ]
        # The dashboards count overdue and off-track commitments by contract.
        indexes = [
            models.Index(fields=["next_return_due"], name="commitment_due_idx"),
            models.Index(fields=["contract", "progress"], name="commitment_progress_idx"),
        ]

    def __str__(self):
        return f"{self.measure.name}: {self.target} {self.measure.unit}"

    def clean(self):
        super().clean()
        contract = getattr(self, "contract", None)
        if contract is None or not (self.starts_on and self.ends_on):
            return
        if self.starts_on < contract.starts_on or self.ends_on > contract.ends_on:
            raise ValidationError(
                {
                    "ends_on": _(
                        "A commitment’s period must lie within the contract (%(start)s to %(end)s)."
                    )
                    % {
                        "start": contract.starts_on.strftime("%d/%m/%Y"),
                        "end": contract.ends_on.strftime("%d/%m/%Y"),
                    }
                }
            )
        measure = getattr(self, "measure", None)
        if measure is not None and measure.outcome.theme.framework_id != contract.framework_id:
            raise ValidationError({"measure": _("Choose a measure of the contract’s framework.")})

    def status(self, today):
        if self.next_return_due and self.next_return_due < today:
            return self.Status.OVERDUE
        return self.progress

    @property
    def proxy_promised(self):
        return None if self.proxy_value is None else self.target * self.proxy_value

    @property
    def proxy_delivered(self):
        return None if self.proxy_value is None else self.delivered * self.proxy_value

    def periods(self):
        return self.contract.periods(starts_on=self.starts_on, ends_on=self.ends_on)


class MonitoringReturn(models.Model):
    """What was delivered against a commitment in one monitoring period, with its story and
    evidence."""

    commitment = models.ForeignKey(
        Commitment, on_delete=models.CASCADE, related_name="returns", verbose_name=_("commitment")
    )
    period_start = models.DateField(_("period from"))
    period_end = models.DateField(_("period until"))
    quantity = models.DecimalField(
        _("quantity delivered"), **QUANTITY, validators=[MinValueValidator(ZERO)]
    )
    narrative = models.TextField(
        _("what happened"),
        blank=True,
        help_text=_("The story behind the figure: who benefited and how."),
    )
    submitted_at = models.DateTimeField(_("recorded"), default=timezone.now)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )

    class Meta:
        verbose_name = _("monitoring return")
        verbose_name_plural = _("monitoring returns")
        ordering = ["commitment", "period_start"]
        constraints = [
            models.UniqueConstraint(
                fields=["commitment", "period_start"],
                name="return_one_per_period",
                violation_error_message=_("This period already has a return."),
            ),
            models.CheckConstraint(
                name="return_quantity_not_negative",
                condition=Q(quantity__gte=0),
                violation_error_message=_("The quantity delivered cannot be negative."),
            ),
            models.CheckConstraint(
                name="return_period_in_order",
                condition=Q(period_end__gte=F("period_start")),
                violation_error_message=_("The period must end on or after its start."),
            ),
        ]

    def __str__(self):
        return _("Return for %(start)s to %(end)s") % {
            "start": self.period_start.strftime("%d/%m/%Y"),
            "end": self.period_end.strftime("%d/%m/%Y"),
        }

    def clean(self):
        super().clean()
        commitment = getattr(self, "commitment", None)
        if commitment is None or not (self.period_start and self.period_end):
            return
        if (self.period_start, self.period_end) not in commitment.periods():
            contract = commitment.contract
            raise ValidationError(
                {
                    "period_start": _(
                        "Choose one of the contract’s monitoring periods between %(start)s and "
                        "%(end)s."
                    )
                    % {
                        "start": contract.starts_on.strftime("%d/%m/%Y"),
                        "end": contract.ends_on.strftime("%d/%m/%Y"),
                    }
                }
            )


def _evidence_path(instance, filename):
    return f"commissioning/evidence/{instance.monitoring_return.commitment.contract_id}/{filename}"


class Evidence(models.Model):
    """A file backing a monitoring return (PDF, DOCX, XLSX, ODT or an image)."""

    KINDS = ("pdf", "docx", "xlsx", "odt", "png", "jpg")
    MAX_BYTES = 10 * 1024 * 1024

    monitoring_return = models.ForeignKey(
        MonitoringReturn,
        on_delete=models.CASCADE,
        related_name="evidence",
        verbose_name=_("monitoring return"),
    )
    file = models.FileField(_("file"), upload_to=_evidence_path)
    original_name = models.CharField(_("file name"), max_length=255)
    kind = models.CharField(_("type"), max_length=5)
    size = models.PositiveIntegerField(_("size"))
    uploaded_at = models.DateTimeField(_("uploaded"), default=timezone.now)

    class Meta:
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")
        ordering = ["monitoring_return", "uploaded_at", "id"]

    def __str__(self):
        return self.original_name
