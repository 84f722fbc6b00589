"""
One person, one username: sign-up and sign-in compare names as a reader would.

``canonical_username`` (Unicode NFKC, trimmed) is what is stored, so a
full-width "S" is stored as a plain one; sign-up then refuses a name equal to an
existing one in any letter case, and sign-in accepts any case of it.
The throttles key on the same form, case-folded
(``letdown_project.throttling.username_key``).
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend

from letdown_project.throttling import canonical_username


def find_user(username: str):
    """The account this typed name means, or None (none, or an ambiguous legacy pair)."""
    matches = list(
        get_user_model().objects.filter(username__iexact=canonical_username(username))[:2]
    )
    return matches[0] if len(matches) == 1 else None


def username_taken(username: str) -> bool:
    return get_user_model().objects.filter(username__iexact=canonical_username(username)).exists()


class NormalisedUsernameBackend(ModelBackend):
    """Django's ModelBackend, finding the account by its canonical, case-insensitive name."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if username is None or password is None:
            return super().authenticate(request, username, password, **kwargs)
        user = find_user(username)
        # An exact (legacy, case-twin) name still signs in as itself.
        name = user.get_username() if user is not None else canonical_username(username)
        return super().authenticate(request, username=name, password=password, **kwargs)
