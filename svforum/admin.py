"""Admin pieces shared by every app."""

from simple_history.admin import SimpleHistoryAdmin

from svforum.revisions import mark_saved

BOOKKEEPING = ("revision", "updated_at", "updated_by")


class RevisionedAdmin(SimpleHistoryAdmin):
    """The admin of a revisioned record (svforum/revisions.py): its bookkeeping is shown,
    not edited, and a save in the admin is the record's next revision, so an edit begun in
    the service before it is refused rather than let overwrite it. History is kept and
    shown."""

    def get_readonly_fields(self, request, obj=None):
        return [*super().get_readonly_fields(request, obj), *BOOKKEEPING]

    def save_model(self, request, obj, form, change):
        mark_saved(obj, by=request.user)
        super().save_model(request, obj, form, change)
