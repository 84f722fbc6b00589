"""
The API's JSON parser: DRF's, plus a clean 400 for absurdly nested JSON.

Contract: parses exactly what `rest_framework.parsers.JSONParser` parses
(strict: NaN and Infinity refused). A body nested so deeply that Python's
decoder runs out of stack (`[[[[...]]]]`, a few hundred KB is enough) is a
`ParseError` (400) instead of a RecursionError (500). Used for every API
view through `REST_FRAMEWORK["DEFAULT_PARSER_CLASSES"]`; a view that lists
DRF's JSONParser itself in `parser_classes` bypasses it.
"""

from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser


class SafeJSONParser(JSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        try:
            return super().parse(stream, media_type, parser_context)
        except RecursionError as error:
            raise ParseError("JSON parse error - nested too deeply.") from error
