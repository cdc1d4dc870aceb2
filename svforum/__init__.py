"""The project: settings, the URL conf, the home page and the demo command, which put the
apps together, and the shared mechanisms every app uses — the import flow (imports.py),
spreadsheets, revisioned edits (revisions.py), PDF output (pdf.py), charts, uploads, forms
and template tags, and the configuration's system checks (checks.py).

May import: the shared mechanisms import accounts only (the audit log); the URL conf, the
home page and the demo command may import any app.
"""
