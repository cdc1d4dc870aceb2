#!/usr/bin/env python
import os
import sys

if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "svforum.settings")
    # Commands run by hand in a development checkout need no secrets; a deployment sets
    # DEBUG=false (and its SECRET_KEY) in the environment, as docs/deployment.md says.
    # The web server (svforum/wsgi.py) has no such default: DEBUG is off unless set.
    os.environ.setdefault("DEBUG", "true")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
