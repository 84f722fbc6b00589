"""
Segments: the stretches of one feed on one side.

A feed stores its segments as a JSON list of ``{"side", "started_at",
"ended_at"}`` with timestamps as ISO 8601 strings in UTC. This module converts
between that stored form and ``Segment`` values, and rejects shapes that are
not segments. The rules that relate segments to their feed (inside the span,
not overlapping) live in ``Feed.clean()``.
"""

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from django.utils.dateparse import parse_datetime

from tracker.rules import LIST_CODES, MAX_SEGMENTS, Side, Violation, violation


class SegmentError(ValueError):
    """The stored or submitted segments are not a list of valid segments.

    Carries the rulebook's ``rule`` and its ``params``; ``code`` is stable,
    for the API's error codes.
    """

    def __init__(self, rule: str | Violation, code: str | None = None, **params):
        self.rule = violation(rule, code=code)
        self.params = params
        self.code = self.rule.code
        super().__init__(self.rule.text(**params))


@dataclass(frozen=True)
class Segment:
    side: str
    started_at: datetime
    ended_at: datetime | None

    @property
    def seconds(self) -> int:
        if self.ended_at is None:
            return 0
        return int((self.ended_at - self.started_at).total_seconds())


def _parse_time(value: Any, where: str, error: type["SegmentError"] = SegmentError) -> datetime:
    if isinstance(value, datetime):
        parsed = value
    elif isinstance(value, str):
        try:
            parsed = parse_datetime(value)
        except ValueError:
            parsed = None
    else:
        parsed = None
    if parsed is None:
        raise error("time_invalid", where=where)
    if parsed.tzinfo is None:
        raise error("time_naive", where=where)
    try:
        return parsed.astimezone(UTC)
    except OverflowError:  # e.g. 9999-12-31T23:00:00-02:00 is past year 9999 in UTC
        raise error("time_overflow", where=where) from None


def list_items(
    raw: Any,
    *,
    parsed: type,
    noun: str,
    plural: str,
    limit: int,
    fields: set[str],
    error: type[SegmentError] = SegmentError,
):
    """Yield ``(index, item)`` of a feed's stored or submitted list (segments, let-downs).

    The shape checks both lists share, with each list's own words and codes
    (``rules.LIST_CODES``): a list, at most ``limit`` items, each an object
    with only ``fields`` (or already a ``parsed`` value, which the caller
    keeps as it is).
    """
    if raw in (None, ""):
        return
    codes = LIST_CODES[plural.replace("-", "")]
    if not isinstance(raw, list):
        raise error("list_not_a_list", plural=plural)
    if len(raw) > limit:
        raise error("list_too_long", codes["too_long"], limit=limit, plural=plural)
    for index, item in enumerate(raw, start=1):
        if not isinstance(item, (dict, parsed)):
            raise error("item_not_an_object", codes["not_an_object"], noun=noun, n=index)
        unknown = set(item) - fields if isinstance(item, dict) else set()
        if unknown:
            raise error(
                "item_unknown_field", noun=noun, n=index, fields=", ".join(sorted(unknown))
            )
        yield index, item


def parse_segments(raw: Any) -> list[Segment]:
    """Turn the stored (or submitted) list into Segments, or raise SegmentError."""
    segments = []
    items = list_items(
        raw,
        parsed=Segment,
        noun="Segment",
        plural="segments",
        limit=MAX_SEGMENTS,
        fields={"side", "started_at", "ended_at"},
    )
    for index, item in items:
        if isinstance(item, Segment):
            segments.append(item)
            continue
        side = item.get("side")
        if side not in Side.values:
            raise SegmentError("segment_side", n=index)
        started = _parse_time(item.get("started_at"), f"Segment {index} started_at")
        ended_raw = item.get("ended_at")
        ended = None if ended_raw is None else _parse_time(ended_raw, f"Segment {index} ended_at")
        if ended is not None and ended < started:
            raise SegmentError("segment_backwards", n=index)
        segments.append(Segment(side, started, ended))
    return segments


def _iso(moment: datetime | None) -> str | None:
    if moment is None:
        return None
    return moment.astimezone(UTC).isoformat().replace("+00:00", "Z")


def serialise_segments(segments: list[Segment]) -> list[dict[str, str | None]]:
    return [
        {"side": s.side, "started_at": _iso(s.started_at), "ended_at": _iso(s.ended_at)}
        for s in segments
    ]
