from django.urls import path

from reporting.views import filing, review

app_name = "reporting"

# Mounted at the root: a forum's reports sit under the forum's own path.
urlpatterns = [
    path("forums/<slug:slug>/reports/", filing.forum_reports, name="forum_reports"),
    path(
        "forums/<slug:slug>/reports/start/<int:cycle_pk>/",
        filing.report_start,
        name="report_start",
    ),
    path("reports/<int:pk>/", filing.report_detail, name="report"),
    path("reports/<int:pk>/domains/<int:number>/", filing.entry_edit, name="entry"),
    path("reports/<int:pk>/submit/", filing.report_submit, name="submit"),
    path("reports/<int:pk>/submitted/", filing.report_submitted, name="submitted"),
    path("reports/<int:pk>/report-<str:language>.pdf", filing.report_download, name="pdf"),
    path("reports/<int:pk>/versions/", filing.report_versions, name="versions"),
    path("reports/<int:pk>/figures.<str:fmt>", filing.figures_export, name="figures_export"),
    path(
        "reports/<int:pk>/figures-template.<str:fmt>",
        filing.figures_export,
        {"blank": True},
        name="figures_template",
    ),
    path("reports/<int:pk>/import-figures/", filing.figures_import, name="figures_import"),
    path(
        "reports/<int:pk>/domains/<int:number>/evidence/add/",
        filing.attachment_add,
        name="attachment_add",
    ),
    path(
        "reports/<int:pk>/evidence/<int:attachment_pk>/",
        filing.attachment_download,
        name="attachment",
    ),
    path(
        "reports/<int:pk>/evidence/<int:attachment_pk>/delete/",
        filing.attachment_delete,
        name="attachment_delete",
    ),
    path("reports/<int:pk>/figures/<slug:code>/", filing.figure_edit, name="figure"),
    # The analysts' review
    path("reports/review/", review.review_inbox, name="review_inbox"),
    path("reports/review/cycles/<int:cycle_pk>/", review.review_inbox, name="review_cycle"),
    path("reports/<int:pk>/review/", review.report_review, name="review"),
    path("reports/<int:pk>/review/comment/", review.comment_add, name="comment_add"),
    path(
        "reports/<int:pk>/comments/<int:comment_pk>/reply/",
        review.comment_reply,
        name="comment_reply",
    ),
    path(
        "reports/<int:pk>/comments/<int:comment_pk>/done/",
        review.comment_done,
        name="comment_done",
    ),
    path("reports/<int:pk>/return/", review.report_return, name="return"),
    path("reports/<int:pk>/accept/", review.report_accept, name="accept"),
]

for kind in filing.ITEM_KINDS:
    name = kind.replace("-", "_")
    urlpatterns += [
        path(f"reports/<int:pk>/{kind}/add/", filing.item_edit, {"kind": kind}, name=f"{name}_add"),
        path(
            f"<int:pk>/{kind}/<int:item_pk>/", filing.item_edit, {"kind": kind}, name=f"{name}_edit"
        ),
        path(
            f"<int:pk>/{kind}/<int:item_pk>/delete/",
            filing.item_delete,
            {"kind": kind},
            name=f"{name}_delete",
        ),
    ]
