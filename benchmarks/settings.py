"""
Settings for benchmark and load-test servers: the production settings, plus
one bare JSON view (the floor) on the same middleware stack.

Everything else is letdown_project.settings as configured by the environment
the runner passes (DEBUG=0, a random SECRET_KEY, DATABASE_URL, REDIS_URL).
"""

from letdown_project.settings import *  # noqa: F403

ROOT_URLCONF = "benchmarks.urls"
