from django.urls import path

from reporting import coding_views, comparison_views, national_views, review_views, views

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
    # The codebook and coding
    path("review/cycles/<int:cycle_pk>/codebook/", coding_views.codebook, name="codebook"),
    path(
        "review/cycles/<int:cycle_pk>/codebook/default/",
        coding_views.codebook_default,
        name="codebook_default",
    ),
    path("review/cycles/<int:cycle_pk>/codebook/add/", coding_views.code_edit, name="code_add"),
    path(
        "review/cycles/<int:cycle_pk>/codebook/<int:code_pk>/",
        coding_views.code_edit,
        name="code_edit",
    ),
    path(
        "review/cycles/<int:cycle_pk>/codebook/<int:code_pk>/retire/",
        coding_views.code_retire,
        name="code_retire",
    ),
    path(
        "review/cycles/<int:cycle_pk>/codebook/<int:code_pk>/merge/",
        coding_views.code_merge,
        name="code_merge",
    ),
    path(
        "review/cycles/<int:cycle_pk>/codebook.csv",
        coding_views.codebook_export,
        name="codebook_export",
    ),
    path(
        "review/cycles/<int:cycle_pk>/codebook/import/",
        coding_views.codebook_import,
        name="codebook_import",
    ),
    path(
        "review/cycles/<int:cycle_pk>/codes/<int:code_pk>/",
        coding_views.code_passages,
        name="code_passages",
    ),
    path("review/cycles/<int:cycle_pk>/matrix/", coding_views.code_matrix, name="code_matrix"),
    path(
        "review/cycles/<int:cycle_pk>/matrix.<str:fmt>",
        coding_views.code_matrix,
        name="code_matrix_export",
    ),
    path(
        "review/cycles/<int:cycle_pk>/agreement/",
        coding_views.code_agreement,
        name="code_agreement",
    ),
    path("review/cycles/<int:cycle_pk>/findings/", coding_views.findings_table, name="findings"),
    path(
        "review/cycles/<int:cycle_pk>/findings/<int:code_pk>/<slug:forum_slug>/",
        coding_views.finding_edit,
        name="finding_edit",
    ),
    path("review/cycles/<int:cycle_pk>/figures/", comparison_views.comparison, name="comparison"),
    path("review/cycles/<int:cycle_pk>/dashboard/", comparison_views.dashboard, name="dashboard"),
    path(
        "review/cycles/<int:cycle_pk>/figures.<str:fmt>",
        comparison_views.comparison,
        name="comparison_export",
    ),
    path(
        "review/cycles/<int:cycle_pk>/targets/<slug:code>/",
        comparison_views.target_edit,
        name="target",
    ),
    path(
        "review/cycles/<int:cycle_pk>/national-analysis/",
        national_views.analysis_page,
        name="national",
    ),
    path(
        "review/cycles/<int:cycle_pk>/national-analysis/edit/",
        national_views.analysis_edit,
        name="national_edit",
    ),
    path(
        "review/cycles/<int:cycle_pk>/national-analysis/pdf-<str:language>/",
        national_views.analysis_pdf,
        name="national_pdf",
    ),
    path(
        "review/cycles/<int:cycle_pk>/national-analysis/documents/<int:doc_pk>/",
        national_views.analysis_pdf_status,
        name="national_pdf_status",
    ),
    path(
        "review/cycles/<int:cycle_pk>/national-analysis/documents/<int:doc_pk>.pdf",
        national_views.analysis_pdf_download,
        name="national_pdf_download",
    ),
    path("<int:pk>/coding/", coding_views.report_coding, name="coding"),
    path("<int:pk>/coding/<int:number>/", coding_views.entry_coding, name="entry_coding"),
    path("<int:pk>/passages/<int:passage_pk>/", coding_views.passage_edit, name="passage_edit"),
    path(
        "<int:pk>/passages/<int:passage_pk>/delete/",
        coding_views.passage_delete,
        name="passage_delete",
    ),
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
