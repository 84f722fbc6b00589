"""
What a report shows: one baby's days, as the summary API counts them.

`build(link)` -> the template's context: the baby's name and age, one row per
day of the link's range in the link's time zone (tracker.summaries.daily_rows,
so the report, the Today screen and the summary API count alike), the range's
totals and daily means, and two bar charts drawn as SVG geometry (no script,
nothing fetched). Nappies join the rows when the tracker records them.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from zoneinfo import ZoneInfo

from reports.models import ReportLink
from tracker.summaries import daily_rows

CHART_HEIGHT = 120
BAR_GAP = 2


@dataclass(frozen=True)
class Day:
    date: date
    age_days: int | None
    feeds: int
    left_minutes: int
    right_minutes: int
    letdowns: int
    pumped_ml: Decimal
    bottle_ml: Decimal

    @property
    def letdowns_per_feed(self) -> Decimal | None:
        return (
            (Decimal(self.letdowns) / self.feeds).quantize(Decimal("0.1")) if self.feeds else None
        )


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    label: str


def _minutes(seconds: int) -> int:
    return round(seconds / 60)


def _age(birth: date | None, day: date) -> int | None:
    return (day - birth).days if birth and day >= birth else None


@dataclass(frozen=True)
class Chart:
    id: str
    title: str
    bars: list[Bar]
    top: float  # the largest value, the height of a full bar
    first: date
    last: date


def bars(values: list[float | None], labels: list[str], width: int = 560) -> list[Bar]:
    """Bars scaled to the largest value; a day with no value gets no bar."""
    top = max((v for v in values if v), default=0) or 1
    slot = width / max(len(values), 1)
    bars = []
    for index, (value, label) in enumerate(zip(values, labels, strict=True)):
        if not value:
            continue
        height = CHART_HEIGHT * float(value) / float(top)
        bars.append(
            Bar(index * slot + BAR_GAP / 2, CHART_HEIGHT - height, slot - BAR_GAP, height, label)
        )
    return bars


def build(link: ReportLink) -> dict:
    baby = link.baby
    rows = daily_rows(baby.pk, link.first_day, link.last_day, ZoneInfo(link.time_zone))
    days = [
        Day(
            date=row["date"],
            age_days=_age(baby.birth_date, row["date"]),
            feeds=row["feeds"],
            left_minutes=_minutes(row["breast_left_seconds"]),
            right_minutes=_minutes(row["breast_right_seconds"]),
            letdowns=row["letdowns"],
            pumped_ml=row["pumped_ml"],
            bottle_ml=row["bottle_ml"],
        )
        for row in rows
    ]
    count = len(days) or 1
    totals = {
        "feeds": sum(d.feeds for d in days),
        "left_minutes": sum(d.left_minutes for d in days),
        "right_minutes": sum(d.right_minutes for d in days),
        "letdowns": sum(d.letdowns for d in days),
        "pumped_ml": sum((d.pumped_ml for d in days), Decimal(0)),
        "bottle_ml": sum((d.bottle_ml for d in days), Decimal(0)),
    }
    means = {
        "feeds": Decimal(totals["feeds"] / count).quantize(Decimal("0.1")),
        "breast_minutes": round((totals["left_minutes"] + totals["right_minutes"]) / count),
        "letdowns_per_feed": (
            (Decimal(totals["letdowns"]) / totals["feeds"]).quantize(Decimal("0.1"))
            if totals["feeds"]
            else None
        ),
    }
    labels = [f"{d.date:%a %d %b}" for d in days]

    def chart(id_: str, title: str, values: list) -> Chart:
        top = max((v for v in values if v), default=0)
        return Chart(id_, title, bars(values, labels), top, link.first_day, link.last_day)

    return {
        "link": link,
        "baby": baby,
        "age_days": _age(baby.birth_date, link.last_day),
        "days": days,
        "totals": totals,
        "means": means,
        "chart_height": CHART_HEIGHT,
        "charts": [
            chart("chart-feeds", "Feeds each day", [d.feeds for d in days]),
            chart(
                "chart-letdowns",
                "Let-downs noticed per feed, each day",
                [d.letdowns_per_feed for d in days],
            ),
        ],
    }
