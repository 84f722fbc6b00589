"""
schemathesis against the project's own OpenAPI schema (/api/v1/schema/).

Every operation is called with generated data, signed in as a parent who has
a baby with feeds: no answer may be a 5xx, every status must be one the
operation documents, and every answer must match the schema. Bounded
(`max_examples`) so it runs in the normal suite and in CI.
"""

import json

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.renderers import OpenApiJsonRenderer
from hypothesis import HealthCheck, settings
from rest_framework.authtoken.models import Token
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from tests.factories import BabyFactory, FeedFactory

MAX_EXAMPLES = 10
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    response_schema_conformance,
    content_type_conformance,
]


@pytest.fixture(autouse=True)
def _keep_the_test_transaction_open():
    """Calls go through the real WSGI handler, whose request signals close the database
    connection: that would end the test's transaction. Django's test client disconnects
    them the same way."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def parent_token(user):
    baby = BabyFactory(owner=user)
    FeedFactory(baby=baby)
    FeedFactory(baby=baby, kind="bottle", segments=[], amount_ml=90, milk_type="formula")
    return Token.objects.create(user=user).key


def project_schema() -> dict:
    """The document /api/v1/schema/ serves, generated as its view generates it.

    The view is for signed-in users only and there is no user while tests are
    collected, so the schema is built in-process (test_the_schema_is_the_served_one
    checks it is the same document). schemathesis's lazy `from_fixture` loader,
    which could sign in first, does not work with pytest 9 yet.
    """
    document = SchemaGenerator().get_schema(request=None, public=True)
    return json.loads(OpenApiJsonRenderer().render(document))


# Every operation, deleting the account too: each operation is its own test with its
# own parent, and once a generated password deletes it the 403s that follow are
# documented answers.
schema = schemathesis.openapi.from_dict(project_schema())
schema.app = get_wsgi_application()
# Explicit examples and `max_examples` generated cases per operation. The coverage phase
# (every boundary of every field) runs for many minutes; `schemathesis run` does it on demand.
schema.config.phases.coverage.enabled = False


@schema.parametrize()
@settings(
    max_examples=MAX_EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_the_api_answers_every_generated_request_without_5xx_and_as_documented(case, parent_token):
    # identity: the WSGI transport hands back bodies as sent and does not gunzip
    # them as an HTTP client would (compression: tests/security/test_api_compression.py).
    headers = {"Authorization": f"Token {parent_token}", "Accept-Encoding": "identity"}
    case.call_and_validate(headers=headers, checks=CHECKS)


def test_the_schema_is_the_served_one(auth_client):
    served = auth_client.get("/api/v1/schema/", {"format": "json"})
    assert served.status_code == 200
    assert json.loads(served.content) == project_schema()
