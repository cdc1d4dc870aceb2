"""Configuration comes from the environment, and bad values stop the start loudly."""

import os
import subprocess
import sys

import pytest

BASE = {
    "PATH": os.environ["PATH"],
    "SECRET_KEY": "x" * 40,
    "DEBUG": "false",
    "ALLOWED_HOSTS": "example.org",
}


def run_check(*options, **env):
    return subprocess.run(
        [sys.executable, "manage.py", "check", *options],
        env={**BASE, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"DEBUG": "perhaps"}, "DEBUG must be true or false"),
        ({"SECRET_KEY": ""}, "SECRET_KEY must be set when DEBUG is off"),
        ({"SECRET_KEY": "short"}, "SECRET_KEY must be at least 32 characters"),
        ({"ALLOWED_HOSTS": ""}, "ALLOWED_HOSTS must be set when DEBUG is off"),
        ({"DATABASE_URL": "mysql://u:p@localhost/db"}, "DATABASE_URL must point at PostgreSQL"),
        ({"EMAIL_BACKEND": "pigeon"}, "EMAIL_BACKEND must be one of console, smtp"),
        (
            {"EMAIL_BACKEND": "smtp", "EMAIL_PORT": "twenty-five"},
            "EMAIL_PORT must be a whole number",
        ),
    ],
)
def test_bad_settings_fail_at_start_up(env, message):
    result = run_check(**env)
    assert result.returncode != 0
    assert message in result.stderr


def test_good_settings_start(tmp_path):
    result = run_check(DATABASE_URL=f"sqlite:///{tmp_path / 'x.sqlite3'}")
    assert result.returncode == 0, result.stderr


def test_a_production_configuration_passes_the_deployment_checks(tmp_path):
    result = run_check(
        "--deploy",
        DATABASE_URL=f"sqlite:///{tmp_path / 'x.sqlite3'}",
        SECRET_KEY="q8#Vw2!pLz7@Kd4$Nf9^Rb1&Tx6*Hm3(Jc5)Gs0+Ye8-Ua2=Wi7",
        EMAIL_BACKEND="smtp",
        SECURE_SSL_REDIRECT="true",
        SECURE_HSTS_SECONDS="31536000",
    )
    assert result.returncode == 0, result.stderr


def test_the_console_mailer_is_refused_by_the_deployment_checks(tmp_path):
    result = run_check("--deploy", DATABASE_URL=f"sqlite:///{tmp_path / 'x.sqlite3'}")
    assert result.returncode != 0
    assert "mail.E001" in result.stderr


def test_postgresql_urls_turn_on_the_connection_pool():
    code = (
        "from django.conf import settings; d = settings.DATABASES['default']; "
        "print(d['ENGINE'], 'pool' in d['OPTIONS'])"
    )
    result = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        env={
            **BASE,
            "DJANGO_SETTINGS_MODULE": "svforum.settings",
            "DATABASE_URL": "postgres://u:p@127.0.0.1:5432/svforum",
            "PYTHONPATH": ".",
        },
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.stdout.split() == ["django.db.backends.postgresql", "True"], result.stderr
