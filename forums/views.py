"""Forum pages: the forum list and home, and each forum's own records.

Every record kind (memberships, citizens, meetings, projects) has the same five pages —
list (filter, search, paginate), detail, create, edit, delete with confirmation — served
by the functions below from the ``RecordKind`` that describes it.
"""

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from forums import access, forms, personal_data, selectors, services
from forums.models import Citizen, ForumMembership, Meeting, Project
from svforum.forms import form_changes, formset_changes
from svforum.revisions import EditConflict, show_conflict

PAGE_SIZE = 25


def paginate(request, queryset):
    page = Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return page, query.urlencode()


@require_GET
@login_required
def forum_list(request):
    forums = (
        access.visible_forums(request.user)
        .with_current_footprint()
        .annotate(
            member_count=Count(
                "memberships", filter=selectors.current_q("memberships"), distinct=True
            )
        )
    )
    access.check_forum_list_access(request.user, forums)
    return render(request, "forums/forum_list.html", {"forums": forums})


@require_GET
@login_required
def forum_home(request, slug):
    forum = access.get_forum_for_user(request.user, slug)
    period_form = forms.PeriodForm(request.GET or None)
    start, end = period_form.period()
    summary = selectors.forum_summary(forum, start=start, end=end)
    return render(
        request,
        "forums/forum_home.html",
        {
            "forum": forum,
            "areas": forum.areas.current().select_related("local_authority"),
            "health_boards": forum.health_boards.current().select_related("health_board"),
            "period_form": period_form,
            "start": start,
            "end": end,
            "summary": summary,
            "can_edit": access.can_edit_forum(request.user, forum),
            "can_see_citizens": access.can_see_citizen_details(request.user, forum),
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
def forum_edit(request, slug):
    forum = access.get_forum_for_user(request.user, slug, write=True)
    form = forms.ForumFactsForm(request.POST or None, request.FILES or None, instance=forum)
    if request.method == "POST" and form.is_valid():
        record, many_to_many, changed = form_changes(form)
        try:
            services.save_record(
                record=record, many_to_many=many_to_many, changed=changed, by=request.user
            )
        except ValidationError as error:  # e.g. a duplicate saved meanwhile
            form.add_error(None, error.messages)
        else:
            messages.success(request, _("The forum’s details have been saved."))
            return redirect(forum)
    return render(request, "forums/forum_edit.html", {"forum": forum, "form": form})


@require_GET
@login_required
def terms_of_reference(request, slug):
    forum = access.get_forum_for_user(request.user, slug)
    if not forum.terms_of_reference:
        raise Http404
    return FileResponse(
        forum.terms_of_reference.open("rb"),
        as_attachment=True,
        filename=forum.terms_of_reference.name.rsplit("/", 1)[-1],
    )


# Records of a forum ------------------------------------------------------------------


@dataclass(frozen=True)
class RecordKind:
    name: str  # URL segment and template folder, e.g. "meetings"
    model: type
    form: type
    filter_form: type
    search: tuple
    title: str
    add_label: str
    list_related: tuple = ()
    detail_related: tuple = ()
    detail_prefetch: tuple = ()

    def url(self, view, forum, pk=None):
        args = [forum.slug] + ([pk] if pk is not None else [])
        return reverse(f"forums:{self.model._meta.model_name}_{view}", args=args)


def _filter_memberships(qs, data):
    status = data.get("status") or "current"
    if status == "current":
        qs = qs.current()
    elif status == "former":
        qs = qs.exclude(pk__in=ForumMembership.objects.current().values("pk"))
    if data.get("role"):
        qs = qs.filter(role=data["role"])
    if data.get("sector"):
        qs = qs.filter(organisation__sector=data["sector"])
    return qs


def _filter_citizens(qs, data):
    status = data.get("status") or "current"
    if status == "current":
        qs = qs.current()
    elif status == "former":
        qs = qs.exclude(pk__in=Citizen.objects.current().values("pk"))
    if data.get("role"):
        qs = qs.filter(role=data["role"])
    return qs


def _filter_meetings(qs, data):
    if data.get("kind"):
        qs = qs.filter(kind=data["kind"])
    if data.get("year"):
        qs = qs.filter(held_on__year=data["year"])
    return qs.annotate(
        organisation_count=Count("organisations_present", distinct=True),
        citizen_count=Count("citizens_present", distinct=True),
    )


def _filter_projects(qs, data):
    if data.get("origin"):
        qs = qs.filter(origin=data["origin"])
    if data.get("status"):
        qs = qs.filter(status=data["status"])
    return qs


FILTERS = {
    "memberships": _filter_memberships,
    "citizens": _filter_citizens,
    "meetings": _filter_meetings,
    "projects": _filter_projects,
}

KINDS = {
    kind.name: kind
    for kind in (
        RecordKind(
            name="memberships",
            model=ForumMembership,
            form=forms.MembershipForm,
            filter_form=forms.MembershipFilterForm,
            search=("organisation__name",),
            title=gettext_lazy("Members"),
            add_label=gettext_lazy("Add a member"),
            list_related=("organisation",),
            detail_related=("organisation",),
        ),
        RecordKind(
            name="citizens",
            model=Citizen,
            form=forms.CitizenForm,
            filter_form=forms.CitizenFilterForm,
            search=("name",),
            title=gettext_lazy("Citizens"),
            add_label=gettext_lazy("Add a citizen"),
            list_related=("local_authority",),
            detail_related=("local_authority",),
        ),
        RecordKind(
            name="meetings",
            model=Meeting,
            form=forms.MeetingForm,
            filter_form=forms.MeetingFilterForm,
            search=("place", "minutes", "agenda_items__title"),
            title=gettext_lazy("Meetings"),
            add_label=gettext_lazy("Add a meeting"),
            detail_prefetch=(
                "agenda_items",
                "actions",
                "organisations_present",
                "citizens_present",
            ),
        ),
        RecordKind(
            name="projects",
            model=Project,
            form=forms.ProjectForm,
            filter_form=forms.ProjectFilterForm,
            search=("title", "description", "funding_source"),
            title=gettext_lazy("Projects"),
            add_label=gettext_lazy("Add a project"),
            detail_prefetch=("organisations",),
        ),
    )
}


def _get_forum(request, kind, slug, *, write=False):
    return access.get_forum_for_records(request.user, slug, kind.model, write=write)


def _get_record(request, kind, slug, pk, *, write=False):
    queryset = kind.model.objects.prefetch_related(*kind.detail_prefetch)
    if kind.detail_related:
        queryset = queryset.select_related(*kind.detail_related)
    return access.get_forum_record_for_user(request.user, slug, queryset, pk, write=write)


def _form_kwargs(kind, forum, request):
    if kind.model is Citizen or kind.model is Project:
        return {"forum": forum}
    if kind.model is Meeting:
        return {
            "forum": forum,
            "show_citizens": access.can_see_citizen_details(request.user, forum),
        }
    return {}


@require_GET
@login_required
def record_list(request, slug, kind):
    kind = KINDS[kind]
    forum = _get_forum(request, kind, slug)
    filter_form = kind.filter_form(request.GET or None)
    data = filter_form.cleaned_data if filter_form.is_valid() else {}
    queryset = kind.model.objects.filter(forum=forum)
    if kind.list_related:
        queryset = queryset.select_related(*kind.list_related)
    queryset = FILTERS[kind.name](queryset, data)
    if data.get("q"):
        terms = Q()
        for name in kind.search:
            terms |= Q(**{f"{name}__icontains": data["q"]})
        queryset = queryset.filter(terms).distinct()
    # Aggregates drop Meta.ordering, so the order is always stated for stable pages.
    page, query = paginate(request, queryset.order_by(*kind.model._meta.ordering, "pk"))
    can_edit = access.can_edit_forum(request.user, forum)
    due = 0
    if kind.model is Citizen and can_edit and forum.citizen_retention_years:
        due = personal_data.due_for_erasure(forum).count()
    return render(
        request,
        f"forums/{kind.name}/list.html",
        {
            "forum": forum,
            "kind": kind,
            "filter_form": filter_form,
            "page": page,
            "query": query,
            "due_for_erasure": due,
            "can_edit": can_edit,
            "can_see_citizens": access.can_see_citizen_details(request.user, forum),
        },
    )


@require_GET
@login_required
def record_detail(request, slug, pk, kind):
    kind = KINDS[kind]
    forum, record = _get_record(request, kind, slug, pk)
    return render(
        request,
        f"forums/{kind.name}/detail.html",
        {
            "forum": forum,
            "kind": kind,
            "record": record,
            "list_url": kind.url("list", forum),
            "can_edit": access.can_edit_forum(request.user, forum),
            "can_see_citizens": access.can_see_citizen_details(request.user, forum),
        },
    )


def _meeting_formsets(request, meeting):
    data = request.POST if request.method == "POST" else None
    return (
        forms.AgendaItemFormSet(data, instance=meeting, prefix="agenda"),
        forms.ActionFormSet(data, instance=meeting, prefix="actions"),
    )


def _edit(request, kind, forum, instance, *, creating):
    form = kind.form(request.POST or None, instance=instance, **_form_kwargs(kind, forum, request))
    formsets = _meeting_formsets(request, instance) if kind.model is Meeting else ()
    if request.method == "POST":
        # Validate everything, not only up to the first failure, so every error shows.
        results = [form.is_valid()] + [fs.is_valid() for fs in formsets]
        valid = all(results)
        if valid:
            record, many_to_many, changed = form_changes(form)
            try:
                if formsets:
                    record = services.save_meeting(
                        meeting=record,
                        many_to_many=many_to_many,
                        changed=changed,
                        agenda=formset_changes(formsets[0]),
                        actions=formset_changes(formsets[1]),
                        by=request.user,
                    )
                else:
                    record = services.save_record(
                        record=record, many_to_many=many_to_many, changed=changed, by=request.user
                    )
            except ValidationError as error:  # e.g. a duplicate saved meanwhile
                form.add_error(None, error.messages)
            except EditConflict as conflict:
                show_conflict(form, conflict)
            else:
                messages.success(request, services.saved_message(record, creating=creating))
                return redirect(kind.url("detail", forum, record.pk))
    return render(
        request,
        "forums/record_form.html",
        {
            "forum": forum,
            "kind": kind,
            "form": form,
            "formsets": formsets,
            "record": None if creating else instance,
            "creating": creating,
            "list_url": kind.url("list", forum),
            "cancel_url": kind.url("list", forum)
            if creating
            else kind.url("detail", forum, instance.pk),
        },
        status=409 if getattr(form, "edit_refused", False) else 200,
    )


@require_http_methods(["GET", "POST"])
@login_required
def record_create(request, slug, kind):
    kind = KINDS[kind]
    forum = _get_forum(request, kind, slug, write=True)
    return _edit(request, kind, forum, kind.model(forum=forum), creating=True)


@require_http_methods(["GET", "POST"])
@login_required
def record_edit(request, slug, pk, kind):
    kind = KINDS[kind]
    forum, record = _get_record(request, kind, slug, pk, write=True)
    return _edit(request, kind, forum, record, creating=False)


@require_http_methods(["GET", "POST"])
@login_required
def record_delete(request, slug, pk, kind):
    kind = KINDS[kind]
    forum, record = _get_record(request, kind, slug, pk, write=True)
    if request.method == "POST":
        name = str(record)
        services.delete_record(obj=record, by=request.user)
        messages.success(request, _("%(record)s has been deleted.") % {"record": name})
        return redirect(kind.url("list", forum))
    return render(
        request,
        "forums/record_delete.html",
        {
            "forum": forum,
            "kind": kind,
            "record": record,
            "list_url": kind.url("list", forum),
            "cancel_url": kind.url("detail", forum, record.pk),
        },
    )
