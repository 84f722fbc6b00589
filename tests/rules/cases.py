"""The parity table: feeds on both sides of each rule of tracker/rules.py.

Times are ISO strings, ``now`` is NOW; each case is ``name: feed`` (the
fields a client writes, as JSON). Kept apart from the test so the Node unit
tests and the parity test can grow the same table.
"""

from tracker.rules import Sign

NOW = "2026-03-01T12:00:00Z"


def at(clock: str, day: str = "2026-03-01") -> str:
    return f"{day}T{clock}Z"


def seg(side, start, end):
    return {"side": side, "started_at": start, "ended_at": end}


BREAST = {
    "kind": "breast",
    "started_at": at("08:00:00"),
    "ended_at": at("08:20:00"),
    "segments": [
        seg("left", at("08:00:00"), at("08:10:00")),
        seg("right", at("08:12:00"), at("08:20:00")),
    ],
    "letdown_count": 0,
    "letdowns": [],
    "signs": [],
    "notes": "",
}
PUMP = {
    "kind": "pump",
    "started_at": at("09:00:00"),
    "ended_at": at("09:15:00"),
    "segments": [],
    "left_ml": 60,
    "right_ml": 50.5,
    "letdown_count": 0,
    "letdowns": [],
    "signs": [],
    "notes": "",
}
BOTTLE = {
    "kind": "bottle",
    "started_at": at("10:00:00"),
    "ended_at": at("10:00:00"),
    "amount_ml": 90,
    "milk_type": "formula",
    "letdown_count": 0,
    "signs": [],
    "notes": "",
}
RUNNING = {
    **BREAST,
    "ended_at": None,
    "segments": [seg("left", at("11:30:00"), at("11:40:00")), seg("right", at("11:41:00"), None)],
    "started_at": at("11:30:00"),
}
RUNNING_PUMP = {**PUMP, "started_at": at("11:50:00"), "ended_at": None, "left_ml": None}


def _letdowns(*clocks, ml=None):
    return [{"at": at(clock), "ml": ml} for clock in clocks]


def _feed(base, **changes):
    return {**base, **changes}


