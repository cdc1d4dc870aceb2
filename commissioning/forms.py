from crispy_forms_gds.helper import FormHelper
from django import forms
from django.forms import inlineformset_factory
from django.utils.translation import gettext_lazy as _

from commissioning import scoring
from commissioning.models import (
    Bid,
    BidOffer,
    Commitment,
    Contract,
    Criterion,
    Framework,
    Lot,
    Measure,
    MonitoringReturn,
    PolicySetting,
    SubCriterion,
    Tender,
    WellBeingGoal,
)
from forums.models import Organisation
from svforum.forms import (
    AmountField,
    GovDateField,
    GovForm,
    GovInlineFormSet,
    GovModelForm,
    date_fields,
)
from svforum.uploads import validate_document


def _measure_label(measure):
    return f"{measure.code} {measure.name} ({measure.unit})"


def measures_of(framework):
    return (
        Measure.objects.filter(outcome__theme__framework=framework)
        .select_related("outcome__theme")
        .order_by("outcome__theme__position", "outcome__position", "position", "code")
    )


class WeightsMixin:
    """Price, quality and social value weightings that must add up to 100 (the database
    checks it too)."""

    weight_fields = ("price_weight", "quality_weight", "social_value_weight")

    def _setup_weights(self):
        for name in self.weight_fields:
            field = self.fields[name]
            field.widget.attrs.update({"class": "govuk-input--width-3", "inputmode": "numeric"})
            field.error_messages.update(
                required=_("Enter a weighting from 0 to 100"),
                invalid=_("Enter a whole number from 0 to 100"),
                max_value=_("Enter a weighting from 0 to 100"),
                min_value=_("Enter a weighting from 0 to 100"),
            )

    def _check_weights(self, data):
        values = [data.get(name) for name in self.weight_fields]
        if any(v is None for v in values):
            return
        if sum(values) != 100:
            self.add_error(
                "price_weight",
                _("The weightings must add up to 100; they add up to %(total)s.")
                % {"total": sum(values)},
            )

    def weights(self):
        data = self.cleaned_data
        return scoring.Weights(
            data["price_weight"], data["quality_weight"], data["social_value_weight"]
        )


