"""
Accounts: sign-up, sign-in, devices, passwords, and deleting an account.

- ``views``: register, token, browser session, delete the account.
- ``credentials``: per-device tokens and browser devices, DRF authentication.
- ``devices``: listing and revoking devices.
- ``passwords``: change (in the app) and reset (by email).
- ``usernames``: one canonical form of a username, the sign-in backend.
- ``urls``: the API routes, mounted by tracker/api/urls.py.
"""
