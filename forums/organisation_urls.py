from django.urls import path

from forums import imports, organisations

app_name = "organisations"

urlpatterns = [
    path("", organisations.organisation_list, name="list"),
    path("add/", organisations.organisation_create, name="create"),
    path("import/", imports.organisation_import, name="import"),
    path("export.<str:fmt>", imports.organisation_export, name="export"),
    path("template.<str:fmt>", imports.organisation_template, name="template"),
    path("<int:pk>/", organisations.organisation_detail, name="detail"),
    path("<int:pk>/edit/", organisations.organisation_edit, name="edit"),
    path("<int:pk>/delete/", organisations.organisation_delete, name="delete"),
]
