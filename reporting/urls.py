from django.urls import path

from reporting import review_views, views

app_name = "reporting"

urlpatterns = [
    path("<int:pk>/", views.report_detail, name="report"),
    path("<int:pk>/domains/<int:number>/", views.entry_edit, name="entry"),
    path("<int:pk>/submit/", views.report_submit, name="submit"),
    path("<int:pk>/report-<str:language>.pdf", views.report_download, name="pdf"),
    path("<int:pk>/versions/", views.report_versions, name="versions"),
    path("<int:pk>/figures.<str:fmt>", views.figures_export, name="figures_export"),
    path(
        "<int:pk>/figures-template.<str:fmt>",
        views.figures_export,
        {"blank": True},
        name="figures_template",
    ),
    path("<int:pk>/import-figures/", views.figures_import, name="figures_import"),
    path(
        "<int:pk>/domains/<int:number>/evidence/add/", views.attachment_add, name="attachment_add"
    ),
    path("<int:pk>/evidence/<int:attachment_pk>/", views.attachment_download, name="attachment"),
    path(
        "<int:pk>/evidence/<int:attachment_pk>/delete/",
        views.attachment_delete,
        name="attachment_delete",
    ),
    path("<int:pk>/figures/<slug:code>/", views.figure_edit, name="figure"),
    # The analysts' review
    path("review/", review_views.review_inbox, name="review_inbox"),
    path("review/cycles/<int:cycle_pk>/", review_views.review_inbox, name="review_cycle"),
    path("<int:pk>/review/", review_views.report_review, name="review"),
    path("<int:pk>/review/comment/", review_views.comment_add, name="comment_add"),
    path(
        "<int:pk>/comments/<int:comment_pk>/reply/",
        review_views.comment_reply,
        name="comment_reply",
    ),
    path("<int:pk>/return/", review_views.report_return, name="return"),
    path("<int:pk>/accept/", review_views.report_accept, name="accept"),
]

for kind in views.ITEM_KINDS:
    name = kind.replace("-", "_")
    urlpatterns += [
        path(f"<int:pk>/{kind}/add/", views.item_edit, {"kind": kind}, name=f"{name}_add"),
        path(
            f"<int:pk>/{kind}/<int:item_pk>/", views.item_edit, {"kind": kind}, name=f"{name}_edit"
        ),
        path(
            f"<int:pk>/{kind}/<int:item_pk>/delete/",
            views.item_delete,
            {"kind": kind},
            name=f"{name}_delete",
        ),
    ]
