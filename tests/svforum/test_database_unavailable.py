"""With the database out of reach, a page says the service is briefly unavailable (503,
in the user's language) instead of failing with a server error."""

import pytest
from django.db import OperationalError

from forums import views as forum_views


@pytest.mark.parametrize(
    ("path", "words"),
    [("/en/forums/", "The service is briefly unavailable"), ("/cy/forums/", "dros dro")],
)
def test_a_lost_database_gives_the_unavailable_page(client_as, monkeypatch, path, words):
    client = client_as("secretariat_a")

    def unreachable(*args, **kwargs):
        raise OperationalError("couldn't get a connection after 3.00 sec")

    monkeypatch.setattr(forum_views.selectors, "current_q", unreachable)
    response = client.get(path)
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    html = response.content.decode()
    assert words in html
    assert f'lang="{path[1:3]}"' in html
    assert "couldn't get a connection" not in html  # no raw database message


def test_a_short_wait_for_the_database_is_configured(settings):
    if settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
        pytest.skip("the pool and its timeout are PostgreSQL's")
    options = settings.DATABASES["default"]["OPTIONS"]
    assert options["pool"]["timeout"] <= 5 and options["connect_timeout"] <= 5
