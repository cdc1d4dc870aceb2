"""Every form in the project that offers records to choose from offers only what its user
may see: each such field is either marked public reference data (``reference_choices``,
with the reason beside it) or narrowed by the form to the forum, cycle or lot in hand.
A form class added later with an unmarked, unnarrowed choice fails here."""

import importlib
import inspect
import pkgutil

import pytest
from django import forms

from analysis.models import Code
from tests.factories import CitizenFactory, MembershipFactory, OrganisationFactory
from tests.reporting.conftest import cycle  # noqa: F401

APPS = ["accounts", "forums", "reporting", "commissioning", "analysis", "svforum"]


def _form_classes():
    found = {}
    for app in APPS:
        package = importlib.import_module(app)
        for module in pkgutil.walk_packages(package.__path__, f"{app}."):
            if ".migrations" in module.name or ".management" in module.name:
                continue
            loaded = importlib.import_module(module.name)
            for obj in vars(loaded).values():
                if (
                    inspect.isclass(obj)
                    and issubclass(obj, forms.BaseForm)
                    and obj.__module__ == module.name
                ):
                    found[f"{module.name}.{obj.__name__}"] = obj
    return found


def _choice_fields(form_class):
    return {
        name: field
        for name, field in form_class.base_fields.items()
        if isinstance(field, forms.ModelChoiceField)
    }


def _to_narrow(form_class):
    marked = set(getattr(form_class, "reference_choices", ()))
    return set(_choice_fields(form_class)) - marked


@pytest.fixture
def built(forum_a, cycle):  # noqa: F811 (the reporting fixture)
    """Each form that narrows its choices, built as its page builds it."""
    from analysis.forms import CodeForm, FindingForm, MergeForm, PassageEditForm, PassageForm
    from analysis.models import CodedPassage
    from commissioning.forms import AwardForm
    from forums.forms import CitizenForm, MeetingForm, ProjectForm
    from forums.models import Citizen, Meeting, Project
    from reporting.forms import BreakdownRowForm

    code = Code.objects.create(cycle=cycle, name_en="Impact", name_cy="Effaith")
    return {
        "forums.forms.CitizenForm": CitizenForm(instance=Citizen(forum=forum_a), forum=forum_a),
        "forums.forms.MeetingForm": MeetingForm(
            instance=Meeting(forum=forum_a), forum=forum_a, show_citizens=True
        ),
        "forums.forms.ProjectForm": ProjectForm(instance=Project(forum=forum_a), forum=forum_a),
        "reporting.forms.BreakdownRowForm": BreakdownRowForm(forum=forum_a),
        "commissioning.forms.AwardForm": AwardForm(scored=[]),
        "analysis.forms.CodeForm": CodeForm(cycle=cycle),
        "analysis.forms.MergeForm": MergeForm(code=code),
        "analysis.forms.PassageForm": PassageForm(cycle=cycle),
        "analysis.forms.PassageEditForm": PassageEditForm(cycle=cycle),
        "analysis.forms.FindingForm": FindingForm(
            passages=CodedPassage.objects.filter(report__cycle=cycle)
        ),
    }


def test_the_walk_finds_the_forms():
    classes = _form_classes()
    assert len(classes) > 40
    assert "forums.forms.MeetingForm" in classes
    assert "forums.citizens.EraseForm" in classes


def test_every_choice_of_records_is_reference_data_or_narrowed(built):
    for path, form_class in _form_classes().items():
        fields = _to_narrow(form_class)
        if not fields:
            continue
        assert path in built, f"{path} offers {sorted(fields)}: narrow them or mark them"
        form = built[path]
        for name in fields:
            query = form.fields[name].queryset.query
            assert query.is_empty() or query.where, f"{path}.{name} offers every row"


def test_marked_fields_exist():
    for path, form_class in _form_classes().items():
        for name in getattr(form_class, "reference_choices", ()):
            assert name in _choice_fields(form_class), f"{path}: no choice field {name}"


def test_the_narrowed_forums_forms_offer_nothing_of_another_forum(built, forum_a, forum_b):
    other_citizen = CitizenFactory(forum=forum_b, name="Bethan West-Citizen")
    other_member = MembershipFactory(forum=forum_b).organisation
    nobodys = OrganisationFactory(name="Unaffiliated Services Ltd")
    own = MembershipFactory(forum=forum_a).organisation
    for path in ("forums.forms.MeetingForm", "forums.forms.ProjectForm"):
        for name, field in built[path].fields.items():
            if isinstance(field, forms.ModelChoiceField):
                offered = set(field.queryset)
                assert not offered & {other_citizen, other_member, nobodys}, (path, name)
                if field.queryset.model is own.__class__:
                    assert own in offered
    areas = set(built["forums.forms.CitizenForm"].fields["local_authority"].queryset)
    assert areas and all(a.forum_areas.filter(forum=forum_a).exists() for a in areas)
