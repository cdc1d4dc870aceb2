"""Loaded first by pytest (see pyproject.toml): the environment the suite runs in.

The suite runs with DEBUG off, as a deployment does, and with static files collected so
pages render through the same manifest storage.
"""

import os

os.environ.setdefault("SECRET_KEY", "svforum-test-suite-key-0123456789abcdef0123456789")
os.environ.setdefault("DEBUG", "false")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")
os.environ.setdefault("SECURE_COOKIES", "false")


def pytest_sessionstart(session):
    if hasattr(session.config, "workerinput"):
        return  # xdist workers: the controller collected already
    from django.core.management import call_command

    call_command("collectstatic", interactive=False, verbosity=0)
