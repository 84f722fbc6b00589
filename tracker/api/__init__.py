"""
The tracker's HTTP layer: one module per resource, all on the same three rules.

- ``permissions``: who may read or write which babies and feeds (a role ->
  actions table); every view starts its queries there.
- ``errors``: the one exception handler; views raise domain errors and never
  convert them.
- ``queries``: the fields query serializers share; every query parameter is
  read by a serializer, so a bad one is a 400 naming it, with a code.
- ``schema``: each operation's error answers in the OpenAPI document.
Rules live below this layer (``tracker.models``, ``writes``, ``sharing``,
``sync``); the HTTP layer translates.
"""
