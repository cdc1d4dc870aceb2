"""django-import-export resources: a body's contracts register (export), and the spreadsheet
layouts for importing tenders and contracts. Columns hold stable codes; on import English or
Welsh labels are accepted too. Every row goes through the model's ``full_clean``; the import
as a whole writes every row or none (``svforum.spreadsheets.run``)."""

from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from import_export import fields, resources, widgets

from commissioning.models import Contract, Lot, Tender
from forums.resources import ChoiceWidget, DateWidget, OrganisationByNameWidget


class AmountWidget(widgets.Widget):
    """£1,250.50, 1250 or 1 250 — never negative."""

    def clean(self, value, row=None, **kwargs):
        if value in (None, ""):
            return None
        text = str(value).strip().replace("£", "").replace(",", "").replace(" ", "")
        try:
            amount = Decimal(text)
        except InvalidOperation:
            raise ValueError(
                _("‘%(value)s’ is not a number: enter it like 1250 or 1250.50.") % {"value": value}
            ) from None
        if not amount.is_finite():
            raise ValueError(_("‘%(value)s’ is not a number.") % {"value": value})
        if amount < 0:
            raise ValueError(_("An amount cannot be negative."))
        return amount.quantize(Decimal("0.01"))

    def render(self, value, obj=None, **kwargs):
        return "" if value is None else f"{value:.2f}"


class WholeNumberWidget(widgets.Widget):
    def __init__(self, *, maximum=None, **kwargs):
        super().__init__(**kwargs)
        self.maximum = maximum

    def clean(self, value, row=None, **kwargs):
        if value in (None, ""):
            return None
        text = str(value).strip()
        try:
            number = Decimal(text)
        except InvalidOperation:
            raise ValueError(_("‘%(value)s’ is not a whole number.") % {"value": text}) from None
        if number != number.to_integral_value() or number < 0:
            raise ValueError(_("‘%(value)s’ is not a whole number.") % {"value": text})
        if self.maximum is not None and number > self.maximum:
            raise ValueError(
                _("%(value)s is more than %(maximum)s.") % {"value": text, "maximum": self.maximum}
            )
        return int(number)

    def render(self, value, obj=None, **kwargs):
        return "" if value is None else str(value)


def _text(attribute, column=None):
    return fields.Field(attribute=attribute, column_name=column or attribute)


class BodyResource(resources.ModelResource):
    """Rows of one body, fixed by the page the file is uploaded on."""

    def __init__(self, body, **kwargs):
        super().__init__(**kwargs)
        self.body = body

    def get_instance(self, instance_loader, row):
        reference = str(row.get("reference") or "").strip()
        if not reference:
            return None
        return self.get_queryset().filter(reference=reference).first()

    def import_field(self, field, instance, row, is_m2m=False, **kwargs):
        # Cells left empty in optional text columns mean "blank", not None.
        if field.column_name in row and row[field.column_name] is None:
            row[field.column_name] = ""
        return super().import_field(field, instance, row, is_m2m=is_m2m, **kwargs)

    def import_instance(self, instance, row, **kwargs):
        # Every column's problem at once, rather than the first one only.
        errors = {}
        for field in self.get_import_fields():
            if field.column_name not in row:
                continue
            try:
                self.import_field(field, instance, row, **kwargs)
            except ValueError as error:
                errors[field.attribute] = [ValidationError(str(error), code="invalid")]
        if errors:
            raise ValidationError(errors)


class TenderResource(BodyResource):
    """Tenders, with their first lot's weightings; existing tenders (same reference) are
    updated. A tender with more than one lot keeps its lots' weightings as they are."""

    reference = _text("reference")
    title = _text("title")
    description = _text("description")
    category = fields.Field(
        attribute="category", column_name="category", widget=ChoiceWidget(Tender.Category)
    )
    estimated_value = fields.Field(
        attribute="estimated_value", column_name="estimated_value", widget=AmountWidget()
    )
    procedure = fields.Field(
        attribute="procedure", column_name="procedure", widget=ChoiceWidget(Tender.Procedure)
    )
    stage = fields.Field(
        attribute="stage", column_name="stage", widget=WholeNumberWidget(maximum=7)
    )
    published_on = fields.Field(
        attribute="published_on", column_name="published_on", widget=DateWidget()
    )
    closes_on = fields.Field(attribute="closes_on", column_name="closes_on", widget=DateWidget())
    price_weight = fields.Field(column_name="price_weight", widget=WholeNumberWidget(maximum=100))
    quality_weight = fields.Field(
        column_name="quality_weight", widget=WholeNumberWidget(maximum=100)
    )
    social_value_weight = fields.Field(
        column_name="social_value_weight", widget=WholeNumberWidget(maximum=100)
    )

    REQUIRED = (
        "reference",
        "title",
        "category",
        "estimated_value",
        "procedure",
        "price_weight",
        "quality_weight",
        "social_value_weight",
    )
    WEIGHTS = ("price_weight", "quality_weight", "social_value_weight")

    class Meta:
        model = Tender
        fields = (
            "reference",
            "title",
            "description",
            "category",
            "estimated_value",
            "procedure",
            "stage",
            "published_on",
            "closes_on",
            "price_weight",
            "quality_weight",
            "social_value_weight",
        )
        clean_model_instances = True
        skip_unchanged = False
        report_skipped = False

    def get_queryset(self):
        return Tender.objects.filter(body=self.body)

    def init_instance(self, row=None):
        return Tender(body=self.body)

    def import_instance(self, instance, row, **kwargs):
        errors = {}
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as error:
            errors.update(error.error_dict)
        if instance.stage in (None, ""):
            instance.stage = Tender.Stage.STRATEGY
        weights = []
        for name in self.WEIGHTS:
            try:
                value = WholeNumberWidget(maximum=100).clean(row.get(name))
            except ValueError as error:
                errors[name] = [ValidationError(str(error), code="invalid")]
                continue
            if value is None:
                errors[name] = [ValidationError(_("Enter a weighting from 0 to 100."))]
            weights.append(value)
        if len(weights) == 3 and None not in weights and sum(weights) != 100:
            errors["price_weight"] = [
                ValidationError(
                    _("The weightings must add up to 100; they add up to %(total)s.")
                    % {"total": sum(weights)}
                )
            ]
        if errors:
            raise ValidationError(errors)
        instance._weights = weights

    def after_save_instance(self, instance, row, **kwargs):
        price, quality, social_value = instance._weights
        lots = list(instance.lots.all())
        if len(lots) > 1:
            return
        lot = lots[0] if lots else Lot(tender=instance, number=1, title=instance.title)
        lot.price_weight, lot.quality_weight, lot.social_value_weight = price, quality, social_value
        lot.full_clean()
        lot.save()

    def dehydrate_price_weight(self, tender):
        return self._first_lot(tender, "price_weight")

    def dehydrate_quality_weight(self, tender):
        return self._first_lot(tender, "quality_weight")

    def dehydrate_social_value_weight(self, tender):
        return self._first_lot(tender, "social_value_weight")

    def _first_lot(self, tender, name):
        lots = sorted(tender.lots.all(), key=lambda lot: lot.number)
        return getattr(lots[0], name) if lots else ""


