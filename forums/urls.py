from django.urls import path

from forums import citizens, imports, views

app_name = "forums"

urlpatterns = [
    path("", views.forum_list, name="list"),
    path("<slug:slug>/", views.forum_home, name="home"),
    path("<slug:slug>/edit/", views.forum_edit, name="edit"),
    path("<slug:slug>/terms-of-reference/", views.terms_of_reference, name="terms_of_reference"),
    path("<slug:slug>/citizens/due-for-erasure/", citizens.citizens_due, name="citizens_due"),
    path(
        "<slug:slug>/citizens/<int:pk>/personal-data.json",
        citizens.citizen_export,
        name="citizen_export",
    ),
    path("<slug:slug>/citizens/<int:pk>/erase/", citizens.citizen_erase, name="citizen_erase"),
    path("<slug:slug>/memberships/import/", imports.membership_import, name="membership_import"),
    path(
        "<slug:slug>/memberships/export.<str:fmt>",
        imports.membership_export,
        name="membership_export",
    ),
    path(
        "<slug:slug>/memberships/template.<str:fmt>",
        imports.membership_template,
        name="membership_template",
    ),
]

for kind, model in (("meetings", "meeting"), ("projects", "project")):
    extra = {"kind": kind}
    urlpatterns += [
        path(f"<slug:slug>/{kind}/import/", imports.record_import, extra, name=f"{model}_import"),
        path(
            f"<slug:slug>/{kind}/export.<str:fmt>",
            imports.record_export,
            extra,
            name=f"{model}_export",
        ),
        path(
            f"<slug:slug>/{kind}/template.<str:fmt>",
            imports.record_template,
            extra,
            name=f"{model}_template",
        ),
    ]

for kind in views.KINDS.values():
    name = kind.model._meta.model_name
    extra = {"kind": kind.name}
    urlpatterns += [
        path(f"<slug:slug>/{kind.name}/", views.record_list, extra, name=f"{name}_list"),
        path(f"<slug:slug>/{kind.name}/add/", views.record_create, extra, name=f"{name}_create"),
        path(
            f"<slug:slug>/{kind.name}/<int:pk>/", views.record_detail, extra, name=f"{name}_detail"
        ),
        path(
            f"<slug:slug>/{kind.name}/<int:pk>/edit/", views.record_edit, extra, name=f"{name}_edit"
        ),
        path(
            f"<slug:slug>/{kind.name}/<int:pk>/delete/",
            views.record_delete,
            extra,
            name=f"{name}_delete",
        ),
    ]
