"""Commissioners' pages: a body's tenders, lots and award criteria, bids and their ranking,
awards, contracts with their social value commitments, and monitoring returns.

Every page fetches through ``accounts.access``: a body's records are for its commissioners
and administrators, and anyone else gets 404 whether or not the record exists.
"""

import datetime

import tablib
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q, Sum
from django.http import FileResponse, Http404, JsonResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from commissioning import access, dashboard, forms, frameworks, ocds, scoring, services
from commissioning.models import (
    Award,
    Bid,
    BidOffer,
    CommissioningBody,
    Commitment,
    Contract,
    Evidence,
    Framework,
    Lot,
    MonitoringReturn,
    PolicySetting,
    Tender,
)
from commissioning.resources import (
    ContractRegisterResource,
    ContractResource,
    TenderResource,
)
from svforum import imports, spreadsheets
from svforum.forms import form_changes, formset_changes, without_control_characters
from svforum.revisions import EditConflict, show_conflict

PAGE_SIZE = 25


def _today():
    return datetime.date.today()


def _paginate(request, queryset):
    page = Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return page, query.urlencode()


def _data(request):
    return request.POST if request.method == "POST" else None


def _files(request):
    return request.FILES if request.method == "POST" else None


# Fetching, with access decided in accounts.access ---------------------------------------------


def _tender(request, slug, pk):
    return access.get_body_record_for_user(
        request.user, slug, Tender.objects.select_related("body"), pk
    )


def _lot(request, slug, pk, lot_pk):
    body, tender = _tender(request, slug, pk)
    try:
        lot = tender.lots.get(pk=lot_pk)
    except (Lot.DoesNotExist, ValueError):
        raise Http404 from None
    lot.tender = tender
    return body, tender, lot


def _bid(request, slug, pk, lot_pk, bid_pk):
    body, tender, lot = _lot(request, slug, pk, lot_pk)
    try:
        bid = lot.bids.select_related("bidder").get(pk=bid_pk)
    except (Bid.DoesNotExist, ValueError):
        raise Http404 from None
    return body, tender, lot, bid


def _contract(request, slug, pk):
    return access.get_body_record_for_user(
        request.user,
        slug,
        Contract.objects.select_related("body", "supplier", "framework", "award__lot__tender"),
        pk,
    )


def _commitment(request, slug, pk, commitment_pk):
    body, contract = _contract(request, slug, pk)
    try:
        commitment = contract.commitments.select_related("measure__outcome__theme").get(
            pk=commitment_pk
        )
    except (Commitment.DoesNotExist, ValueError):
        raise Http404 from None
    commitment.contract = contract
    return body, contract, commitment


def _crumbs(body, *more):
    return [
        (_("Commissioning"), reverse("commissioning:bodies")),
        (body.name, body.get_absolute_url()),
        *more,
    ]


def _form_page(request, *, body, title, form, crumbs, cancel_url, formsets=(), caption=None):
    return render(
        request,
        "commissioning/form.html",
        {
            "body": body,
            "title": title,
            "caption": caption or body.name,
            "form": form,
            "formsets": formsets,
            "crumbs": crumbs,
            "cancel_url": cancel_url,
        },
        status=409 if getattr(form, "edit_refused", False) else 200,
    )


