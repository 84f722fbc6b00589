"""
Let-downs: the moments a parent noticed a let-down during one feed.

A feed stores them as a JSON list of ``{"at", "ml"}``: ``at`` an ISO 8601
string in UTC, ``ml`` a number (pump only) or null. This module converts
between that stored form and ``Letdown`` values and rejects shapes that are
not let-downs; the rules that relate them to their feed (inside its span,
ordered, ``ml`` only on a pump, the count) live in ``Feed.clean()``.
"""

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from tracker.rules import MAX_LETDOWNS
from tracker.segments import SegmentError, _iso, _parse_time, list_items


class LetdownError(SegmentError):
    """The stored or submitted let-downs are not a list of valid let-downs.

    A SegmentError underneath, so it carries a stable ``code`` the same way.
    """


@dataclass(frozen=True)
class Letdown:
    at: datetime
    ml: Decimal | None = None


def _parse_ml(value: Any, where: str) -> Decimal | None:
    if value is None:
        return None
    try:
        parsed = None if isinstance(value, bool) else Decimal(str(value))
    except InvalidOperation:
        parsed = None
    if parsed is None or not parsed.is_finite():
        raise LetdownError("letdown_ml_type", where=where)
    return parsed


def parse_letdowns(raw: Any) -> list[Letdown]:
    """Turn the stored (or submitted) list into Letdowns, or raise LetdownError."""
    letdowns = []
    items = list_items(
        raw,
        parsed=Letdown,
        noun="Let-down",
        plural="let-downs",
        limit=MAX_LETDOWNS,
        fields={"at", "ml"},
        error=LetdownError,
    )
    for index, item in items:
        if isinstance(item, Letdown):
            letdowns.append(item)
            continue
        at = _parse_time(item.get("at"), f"Let-down {index} at", LetdownError)
        letdowns.append(Letdown(at, _parse_ml(item.get("ml"), f"Let-down {index} ml")))
    return letdowns


def serialise_letdowns(letdowns: list[Letdown]) -> list[dict[str, Any]]:
    """The stored form: UTC ISO strings, ml as a JSON number (two decimals at most)."""
    return [
        {"at": _iso(item.at), "ml": None if item.ml is None else float(item.ml)}
        for item in letdowns
    ]
