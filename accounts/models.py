from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Language(models.TextChoices):
    ENGLISH = "en", _("English")
    WELSH = "cy", _("Welsh")


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.full_clean(exclude=["password"])
        user.save(using=self._db)
        return user

    def get_by_natural_key(self, username):
        # Email addresses are stored in lower case; sign-in ignores case.
        return self.get(email__iexact=username)

    def create_user(self, email, password=None, **extra):
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email, password=None, **extra):
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    """A person who signs in with an email address."""

    email = models.EmailField(_("email address"), unique=True)
    name = models.CharField(_("name"), max_length=200)
    preferred_language = models.CharField(
        _("preferred language"), max_length=2, choices=Language, default=Language.ENGLISH
    )
    is_active = models.BooleanField(_("active"), default=True)
    is_staff = models.BooleanField(
        _("staff status"),
        default=False,
        help_text=_("Whether the user can sign in to the administration site."),
    )
    date_joined = models.DateTimeField(_("date joined"), default=timezone.now)

    objects = UserManager()

    EMAIL_FIELD = "email"
    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = ["name"]

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["name"]

    def __str__(self):
        return f"{self.name} <{self.email}>"

    def clean(self):
        super().clean()
        self.email = self.__class__.objects.normalize_email(self.email).lower()

    def get_full_name(self):
        return self.name

    def get_short_name(self):
        return self.name


class RoleAssignment(models.Model):
    """What a user may do: a secretariat is tied to a forum; the other roles are national."""

    class Role(models.TextChoices):
        SECRETARIAT = "secretariat", _("Forum secretariat")
        ANALYST = "analyst", _("Analyst (Welsh Government)")
        COMMISSIONER = "commissioner", _("Commissioner")
        ADMINISTRATOR = "administrator", _("Administrator")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="roles",
        verbose_name=_("user"),
    )
    role = models.CharField(_("role"), max_length=20, choices=Role)
    forum = models.ForeignKey(
        "forums.Forum",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="role_assignments",
        verbose_name=_("forum"),
        help_text=_("Only for a forum secretariat."),
    )
    commissioning_body = models.ForeignKey(
        "commissioning.CommissioningBody",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="role_assignments",
        verbose_name=_("commissioning body"),
        help_text=_("Only for a commissioner."),
    )
    created_at = models.DateTimeField(_("assigned on"), default=timezone.now)

    class Meta:
        verbose_name = _("role assignment")
        verbose_name_plural = _("role assignments")
        ordering = ["role", "forum__slug"]
        constraints = [
            models.CheckConstraint(
                name="roleassignment_forum_only_for_secretariat",
                condition=(Q(role="secretariat", forum__isnull=False) | ~Q(role="secretariat"))
                & (Q(role="secretariat") | Q(forum__isnull=True)),
                violation_error_message=_(
                    "A forum secretariat role needs a forum; other roles must not have one."
                ),
            ),
            models.UniqueConstraint(
                fields=["user", "role", "forum"],
                name="roleassignment_unique_forum_role",
                violation_error_message=_("This user already has this role."),
            ),
            models.CheckConstraint(
                name="roleassignment_body_only_for_commissioner",
                condition=(
                    Q(role="commissioner", commissioning_body__isnull=False)
                    | ~Q(role="commissioner")
                )
                & (Q(role="commissioner") | Q(commissioning_body__isnull=True)),
                violation_error_message=_(
                    "A commissioner role needs a commissioning body; other roles must not have one."
                ),
            ),
            models.UniqueConstraint(
                fields=["user", "role", "commissioning_body"],
                name="roleassignment_unique_body_role",
                violation_error_message=_("This user already has this role."),
            ),
            models.UniqueConstraint(
                fields=["user", "role"],
                condition=Q(forum__isnull=True, commissioning_body__isnull=True),
                name="roleassignment_unique_national_role",
                violation_error_message=_("This user already has this role."),
            ),
        ]

    def __str__(self):
        if self.forum_id:
            return f"{self.get_role_display()}: {self.forum}"
        if self.commissioning_body_id:
            return f"{self.get_role_display()}: {self.commissioning_body}"
        return str(self.get_role_display())


class AuditEvent(models.Model):
    """Who did what to which record, written inside the transaction that did it."""

    class Action(models.TextChoices):
        CREATE = "create", _("created")
        UPDATE = "update", _("changed")
        DELETE = "delete", _("deleted")
        IMPORT = "import", _("imported")
        ERASE = "erase", _("erased")

    at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("who"),
    )
    # The actor as they were at the time: kept when their account is deleted later.
    actor_name = models.CharField(_("who (name)"), max_length=200, blank=True)
    actor_email = models.EmailField(_("who (email)"), blank=True)
    action = models.CharField(_("action"), max_length=10, choices=Action)
    # What was touched: the model's label and primary key, and a readable name kept
    # so the record still reads after the object is deleted.
    object_type = models.CharField(_("record type"), max_length=100)
    object_id = models.CharField(_("record id"), max_length=64, blank=True)
    object_repr = models.CharField(_("record"), max_length=300)
    forum = models.ForeignKey(
        "forums.Forum",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("forum"),
    )
    detail = models.TextField(_("detail"), blank=True)

    class Meta:
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["object_type", "object_id"], name="audit_object_idx")]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.who} {self.action} {self.object_repr}"

    @property
    def who(self):
        """The actor's name, from their account or, once it is deleted, as kept here."""
        if self.actor is not None:
            return self.actor.name
        return self.actor_name or self.actor_email


class PasswordResetRequest(models.Model):
    """A password reset asked for, kept a day to throttle them (accounts/signin.py): the
    address typed only as a hash, and the client's address."""

    fingerprint = models.CharField(_("address typed (hashed)"), max_length=64, db_index=True)
    ip_address = models.GenericIPAddressField(_("client address"), null=True, blank=True)
    requested_at = models.DateTimeField(_("asked for"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("password reset asked for")
        verbose_name_plural = _("password resets asked for")

    def __str__(self):
        return f"{self.requested_at:%Y-%m-%d %H:%M}"
