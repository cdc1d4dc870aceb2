"""Signals reporting sends for the apps that read it (reporting imports none of them)."""

from django.dispatch import Signal

#: Sent inside ``submit_report``'s transaction when a report that had been submitted
#: before is submitted again. Arguments: ``report`` (just saved at its new version) and
#: ``previous`` (the ReportVersion submitted before it). Receivers run in the same
#: transaction: if one fails, the submission is not saved.
report_resubmitted = Signal()
