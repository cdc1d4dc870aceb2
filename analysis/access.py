"""Who may see and change the analysis of a cycle: analysts and administrators.

Built on reporting's rules (the analysis reads submitted reports only); each analyst
changes only their own coding, administrators anyone's.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from accounts.access import access_for, has_a_role
from analysis.models import AnalysisDocument, Code, CodedPassage, NationalPublication
from reporting.access import get_cycle_for_review, get_report_for_review


def get_cycle_for_analysis(user, pk):
    """A cycle's analysis pages (codebook, matrix, findings, comparison, national
    analysis): 404 to anyone but analysts and administrators."""
    return get_cycle_for_review(user, pk)


def get_report_for_coding(user, pk):
    """A submitted report to code: 404 to whoever may not read it, 403 to a secretariat."""
    return get_report_for_review(user, pk)


def get_code_for_user(user, cycle_pk, pk):
    """(cycle, code) of a cycle's codebook."""
    cycle = get_cycle_for_analysis(user, cycle_pk)
    try:
        return cycle, Code.objects.select_related("parent").get(cycle=cycle, pk=pk)
    except (Code.DoesNotExist, ValueError):
        raise Http404 from None


def can_change_passage(user, passage):
    """Each analyst changes only their own coding; administrators anyone's."""
    return passage.coder_id == user.pk or access_for(user).administrator


def get_passage_for_user(user, report_pk, pk):
    """(report, passage) for changing a coded passage: 404 to whoever may not code the
    report, 403 to an analyst who did not code it."""
    report = get_report_for_coding(user, report_pk)
    try:
        passage = CodedPassage.objects.select_related(
            "entry__domain", "coder", "report__forum"
        ).get(report=report, pk=pk)
    except (CodedPassage.DoesNotExist, ValueError):
        raise Http404 from None
    if not can_change_passage(user, passage):
        raise PermissionDenied
    return report, passage


def get_document_for_user(user, cycle_pk, pk):
    """(cycle, document) of a cycle's national analysis PDFs."""
    cycle = get_cycle_for_analysis(user, cycle_pk)
    try:
        return cycle, AnalysisDocument.objects.get(cycle=cycle, pk=pk)
    except (AnalysisDocument.DoesNotExist, ValueError):
        raise Http404 from None


def get_publication_for_user(user, cycle_pk, number=None):
    """(cycle, edition) of a published national analysis: anyone with a role may read one;
    404 when there is none (or no such edition)."""
    if not has_a_role(user):
        raise Http404
    publications = NationalPublication.objects.filter(cycle_id=cycle_pk).select_related(
        "cycle", "published_by"
    )
    if number is not None:
        publications = publications.filter(number=number)
    publication = publications.order_by("-number").first()
    if publication is None:
        raise Http404
    return publication.cycle, publication
