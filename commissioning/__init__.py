"""Commissioning bodies and what they buy with social value in mind.

Owns: bodies and their dated policy, measurement frameworks, tenders with weighted award
criteria, scored bids, awards, contracts with commitments, monitoring returns with their
evidence, dashboards, the public register and the OCDS export.

May import: accounts, forums (the organisation register, the regions) and svforum's shared
mechanisms. Its contracts feed reporting's figures (reporting/derived.py reads them), but it
imports neither reporting nor analysis.
"""
