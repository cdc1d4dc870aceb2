from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Submission(models.Model):
    """One sending of a form (svforum/once.py): its one-time token, and where the first
    sending led, so a second sending of the same form gets that result instead of doing the
    work again."""

    token = models.UUIDField(_("token"), unique=True)
    # Old tokens are cleared by age; the index serves that.
    created_at = models.DateTimeField(_("sent"), default=timezone.now, db_index=True)
    result = models.CharField(_("result"), max_length=2000, blank=True)

    class Meta:
        verbose_name = _("form submission")
        verbose_name_plural = _("form submissions")

    def __str__(self):
        return str(self.token)
