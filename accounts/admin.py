from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from accounts.forms import AdminUserChangeForm, AdminUserCreationForm
from accounts.models import AuditEvent, RoleAssignment, User


class RoleAssignmentInline(admin.TabularInline):
    model = RoleAssignment
    extra = 1
    autocomplete_fields = ["forum", "commissioning_body"]


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    form = AdminUserChangeForm
    add_form = AdminUserCreationForm
    ordering = ["name"]
    list_display = ["name", "email", "preferred_language", "is_active", "is_staff"]
    list_filter = ["is_active", "is_staff", "preferred_language", "roles__role"]
    search_fields = ["name", "email"]
    inlines = [RoleAssignmentInline]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (_("Personal details"), {"fields": ["name", "preferred_language"]}),
        (_("Permissions"), {"fields": ["is_active", "is_staff", "is_superuser"]}),
        (_("Dates"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (
            None,
            {
                "classes": ["wide"],
                "fields": ["email", "name", "preferred_language", "password1", "password2"],
            },
        ),
    ]


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    list_display = ["at", "who", "action", "object_type", "object_repr", "forum"]
    list_filter = ["action", "object_type", "forum"]
    search_fields = ["object_repr", "detail", "actor_name", "actor_email"]
    date_hierarchy = "at"
    list_select_related = ["actor", "forum"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
