from django.urls import path

from commissioning import views

app_name = "commissioning"

TENDER = "<slug:slug>/tenders/<int:pk>/"
LOT = TENDER + "lots/<int:lot_pk>/"
CONTRACT = "<slug:slug>/contracts/<int:pk>/"
COMMITMENT = CONTRACT + "commitments/<int:commitment_pk>/"
RETURN = COMMITMENT + "returns/<int:return_pk>/"

urlpatterns = [
    path("", views.body_list, name="bodies"),
    # Before the bodies' own addresses: "regions" is not a body's slug.
    path("regions/<slug:region>/", views.region_dashboard, name="region"),
    path("frameworks/", views.framework_list, name="frameworks"),
    path("frameworks/import/", views.framework_import, name="framework_import"),
    path("frameworks/template.<str:fmt>", views.framework_template, name="framework_template"),
    path("frameworks/<int:pk>/", views.framework_detail, name="framework"),
    path(
        "frameworks/<int:pk>/framework.<str:fmt>",
        views.framework_export,
        name="framework_export",
    ),
    path("public/", views.public_index, name="public_index"),
    path("public/<slug:slug>/", views.public_register, name="public"),
    path("public/<slug:slug>/ocds.json", views.public_ocds, name="public_ocds"),
    path("<slug:slug>/", views.body_home, name="body"),
    path("<slug:slug>/dashboard/", views.body_dashboard, name="dashboard"),
    path("<slug:slug>/ocds.json", views.register_ocds, name="register_ocds"),
    path("<slug:slug>/contracts-register.<str:fmt>", views.register_export, name="register_export"),
    path("<slug:slug>/tenders/import/", views.tender_import, name="tender_import"),
    path("<slug:slug>/contracts/import/", views.contract_import, name="contract_import"),
    path(
        "<slug:slug>/<str:kind>s-template.<str:fmt>",
        views.import_template,
        name="import_template",
    ),
    path("<slug:slug>/policy/", views.policy_list, name="policies"),
    path("<slug:slug>/policy/new/", views.policy_create, name="policy_create"),
    # Tenders, lots, bids and awards
    path("<slug:slug>/tenders/new/", views.tender_create, name="tender_create"),
    path(TENDER, views.tender_detail, name="tender"),
    path(TENDER + "edit/", views.tender_edit, name="tender_edit"),
    path(TENDER + "ocds.json", views.tender_ocds, name="tender_ocds"),
    path(TENDER + "delete/", views.tender_delete, name="tender_delete"),
    path(TENDER + "lots/new/", views.lot_create, name="lot_create"),
    path(LOT, views.lot_detail, name="lot"),
    path(LOT + "edit/", views.lot_edit, name="lot_edit"),
    path(LOT + "delete/", views.lot_delete, name="lot_delete"),
    path(LOT + "bids/new/", views.bid_create, name="bid_create"),
    path(LOT + "bids/<int:bid_pk>/edit/", views.bid_edit, name="bid_edit"),
    path(LOT + "bids/<int:bid_pk>/delete/", views.bid_delete, name="bid_delete"),
    path(LOT + "award/", views.award_create, name="award"),
    path(LOT + "contract/", views.contract_from_award, name="contract_from_award"),
    # Contracts, commitments and monitoring returns
    path("<slug:slug>/contracts/", views.contract_list, name="contracts"),
    path("<slug:slug>/contracts/new/", views.contract_create, name="contract_create"),
    path(CONTRACT, views.contract_detail, name="contract"),
    path(CONTRACT + "edit/", views.contract_edit, name="contract_edit"),
    path(CONTRACT + "lm3/", views.contract_lm3, name="lm3"),
    path(CONTRACT + "commitments/new/", views.commitment_create, name="commitment_create"),
    path(COMMITMENT, views.commitment_detail, name="commitment"),
    path(COMMITMENT + "edit/", views.commitment_edit, name="commitment_edit"),
    path(COMMITMENT + "delete/", views.commitment_delete, name="commitment_delete"),
    path(COMMITMENT + "returns/new/", views.return_create, name="return_create"),
    path(RETURN + "delete/", views.return_delete, name="return_delete"),
    path(RETURN + "evidence/add/", views.evidence_add, name="evidence_add"),
    path(
        RETURN + "evidence/<int:evidence_pk>/",
        views.evidence_download,
        name="evidence",
    ),
]
