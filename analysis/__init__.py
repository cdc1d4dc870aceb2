"""What Welsh Government analysts make of the forums' submitted reports.

Owns: the codebook and coded passages (coding.py, matrix.py for the code × forum matrix and
agreement between analysts), findings, the targets figures are held to, the comparison of
the forums' figures (comparison.py), the analyst dashboard, and the national analysis with
its PDFs (national.py, pdf.py).

May import: accounts, forums, reporting and svforum's shared mechanisms. Nothing imports it
but the project's URL conf and demo: reporting tells it of a resubmission through
``reporting.signals.report_resubmitted``, connected in apps.py.
"""
