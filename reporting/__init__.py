"""A forum's report to Welsh Government, from draft to accepted.

Owns: reporting cycles and the nine-domain template (the framework), a forum's report with
its sections, case studies, work programme, quantitative return and evidence (filing:
views/filing.py), submitted versions and what changed between them, and the analysts'
review — comments, returning and accepting (views/review.py). derived.py holds the figures
a report takes from the forum's records and from commissioning's contracts: the hinge of
the data flow. selectors.py holds the reads pages and PDFs share.

May import: accounts, forums, commissioning (in derived.py only) and svforum's shared
mechanisms. It never imports analysis: it tells it of a resubmission through
signals.report_resubmitted.
"""