def _add_errors(form, error):
    """A service's refusal on the form: on its field when the form has it, else above."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


def _confirm_delete(request, *, body, record, crumbs, cancel_url, blocked=""):
    return render(
        request,
        "commissioning/confirm_delete.html",
        {
            "body": body,
            "record": record,
            "crumbs": crumbs,
            "cancel_url": cancel_url,
            "blocked": blocked,
        },
    )


# Bodies ------------------------------------------------------------------------------------------


@require_GET
@login_required
def body_list(request):
    access.check_commissioning_access(request.user)
    bodies = (
        access.visible_bodies(request.user)
        .select_related("region")
        .annotate(
            tender_count=Count("tenders", distinct=True),
            contract_count=Count("contracts", distinct=True),
        )
    )
    return render(request, "commissioning/body_list.html", {"bodies": bodies})


@require_GET
@login_required
def body_home(request, slug):
    body = access.get_body_for_user(request.user, slug)
    tenders = body.tenders.annotate(lot_count=Count("lots", distinct=True))
    stage = request.GET.get("stage", "")
    if stage.isdigit() and int(stage) in Tender.Stage.values:
        tenders = tenders.filter(stage=int(stage))
    category = request.GET.get("category", "")
    if category in Tender.Category.values:
        tenders = tenders.filter(category=category)
    q = without_control_characters(request.GET.get("q", "")).strip()[:100]
    if q:
        tenders = tenders.filter(Q(title__icontains=q) | Q(reference__icontains=q))
    page, query = _paginate(request, tenders.order_by("-created_at", "-id"))
    today = _today()
    return render(
        request,
        "commissioning/body_home.html",
        {
            "body": body,
            "page": page,
            "query": query,
            "stages": Tender.Stage.choices,
            "categories": Tender.Category.choices,
            "stage": stage,
            "category": category,
            "q": q,
            "policy": body.policy_on(today),
            "commissioners": body.role_assignments.select_related("user").order_by("user__name"),
        },
    )


@require_GET
@login_required
def policy_list(request, slug):
    body = access.get_body_for_user(request.user, slug)
    policies = body.policies.select_related("created_by").prefetch_related("core_measures")
    return render(
        request,
        "commissioning/policy_list.html",
        {"body": body, "policies": policies, "in_force": body.policy_on(_today())},
    )


@require_http_methods(["GET", "POST"])
@login_required
def policy_create(request, slug):
    body = access.get_body_for_user(request.user, slug, write=True)
    current = body.policy_on(_today())
    instance = PolicySetting(body=body, created_by=request.user)
    initial = {}
    if current:
        initial = {
            "light_touch_from": current.light_touch_from,
            "full_from": current.full_from,
            "minimum_social_value_weight": current.minimum_social_value_weight,
            "minimum_rule": current.minimum_rule,
            "return_grace_days": current.return_grace_days,
            "core_measures": list(current.core_measures.all()),
        }
    form = forms.PolicyForm(_data(request), instance=instance, initial=initial)
    if request.method == "POST" and form.is_valid():
        record, many_to_many, changed = form_changes(form)
        try:
            services.save_record(
                record=record, many_to_many=many_to_many, changed=changed, by=request.user
            )
        except ValidationError as error:  # e.g. a duplicate saved meanwhile
            form.add_error(None, error.messages)
        except EditConflict as conflict:
            show_conflict(form, conflict)
        else:
            messages.success(request, _("The policy has been saved."))
            return redirect("commissioning:policies", body.slug)
    return _form_page(
        request,
        body=body,
        title=_("New policy settings"),
        form=form,
        crumbs=_crumbs(body, (_("Policy"), reverse("commissioning:policies", args=[body.slug]))),
        cancel_url=reverse("commissioning:policies", args=[body.slug]),
    )


@require_GET
@login_required
def body_dashboard(request, slug):
    body = access.get_body_for_user(request.user, slug)
    today = _today()
    return render(
        request,
        "commissioning/body_dashboard.html",
        {
            "body": body,
            "today": today,
            "dashboard": dashboard.body_dashboard(body, today),
            "crumbs": _crumbs(body),
        },
    )


def _year(request):
    year = request.GET.get("year", "")
    return int(year) if year.isdigit() and 2000 <= int(year) <= 2100 else None


@require_GET
@login_required
def region_dashboard(request, region):
    forum = access.get_region_for_user(request.user, region)
    year = _year(request)
    return render(
        request,
        "commissioning/region_dashboard.html",
        {
            "forum": forum,
            "year": year,
            "years": range(_today().year + 1, _today().year - 8, -1),
            "dashboard": dashboard.region_dashboard(forum, year=year),
        },
    )


# The public register ---------------------------------------------------------------------------


@require_GET
def public_index(request):
    """Bodies that publish their contracts; no sign-in needed."""
    bodies = (
        CommissioningBody.objects.filter(publish_contracts=True)
        .select_related("region")
        .annotate(contract_count=Count("contracts"))
        .order_by("name_en")
    )
    return render(request, "commissioning/public_index.html", {"bodies": bodies})


@require_GET
def public_register(request, slug):
    """A body's contracts with their social value commitments and progress, for anyone.
    Only what a contracts register publishes: no bids, scores, narratives, evidence or who
    recorded what."""
    try:
        body = CommissioningBody.objects.select_related("region").get(
            slug=slug, publish_contracts=True
        )
    except CommissioningBody.DoesNotExist:
        raise Http404 from None
    today = _today()
    contracts = (
        body.contracts.select_related("supplier")
        .prefetch_related(
            Prefetch(
                "commitments",
                queryset=Commitment.objects.select_related("measure").order_by("pk"),
            )
        )
        .order_by("-awarded_on", "-id")
    )
    page, query = _paginate(request, contracts)
    for contract in page.object_list:
        for commitment in contract.commitments.all():
            commitment.current_status = commitment.status(today)
    return render(
        request,
        "commissioning/public_register.html",
        {"body": body, "page": page, "query": query, "today": today},
    )


# Open data ---------------------------------------------------------------------------------------


@require_GET
@login_required
def tender_ocds(request, slug, pk):
    _body, tender = _tender(request, slug, pk)
    data = ocds.tender_package(tender, uri=request.build_absolute_uri())
    response = JsonResponse(data, json_dumps_params={"ensure_ascii": False, "indent": 1})
    response["Content-Disposition"] = f'attachment; filename="{slug}-{tender.pk}-ocds.json"'
    return response


def _register_response(request, body):
    response = StreamingHttpResponse(
        ocds.stream_register(body, uri=request.build_absolute_uri()),
        content_type="application/json",
    )
    response["Content-Disposition"] = f'attachment; filename="{body.slug}-ocds.json"'
    return response


@require_GET
@login_required
def register_ocds(request, slug):
    return _register_response(request, access.get_body_for_user(request.user, slug))


@require_GET
def public_ocds(request, slug):
    try:
        body = CommissioningBody.objects.get(slug=slug, publish_contracts=True)
    except CommissioningBody.DoesNotExist:
        raise Http404 from None
    return _register_response(request, body)


# Spreadsheets -------------------------------------------------------------------------------------


def _body_import(request, body, *, resource, title, kind, back_url):
    flow = imports.ResourceFlow(
        resource=resource,
        record_type=f"commissioning.{kind}",
        title=title,
        back_url=back_url,
        scope=f"commissioning-{kind}:{body.pk}",
        template_urls={
            fmt: reverse("commissioning:import_template", args=[body.slug, kind, fmt])
            for fmt in imports.CONTENT_TYPES
        },
    )
    return imports.run_import(request, flow)


@require_http_methods(["GET", "POST"])
@login_required
def tender_import(request, slug):
    body = access.get_body_for_user(request.user, slug, write=True)
    return _body_import(
        request,
        body,
        resource=TenderResource(body),
        title=_("Import tenders"),
        kind="tender",
        back_url=body.get_absolute_url(),
    )


@require_http_methods(["GET", "POST"])
@login_required
def contract_import(request, slug):
    body = access.get_body_for_user(request.user, slug, write=True)
    return _body_import(
        request,
        body,
        resource=ContractResource(body, services.default_framework()),
        title=_("Import contracts let elsewhere"),
        kind="contract",
        back_url=reverse("commissioning:contracts", args=[body.slug]),
    )


@require_GET
@login_required
def import_template(request, slug, kind, fmt):
    body = access.get_body_for_user(request.user, slug)
    if kind not in ("tender", "contract"):
        raise Http404
    resource = (
        TenderResource(body)
        if kind == "tender"
        else ContractResource(body, services.default_framework())
    )
    return imports.template_download(spreadsheets.column_names(resource), fmt, f"{kind}s-template")


@require_GET
@login_required
def register_export(request, slug, fmt):
    body = access.get_body_for_user(request.user, slug)
    contracts = body.contracts.select_related("supplier", "award__lot__tender").order_by(
        "-awarded_on", "reference"
    )
    dataset = ContractRegisterResource().export(contracts)
    return imports.download(
        dataset, fmt, f"{body.slug}-contracts-register-{spreadsheets.today_stamp()}"
    )


# Measurement frameworks ---------------------------------------------------------------------------


@require_GET
@login_required
def framework_list(request):
    access.check_frameworks_access(request.user)
    frameworks = Framework.objects.annotate(
        theme_count=Count("themes", distinct=True),
        measure_count=Count("themes__outcomes__measures", distinct=True),
        contract_count=Count("contracts", distinct=True),
    ).order_by("name_en", "-published_on", "-id")
    return render(
        request,
        "commissioning/framework_list.html",
        {
            "frameworks": frameworks,
            "can_import": access.can_administer_commissioning(request.user),
        },
    )


@require_GET
@login_required
def framework_detail(request, pk):
    access.check_frameworks_access(request.user)
    try:
        framework = Framework.objects.get(pk=pk)
    except (Framework.DoesNotExist, ValueError):
        raise Http404 from None
    themes = framework.themes.prefetch_related("outcomes__measures")
    return render(
        request,
        "commissioning/framework_detail.html",
        {"framework": framework, "themes": themes},
    )


@require_GET
@login_required
def framework_export(request, pk, fmt):
    access.check_frameworks_access(request.user)
    try:
        framework = Framework.objects.get(pk=pk)
    except (Framework.DoesNotExist, ValueError):
        raise Http404 from None
    dataset = tablib.Dataset(*frameworks.export_rows(framework), headers=frameworks.COLUMNS)
    return imports.download(dataset, fmt, f"framework-{framework.pk}")


@require_GET
@login_required
def framework_template(request, fmt):
    access.check_frameworks_access(request.user)
    return imports.template_download(frameworks.COLUMNS, fmt, "framework-template")


class FrameworkImport(imports.ImportFlow):
    """A measurement framework, whole: themes, outcomes and measures, with the name,
    version and source asked beside the file."""

    template = "commissioning/framework_import.html"
    form_class = forms.FrameworkImportForm
    columns = frameworks.COLUMNS
    required = frameworks.REQUIRED

    def check(self, data):
        parsed = frameworks.parse(data)
        return imports.Checked(changes=parsed, problems=parsed.problems)

    def preview_context(self, data, checked):
        return {"parsed": checked.changes}

    def apply(self, checked, *, by, values):
        parsed = checked.changes
        framework = frameworks.create(parsed, **{k: values[k] for k in FRAMEWORK_FIELDS}, by=by)
        message = (
            _(
                "The framework has been imported: %(themes)s themes, %(outcomes)s outcomes, "
                "%(measures)s measures."
            )
            % parsed.totals
        )
        return framework.get_absolute_url(), message


FRAMEWORK_FIELDS = ("name_en", "name_cy", "version", "source")


@require_http_methods(["GET", "POST"])
@login_required
def framework_import(request):
    access.check_frameworks_access(request.user, write=True)
    flow = FrameworkImport(
        title=_("Import a framework"),
        scope="framework",
        back_url=reverse("commissioning:frameworks"),
        template_urls={
            fmt: reverse("commissioning:framework_template", args=[fmt])
            for fmt in imports.CONTENT_TYPES
        },
    )
    return imports.run_import(request, flow)


# Tenders -----------------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@login_required
def tender_create(request, slug):
    body = access.get_body_for_user(request.user, slug, write=True)
    form = forms.TenderForm(_data(request), instance=Tender(body=body))
    lot_form = forms.FirstLotForm(_data(request), prefix="lot")
    if request.method == "POST":
        valid = all([form.is_valid(), lot_form.is_valid()])
        if valid:
            weights = lot_form.weights()
            try:
                tender = services.create_tender(
                    tender=form.save(commit=False),
                    lot_title=lot_form.cleaned_data["lot_title"],
                    weights=weights,
                    by=request.user,
                )
            except ValidationError as error:
                _add_errors(lot_form, error)
            else:
                messages.success(request, _("The tender has been added."))
                problem = services.weighting_problem(
                    body, weights, on=tender.published_on or _today()
                )
                if problem:  # a minimum that warns: saved, with the warning
                    messages.warning(request, problem[1])
                return redirect(tender.get_absolute_url())
    return render(
        request,
        "commissioning/tender_form.html",
        {
            "body": body,
            "form": form,
            "lot_form": lot_form,
            "crumbs": _crumbs(body),
            "cancel_url": body.get_absolute_url(),
            "policy": body.policy_on(_today()),
        },
    )


@require_GET
@login_required
def tender_detail(request, slug, pk):
    body, tender = _tender(request, slug, pk)
    lots = tender.lots.annotate(bid_count=Count("bids")).select_related(
        "award__bid__bidder", "award__contract"
    )
    policy = services.policy_for(tender, _today())
    warnings = []
    for lot in lots:
        problem = services.weighting_problem(
            body, scoring.Weights.of(lot), on=tender.published_on or _today()
        )
        if problem:
            warnings.append((lot, problem[1]))
    return render(
        request,
        "commissioning/tender_detail.html",
        {
            "body": body,
            "tender": tender,
            "lots": lots,
            "policy": policy,
            "regime": policy.regime(tender.estimated_value) if policy else None,
            "regime_label": PolicySetting.Regime(policy.regime(tender.estimated_value)).label
            if policy
            else None,
            "warnings": warnings,
            "crumbs": _crumbs(body),
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
def tender_edit(request, slug, pk):
    body, tender = _tender(request, slug, pk)
    form = forms.TenderForm(_data(request), instance=tender)
    if request.method == "POST" and form.is_valid():
        record, many_to_many, changed = form_changes(form)
        try:
            services.save_record(
                record=record, many_to_many=many_to_many, changed=changed, by=request.user
            )
        except ValidationError as error:  # e.g. a duplicate saved meanwhile
            form.add_error(None, error.messages)
        except EditConflict as conflict:
            show_conflict(form, conflict)
        else:
            messages.success(request, _("The tender has been saved."))
            return redirect(tender.get_absolute_url())
    return _form_page(
        request,
        body=body,
        title=_("Change the tender"),
        form=form,
        crumbs=_crumbs(body, (str(tender), tender.get_absolute_url())),
        cancel_url=tender.get_absolute_url(),
    )


@require_http_methods(["GET", "POST"])
@login_required
def tender_delete(request, slug, pk):
    body, tender = _tender(request, slug, pk)
    blocked = ""
    if Award.objects.filter(lot__tender=tender).exists():
        blocked = services.TENDER_AWARDED
    if request.method == "POST" and not blocked:
        name = str(tender)
        try:
            services.delete_tender(tender=tender, by=request.user)
        except ValidationError as error:  # awarded meanwhile
            blocked = " ".join(error.messages)
        else:
            messages.success(request, _("%(record)s has been deleted.") % {"record": name})
            return redirect(body.get_absolute_url())
    return _confirm_delete(
        request,
        body=body,
        record=tender,
        crumbs=_crumbs(body, (str(tender), tender.get_absolute_url())),
        cancel_url=tender.get_absolute_url(),
        blocked=blocked,
    )


# Lots and award criteria ------------------------------------------------------------------------


def _lot_page(request, body, tender, lot, *, creating):
    form = forms.LotForm(_data(request), instance=lot)
    formset = forms.SubCriterionFormSet(_data(request), instance=lot, prefix="sub")
    formset.lot_form = form
    if request.method == "POST":
        valid = all([form.is_valid(), formset.is_valid()])
        if valid:
            record, _none, changed = form_changes(form)
            rows, removed = formset_changes(formset)
            try:
                saved = services.save_lot(
                    lot=record, sub_criteria=rows, removed=removed, changed=changed, by=request.user
                )
            except ValidationError as error:
                _add_errors(form, error)
            except EditConflict as conflict:
                show_conflict(form, conflict)
            else:
                messages.success(
                    request,
                    _("%(record)s has been added.") % {"record": saved}
                    if creating
                    else _("%(record)s has been saved.") % {"record": saved},
                )
                problem = services.weighting_problem(
                    body, form.weights(), on=tender.published_on or _today()
                )
                if problem:  # a minimum that warns: saved, with the warning
                    messages.warning(request, problem[1])
                return redirect("commissioning:lot", body.slug, tender.pk, saved.pk)
    return _form_page(
        request,
        body=body,
        title=_("Add a lot") if creating else _("Change the lot and its award criteria"),
        caption=str(tender),
        form=form,
        formsets=[
            (
                _("Sub-criteria (optional)"),
                _(
                    "Name parts of a criterion with their share of its weighting; a criterion’s "
                    "parts must add up to its weighting. Leave rows empty to skip them."
                ),
                formset,
            )
        ],
        crumbs=_crumbs(body, (str(tender), tender.get_absolute_url())),
        cancel_url=tender.get_absolute_url(),
    )


@require_http_methods(["GET", "POST"])
@login_required
def lot_create(request, slug, pk):
    body, tender = _tender(request, slug, pk)
    number = (tender.lots.order_by("-number").values_list("number", flat=True).first() or 0) + 1
    lot = Lot(tender=tender, number=number)
    return _lot_page(request, body, tender, lot, creating=True)


@require_http_methods(["GET", "POST"])
@login_required
def lot_edit(request, slug, pk, lot_pk):
    body, tender, lot = _lot(request, slug, pk, lot_pk)
    if services.lot_awarded(lot):
        messages.error(request, services.LOT_AWARDED)
        return redirect("commissioning:lot", body.slug, tender.pk, lot.pk)
    return _lot_page(request, body, tender, lot, creating=False)


@require_http_methods(["GET", "POST"])
@login_required
def lot_delete(request, slug, pk, lot_pk):
    body, tender, lot = _lot(request, slug, pk, lot_pk)
    blocked = ""
    if services.lot_awarded(lot):
        blocked = services.LOT_AWARDED_DELETE
    elif tender.lots.count() == 1:
        blocked = services.LOT_LAST
    if request.method == "POST" and not blocked:
        name = str(lot)
        try:
            services.delete_lot(lot=lot, by=request.user)
        except ValidationError as error:  # awarded meanwhile
            blocked = " ".join(error.messages)
        else:
            messages.success(request, _("%(record)s has been deleted.") % {"record": name})
            return redirect(tender.get_absolute_url())
    return _confirm_delete(
        request,
        body=body,
        record=lot,
        crumbs=_crumbs(body, (str(tender), tender.get_absolute_url())),
        cancel_url=reverse("commissioning:lot", args=[body.slug, tender.pk, lot.pk]),
        blocked=blocked,
    )


@require_GET
@login_required
def lot_detail(request, slug, pk, lot_pk):
    body, tender, lot = _lot(request, slug, pk, lot_pk)
    bids = list(
        lot.bids.select_related("bidder").prefetch_related(
            Prefetch("offers", queryset=BidOffer.objects.select_related("measure"))
        )
    )
    weights = scoring.Weights.of(lot)
    scored = scoring.score_bids(bids, weights)
    what_if_form = forms.WhatIfForm(
        request.GET if "price_weight" in request.GET else None,
        initial={"price_weight": 60, "quality_weight": 40, "social_value_weight": 0},
    )
    comparison = None
    if what_if_form.is_bound and what_if_form.is_valid():
        comparison = scoring.what_if(bids, weights, what_if_form.weights())
    award = Award.objects.filter(lot=lot).select_related("bid__bidder", "decided_by").first()
    contract = Contract.objects.filter(award=award).first() if award else None
    local = services.local_bidders(body, [bid.bidder_id for bid in bids])
    for bid in bids:
        bid.local = bid.bidder_id in local
    return render(
        request,
        "commissioning/lot_detail.html",
        {
            "body": body,
            "tender": tender,
            "lot": lot,
            "weights": weights,
            "sub_criteria": lot.sub_criteria.all(),
            "scored": scored,
            "method": scoring.METHOD,
            "what_if_form": what_if_form,
            "comparison": comparison,
            "award": award,
            "contract": contract,
            "any_unranked": any(not s.ranked for s in scored),
            "crumbs": _crumbs(body, (str(tender), tender.get_absolute_url())),
        },
    )


# Bids ------------------------------------------------------------------------------------------


def _bid_page(request, body, tender, lot, bid, *, creating):
    form = forms.BidForm(_data(request), instance=bid)
    framework = services.default_framework()
    formset = forms.BidOfferFormSet(
        _data(request), instance=bid, prefix="offer", form_kwargs={"framework": framework}
    )
    if request.method == "POST":
        valid = all([form.is_valid(), formset.is_valid()])
        if valid:
            record, _none, changed = form_changes(form)
            rows, removed = formset_changes(formset)
            try:
                saved = services.save_bid(
                    bid=record, offers=rows, removed=removed, changed=changed, by=request.user
                )
            except ValidationError as error:
                _add_errors(form, error)
            except EditConflict as conflict:
                show_conflict(form, conflict)
            else:
                messages.success(
                    request,
                    _("The bid from %(bidder)s has been saved.") % {"bidder": saved.bidder.name},
                )
                return redirect("commissioning:lot", body.slug, tender.pk, lot.pk)
    lot_url = reverse("commissioning:lot", args=[body.slug, tender.pk, lot.pk])
    return _form_page(
        request,
        body=body,
        title=_("Add a bid") if creating else _("Change the bid"),
        caption=f"{tender} — {lot}",
        form=form,
        formsets=[
            (
                _("Social value offered (optional)"),
                _(
                    "What the bidder commits to against the framework’s measures; written into "
                    "the contract as added commitments if the bid wins."
                ),
                formset,
            )
        ],
        crumbs=_crumbs(body, (str(tender), tender.get_absolute_url()), (str(lot), lot_url)),
        cancel_url=lot_url,
    )


def _refuse_if_awarded(request, body, tender, lot):
    """Before showing a bid's or an award's form: an awarded lot's bids are settled (the
    services refuse the change anyway)."""
    if services.lot_awarded(lot):
        messages.error(request, services.BIDS_FROZEN)
        return redirect("commissioning:lot", body.slug, tender.pk, lot.pk)
    return None


@require_http_methods(["GET", "POST"])
@login_required
def bid_create(request, slug, pk, lot_pk):
    body, tender, lot = _lot(request, slug, pk, lot_pk)
    refused = _refuse_if_awarded(request, body, tender, lot)
    return refused or _bid_page(request, body, tender, lot, Bid(lot=lot), creating=True)


@require_http_methods(["GET", "POST"])
@login_required
def bid_edit(request, slug, pk, lot_pk, bid_pk):
    body, tender, lot, bid = _bid(request, slug, pk, lot_pk, bid_pk)
    refused = _refuse_if_awarded(request, body, tender, lot)
    return refused or _bid_page(request, body, tender, lot, bid, creating=False)


@require_http_methods(["GET", "POST"])
@login_required
def bid_delete(request, slug, pk, lot_pk, bid_pk):
    body, tender, lot, bid = _bid(request, slug, pk, lot_pk, bid_pk)
    lot_url = reverse("commissioning:lot", args=[body.slug, tender.pk, lot.pk])
    blocked = services.BIDS_FROZEN if services.lot_awarded(lot) else ""
    if request.method == "POST" and not blocked:
        try:
            services.delete_bid(bid=bid, by=request.user)
        except ValidationError as error:  # awarded meanwhile
            blocked = " ".join(error.messages)
        else:
            messages.success(request, _("%(record)s has been deleted.") % {"record": bid})
            return redirect(lot_url)
    return _confirm_delete(
        request,
        body=body,
        record=_("the bid from %(bidder)s") % {"bidder": bid.bidder.name},
        crumbs=_crumbs(body, (str(tender), tender.get_absolute_url()), (str(lot), lot_url)),
        cancel_url=lot_url,
        blocked=blocked,
    )


# Award and contract ---------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@login_required
def award_create(request, slug, pk, lot_pk):
    body, tender, lot = _lot(request, slug, pk, lot_pk)
    refused = _refuse_if_awarded(request, body, tender, lot)
    if refused:
        return refused
    scored = scoring.score_bids(lot.bids.select_related("bidder"), scoring.Weights.of(lot))
    lot_url = reverse("commissioning:lot", args=[body.slug, tender.pk, lot.pk])
    if not any(s.ranked for s in scored):
        messages.error(request, _("Enter and score the bids before making an award."))
        return redirect(lot_url)
    form = forms.AwardForm(_data(request), scored=scored, initial={"decided_on": _today()})
    if request.method == "POST" and form.is_valid():
        try:
            services.award_lot(
                lot=lot,
                bid=form.cleaned_data["bid"],
                rationale=form.cleaned_data["rationale"],
                decided_on=form.cleaned_data["decided_on"],
                by=request.user,
            )
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
        else:
            messages.success(request, _("The lot has been awarded."))
            return redirect(lot_url)
    return render(
        request,
        "commissioning/award_form.html",
        {
            "body": body,
            "tender": tender,
            "lot": lot,
            "form": form,
            "scored": scored,
            "leaders": scoring.leaders(scored),
            "crumbs": _crumbs(body, (str(tender), tender.get_absolute_url()), (str(lot), lot_url)),
            "cancel_url": lot_url,
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
def contract_from_award(request, slug, pk, lot_pk):
    body, tender, lot = _lot(request, slug, pk, lot_pk)
    award = Award.objects.filter(lot=lot).select_related("bid__bidder").first()
    lot_url = reverse("commissioning:lot", args=[body.slug, tender.pk, lot.pk])
    if award is None:
        raise Http404
    if Contract.objects.filter(award=award).exists():
        messages.error(request, _("This award already has its contract."))
        return redirect(lot_url)
    contract = Contract(
        body=body,
        award=award,
        supplier=award.bid.bidder,
        category=tender.category,
        framework=services.default_framework(),
    )
    initial = {
        "reference": tender.reference
        if tender.lots.count() == 1
        else f"{tender.reference}-{lot.number}",
        "title": tender.title if tender.lots.count() == 1 else f"{tender.title} — {lot.title}",
        "subject_matter": tender.description,
        "value": award.bid.price,
        "awarded_on": award.decided_on,
    }
    form = forms.ContractForm(_data(request), instance=contract, initial=initial, from_award=True)
    if request.method == "POST" and form.is_valid():
        contract = services.create_contract(contract=form.save(commit=False), by=request.user)
        messages.success(request, _("The contract has been added."))
        return redirect(contract.get_absolute_url())
    return _form_page(
        request,
        body=body,
        title=_("Record the contract"),
        caption=_("%(lot)s, awarded to %(bidder)s") % {"lot": lot, "bidder": award.bid.bidder.name},
        form=form,
        crumbs=_crumbs(body, (str(tender), tender.get_absolute_url()), (str(lot), lot_url)),
        cancel_url=lot_url,
    )


# Contracts ----------------------------------------------------------------------------------------


@require_GET
@login_required
def contract_list(request, slug):
    body = access.get_body_for_user(request.user, slug)
    today = _today()
    contracts = body.contracts.select_related("supplier").annotate(
        commitment_count=Count("commitments", distinct=True),
        overdue_count=Count(
            "commitments", filter=Q(commitments__next_return_due__lt=today), distinct=True
        ),
    )
    show = request.GET.get("show", "")
    if show == "overdue":
        contracts = contracts.filter(overdue_count__gt=0)
    elif show == "current":
        contracts = contracts.filter(starts_on__lte=today, ends_on__gte=today)
    page, query = _paginate(request, contracts.order_by("-awarded_on", "-id"))
    return render(
        request,
        "commissioning/contract_list.html",
        {"body": body, "page": page, "query": query, "show": show, "crumbs": _crumbs(body)},
    )


@require_http_methods(["GET", "POST"])
@login_required
def contract_create(request, slug):
    """A contract let before this service was used, or without a tender here."""
    body = access.get_body_for_user(request.user, slug, write=True)
    form = forms.ContractForm(
        _data(request),
        instance=Contract(body=body),
        initial={"framework": services.default_framework()},
    )
    if request.method == "POST" and form.is_valid():
        contract = services.create_contract(contract=form.save(commit=False), by=request.user)
        messages.success(request, _("The contract has been added."))
        return redirect(contract.get_absolute_url())
    return _form_page(
        request,
        body=body,
        title=_("Add a contract"),
        form=form,
        crumbs=_crumbs(
            body, (_("Contracts"), reverse("commissioning:contracts", args=[body.slug]))
        ),
        cancel_url=reverse("commissioning:contracts", args=[body.slug]),
    )


@require_GET
@login_required
def contract_detail(request, slug, pk):
    body, contract = _contract(request, slug, pk)
    today = _today()
    commitments = list(
        contract.commitments.select_related("measure__outcome__theme").annotate(
            return_count=Count("returns")
        )
    )
    for commitment in commitments:
        commitment.contract = contract
        commitment.current_status = commitment.status(today)
    policy = body.policy_on(today)
    missing_core = []
    if policy:
        carried = {c.measure_id for c in commitments if c.category == Commitment.Category.CORE}
        missing_core = [
            m
            for m in policy.core_measures.select_related("outcome__theme")
            if m.pk not in carried and m.outcome.theme.framework_id == contract.framework_id
        ]
    return render(
        request,
        "commissioning/contract_detail.html",
        {
            "body": body,
            "contract": contract,
            "commitments": commitments,
            "missing_core": missing_core,
            "today": today,
            "totals": contract.commitments.aggregate(
                promised=Sum("target"), delivered=Sum("delivered")
            ),
            "crumbs": _crumbs(
                body, (_("Contracts"), reverse("commissioning:contracts", args=[body.slug]))
            ),
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
def contract_edit(request, slug, pk):
    body, contract = _contract(request, slug, pk)
    form = forms.ContractForm(
        _data(request), instance=contract, from_award=contract.award_id is not None
    )
    if request.method == "POST" and form.is_valid():
        record, _many_to_many, changed = form_changes(form)
        try:
            services.save_contract(contract=record, changed=changed, by=request.user)
        except ValidationError as error:  # e.g. a duplicate saved meanwhile
            form.add_error(None, error.messages)
        except EditConflict as conflict:
            show_conflict(form, conflict)
        else:
            messages.success(request, _("The contract has been saved."))
            return redirect(contract.get_absolute_url())
    return _form_page(
        request,
        body=body,
        title=_("Change the contract"),
        form=form,
        crumbs=_crumbs(body, (str(contract), contract.get_absolute_url())),
        cancel_url=contract.get_absolute_url(),
    )


@require_http_methods(["GET", "POST"])
@login_required
def contract_lm3(request, slug, pk):
    body, contract = _contract(request, slug, pk)
    initial = {
        "lm3_round1": contract.lm3_round1 if contract.lm3_round1 is not None else contract.value,
        "lm3_round2": contract.lm3_round2,
        "lm3_round3": contract.lm3_round3,
    }
    form = forms.LM3Form(_data(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        services.record_lm3(
            contract=contract,
            round1=form.cleaned_data["lm3_round1"],
            round2=form.cleaned_data["lm3_round2"],
            round3=form.cleaned_data["lm3_round3"],
            by=request.user,
        )
        messages.success(request, _("LM3 has been calculated: %(lm3)s.") % {"lm3": contract.lm3})
        return redirect(contract.get_absolute_url())
    return render(
        request,
        "commissioning/lm3_form.html",
        {
            "body": body,
            "contract": contract,
            "form": form,
            "crumbs": _crumbs(body, (str(contract), contract.get_absolute_url())),
            "cancel_url": contract.get_absolute_url(),
        },
    )


# Commitments and monitoring returns --------------------------------------------------------------


def _commitment_page(request, body, contract, commitment, *, creating):
    initial = {}
    if creating:
        initial = {"starts_on": contract.starts_on, "ends_on": contract.ends_on}
    form = forms.CommitmentForm(_data(request), instance=commitment, initial=initial)
    if request.method == "POST" and form.is_valid():
        commitment = form.save(commit=False)
        if creating and commitment.proxy_value is None and "proxy_value" not in request.POST:
            commitment.proxy_value = commitment.measure.proxy_value
        try:
            services.save_commitment(commitment=commitment, by=request.user)
        except ValidationError as error:
            _add_errors(form, error)
        except EditConflict as conflict:
            show_conflict(form, conflict)
        else:
            messages.success(request, _("The commitment has been saved."))
            return redirect(contract.get_absolute_url())
    return _form_page(
        request,
        body=body,
        title=_("Add a commitment") if creating else _("Change the commitment"),
        caption=str(contract),
        form=form,
        crumbs=_crumbs(body, (str(contract), contract.get_absolute_url())),
        cancel_url=contract.get_absolute_url(),
    )


@require_http_methods(["GET", "POST"])
@login_required
def commitment_create(request, slug, pk):
    body, contract = _contract(request, slug, pk)
    commitment = Commitment(contract=contract)
    return _commitment_page(request, body, contract, commitment, creating=True)


@require_http_methods(["GET", "POST"])
@login_required
def commitment_edit(request, slug, pk, commitment_pk):
    body, contract, commitment = _commitment(request, slug, pk, commitment_pk)
    return _commitment_page(request, body, contract, commitment, creating=False)


@require_http_methods(["GET", "POST"])
@login_required
def commitment_delete(request, slug, pk, commitment_pk):
    body, contract, commitment = _commitment(request, slug, pk, commitment_pk)
    blocked = ""
    if commitment.returns.exists():
        blocked = _(
            "A commitment with monitoring returns cannot be deleted; delete its returns first."
        )
    if request.method == "POST" and not blocked:
        services.delete_commitment(commitment=commitment, by=request.user)
        messages.success(request, _("The commitment has been deleted."))
        return redirect(contract.get_absolute_url())
    return _confirm_delete(
        request,
        body=body,
        record=commitment,
        crumbs=_crumbs(body, (str(contract), contract.get_absolute_url())),
        cancel_url=reverse(
            "commissioning:commitment", args=[body.slug, contract.pk, commitment.pk]
        ),
        blocked=blocked,
    )


@require_GET
@login_required
def commitment_detail(request, slug, pk, commitment_pk):
    body, contract, commitment = _commitment(request, slug, pk, commitment_pk)
    today = _today()
    returns = list(commitment.returns.select_related("submitted_by").prefetch_related("evidence"))
    returned = {r.period_start: r for r in returns}
    grace = services.grace_days(body, today)
    periods = [
        {
            "start": start,
            "end": end,
            "due": end + datetime.timedelta(days=grace),
            "return": returned.get(start),
            "overdue": start not in returned and end + datetime.timedelta(days=grace) < today,
            "future": start > today,
        }
        for start, end in commitment.periods()
    ]
    return render(
        request,
        "commissioning/commitment_detail.html",
        {
            "body": body,
            "contract": contract,
            "commitment": commitment,
            "status": commitment.status(today),
            "status_label": Commitment.Status(commitment.status(today)).label,
            "periods": periods,
            "returns": returns,
            "crumbs": _crumbs(body, (str(contract), contract.get_absolute_url())),
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
def return_create(request, slug, pk, commitment_pk):
    body, contract, commitment = _commitment(request, slug, pk, commitment_pk)
    monitoring_return = MonitoringReturn(commitment=commitment)
    period = request.GET.get("period", "")
    form = forms.ReturnForm(
        _data(request),
        _files(request),
        instance=monitoring_return,
        initial={"period": period},
        today=_today(),
    )
    commitment_url = reverse(
        "commissioning:commitment", args=[body.slug, contract.pk, commitment.pk]
    )
    if not form.periods:
        messages.info(request, _("Every monitoring period of this commitment has its return."))
        return redirect(commitment_url)
    if request.method == "POST" and form.is_valid():
        files = []
        if form.cleaned_data.get("evidence"):
            files.append((form.cleaned_data["evidence"], form.evidence_kind))
        services.record_return(
            monitoring_return=form.save(commit=False), files=files, by=request.user
        )
        messages.success(request, _("The monitoring return has been saved."))
        return redirect(commitment_url)
    return _form_page(
        request,
        body=body,
        title=_("Record a monitoring return"),
        caption=str(commitment),
        form=form,
        crumbs=_crumbs(
            body, (str(contract), contract.get_absolute_url()), (str(commitment), commitment_url)
        ),
        cancel_url=commitment_url,
    )


def _return(request, slug, pk, commitment_pk, return_pk):
    body, contract, commitment = _commitment(request, slug, pk, commitment_pk)
    try:
        monitoring_return = commitment.returns.get(pk=return_pk)
    except (MonitoringReturn.DoesNotExist, ValueError):
        raise Http404 from None
    monitoring_return.commitment = commitment
    return body, contract, commitment, monitoring_return


@require_http_methods(["GET", "POST"])
@login_required
def return_delete(request, slug, pk, commitment_pk, return_pk):
    body, contract, commitment, monitoring_return = _return(
        request, slug, pk, commitment_pk, return_pk
    )
    commitment_url = reverse(
        "commissioning:commitment", args=[body.slug, contract.pk, commitment.pk]
    )
    if request.method == "POST":
        services.delete_return(monitoring_return=monitoring_return, by=request.user)
        messages.success(request, _("The monitoring return has been deleted."))
        return redirect(commitment_url)
    return _confirm_delete(
        request,
        body=body,
        record=monitoring_return,
        crumbs=_crumbs(
            body, (str(contract), contract.get_absolute_url()), (str(commitment), commitment_url)
        ),
        cancel_url=commitment_url,
    )


@require_http_methods(["GET", "POST"])
@login_required
def evidence_add(request, slug, pk, commitment_pk, return_pk):
    """More evidence for a return already recorded."""
    body, contract, commitment, monitoring_return = _return(
        request, slug, pk, commitment_pk, return_pk
    )
    commitment_url = reverse(
        "commissioning:commitment", args=[body.slug, contract.pk, commitment.pk]
    )
    form = forms.EvidenceForm(_data(request), _files(request))
    if request.method == "POST" and form.is_valid():
        services.add_evidence(
            monitoring_return=monitoring_return,
            upload=form.cleaned_data["file"],
            kind=form.kind,
            by=request.user,
        )
        messages.success(request, _("The evidence has been added."))
        return redirect(f"{commitment_url}#return-{monitoring_return.pk}")
    return _form_page(
        request,
        body=body,
        title=_("Add evidence"),
        caption=str(monitoring_return),
        form=form,
        crumbs=_crumbs(
            body, (str(contract), contract.get_absolute_url()), (str(commitment), commitment_url)
        ),
        cancel_url=commitment_url,
    )


@require_GET
@login_required
def evidence_download(request, slug, pk, commitment_pk, return_pk, evidence_pk):
    _body, _contract_, _commitment_, monitoring_return = _return(
        request, slug, pk, commitment_pk, return_pk
    )
    try:
        evidence = monitoring_return.evidence.get(pk=evidence_pk)
    except (Evidence.DoesNotExist, ValueError):
        raise Http404 from None
    return FileResponse(
        evidence.file.open("rb"), as_attachment=True, filename=evidence.original_name
    )
