"""Settings of the live-server tests (tests/live.py): production's, with a fast hasher.

PBKDF2's deliberate slowness is not under test, and two servers checking
dozens of passwords at once on a small CI machine would only make tests slow.
"""

from letdown_project.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
