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

from tracker.segments import SegmentError, _iso, _parse_time

MAX_LETDOWNS = 20


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
    if isinstance(value, bool):
        raise LetdownError(f"{where}: expected a number of millilitres or null.", "wrong_type")
    try:
        parsed = Decimal(str(value))
    except InvalidOperation:
        raise LetdownError(
            f"{where}: expected a number of millilitres or null.", "wrong_type"
        ) from None
    if not parsed.is_finite():
        raise LetdownError(f"{where}: expected a number of millilitres or null.", "wrong_type")
    return parsed


def parse_letdowns(raw: Any) -> list[Letdown]:
    """Turn the stored (or submitted) list into Letdowns, or raise LetdownError."""
    if raw in (None, ""):
        return []
    if not isinstance(raw, list):
        raise LetdownError("Expected a list of let-downs.", "not_a_list")
    if len(raw) > MAX_LETDOWNS:
        raise LetdownError(f"At most {MAX_LETDOWNS} let-downs per feed.", "too_many")
    letdowns = []
    for index, item in enumerate(raw, start=1):
        if isinstance(item, Letdown):
            letdowns.append(item)
            continue
        if not isinstance(item, dict):
            raise LetdownError(f"Let-down {index}: expected an object.", "wrong_type")
        unknown = set(item) - {"at", "ml"}
        if unknown:
            raise LetdownError(
                f"Let-down {index}: unknown field(s) {', '.join(sorted(unknown))}.",
                "unknown_field",
            )
        try:
            at = _parse_time(item.get("at"), f"Let-down {index} at")
        except SegmentError as error:
            raise LetdownError(str(error), error.code) from None
        letdowns.append(Letdown(at, _parse_ml(item.get("ml"), f"Let-down {index} ml")))
    return letdowns


def serialise_letdowns(letdowns: list[Letdown]) -> list[dict[str, Any]]:
    """The stored form: UTC ISO strings, ml as a JSON number (two decimals at most)."""
    return [
        {"at": _iso(item.at), "ml": None if item.ml is None else float(item.ml)}
        for item in letdowns
    ]