class TenderForm(GovModelForm):
    well_being_goals = forms.MultipleChoiceField(
        label=_("Well-being goals addressed"),
        choices=WellBeingGoal.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    estimated_value = AmountField(label=_("Estimated value including VAT (£)"))

    class Meta:
        model = Tender
        fields = [
            "reference",
            "title",
            "description",
            "category",
            "estimated_value",
            "procedure",
            "stage",
            "published_on",
            "closes_on",
            "award_expected_on",
            "well_being_goals",
            "lived_experience_on_panel",
            "engagement_events",
            "reserved",
            "sell2wales_reference",
            "find_a_tender_reference",
            "ocid",
        ]
        field_classes = date_fields("published_on", "closes_on", "award_expected_on")
        widgets = {
            "category": forms.RadioSelect,
            "description": forms.Textarea(attrs={"rows": 4}),
        }
        error_messages = {
            "reference": {"required": _("Enter the tender’s reference")},
            "title": {"required": _("Enter the tender’s title")},
            "category": {"required": _("Choose the service category")},
            "procedure": {"required": _("Choose the procedure")},
        }

    always_validate = ("body",)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["procedure"].choices = [("", _("Choose a procedure"))] + list(
            Tender.Procedure.choices
        )
        self.fields["engagement_events"].widget.attrs["class"] = "govuk-input--width-3"
        self.fields["estimated_value"].widget.attrs["class"] = "govuk-input--width-10"
        self.helper.checkboxes_small = True


class FirstLotForm(WeightsMixin, GovForm):
    """The weightings asked for with a new tender, for its first lot."""

    lot_title = forms.CharField(
        label=_("Lot title (optional)"),
        required=False,
        max_length=300,
        help_text=_("Leave empty when the tender is not divided into lots."),
    )
    price_weight = forms.IntegerField(label=_("Price (%)"), min_value=0, max_value=100)
    quality_weight = forms.IntegerField(label=_("Quality (%)"), min_value=0, max_value=100)
    social_value_weight = forms.IntegerField(
        label=_("Social value (%)"), min_value=0, max_value=100
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._setup_weights()

    def clean(self):
        data = super().clean()
        self._check_weights(data)
        return data


class LotForm(WeightsMixin, GovModelForm):
    estimated_value = AmountField(label=_("Estimated value including VAT (£)"), required=False)

    class Meta:
        model = Lot
        fields = [
            "number",
            "title",
            "description",
            "estimated_value",
            "price_weight",
            "quality_weight",
            "social_value_weight",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}
        error_messages = {"title": {"required": _("Enter the lot’s title")}}

    always_validate = ("tender",)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._setup_weights()
        self.fields["number"].widget.attrs["class"] = "govuk-input--width-3"
        self.fields["estimated_value"].widget.attrs["class"] = "govuk-input--width-10"

    def clean(self):
        data = super().clean()
        self._check_weights(data)
        return data


class SubCriterionForm(GovModelForm):
    class Meta:
        model = SubCriterion
        fields = ["criterion", "name", "weight"]
        error_messages = {"name": {"required": _("Enter the sub-criterion’s name")}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["weight"].widget.attrs.update({"class": "govuk-input--width-3"})


class BaseSubCriterionFormSet(GovInlineFormSet):
    def clean(self):
        super().clean()
        lot_form = getattr(self, "lot_form", None)
        if any(self.errors) or lot_form is None or not lot_form.is_valid():
            return
        totals = {}
        for form in self.forms:
            data = getattr(form, "cleaned_data", None) or {}
            if not data or data.get("DELETE"):
                continue
            totals[data["criterion"]] = totals.get(data["criterion"], 0) + data["weight"]
        parent = {
            Criterion.PRICE: lot_form.cleaned_data["price_weight"],
            Criterion.QUALITY: lot_form.cleaned_data["quality_weight"],
            Criterion.SOCIAL_VALUE: lot_form.cleaned_data["social_value_weight"],
        }
        problems = [
            _(
                "The %(criterion)s sub-criteria add up to %(total)s%%, not the criterion’s "
                "%(weight)s%%."
            )
            % {
                "criterion": Criterion(criterion).label.lower(),
                "total": total,
                "weight": parent[criterion],
            }
            for criterion, total in totals.items()
            if total != parent[criterion]
        ]
        if problems:
            raise forms.ValidationError(problems)


SubCriterionFormSet = inlineformset_factory(
    Lot,
    SubCriterion,
    form=SubCriterionForm,
    formset=BaseSubCriterionFormSet,
    extra=2,
    can_delete=True,
)


class BidderChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.name


class BidForm(GovModelForm):
    # Bidders come from the one shared register of organisations.
    reference_choices = ("bidder",)

    price = AmountField(label=_("Price (£)"), positive=True)
    quality_score = AmountField(label=_("Quality score (out of 100)"), required=False, money=False)
    social_value_score = AmountField(
        label=_("Social value score (out of 100)"), required=False, money=False
    )

    class Meta:
        model = Bid
        fields = ["bidder", "price", "quality_score", "social_value_score", "received_on", "notes"]
        field_classes = {"bidder": BidderChoiceField, **date_fields("received_on")}
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}
        error_messages = {"bidder": {"required": _("Choose the bidder")}}

    always_validate = ("lot",)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["bidder"].queryset = Organisation.objects.order_by("name")
        self.fields["bidder"].empty_label = _("Choose an organisation")
        self.fields["bidder"].help_text = _(
            "From the shared organisation register; add an organisation there first."
        )
        for name in ("quality_score", "social_value_score"):
            self.fields[name].widget.attrs["class"] = "govuk-input--width-5"
            self.fields[name].help_text = _("Leave empty until the panel has scored it.")
        self.fields["price"].widget.attrs["class"] = "govuk-input--width-10"

    def clean(self):
        data = super().clean()
        for name in ("quality_score", "social_value_score"):
            value = data.get(name)
            if value is not None and value > 100:
                self.add_error(name, _("A score is out of 100"))
        return data


class BidOfferForm(GovModelForm):
    # Measures of a published framework are public reference data.
    reference_choices = ("measure",)

    quantity = AmountField(label=_("Quantity offered"), positive=True, money=False)

    class Meta:
        model = BidOffer
        fields = ["measure", "quantity"]
        error_messages = {"measure": {"required": _("Choose a measure")}}

    def __init__(self, *args, framework=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["measure"].queryset = measures_of(framework)
        self.fields["measure"].label_from_instance = _measure_label
        self.fields["measure"].empty_label = _("Choose a measure")
        self.fields["quantity"].widget.attrs["class"] = "govuk-input--width-10"


BidOfferFormSet = inlineformset_factory(
    Bid, BidOffer, form=BidOfferForm, formset=GovInlineFormSet, extra=2, can_delete=True
)


class WhatIfForm(WeightsMixin, GovForm):
    price_weight = forms.IntegerField(label=_("Price (%)"), min_value=0, max_value=100)
    quality_weight = forms.IntegerField(label=_("Quality (%)"), min_value=0, max_value=100)
    social_value_weight = forms.IntegerField(
        label=_("Social value (%)"), min_value=0, max_value=100
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._setup_weights()

    def clean(self):
        data = super().clean()
        self._check_weights(data)
        return data


class AwardForm(GovForm):
    bid = forms.ModelChoiceField(
        queryset=Bid.objects.none(),
        label=_("Winning bid"),
        widget=forms.RadioSelect,
        empty_label=None,
        error_messages={"required": _("Choose the winning bid")},
    )
    rationale = forms.CharField(
        label=_("Why this bid"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=5000,
        help_text=_(
            "The reasons for the decision, as you would give them to the bidders; say how a tie "
            "was settled or why a bid other than the highest-scoring one is chosen."
        ),
        error_messages={"required": _("Explain why this bid is chosen")},
    )
    decided_on = GovDateField(label=_("Award date"))

    def __init__(self, *args, scored, **kwargs):
        super().__init__(*args, **kwargs)
        ranked = [s for s in scored if s.ranked]
        self.fields["bid"].queryset = Bid.objects.filter(pk__in=[s.bid.pk for s in ranked])
        labels = {
            s.bid.pk: _("%(bidder)s — %(total)s points, ranked %(rank)s")
            % {"bidder": s.bid.bidder.name, "total": s.total, "rank": s.rank}
            for s in ranked
        }
        self.fields["bid"].label_from_instance = lambda bid: labels[bid.pk]
        self.fields["bid"].error_messages["invalid_choice"] = _("Choose one of the ranked bids")


class ContractForm(GovModelForm):
    # Suppliers from the shared register; frameworks are published reference data.
    reference_choices = ("supplier", "framework")

    value = AmountField(label=_("Contract value including VAT (£)"))

    class Meta:
        model = Contract
        fields = [
            "reference",
            "title",
            "subject_matter",
            "category",
            "supplier",
            "value",
            "awarded_on",
            "starts_on",
            "ends_on",
            "extension_months",
            "framework",
            "return_frequency",
        ]
        field_classes = {
            "supplier": BidderChoiceField,
            **date_fields("awarded_on", "starts_on", "ends_on"),
        }
        widgets = {"subject_matter": forms.Textarea(attrs={"rows": 3})}
        error_messages = {
            "reference": {"required": _("Enter the contract’s reference")},
            "title": {"required": _("Enter the contract’s name")},
            "category": {"required": _("Choose the service category")},
            "supplier": {"required": _("Choose the supplier")},
            "framework": {"required": _("Choose the measurement framework")},
        }

    always_validate = ("body",)

    def __init__(self, *args, from_award=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["supplier"].queryset = Organisation.objects.order_by("name")
        self.fields["supplier"].empty_label = _("Choose an organisation")
        self.fields["framework"].empty_label = _("Choose a framework")
        self.fields["value"].widget.attrs["class"] = "govuk-input--width-10"
        self.fields["extension_months"].widget.attrs["class"] = "govuk-input--width-3"
        if from_award:
            # The supplier and category follow from the award.
            del self.fields["supplier"]
            del self.fields["category"]
        if self.instance.pk and self.instance.commitments.exists():
            # Commitments are measured against the framework the contract started with.
            del self.fields["framework"]


class LM3Form(GovForm):
    lm3_round1 = AmountField(
        label=_("Round 1: income (£)"), help_text=_("Usually the contract value.")
    )
    lm3_round2 = AmountField(
        label=_("Round 2: spent locally by the supplier (£)"),
        help_text=_("Of round 1, what the supplier spends with local staff and suppliers."),
    )
    lm3_round3 = AmountField(
        label=_("Round 3: re-spent locally by those paid (£)"),
        help_text=_("Of round 2, what those staff and suppliers spend locally in turn."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.widget.attrs["class"] = "govuk-input--width-10"

    def clean(self):
        from commissioning.services import check_lm3

        data = super().clean()
        values = [data.get(f"lm3_round{n}") for n in (1, 2, 3)]
        if all(v is not None for v in values):
            for name, message in check_lm3(*values).items():
                self.add_error(name, message)
        return data


class CommitmentForm(GovModelForm):
    reference_choices = ("measure",)  # a published framework's measures

    target = AmountField(label=_("Target quantity"), positive=True, money=False)
    proxy_value = AmountField(
        label=_("Financial proxy (£ a unit), optional"),
        required=False,
        help_text=_("Leave empty to record only; the measure’s proxy is suggested."),
    )

    class Meta:
        model = Commitment
        fields = [
            "measure",
            "category",
            "description",
            "target",
            "starts_on",
            "ends_on",
            "proxy_value",
        ]
        field_classes = date_fields("starts_on", "ends_on")
        widgets = {"category": forms.RadioSelect}
        error_messages = {
            "measure": {"required": _("Choose a measure")},
            "category": {"required": _("Choose the category")},
        }

    always_validate = ("contract",)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        contract = self.instance.contract
        self.fields["measure"].queryset = measures_of(contract.framework)
        self.fields["measure"].label_from_instance = _measure_label
        self.fields["measure"].empty_label = _("Choose a measure")
        self.fields["target"].widget.attrs["class"] = "govuk-input--width-10"
        self.fields["proxy_value"].widget.attrs["class"] = "govuk-input--width-10"


class ReturnForm(GovModelForm):
    period = forms.ChoiceField(
        label=_("Monitoring period"),
        error_messages={
            "required": _("Choose the period"),
            "invalid_choice": _(
                "Choose a monitoring period that has started and has no return yet"
            ),
        },
    )
    quantity = AmountField(label=_("Quantity delivered in the period"), money=False)
    evidence = forms.FileField(
        label=_("Evidence (optional)"),
        required=False,
        help_text=_("PDF, DOCX, XLSX, ODT, PNG or JPEG, up to 10 MB."),
    )

    class Meta:
        model = MonitoringReturn
        fields = ["quantity", "narrative"]
        widgets = {"narrative": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args, today, **kwargs):
        super().__init__(*args, **kwargs)
        commitment = self.instance.commitment
        taken = set(
            commitment.returns.exclude(pk=self.instance.pk).values_list("period_start", flat=True)
        )
        self.periods = {
            f"{start:%Y-%m-%d}": (start, end)
            for start, end in commitment.periods()
            if start not in taken and start <= today
        }
        self.fields["period"].choices = [("", _("Choose a period"))] + [
            (key, f"{start:%d/%m/%Y} – {end:%d/%m/%Y}")
            for key, (start, end) in self.periods.items()
        ]
        if self.instance.pk:
            self.initial["period"] = f"{self.instance.period_start:%Y-%m-%d}"
        self.fields["quantity"].widget.attrs["class"] = "govuk-input--width-10"
        self.order_fields(["period", "quantity", "narrative", "evidence"])
        self.helper = FormHelper(self)
        self.helper.form_tag = False
        self.helper.disable_csrf = True

    def clean_period(self):
        key = self.cleaned_data["period"]
        if key not in self.periods:
            raise forms.ValidationError(
                _("Choose a monitoring period that has started and has no return yet")
            )
        self.instance.period_start, self.instance.period_end = self.periods[key]
        return key

    def clean_evidence(self):
        from commissioning.models import Evidence

        upload = self.cleaned_data.get("evidence")
        self.evidence_kind = None
        if upload:
            self.evidence_kind = validate_document(
                upload, allowed=Evidence.KINDS, max_bytes=Evidence.MAX_BYTES
            )
        return upload


class PolicyForm(GovModelForm):
    reference_choices = ("core_measures",)  # a published framework's measures

    light_touch_from = AmountField(label=_("Light-touch regime from (£)"))
    full_from = AmountField(label=_("Full regime from (£)"))

    class Meta:
        model = PolicySetting
        fields = [
            "starts_on",
            "light_touch_from",
            "full_from",
            "minimum_social_value_weight",
            "minimum_rule",
            "return_grace_days",
            "core_measures",
        ]
        field_classes = date_fields("starts_on")
        widgets = {"minimum_rule": forms.RadioSelect, "core_measures": forms.CheckboxSelectMultiple}

    always_validate = ("body",)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["core_measures"].queryset = Measure.objects.select_related(
            "outcome__theme__framework"
        ).order_by("outcome__theme__framework__name_en", "outcome__theme__position", "code")
        self.fields["core_measures"].label_from_instance = lambda m: (
            f"{_measure_label(m)} — {m.outcome.theme.framework}"
        )
        for name in ("light_touch_from", "full_from"):
            self.fields[name].widget.attrs["class"] = "govuk-input--width-10"
        for name in ("minimum_social_value_weight", "return_grace_days"):
            self.fields[name].widget.attrs["class"] = "govuk-input--width-3"
        self.helper.checkboxes_small = True

    def clean(self):
        data = super().clean()
        light, full = data.get("light_touch_from"), data.get("full_from")
        if light is not None and full is not None and full < light:
            self.add_error(
                "full_from", _("The full regime cannot start below the light-touch regime.")
            )
        return data


class FrameworkImportForm(GovForm):
    name_en = forms.CharField(label=_("Name (English)"), max_length=200)
    name_cy = forms.CharField(label=_("Name (Welsh)"), max_length=200)
    version = forms.CharField(label=_("Version"), max_length=30)
    source = forms.CharField(
        label=_("Source and licence"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Where the framework comes from and on what terms it may be used here."),
    )
    file = forms.FileField(
        label=_("Spreadsheet (CSV or XLSX)"),
        help_text=_("Up to 2 MB, in the layout of the template."),
    )

    def clean(self):
        data = super().clean()
        name, version = data.get("name_en"), data.get("version")
        if name and version and Framework.objects.filter(name_en=name, version=version).exists():
            self.add_error("version", _("This framework already has this version; give a new one."))
        return data


class EvidenceForm(GovForm):
    file = forms.FileField(
        label=_("Evidence"),
        help_text=_("PDF, DOCX, XLSX, ODT, PNG or JPEG, up to 10 MB."),
        error_messages={"required": _("Choose a file")},
    )

    def clean_file(self):
        from commissioning.models import Evidence

        upload = self.cleaned_data["file"]
        self.kind = validate_document(upload, allowed=Evidence.KINDS, max_bytes=Evidence.MAX_BYTES)
        return upload
