"""The team report as files: Markdown (`report.md`), PDF (`report.pdf`, A4, text pages and the zone chart)
and CSV (`report.csv`).

Each week's section is `week_blocks(text)`: the composer's texts in the channel post's order, as headings,
paragraphs, bullets and notes; the Markdown keeps the neutral markup nearly as it is (emoji shortcodes
become Unicode), the PDF shows it as plain text.
"""

from __future__ import annotations

import io
import re
import textwrap
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Final, Literal

from coaching.i18n import t
from coaching.markup import UNICODE_EMOJI, plain
from coaching.summary_text import SummaryText
from reports.team_report import TeamReport, report_csv

if TYPE_CHECKING:
    from matplotlib.figure import Figure

Kind = Literal["heading", "paragraph", "bullet", "note"]

EMOJI: Final[dict[str, str]] = {f":{name}:": shown for name, shown in UNICODE_EMOJI.items()}
_SHORTCODE = re.compile(r":[a-z0-9_+-]+:")


@dataclass(frozen=True, slots=True)
class Block:
    kind: Kind
    text: str


def week_blocks(text: SummaryText) -> list[Block]:
    """One week's section: what the channel post and its thread say, in their order."""
    blocks = [Block("heading", text.title)]
    if text.suppressed is not None:
        blocks.append(Block("paragraph", text.suppressed))
        blocks.extend(Block("note", note) for note in (text.suppressed_why,) if note)
        return blocks
    blocks.extend(Block("paragraph", part) for part in (text.zone, text.split, text.weakest) if part)
    blocks.append(Block("paragraph", text.response))
    blocks.extend(Block("bullet", line) for line in text.figures)
    blocks.extend(Block("note", note) for note in (text.not_measured, *text.footnotes) if note)
    return blocks


def to_markdown(text: str) -> str:
    """Neutral markup in a Markdown file: the same, with the emoji shortcodes we use as Unicode and a line
    break kept as one (two spaces before it)."""
    return _SHORTCODE.sub(lambda m: EMOJI.get(m.group(0), m.group(0)), text).replace("\n", "  \n")


def to_plain(text: str) -> str:
    """Neutral markup as plain text (the PDF, whose font has no emoji): `coaching.markup.plain`, without
    the emoji shortcodes we use."""
    text = plain(text)
    for code in EMOJI:
        text = text.replace(f"{code} ", "").replace(code, "")
    return text.strip()


def _sections(report: TeamReport) -> Iterator[list[Block]]:
    """Newest week first: what a director reads first is where the team stands now."""
    for week in reversed(report.weeks):
        yield week_blocks(week.text)


def render_markdown(report: TeamReport, chart_file: str | None = None) -> str:
    locale = report.locale
    lines = [f"# {report.title()}", "", report.span(), "", t(locale, "report.intro"), ""]
    alt = report.chart_alt()
    if chart_file is not None and alt is not None:
        lines += [f"![{alt}]({chart_file})", ""]
    for blocks in _sections(report):
        for block in blocks:
            body = to_markdown(block.text)
            if block.kind == "heading":
                lines += [f"## {body}", ""]
            elif block.kind == "bullet":
                lines.append(f"- {body}")
            elif block.kind == "note":
                lines += ["", "\n".join(f"> {line}" for line in body.splitlines())]
            else:
                lines += ["", body]
        lines.append("")
    return "\n".join(lines).replace("\n\n\n", "\n\n").rstrip() + "\n"


A4: Final[tuple[float, float]] = (8.27, 11.69)
MARGIN: Final[float] = 0.08
WRAP: Final[int] = 88
LINE: Final[float] = 0.018
_SIZES: Final[dict[str, float]] = {"title": 18, "heading": 13, "paragraph": 10, "bullet": 10, "note": 8.5}


def _pdf_lines(report: TeamReport) -> list[tuple[str, str]]:
    """(style, line) for every line of text pages, wrapped to the page."""
    lines: list[tuple[str, str]] = [("title", report.title()), ("paragraph", report.span())]
    lines += [("paragraph", line) for line in textwrap.wrap(to_plain(t(report.locale, "report.intro")), WRAP)]
    for blocks in _sections(report):
        lines.append(("gap", ""))
        for block in blocks:
            for paragraph in to_plain(block.text).splitlines():
                prefix = "• " if block.kind == "bullet" else ""
                width = WRAP + 8 if block.kind == "note" else WRAP
                for n, line in enumerate(textwrap.wrap(prefix + paragraph, width) or [""]):
                    lines.append((block.kind, ("  " if n and prefix else "") + line))
    return lines


def pdf_text(report: TeamReport) -> list[str]:
    """Every line of text the PDF shows, in order (for a reader of this module and the tests)."""
    return [line for style, line in _pdf_lines(report) if style != "gap"]


def pages(report: TeamReport) -> list[Figure]:
    """The PDF's A4 pages: the title and the chart first (when the report has one), then the weeks as text,
    newest first."""
    from matplotlib.figure import Figure
    from matplotlib.image import imread

    found: list[Figure] = []
    lines = _pdf_lines(report)
    page, y = Figure(figsize=A4), 1 - MARGIN
    png = report.chart_png()
    if png is not None:
        split = next((n for n, (style, _) in enumerate(lines) if style == "gap"), len(lines))
        head, lines = lines[:split], lines[split:]
        for style, line in head:
            _write(page, y, style, line)
            y -= _step(style)
        axes = page.add_axes((MARGIN, y - 0.52, 1 - 2 * MARGIN, 0.5))
        axes.imshow(imread(io.BytesIO(png), format="png"))
        axes.set_axis_off()
        y -= 0.56
    for style, line in lines:
        if y - _step(style) < MARGIN:
            found.append(page)
            page, y = Figure(figsize=A4), 1 - MARGIN
        _write(page, y, style, line)
        y -= _step(style)
    found.append(page)
    return found


def _step(style: str) -> float:
    return LINE * {"gap": 1.0, "title": 2.0, "heading": 1.6}.get(style, 1.0)


def _write(page: Figure, y: float, style: str, line: str) -> None:
    if style == "gap" or not line:
        return
    bold = style in ("title", "heading")
    colour = "#444444" if style == "note" else "#111111"
    page.text(
        MARGIN, y, line, fontsize=_SIZES[style], va="top", weight="bold" if bold else "normal", color=colour
    )


def render_pdf(report: TeamReport) -> bytes:
    from matplotlib.backends.backend_pdf import PdfPages

    out = io.BytesIO()
    with PdfPages(out, metadata={"Title": report.title(), "Creator": "Balansebrett"}) as pdf:
        for page in pages(report):
            pdf.savefig(page)
    return out.getvalue()


@dataclass(frozen=True, slots=True)
class Written:
    markdown: Path
    pdf: Path
    chart: Path | None
    csv: Path | None


def write_report(report: TeamReport, out: Path, *, with_csv: bool = False) -> Written:
    """report.md (with the chart beside it as report-chart.png), report.pdf and, with `with_csv`, report.csv."""
    out.mkdir(parents=True, exist_ok=True)
    png = report.chart_png()
    chart = None
    if png is not None:
        chart = out / "report-chart.png"
        chart.write_bytes(png)
    markdown = out / "report.md"
    markdown.write_text(render_markdown(report, chart.name if chart else None), encoding="utf-8")
    pdf = out / "report.pdf"
    pdf.write_bytes(render_pdf(report))
    table = None
    if with_csv:
        table = out / "report.csv"
        table.write_text(report_csv(report), encoding="utf-8")
    return Written(markdown, pdf, chart, table)
