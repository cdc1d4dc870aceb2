from django.contrib import admin
from import_export.admin import ImportExportModelAdmin

from forums import models
from forums.resources import OrganisationResource
from svforum import spreadsheets
from svforum.admin import RevisionedAdmin


class ForumAreaInline(admin.TabularInline):
    model = models.ForumArea
    extra = 0


class ForumHealthBoardInline(admin.TabularInline):
    model = models.ForumHealthBoard
    extra = 0


@admin.register(models.Forum)
class ForumAdmin(admin.ModelAdmin):
    list_display = ["name_en", "name_cy", "slug", "secretariat_host_type", "established_on"]
    search_fields = ["name_en", "name_cy", "alternative_name"]
    inlines = [ForumAreaInline, ForumHealthBoardInline]


@admin.register(models.LocalAuthority)
class LocalAuthorityAdmin(admin.ModelAdmin):
    list_display = ["name_en", "name_cy", "code"]
    search_fields = ["name_en", "name_cy", "code"]


@admin.register(models.HealthBoard)
class HealthBoardAdmin(admin.ModelAdmin):
    list_display = ["name_en", "name_cy", "slug"]


@admin.register(models.Organisation)
class OrganisationAdmin(RevisionedAdmin, ImportExportModelAdmin):
    resource_classes = [OrganisationResource]
    formats = spreadsheets.ADMIN_FORMATS  # exports through the one safe writer
    list_display = [
        "name",
        "sector",
        "section_16_category",
        "not_for_profit",
        "social_value_organisation",
        "sme",
    ]
    list_filter = ["sector", "section_16_category", "not_for_profit", "legal_form"]
    search_fields = ["name", "charity_number", "company_number"]
    filter_horizontal = ["local_authorities"]


@admin.register(models.ForumMembership)
class ForumMembershipAdmin(admin.ModelAdmin):
    list_display = ["organisation", "forum", "role", "joined_on", "left_on"]
    list_filter = ["forum", "role"]
    search_fields = ["organisation__name"]
    autocomplete_fields = ["organisation"]
    list_select_related = ["organisation", "forum"]


@admin.register(models.Citizen)
class CitizenAdmin(admin.ModelAdmin):
    list_display = ["name", "forum", "role", "joined_on", "left_on", "consent_given_on"]
    list_filter = ["forum", "role"]
    search_fields = ["name"]


class AgendaItemInline(admin.TabularInline):
    model = models.AgendaItem
    extra = 0


class MeetingActionInline(admin.TabularInline):
    model = models.MeetingAction
    extra = 0


@admin.register(models.Meeting)
class MeetingAdmin(RevisionedAdmin):
    list_display = ["held_on", "forum", "kind", "place", "online"]
    list_filter = ["forum", "kind"]
    date_hierarchy = "held_on"
    inlines = [AgendaItemInline, MeetingActionInline]
    filter_horizontal = ["organisations_present", "citizens_present"]


@admin.register(models.Project)
class ProjectAdmin(admin.ModelAdmin):
    list_display = ["title", "forum", "origin", "status", "started_on"]
    list_filter = ["forum", "origin", "status"]
    search_fields = ["title"]
    filter_horizontal = ["organisations"]
