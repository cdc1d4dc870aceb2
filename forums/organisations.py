"""The shared organisation register: list, detail, add, change, delete, import and export."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count, ProtectedError, Q
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from forums import access, forms, services
from forums.models import Organisation
from forums.views import paginate
from svforum.forms import form_changes
from svforum.revisions import EditConflict, show_conflict


@require_GET
@login_required
def organisation_list(request):
    access.check_organisations_access(request.user)
    filter_form = forms.OrganisationFilterForm(request.GET or None)
    data = filter_form.cleaned_data if filter_form.is_valid() else {}
    queryset = Organisation.objects.annotate(forum_count=Count("memberships__forum", distinct=True))
    if data.get("q"):
        q = data["q"]
        queryset = queryset.filter(
            Q(name__icontains=q) | Q(charity_number__icontains=q) | Q(company_number__icontains=q)
        )
    if data.get("sector"):
        queryset = queryset.filter(sector=data["sector"])
    if data.get("section_16_category"):
        queryset = queryset.filter(section_16_category=data["section_16_category"])
    if data.get("local_authority"):
        queryset = queryset.filter(local_authorities=data["local_authority"])
    page, query = paginate(request, queryset.order_by("name", "pk"))
    return render(
        request,
        "organisations/list.html",
        {
            "filter_form": filter_form,
            "page": page,
            "query": query,
            "can_edit": access.can_edit_organisations(request.user),
        },
    )


@require_GET
@login_required
def organisation_detail(request, pk):
    organisation = access.get_organisation_for_user(request.user, pk)
    visible = access.visible_forums(request.user)
    memberships = organisation.memberships.filter(forum__in=visible).select_related("forum")
    return render(
        request,
        "organisations/detail.html",
        {
            "organisation": organisation,
            "local_authorities": organisation.local_authorities.all(),
            "memberships": memberships,
            "can_edit": access.can_edit_organisations(request.user),
            "can_delete": access.can_delete_organisations(request.user),
        },
    )


def _edit(request, organisation, *, creating):
    form = forms.OrganisationForm(request.POST or None, instance=organisation)
    if request.method == "POST" and form.is_valid():
        record, many_to_many, changed = form_changes(form)
        try:
            organisation = services.save_record(
                record=record, many_to_many=many_to_many, changed=changed, by=request.user
            )
        except ValidationError as error:  # e.g. a duplicate saved meanwhile
            form.add_error(None, error.messages)
        except EditConflict as conflict:
            show_conflict(form, conflict)
        else:
            messages.success(request, services.saved_message(organisation, creating=creating))
            return redirect(organisation)
    return render(
        request,
        "organisations/form.html",
        {"form": form, "organisation": None if creating else organisation, "creating": creating},
        status=409 if getattr(form, "edit_refused", False) else 200,
    )


@require_http_methods(["GET", "POST"])
@login_required
def organisation_create(request):
    access.check_organisations_access(request.user, write=True)
    return _edit(request, Organisation(), creating=True)


@require_http_methods(["GET", "POST"])
@login_required
def organisation_edit(request, pk):
    organisation = access.get_organisation_for_user(request.user, pk, write=True)
    return _edit(request, organisation, creating=False)


@require_http_methods(["GET", "POST"])
@login_required
def organisation_delete(request, pk):
    organisation = access.get_organisation_for_user(request.user, pk, write=True, delete=True)
    in_use = organisation.memberships.exists()
    if request.method == "POST" and not in_use:
        name = str(organisation)
        try:
            services.delete_record(obj=organisation, by=request.user)
        except ProtectedError:
            in_use = True
        else:
            messages.success(request, _("%(record)s has been deleted.") % {"record": name})
            return redirect("organisations:list")
    return render(
        request,
        "organisations/delete.html",
        {"organisation": organisation, "in_use": in_use},
        status=409 if request.method == "POST" else 200,
    )