class ContractResource(BodyResource):
    """Contracts let elsewhere (or before this service), updated by reference."""

    reference = _text("reference")
    name = _text("title", "name")
    subject_matter = _text("subject_matter")
    category = fields.Field(
        attribute="category", column_name="category", widget=ChoiceWidget(Tender.Category)
    )
    supplier = fields.Field(
        attribute="supplier", column_name="supplier", widget=OrganisationByNameWidget()
    )
    value = fields.Field(attribute="value", column_name="value", widget=AmountWidget())
    awarded_on = fields.Field(attribute="awarded_on", column_name="awarded_on", widget=DateWidget())
    starts_on = fields.Field(attribute="starts_on", column_name="starts_on", widget=DateWidget())
    ends_on = fields.Field(attribute="ends_on", column_name="ends_on", widget=DateWidget())
    extension_months = fields.Field(
        attribute="extension_months",
        column_name="extension_months",
        widget=WholeNumberWidget(maximum=120),
    )

    REQUIRED = (
        "reference",
        "name",
        "category",
        "supplier",
        "value",
        "awarded_on",
        "starts_on",
        "ends_on",
    )

    class Meta:
        model = Contract
        fields = (
            "reference",
            "name",
            "subject_matter",
            "category",
            "supplier",
            "value",
            "awarded_on",
            "starts_on",
            "ends_on",
            "extension_months",
        )
        clean_model_instances = True
        skip_unchanged = False
        report_skipped = False

    def __init__(self, body, framework, **kwargs):
        super().__init__(body, **kwargs)
        self.framework = framework

    def get_queryset(self):
        return Contract.objects.filter(body=self.body)

    def init_instance(self, row=None):
        return Contract(body=self.body, framework=self.framework)

    def import_instance(self, instance, row, **kwargs):
        super().import_instance(instance, row, **kwargs)
        if instance.extension_months in (None, ""):
            instance.extension_months = 0
        if instance.pk and instance.award_id:
            raise ValidationError(
                _("This contract was recorded from an award here; change it on its page.")
            )

    def after_save_instance(self, instance, row, **kwargs):
        from commissioning.services import refresh_contract_commitments

        if not kwargs.get("dry_run"):
            refresh_contract_commitments(instance)


class ContractRegisterResource(resources.ModelResource):
    """A body's contracts register, as published: name, award date, estimated value, supplier
    and its principal address, subject matter, start, end and extension period."""

    reference = _text("reference")
    name = _text("title", "name")
    awarded_on = fields.Field(attribute="awarded_on", column_name="award_date", widget=DateWidget())
    estimated_value = fields.Field(column_name="estimated_value")
    value = fields.Field(attribute="value", column_name="contract_value", widget=AmountWidget())
    supplier = fields.Field(attribute="supplier__name", column_name="supplier")
    supplier_address = fields.Field(column_name="supplier_address")
    subject_matter = _text("subject_matter")
    starts_on = fields.Field(attribute="starts_on", column_name="start", widget=DateWidget())
    ends_on = fields.Field(attribute="ends_on", column_name="end", widget=DateWidget())
    extension_months = fields.Field(attribute="extension_months", column_name="extension_months")

    class Meta:
        model = Contract
        fields = (
            "reference",
            "name",
            "awarded_on",
            "estimated_value",
            "value",
            "supplier",
            "supplier_address",
            "subject_matter",
            "starts_on",
            "ends_on",
            "extension_months",
        )

    def dehydrate_estimated_value(self, contract):
        award = contract.award
        if award is not None:
            lot = award.lot
            estimate = (
                lot.estimated_value
                if lot.estimated_value is not None
                else lot.tender.estimated_value
            )
            return f"{estimate:.2f}"
        return f"{contract.value:.2f}"

    def dehydrate_supplier_address(self, contract):
        return ", ".join(
            line.strip() for line in contract.supplier.address.splitlines() if line.strip()
        )
