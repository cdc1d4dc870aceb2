"""Signals the forums app sends for the apps that read it (forums imports none of them)."""

from django.dispatch import Signal

#: Sent inside ``erase_citizen``'s transaction once a citizen's name is replaced by their
#: pseudonym in every text of their forum. Argument: ``forum``. Apps that keep documents
#: built from those texts (a report's PDF, the national analysis) drop them, to be built
#: again without the name.
citizen_erased = Signal()
