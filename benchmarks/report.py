"""
Results as Markdown: printed, and written into docs/performance.md.

Contract: `replace_section(path, name, markdown)` rewrites only the block
between `<!-- name:start -->` and `<!-- name:end -->` in the file (adding the
block at the end when it is missing), so the benchmark runner and the load
test each own their section and the prose around them stays as written.
"""

import platform
from datetime import UTC, datetime
from pathlib import Path

import django


def environment_line(database: str) -> str:
    return (
        f"Measured {datetime.now(UTC):%Y-%m-%d %H:%M} UTC on {platform.machine()}, "
        f"Python {platform.python_version()}, Django {django.get_version()}, {database}."
    )


def timing_table(results: dict) -> str:
    lines = [
        "| case | n | p50 ms | p99 ms | floor p50 ms, same moments |",
        "|---|---:|---:|---:|---:|",
    ]
    for name, row in results.items():
        floor = f"{row['floor_p50_ms']:.2f}" if "floor_p50_ms" in row else ""
        lines.append(
            f"| {name} | {row['n']} | {row['p50_ms']:.2f} | {row['p99_ms']:.2f} | {floor} |"
        )
    return "\n".join(lines)


def ratio_table(ratios: dict) -> str:
    lines = ["| comparison (p50 / p50, same run) | ratio |", "|---|---:|"]
    lines += [f"| {name} | {value:.2f} |" for name, value in ratios.items()]
    return "\n".join(lines)


def count_table(counts: dict, header: str) -> str:
    lines = [f"| {header} | count |", "|---|---:|"]
    lines += [f"| {name} | {value} |" for name, value in counts.items()]
    return "\n".join(lines)


def replace_section(path: Path, name: str, markdown: str) -> None:
    start, end = f"<!-- {name}:start -->", f"<!-- {name}:end -->"
    block = f"{start}\n{markdown.strip()}\n{end}"
    text = path.read_text() if path.exists() else ""
    if start in text and end in text:
        before, rest = text.split(start, 1)
        text = before + block + rest.split(end, 1)[1]
    else:
        text = text.rstrip() + ("\n\n" if text else "") + block + "\n"
    path.write_text(text)
