"""Configuration that parses but does not make sense together is reported by system checks
with stable ids."""

from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.test import override_settings

from svforum import checks

IMMEDIATE = {"default": {"BACKEND": checks.IMMEDIATE_BACKEND}}
WORKER = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}


def ids(messages):
    return [m.id for m in messages]


@override_settings(SITE_URL="https://svforum.example", ALLOWED_HOSTS=["svforum.example"])
def test_a_site_url_on_an_allowed_host_passes():
    assert checks.site_url_is_an_allowed_host(None) == []


@override_settings(SITE_URL="https://svforum.example", ALLOWED_HOSTS=["other.example"], DEBUG=False)
def test_a_site_url_the_service_would_refuse_is_reported():
    assert ids(checks.site_url_is_an_allowed_host(None)) == ["svforum.W001"]


@override_settings(SITE_URL="https://app.svforum.example", ALLOWED_HOSTS=[".svforum.example"])
def test_a_wildcard_host_covers_the_site_url():
    assert checks.site_url_is_an_allowed_host(None) == []


@override_settings(DEBUG=False, TASKS=IMMEDIATE)
def test_the_immediate_backend_without_debug_is_reported():
    assert ids(checks.background_work_leaves_the_request(None)) == ["svforum.W002"]


@override_settings(DEBUG=True, TASKS=IMMEDIATE)
def test_the_immediate_backend_in_development_is_fine():
    assert checks.background_work_leaves_the_request(None) == []


@override_settings(DEBUG=False, TASKS=WORKER)
def test_a_backend_with_a_worker_is_fine():
    assert checks.background_work_leaves_the_request(None) == []


@override_settings(
    SITE_URL="https://svforum.example",
    ALLOWED_HOSTS=["other.example"],
    SILENCED_SYSTEM_CHECKS=["svforum.W002"],
)
def test_the_checks_are_registered_and_fail_the_check_command(db):
    try:
        call_command("check", fail_level="WARNING")
    except SystemCheckError as error:
        assert "svforum.W001" in str(error)
    else:
        raise AssertionError("manage.py check passed with SITE_URL on a refused host")
