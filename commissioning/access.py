"""Who may see and keep a commissioning body's records, frameworks and a region's figures."""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from accounts.access import access_for
from commissioning.models import CommissioningBody
from forums.access import can_see_forum
from forums.models import Forum


def visible_bodies(user):
    """The commissioning bodies whose records the user keeps: administrators see every body,
    a commissioner the bodies they work for."""
    rights = access_for(user)
    if rights.administrator:
        return CommissioningBody.objects.all()
    return CommissioningBody.objects.filter(pk__in=rights.commissioning_body_ids)


def can_administer_commissioning(user):
    """Measurement frameworks are imported by administrators."""
    return access_for(user).administrator


def check_frameworks_access(user, *, write=False):
    """Frameworks are read by commissioners and administrators (404 to anyone else) and
    imported by administrators (403 to a commissioner)."""
    rights = access_for(user)
    if not (rights.administrator or rights.commissioner):
        raise Http404
    if write and not rights.administrator:
        raise PermissionDenied


def get_body_for_user(user, slug, *, write=False):
    """A commissioning body the user works for (administrators: any); 404 otherwise. Whoever
    may see a body's records may also keep them, so ``write`` never narrows further."""
    try:
        body = visible_bodies(user).select_related("region", "local_authority").get(slug=slug)
    except CommissioningBody.DoesNotExist:
        raise Http404 from None
    return body


def get_body_record_for_user(user, slug, queryset, pk, *, body_path="body"):
    """A record (tender, contract, …) of a body the user works for; 404 to anyone else,
    whether or not it exists."""
    body = get_body_for_user(user, slug)
    try:
        record = queryset.get(**{body_path: body}, pk=pk)
    except (queryset.model.DoesNotExist, ValueError):
        raise Http404 from None
    return body, record


def can_see_region_dashboard(user, forum):
    """A region's commissioning figures: administrators, analysts, the region's forum
    secretariat (the figures feed its report), and the commissioners of a body in it."""
    # Whoever may see the forum (administrators, analysts, its secretariat) sees its region:
    # the forum's home links here for all of them.
    if can_see_forum(user, forum):
        return True
    rights = access_for(user)
    return CommissioningBody.objects.filter(
        pk__in=rights.commissioning_body_ids, region=forum
    ).exists()


def get_region_for_user(user, slug):
    try:
        forum = Forum.objects.get(slug=slug)
    except Forum.DoesNotExist:
        raise Http404 from None
    if not can_see_region_dashboard(user, forum):
        raise Http404
    return forum


def check_commissioning_access(user):
    """The list of bodies: commissioners and administrators; 404 to anyone else."""
    rights = access_for(user)
    if not (rights.administrator or rights.commissioner):
        raise Http404
