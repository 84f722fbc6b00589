"""How the project launches headless Chromium: one place for the browser tests
(tests/e2e/conftest.py) and the PWA benchmark (benchmarks/pwa.py), so the
numbers are measured in the browser the tests check.

Plain constants, no imports of tests or of the app: benchmarks must not depend
on test code, and production code depends on neither.
"""

from pathlib import Path

# Debian's Chromium (apt), not Playwright's downloaded build: what the machine has.
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",  # runs as root in a container, where the sandbox cannot start
    "--disable-gpu",
    # No requests of the browser's own (updates, sync, safe-browsing lists):
    # they would show up as third-party requests and add noise to timings.
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
