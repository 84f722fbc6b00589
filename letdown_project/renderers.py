"""
The API's JSON renderer: DRF's, plus an answer for text that is not Unicode.

JSON may carry a lone surrogate (``"\\ud800"``, e.g. a phone that cut an
emoji in half). The fields refuse such text, but their error messages and an
unknown field's name echo it, and UTF-8 cannot encode it: DRF's renderer
would fail with a 500 while answering a 400. Such a body is rendered with
every non-ASCII character escaped instead, which is the same JSON.
"""

from rest_framework.renderers import JSONRenderer


class _AsciiJSONRenderer(JSONRenderer):
    ensure_ascii = True


class SafeJSONRenderer(JSONRenderer):
    def render(self, data, accepted_media_type=None, renderer_context=None):
        try:
            return super().render(data, accepted_media_type, renderer_context)
        except UnicodeEncodeError:
            return _AsciiJSONRenderer().render(data, accepted_media_type, renderer_context)
