"""Who may see and change a forum, its records and the shared organisation register.

An outsider gets 404, someone who may see but not change gets 403 (see accounts/access.py)."""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from accounts.access import access_for, has_a_role
from forums.models import Forum, Organisation


def visible_forums(user):
    access = access_for(user)
    if access.administrator or access.analyst:
        return Forum.objects.all()
    return Forum.objects.filter(pk__in=access.secretariat_forum_ids)


def can_see_forum(user, forum):
    access = access_for(user)
    return access.administrator or access.analyst or forum.pk in access.secretariat_forum_ids


def can_edit_forum(user, forum):
    access = access_for(user)
    return access.administrator or forum.pk in access.secretariat_forum_ids


def can_see_citizen_details(user, forum):
    """Citizens' details are for the forum's own secretariat and administrators only."""
    return can_edit_forum(user, forum)


def get_forum_for_user(user, slug, *, write=False):
    try:
        forum = Forum.objects.get(slug=slug)
    except Forum.DoesNotExist:
        raise Http404 from None
    if not can_see_forum(user, forum):
        raise Http404
    if write and not can_edit_forum(user, forum):
        raise PermissionDenied
    return forum


def get_forum_for_records(user, slug, model, *, write=False):
    """The forum, if the user may see (or change) its records of this model.

    Citizens' details are for the forum's own secretariat and administrators: an analyst,
    who may see the forum, gets 403 on them.
    """
    forum = get_forum_for_user(user, slug, write=write)
    if model._meta.label_lower == "forums.citizen" and not can_see_citizen_details(user, forum):
        raise PermissionDenied
    return forum


def get_forum_record_for_user(user, forum_slug, queryset, pk, *, write=False):
    """Fetches a record that belongs to a forum (membership, citizen, meeting, project)."""
    forum = get_forum_for_records(user, forum_slug, queryset.model, write=write)
    try:
        record = queryset.get(forum=forum, pk=pk)
    except (queryset.model.DoesNotExist, ValueError):
        raise Http404 from None
    record.forum = forum
    return forum, record


# The shared organisation register ----------------------------------------------------


def can_see_organisations(user):
    return has_a_role(user)


def can_edit_organisations(user):
    access = access_for(user)
    return access.administrator or bool(access.secretariat_forum_ids)


def can_delete_organisations(user):
    return access_for(user).administrator


def check_organisations_access(user, *, write=False, delete=False):
    if not can_see_organisations(user):
        raise Http404
    if write and not can_edit_organisations(user):
        raise PermissionDenied
    if delete and not can_delete_organisations(user):
        raise PermissionDenied


def get_organisation_for_user(user, pk, *, write=False, delete=False):
    check_organisations_access(user, write=write, delete=delete)
    try:
        return Organisation.objects.get(pk=pk)
    except (Organisation.DoesNotExist, ValueError):
        raise Http404 from None


def check_forum_list_access(user, forums):
    """The list of forums: 404 to a user with no role at all who would see none."""
    if not forums and not has_a_role(user):
        raise Http404
