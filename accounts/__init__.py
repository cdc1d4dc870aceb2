"""Users, their roles and the audit log: the floor every other app stands on.

Owns: the custom User (with a preferred language), role assignments (secretariat of a
forum, analyst, commissioner of a body, administrator), reading a user's roles once per
request (access.py, the base of every app's access rules), sign-in, and the audit log of
who did what (services.record_audit).

May import: no other app of the project. Role assignments name forums and commissioning
bodies by foreign key ("forums.Forum"), never by import.
"""
