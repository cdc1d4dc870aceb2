from django.urls import translate_url
from django.utils.translation import get_language

from accounts import access as roles


def layout(request):
    """What base.html needs on every page: the other language's URL and the navigation."""
    current = get_language() or "en"
    other = "en" if current == "cy" else "cy"
    path = request.get_full_path()
    alternate = translate_url(path, other)
    if alternate == path:  # a page outside the language prefixes
        alternate = f"/{other}/"
    user = getattr(request, "user", None)
    rights = roles.access_for(user) if user is not None else roles.Access()
    return {
        "current_language": current,
        "other_language": other,
        "other_language_url": alternate,
        "nav": {
            "forums": bool(rights.administrator or rights.analyst or rights.secretariat_forum_ids),
            "organisations": bool(rights.is_anyone),
            "review": bool(rights.administrator or rights.analyst),
            "commissioning": bool(rights.administrator or rights.commissioning_body_ids),
            "admin": rights.administrator and user.is_staff,
        },
    }