CASES = {
    # Each kind, valid.
    "breast": BREAST,
    "pump": PUMP,
    "bottle": BOTTLE,
    "running breast": RUNNING,
    "running pump": RUNNING_PUMP,
    "breast without segments": _feed(BREAST, segments=[]),
    # The start.
    "start before 2000": _feed(BOTTLE, started_at="1999-12-31T23:59:59Z", ended_at=None),
    "start on the first instant of 2000": _feed(
        BOTTLE, started_at="2000-01-01T00:00:00Z", ended_at=None
    ),
    "start exactly the clock allowance ahead": _feed(
        BOTTLE, started_at=at("12:10:00"), ended_at=None
    ),
    "start a microsecond past the allowance": _feed(
        BOTTLE, started_at=at("12:10:00.000001"), ended_at=None
    ),
    "start with an offset, in the past": _feed(
        BOTTLE, started_at="2026-03-01T13:00:00+13:45", ended_at=None
    ),
    # The end.
    "end exactly the allowance ahead": _feed(
        PUMP, started_at=at("11:55:00"), ended_at=at("12:10:00")
    ),
    "end a second past the allowance": _feed(
        PUMP, started_at=at("11:55:00"), ended_at=at("12:10:01")
    ),
    "pump starting now for 15 minutes": _feed(
        PUMP, started_at=at("12:00:00"), ended_at=at("12:15:00")
    ),
    "end before start": _feed(PUMP, ended_at=at("08:59:59")),
    "exactly 12 hours": _feed(
        PUMP, started_at=at("23:00:00", "2026-02-28"), ended_at=at("11:00:00")
    ),
    "12 hours and a second": _feed(
        PUMP, started_at=at("23:00:00", "2026-02-28"), ended_at=at("11:00:01")
    ),
    "too long and in the future": _feed(PUMP, started_at=at("00:05:00"), ended_at=at("12:11:00")),
    # Fields of another kind.
    "left ml on a breastfeed": _feed(BREAST, left_ml=20),
    "amount and milk type on a pump": _feed(PUMP, amount_ml=20, milk_type="formula"),
    "sides on a bottle": _feed(BOTTLE, segments=BREAST["segments"]),
    "pump volumes on a bottle": _feed(BOTTLE, left_ml=10, right_ml=0),
    # Millilitres.
    "ml below zero": _feed(PUMP, left_ml=-1),
    "ml at the limit": _feed(BOTTLE, amount_ml=1000),
    "ml over the limit": _feed(BOTTLE, amount_ml=1000.01),
    "ml with three decimals": _feed(PUMP, right_ml=12.345),
    "ml as a string with a trailing zero": _feed(PUMP, right_ml="12.340"),
    "ml far over the limit": _feed(BOTTLE, amount_ml=12345.5),
    # Plain fields.
    "notes at the limit": _feed(BOTTLE, notes="x" * 2000),
    "notes over the limit": _feed(BOTTLE, notes="é" * 2001),
    "unknown milk type": _feed(BOTTLE, milk_type="juice"),
    "let-down count over the limit": _feed(BREAST, letdown_count=21),
    "let-down count below zero": _feed(BREAST, letdown_count=-1),
    # Signs.
    "every sign": _feed(BREAST, signs=list(Sign.values)),
    "unknown sign": _feed(BREAST, signs=["gulping", "singing"]),
    "sign twice": _feed(BREAST, signs=["gulping", "gulping"]),
    "signs not a list": _feed(BREAST, signs="gulping"),
    # Segments: shape.
    "segment on no side": _feed(BREAST, segments=[seg("middle", at("08:00:00"), None)]),
    "segment without an offset": _feed(
        BREAST, segments=[seg("left", "2026-03-01T08:00:00", at("08:10:00"))]
    ),
    "segment time not a time": _feed(BREAST, segments=[seg("left", "soon", at("08:10:00"))]),
    "segment with an unknown field": _feed(
        BREAST, segments=[{**seg("left", at("08:00:00"), at("08:10:00")), "colour": "red"}]
    ),
    "segment not an object": _feed(BREAST, segments=["left"]),
    "segments not a list": _feed(BREAST, segments={"side": "left"}),
    "101 segments": _feed(
        BREAST,
        segments=[seg("left", at("08:00:00"), at("08:00:00"))] * 101,
    ),
    "segment ending before it starts": _feed(
        BREAST, segments=[seg("left", at("08:10:00"), at("08:05:00"))]
    ),
    # Segments: in the feed.
    "segment before the feed": _feed(
        BREAST, segments=[seg("left", at("07:59:00"), at("08:10:00"))]
    ),
    "segment after the feed": _feed(
        BREAST, segments=[seg("left", at("08:00:00"), at("08:21:00"))]
    ),
    "segments overlapping": _feed(
        BREAST,
        segments=[
            seg("left", at("08:00:00"), at("08:10:00")),
            seg("right", at("08:09:00"), at("08:20:00")),
        ],
    ),
    "open segment in an ended feed": _feed(BREAST, segments=[seg("left", at("08:00:00"), None)]),
    "open segment not the last": _feed(
        RUNNING,
        segments=[
            seg("left", at("11:30:00"), None),
            seg("right", at("11:41:00"), at("11:45:00")),
        ],
    ),
    "segment in the future on a running feed": _feed(
        RUNNING, segments=[seg("left", at("11:30:00"), at("12:30:00"))]
    ),
    "segment over 12 hours": _feed(
        RUNNING,
        started_at=at("23:00:00", "2026-02-28"),
        segments=[seg("left", at("23:00:00", "2026-02-28"), at("11:00:01"))],
    ),
    "segment before 2000": _feed(
        BREAST,
        started_at="1999-12-31T23:00:00Z",
        ended_at=None,
        segments=[seg("left", "1999-12-31T23:00:00Z", None)],
    ),
    # Let-downs.
    "let-downs with their count": _feed(
        BREAST, letdowns=_letdowns("08:01:00", "08:05:00"), letdown_count=2
    ),
    "let-downs with the wrong count": _feed(
        BREAST, letdowns=_letdowns("08:01:00", "08:05:00"), letdown_count=3
    ),
    "count only, times unknown": _feed(BREAST, letdown_count=3),
    "let-down before the feed": _feed(BREAST, letdowns=_letdowns("07:59:00"), letdown_count=1),
    "let-down after the feed": _feed(BREAST, letdowns=_letdowns("08:21:00"), letdown_count=1),
    "let-down in the future on a running feed": _feed(
        RUNNING, letdowns=_letdowns("12:10:01"), letdown_count=1
    ),
    "let-down at the allowance on a running feed": _feed(
        RUNNING, letdowns=_letdowns("12:10:00"), letdown_count=1
    ),
    "let-downs out of order": _feed(
        BREAST, letdowns=_letdowns("08:05:00", "08:01:00"), letdown_count=2
    ),
    "let-down ml on a breastfeed": _feed(
        BREAST, letdowns=_letdowns("08:05:00", ml=10), letdown_count=1
    ),
    "let-down ml on a pump": _feed(PUMP, letdowns=_letdowns("09:05:00", ml=10.5), letdown_count=1),
    "let-down ml over the limit": _feed(
        PUMP, letdowns=_letdowns("09:05:00", ml=1001), letdown_count=1
    ),
    "let-down ml too precise": _feed(
        PUMP, letdowns=_letdowns("09:05:00", ml=1.234), letdown_count=1
    ),
    "let-down ml not a number": _feed(
        PUMP, letdowns=_letdowns("09:05:00", ml="lots"), letdown_count=1
    ),
    "let-down ml a boolean": _feed(PUMP, letdowns=_letdowns("09:05:00", ml=True), letdown_count=1),
    "21 let-downs": _feed(PUMP, letdowns=_letdowns(*["09:05:00"] * 21), letdown_count=20),
    "let-down with an unknown field": _feed(
        PUMP, letdowns=[{"at": at("09:05:00"), "ml": None, "side": "left"}], letdown_count=1
    ),
    "let-down without an offset": _feed(
        PUMP, letdowns=[{"at": "2026-03-01T09:05:00", "ml": None}], letdown_count=1
    ),
    "let-down not an object": _feed(PUMP, letdowns=["09:05"], letdown_count=1),
    "let-downs on a running pump": _feed(
        RUNNING_PUMP, letdowns=_letdowns("11:51:00", "11:55:00", ml=5), letdown_count=2
    ),
}
