"""The analysts' pages of a cycle and of a report. They keep the paths they had under
``/reports/`` (the project's URL conf mounts this beside ``reporting.urls``)."""

from django.urls import path

from analysis.views import coding, comparison, national

app_name = "analysis"

urlpatterns = [
    # The codebook and coding
    path("review/cycles/<int:cycle_pk>/codebook/", coding.codebook, name="codebook"),
    path(
        "review/cycles/<int:cycle_pk>/codebook/default/",
        coding.codebook_default,
        name="codebook_default",
    ),
    path("review/cycles/<int:cycle_pk>/codebook/add/", coding.code_edit, name="code_add"),
    path(
        "review/cycles/<int:cycle_pk>/codebook/<int:code_pk>/",
        coding.code_edit,
        name="code_edit",
    ),
    path(
        "review/cycles/<int:cycle_pk>/codebook/<int:code_pk>/retire/",
        coding.code_retire,
        name="code_retire",
    ),
    path(
        "review/cycles/<int:cycle_pk>/codebook/<int:code_pk>/merge/",
        coding.code_merge,
        name="code_merge",
    ),
    path(
        "review/cycles/<int:cycle_pk>/codebook.csv",
        coding.codebook_export,
        name="codebook_export",
    ),
    path(
        "review/cycles/<int:cycle_pk>/codebook/import/",
        coding.codebook_import,
        name="codebook_import",
    ),
    path(
        "review/cycles/<int:cycle_pk>/codes/<int:code_pk>/",
        coding.code_passages,
        name="code_passages",
    ),
    path("review/cycles/<int:cycle_pk>/matrix/", coding.code_matrix, name="code_matrix"),
    path(
        "review/cycles/<int:cycle_pk>/matrix.<str:fmt>",
        coding.code_matrix,
        name="code_matrix_export",
    ),
    path(
        "review/cycles/<int:cycle_pk>/agreement/",
        coding.code_agreement,
        name="code_agreement",
    ),
    path("review/cycles/<int:cycle_pk>/findings/", coding.findings_table, name="findings"),
    path(
        "review/cycles/<int:cycle_pk>/findings/<int:code_pk>/<slug:forum_slug>/",
        coding.finding_edit,
        name="finding_edit",
    ),
    path("review/cycles/<int:cycle_pk>/figures/", comparison.comparison, name="comparison"),
    path("review/cycles/<int:cycle_pk>/dashboard/", comparison.dashboard, name="dashboard"),
    path(
        "review/cycles/<int:cycle_pk>/figures.<str:fmt>",
        comparison.comparison,
        name="comparison_export",
    ),
    path(
        "review/cycles/<int:cycle_pk>/targets/<slug:code>/",
        comparison.target_edit,
        name="target",
    ),
    path(
        "review/cycles/<int:cycle_pk>/national-analysis/",
        national.analysis_page,
        name="national",
    ),
    path(
        "review/cycles/<int:cycle_pk>/national-analysis/edit/",
        national.analysis_edit,
        name="national_edit",
    ),
    path(
        "review/cycles/<int:cycle_pk>/national-analysis/pdf-<str:language>/",
        national.analysis_pdf,
        name="national_pdf",
    ),
    path(
        "review/cycles/<int:cycle_pk>/national-analysis/documents/<int:doc_pk>/",
        national.analysis_pdf_status,
        name="national_pdf_status",
    ),
    path(
        "review/cycles/<int:cycle_pk>/national-analysis/documents/<int:doc_pk>.pdf",
        national.analysis_pdf_download,
        name="national_pdf_download",
    ),
    path(
        "review/cycles/<int:cycle_pk>/national-analysis/publish/",
        national.analysis_publish,
        name="national_publish",
    ),
    path("national-analysis/<int:cycle_pk>/", national.published, name="published"),
    path(
        "national-analysis/<int:cycle_pk>/editions/<int:number>/",
        national.published,
        name="published_edition",
    ),
    path(
        "national-analysis/<int:cycle_pk>/editions/<int:number>/<str:language>.pdf",
        national.published_pdf,
        name="published_pdf",
    ),
    path("<int:pk>/coding/", coding.report_coding, name="coding"),
    path("<int:pk>/coding/<int:number>/", coding.entry_coding, name="entry_coding"),
    path("<int:pk>/passages/<int:passage_pk>/", coding.passage_edit, name="passage_edit"),
    path(
        "<int:pk>/passages/<int:passage_pk>/delete/",
        coding.passage_delete,
        name="passage_delete",
    ),
]
