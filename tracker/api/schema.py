"""
The OpenAPI document's error answers: each operation lists every status it
can answer, with its body (docs/api-contract.md), so a client, or a fuzzer,
meets no undocumented status.

``ErrorsAutoSchema`` adds, to what a view documents itself:
- 400 (``ValidationErrorBody``: messages by field plus ``codes``) when the
  operation reads input (a body or query parameters);
- 401 and 403 (``{"detail"}``) when it needs a signed-in user; 403 also for a
  session's unsafe request without its CSRF token;
- 404 when its path names something (an id, a slug);
- 413 (body over the limit) when it reads a body; 414 (query string too
  long) and 503 (database unreachable, ``Retry-After``) on every operation;
- 429 (``Retry-After``) on every unsafe method (write and sign-in limits).
A status the view documents keeps the view's body (sync's 403, 409, 413).
"""

from drf_spectacular.openapi import AutoSchema
from drf_spectacular.utils import OpenApiResponse, PolymorphicProxySerializer
from rest_framework import serializers
from rest_framework.generics import GenericAPIView

UNSAFE = {"POST", "PUT", "PATCH", "DELETE"}
JSON = ["application/json"]


class DetailBody(serializers.Serializer):
    detail = serializers.CharField()


class ValidationErrorBody(serializers.Serializer):
    """``{"field": ["message"], "codes": {"field": ["code"]}}``; nested alike."""

    codes = serializers.DictField(
        child=serializers.JSONField(), help_text="The messages' stable codes, keyed alike."
    )


DESCRIPTIONS = {
    400: "Bad input: messages by field, and their codes.",
    401: "Not signed in.",
    403: "Not signed in, a missing CSRF token, or not allowed for your role.",
    404: "Not found, or not yours (the same answer).",
    413: "The body is over the limit.",
    414: "The query string is over the limit.",
    429: "Too many requests; see Retry-After.",
    503: "The database cannot be reached; see Retry-After.",
}


def error(status: int, body=DetailBody) -> OpenApiResponse:
    return OpenApiResponse(body, description=DESCRIPTIONS[status])


def either(name: str, *bodies) -> PolymorphicProxySerializer:
    """One of several error bodies (a ``oneOf``)."""
    return PolymorphicProxySerializer(
        component_name=name, serializers=list(bodies), resource_type_field_name=None
    )


class ErrorsAutoSchema(AutoSchema):
    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        for status in self._error_statuses():
            if str(status) not in responses:
                body = ValidationErrorBody if status == 400 else DetailBody
                responses[str(status)] = self._get_response_for_code(
                    error(status, body), str(status), JSON, direction
                )
        return responses

    def _error_statuses(self) -> list[int]:
        reads_body = self._reads_body()
        has_query = any(p["in"] == "query" for p in self._get_parameters())
        public = {} in (self.get_auth() or [{}])
        statuses = [414, 503]
        if reads_body or has_query:
            statuses.append(400)
        if not public:
            statuses += [401, 403]
        elif self.method in UNSAFE:
            statuses.append(403)
        if "{" in self.path:
            statuses.append(404)
        if reads_body:
            statuses.append(413)
        if self.method in UNSAFE:
            statuses.append(429)
        return sorted(set(statuses))

    def _reads_body(self) -> bool:
        if self.method not in UNSAFE:
            return False
        # A generic view's DELETE reads none; a plain view's documents the body it reads.
        if self.method == "DELETE" and isinstance(self.view, GenericAPIView):
            return False
        return self.get_request_serializer() is not None  # ``request=None``: reads none
