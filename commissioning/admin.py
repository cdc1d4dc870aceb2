"""The administration site: commissioning bodies, their policy, and measurement frameworks.
Tenders, bids, contracts and returns are kept through the commissioners' own pages, which
apply the weighting and status rules; here they can be read and corrected."""

from django.contrib import admin

from commissioning import models
from svforum.admin import BOOKKEEPING, RevisionedAdmin


@admin.register(models.CommissioningBody)
class CommissioningBodyAdmin(admin.ModelAdmin):
    list_display = ["name_en", "kind", "region", "local_authority", "publish_contracts"]
    list_filter = ["kind", "region", "publish_contracts"]
    search_fields = ["name_en", "name_cy", "slug"]
    prepopulated_fields = {"slug": ["name_en"]}


@admin.register(models.PolicySetting)
class PolicySettingAdmin(admin.ModelAdmin):
    list_display = [
        "body",
        "starts_on",
        "light_touch_from",
        "full_from",
        "minimum_social_value_weight",
    ]
    list_filter = ["body"]
    filter_horizontal = ["core_measures"]


def _framework_in_use(framework):
    return framework is not None and models.Contract.objects.filter(framework=framework).exists()


class FrameworkLocked:
    """A framework version that contracts are measured against is read-only: revise it by
    importing a new version (commissioning/frameworks.py)."""

    def framework_of(self, obj):
        raise NotImplementedError

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        return allowed and not _framework_in_use(self.framework_of(obj) if obj else None)

    def has_delete_permission(self, request, obj=None):
        allowed = super().has_delete_permission(request, obj)
        return allowed and not _framework_in_use(self.framework_of(obj) if obj else None)


class ThemeInline(admin.TabularInline):
    model = models.Theme
    extra = 0


@admin.register(models.Framework)
class FrameworkAdmin(FrameworkLocked, admin.ModelAdmin):
    list_display = ["name_en", "version", "published_on"]
    inlines = [ThemeInline]

    def framework_of(self, obj):
        return obj


class MeasureInline(admin.StackedInline):
    model = models.Measure
    extra = 0


@admin.register(models.Outcome)
class OutcomeAdmin(FrameworkLocked, admin.ModelAdmin):
    list_display = ["code", "name_en", "theme"]
    list_filter = ["theme__framework"]
    inlines = [MeasureInline]

    def framework_of(self, obj):
        return obj.theme.framework


@admin.register(models.Measure)
class MeasureAdmin(FrameworkLocked, admin.ModelAdmin):
    list_display = ["code", "name_en", "unit_en", "proxy_value", "outcome"]
    list_filter = ["outcome__theme__framework"]
    search_fields = ["code", "name_en", "name_cy"]

    def framework_of(self, obj):
        return obj.outcome.theme.framework


class LotInline(admin.TabularInline):
    model = models.Lot
    extra = 0
    exclude = BOOKKEEPING


@admin.register(models.Tender)
class TenderAdmin(RevisionedAdmin):
    list_display = ["reference", "title", "body", "stage", "estimated_value"]
    list_filter = ["body", "stage", "category"]
    search_fields = ["reference", "title"]
    inlines = [LotInline]


@admin.register(models.Bid)
class BidAdmin(RevisionedAdmin):
    list_display = ["bidder", "lot", "price", "quality_score", "social_value_score"]
    list_select_related = ["bidder", "lot__tender"]
    raw_id_fields = ["lot", "bidder"]


@admin.register(models.Award)
class AwardAdmin(admin.ModelAdmin):
    list_display = ["lot", "bid", "decided_on", "total_score"]
    raw_id_fields = ["lot", "bid"]


@admin.register(models.Contract)
class ContractAdmin(RevisionedAdmin):
    list_display = ["reference", "title", "body", "supplier", "value", "starts_on", "ends_on"]
    list_filter = ["body", "category"]
    search_fields = ["reference", "title", "supplier__name"]
    raw_id_fields = ["award", "supplier"]


@admin.register(models.Commitment)
class CommitmentAdmin(RevisionedAdmin):
    list_display = ["contract", "measure", "category", "target", "delivered", "progress"]
    list_filter = ["category", "progress"]
    raw_id_fields = ["contract", "measure"]
    readonly_fields = ["delivered", "assessed_to", "progress", "next_return_due"]


@admin.register(models.MonitoringReturn)
class MonitoringReturnAdmin(admin.ModelAdmin):
    list_display = ["commitment", "period_start", "period_end", "quantity", "submitted_at"]
    raw_id_fields = ["commitment"]
