from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from reporting import models, services


class DomainInline(admin.StackedInline):
    model = models.Domain
    extra = 0


@admin.register(models.ReportTemplate)
class ReportTemplateAdmin(admin.ModelAdmin):
    list_display = ["name", "based_on", "created_at"]
    inlines = [DomainInline]
    actions = ["copy_templates"]

    @admin.action(description=_("Copy the selected templates to revise them"))
    def copy_templates(self, request, queryset):
        for template in queryset:
            copy = services.copy_template(template=template, by=request.user)
            self.message_user(
                request, _("Created %(name)s.") % {"name": copy.name}, messages.SUCCESS
            )


@admin.register(models.ReportingCycle)
class ReportingCycleAdmin(admin.ModelAdmin):
    list_display = ["name_en", "period_start", "period_end", "due_on", "template"]


class EntryInline(admin.TabularInline):
    model = models.Entry
    extra = 0
    fields = ["domain", "status", "revision", "updated_at", "updated_by"]
    readonly_fields = fields
    can_delete = False


@admin.register(models.Report)
class ReportAdmin(SimpleHistoryAdmin):
    list_display = ["forum", "cycle", "status", "version", "submitted_at"]
    list_filter = ["cycle", "status", "forum"]
    inlines = [EntryInline]
    readonly_fields = ["version", "submitted_at", "submitted_by"]
