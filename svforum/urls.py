from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from svforum import views

urlpatterns = i18n_patterns(
    path("", views.home, name="home"),
    path("accessibility/", views.accessibility, name="accessibility"),
    path("privacy/", views.privacy, name="privacy"),
    path("accounts/", include("accounts.urls")),
    path("forums/", include("forums.urls")),
    path("organisations/", include("forums.organisation_urls")),
    path("", include("reporting.urls")),
    path("reports/", include("analysis.urls")),
    path("commissioning/", include("commissioning.urls")),
    path("admin/", admin.site.urls),
    prefix_default_language=True,
)

handler404 = "svforum.views.page_not_found"
handler403 = "svforum.views.permission_denied"
handler500 = "svforum.views.server_error"
