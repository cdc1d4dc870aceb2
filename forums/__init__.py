"""The seven regional forums and the records their secretariats keep.

Owns: forums with their dated local authorities and health boards, the shared register of
organisations, each forum's memberships, citizens (with consent), meetings and projects;
their access rules (access.py), imports and exports (imports.py, resources.py), the forum
home's summary (selectors.py) and the forums' part of the demo.

May import: accounts and svforum's shared mechanisms. Forums feed reporting's figures
(reporting/derived.py reads them) but import neither reporting, analysis nor commissioning.
"""
