import datetime

import factory

from accounts.models import RoleAssignment, User
from forums.models import (
    Citizen,
    ForumMembership,
    Meeting,
    Organisation,
    Project,
)

PASSWORD = "a-long-test-password-42"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@example.org")
    name = factory.Sequence(lambda n: f"User {n}")
    preferred_language = "en"
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def save_password(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class RoleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RoleAssignment

    user = factory.SubFactory(UserFactory)
    role = RoleAssignment.Role.ANALYST


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Organisation {n}")
    legal_form = Organisation.LegalForm.CIO
    sector = Organisation.Sector.THIRD_SECTOR
    section_16_category = Organisation.Section16Category.THIRD_SECTOR
    not_for_profit = True


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ForumMembership

    organisation = factory.SubFactory(OrganisationFactory)
    role = ForumMembership.Role.MEMBER
    joined_on = datetime.date(2020, 1, 1)


class CitizenFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Citizen

    name = factory.Sequence(lambda n: f"Citizen {n}")
    role = Citizen.Role.CARER
    joined_on = datetime.date(2021, 5, 1)
    consent_given_on = datetime.date(2021, 5, 1)
    consent_purpose = "Taking part in the forum"
    consent_wording_version = "v1"


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting

    kind = Meeting.Kind.FULL_FORUM
    held_on = factory.LazyFunction(lambda: datetime.date.today() - datetime.timedelta(days=30))
    place = "Community hall"


class ProjectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Project

    title = factory.Sequence(lambda n: f"Project {n}")
    origin = Project.Origin.FORUM
    status = Project.Status.ACTIVE
