"""The zone chart for the weekly team summary: the four culture zones as a quadrant with the team's path.

x is perceived safety (trygghet), y is perceived standard (krav), both means on the 1..5 answer scale;
the cutoff splits each axis into low and high, as in :mod:`coaching.zones`::

    high standard | STRESS      | PERFORMANCE
    low standard  | APATHY      | COMFORT
                    low safety    high safety

Design choices:

* Every word on the chart comes from the caller through :class:`ChartLabels`, already localized; the
  chart itself only writes tick numbers and the week labels, from the caller's template ("uke 47" from
  "2026-W47" and "uke {week}"). Zone names are
  drawn verbatim, so pass them in the case you want them shown.
* Output is a PNG of exactly 1200x900 pixels (8x6 inches at 150 dpi) on an opaque white background with
  dark text, so it stays legible in Slack's dark theme, and with fonts of at least 13 pt (27 px) so it
  reads on a phone. Quadrant tints come from the Okabe-Ito colour-blind-safe palette, and every zone is
  also named in its quadrant, so colour is never the only cue.
* Both axes are ticked 1..5 with a small margin beyond, so markers at 1.0 and 5.0 are drawn whole. Zone
  names sit in their quadrant's outer corner unless the path runs there, and wrap or shrink (down to
  13 pt) in a narrow quadrant; week labels take the spot beside their point that hides the least. That
  placement, and the style the labels share with the drawing, live in :mod:`reports.chart_layout`.
* Rendering uses matplotlib's object API with the Agg canvas (never pyplot: no global figure state, no
  display needed) and holds a module lock while drawing, since matplotlib does not promise thread
  safety; charts are rendered once per team per week, so serialising them costs nothing.
* The PNG carries no "Software" (or any time) metadata, so the same input gives the same bytes.
* matplotlib is imported inside :func:`render_zone_chart`, not at module import: it costs ~0.45 s
  (0.8 s cold) and the bot must start in under 2 s; ``import reports.charts`` stays in the milliseconds.

Alt text: the words describing the chart (zone, means, trend) are localized by the caller, who already
builds them for the summary message, so this module does not compose them. :func:`alt_text` only fits
the caller's sentence into Slack's ``alt_txt`` limit for uploaded files.
"""

from __future__ import annotations

import io
import math
import re
import textwrap
import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Final

from reports.chart_layout import BACKGROUND as _BACKGROUND
from reports.chart_layout import INK as _INK
from reports.chart_layout import LATEST as _LATEST
from reports.chart_layout import LATEST_MARKER_PT as _LATEST_MARKER_PT
from reports.chart_layout import MARKER_PT as _MARKER_PT
from reports.chart_layout import Placer, label_weeks, name_zones

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

ZONES: Final[tuple[str, ...]] = ("performance", "comfort", "stress", "apathy")
MAX_POINTS: Final[int] = 8
SCALE_MIN: Final[float] = 1.0
SCALE_MAX: Final[float] = 5.0
WIDTH_PX: Final[int] = 1200
HEIGHT_PX: Final[int] = 900
DPI: Final[int] = 150
ALT_TEXT_MAX_CHARS: Final[int] = 1000  # Slack's limit for a file's alt_txt

# Okabe-Ito hues (colour-blind safe), blended with white for the quadrant tints; text colours are dark
# shades of the same hues with high contrast on their tint.
_OKABE_ITO: Final[Mapping[str, str]] = {
    "performance": "#009E73",  # bluish green
    "comfort": "#F0E442",  # yellow
    "stress": "#D55E00",  # vermillion
    "apathy": "#999999",  # grey
}
_TINT_STRENGTH: Final[float] = 0.30
_GRID_INK: Final[str] = "#4D4D4D"
_PATH: Final[str] = "#0072B2"  # Okabe-Ito blue: distinct from all four tints

_TITLE_PT: Final[float] = 18
_AXIS_LABEL_PT: Final[float] = 16
_TICK_PT: Final[float] = 14
_NOTE_PT: Final[float] = 13
_NOTE_CHARS: Final[int] = 76  # a line of the note at 13 pt fits inside the right margin
_MARGIN: Final[float] = 0.2  # data units beyond 1..5 on every side

_PERIOD = re.compile(r"^\d{4}-(W\d{1,2})$")
_RENDER_LOCK = threading.Lock()


@dataclass(frozen=True)
class ChartLabels:
    """The localized texts drawn on the chart; ``zones`` maps each zone value to its display name."""

    title: str
    x_axis: str
    y_axis: str
    zones: Mapping[str, str]
    week: str = "W{week}"
    """A point's label, with the ISO week number for {week}: "uke {week}", "v. {week}", "W{week}"."""
    note: str = ""
    """Drawn under the chart when given: what the shaded region around each week means."""

    def __post_init__(self) -> None:
        missing = [zone for zone in ZONES if zone not in self.zones]
        if missing:
            raise ValueError(f"zone names missing for: {', '.join(missing)}")


def week_label(period: str, template: str) -> str:
    """'2026-W47' in the reader's language ('uke 47' for "uke {week}"); anything else as given."""
    match = _PERIOD.match(period)
    return template.format(week=int(match.group(1)[1:])) if match else period


def render_zone_chart(
    points: Sequence[tuple[str, float, float]],
    *,
    cutoff: float,
    labels: ChartLabels,
    intervals: Sequence[tuple[float, float]] = (),
) -> bytes:
    """The zone quadrant with the team's weeks as a path, as PNG bytes of exactly 1200x900 pixels.

    ``points`` are ``(period, safety, standard)`` oldest first, at most 8, both values within 1..5; the
    last point is emphasized. ``intervals``, when given, holds one (safety, standard) half-width per
    point: each week is drawn inside the region where its true value lies (an ellipse with those
    half-widths), so a move that stays inside the regions reads as what it may be, noise. An empty
    sequence draws just the quadrant. Safe to call from any thread.
    """
    checked = _validate(points, cutoff)
    regions = _validate_intervals(intervals, len(checked))
    buffer = io.BytesIO()
    with _RENDER_LOCK:
        figure = _build_figure(checked, cutoff=cutoff, labels=labels, regions=regions)
        figure.canvas.print_png(buffer, metadata={"Software": None})  # type: ignore[attr-defined]
    return buffer.getvalue()


def alt_text(summary: str) -> str:
    """The caller's localized chart description, whitespace-collapsed and cut to Slack's alt_txt limit."""
    text = " ".join(summary.split())
    if len(text) <= ALT_TEXT_MAX_CHARS:
        return text
    cut = text[: ALT_TEXT_MAX_CHARS - 1]
    space = cut.rfind(" ")
    if space >= ALT_TEXT_MAX_CHARS // 2:
        cut = cut[:space]
    return cut.rstrip() + "…"


def _validate(points: Sequence[tuple[str, float, float]], cutoff: float) -> list[tuple[str, float, float]]:
    if not (math.isfinite(cutoff) and SCALE_MIN < cutoff < SCALE_MAX):
        raise ValueError(f"cutoff must lie strictly between {SCALE_MIN:g} and {SCALE_MAX:g}, got {cutoff}")
    if len(points) > MAX_POINTS:
        raise ValueError(f"at most {MAX_POINTS} points, got {len(points)}")
    checked = []
    for period, safety, standard in points:
        for value in (safety, standard):
            if not (math.isfinite(value) and SCALE_MIN <= value <= SCALE_MAX):
                raise ValueError(f"{period}: values must lie within 1..5, got {safety}, {standard}")
        checked.append((str(period), float(safety), float(standard)))
    return checked


def _validate_intervals(intervals: Sequence[tuple[float, float]], points: int) -> list[tuple[float, float]]:
    if not intervals:
        return []
    if len(intervals) != points:
        raise ValueError(f"one interval per point: {len(intervals)} intervals for {points} points")
    checked = []
    for across, up in intervals:
        if not (math.isfinite(across) and math.isfinite(up) and across >= 0 and up >= 0):
            raise ValueError(f"an interval's half-widths must be finite and >= 0, got {across}, {up}")
        checked.append((float(across), float(up)))
    return checked


def _tint(hex_colour: str, strength: float = _TINT_STRENGTH) -> tuple[float, float, float]:
    rgb = (int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5))
    return tuple(1 - strength * (1 - channel) for channel in rgb)  # type: ignore[return-value]


def _build_figure(
    points: list[tuple[str, float, float]],
    *,
    cutoff: float,
    labels: ChartLabels,
    regions: Sequence[tuple[float, float]] = (),
) -> Figure:
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    figure = Figure(figsize=(WIDTH_PX / DPI, HEIGHT_PX / DPI), dpi=DPI, facecolor=_BACKGROUND)
    FigureCanvasAgg(figure)  # attaches itself as figure.canvas: measures text for placement, writes the PNG
    figure.subplots_adjust(left=0.11, right=0.96, bottom=0.215 if labels.note else 0.12, top=0.90)
    axes = figure.add_subplot()
    axes.set_title(labels.title, fontsize=_TITLE_PT, fontweight="bold", color=_INK, pad=14, loc="left")
    axes.set_xlabel(labels.x_axis, fontsize=_AXIS_LABEL_PT, color=_INK, labelpad=8)
    axes.set_ylabel(labels.y_axis, fontsize=_AXIS_LABEL_PT, color=_INK, labelpad=8)
    _draw_quadrants(axes, cutoff)
    _draw_regions(axes, points, regions)
    _draw_path(axes, points)
    if labels.note:
        figure.text(
            0.11,
            0.015,
            textwrap.fill(labels.note, _NOTE_CHARS),
            fontsize=_NOTE_PT,
            color=_INK,
            ha="left",
            va="bottom",
        )
    placer = Placer(axes, points)
    name_zones(axes, placer, _quadrants(cutoff), labels.zones)
    label_weeks(axes, placer, [(week_label(period, labels.week), x, y) for period, x, y in points])
    return figure


def _draw_quadrants(axes: Axes, cutoff: float) -> None:
    from matplotlib.patches import Rectangle

    # A margin around 1..5 keeps markers at the scale's ends inside the frame, clear of the spines.
    low, high = SCALE_MIN - _MARGIN, SCALE_MAX + _MARGIN
    axes.set_xlim(low, high)
    axes.set_ylim(low, high)
    axes.set_facecolor(_BACKGROUND)
    ticks = [1, 2, 3, 4, 5]
    axes.set_xticks(ticks)
    axes.set_yticks(ticks)
    axes.tick_params(labelsize=_TICK_PT, colors=_INK, length=5, width=1.2)
    for spine in axes.spines.values():
        spine.set_color(_GRID_INK)
        spine.set_linewidth(1.2)
    for zone, (x0, y0, x1, y1) in _quadrants(cutoff).items():
        axes.add_patch(
            Rectangle(
                (x0, y0), x1 - x0, y1 - y0, facecolor=_tint(_OKABE_ITO[zone]), edgecolor="none", zorder=0
            )
        )
    axes.axvline(cutoff, color=_GRID_INK, linewidth=1.6, linestyle=(0, (6, 4)), zorder=1)
    axes.axhline(cutoff, color=_GRID_INK, linewidth=1.6, linestyle=(0, (6, 4)), zorder=1)


def _quadrants(cutoff: float) -> dict[str, tuple[float, float, float, float]]:
    """Each zone's rectangle (x0, y0, x1, y1) in data units, margins included."""
    low, high = SCALE_MIN - _MARGIN, SCALE_MAX + _MARGIN
    return {
        "stress": (low, cutoff, cutoff, high),
        "performance": (cutoff, cutoff, high, high),
        "apathy": (low, low, cutoff, cutoff),
        "comfort": (cutoff, low, high, cutoff),
    }


def _strength(index: int, count: int) -> float:
    """The oldest week is faintest, the latest fully opaque."""
    return 1.0 if count == 1 else 0.35 + 0.65 * index / (count - 1)


def _draw_regions(
    axes: Axes, points: list[tuple[str, float, float]], regions: list[tuple[float, float]]
) -> None:
    """Each week's region: an ellipse with its interval's half-widths, faint and fading like the path."""
    if not regions:
        return
    from matplotlib.patches import Ellipse

    for index, ((_, x, y), (across, up)) in enumerate(zip(points, regions, strict=True)):
        if across == 0 and up == 0:
            continue
        alpha = _strength(index, len(points))
        axes.add_patch(
            Ellipse(
                (x, y),
                2 * across,
                2 * up,
                facecolor=_PATH,
                edgecolor=_PATH,
                alpha=0.10 + 0.12 * alpha,
                linewidth=1.0,
                clip_on=True,
                zorder=2,
            )
        )


def _draw_path(axes: Axes, points: list[tuple[str, float, float]]) -> None:
    """The weeks as a path that fades with age, small arrowheads for direction, the latest week emphasized."""
    if not points:
        return
    count = len(points)

    def strength(index: int) -> float:
        return _strength(index, count)

    for index in range(1, count):
        (_, x0, y0), (_, x1, y1) = points[index - 1], points[index]
        alpha = strength(index)
        axes.plot([x0, x1], [y0, y1], color=_PATH, alpha=alpha, linewidth=2.5, clip_on=False, zorder=3)
        if math.hypot(x1 - x0, y1 - y0) >= 0.3:  # an arrowhead at the middle shows the direction of travel
            middle = ((x0 + x1) / 2, (y0 + y1) / 2)
            axes.annotate(
                "",
                xy=(middle[0] + (x1 - x0) * 0.01, middle[1] + (y1 - y0) * 0.01),
                xytext=middle,
                arrowprops={
                    "arrowstyle": "-|>",
                    "color": _PATH,
                    "alpha": alpha,
                    "linewidth": 0,
                    "mutation_scale": 20,
                    "shrinkA": 0,
                    "shrinkB": 0,
                },
                annotation_clip=False,
                zorder=3,
            )
    for index, (_, x, y) in enumerate(points[:-1]):
        axes.plot(
            [x],
            [y],
            linestyle="none",
            marker="o",
            markersize=_MARKER_PT,
            markerfacecolor=_PATH,
            markeredgecolor=_BACKGROUND,
            markeredgewidth=1.5,
            alpha=strength(index),
            clip_on=False,
            zorder=4,
        )
    _, lx, ly = points[-1]
    axes.plot(
        [lx],
        [ly],
        linestyle="none",
        marker="o",
        markersize=_LATEST_MARKER_PT,
        markerfacecolor=_LATEST,
        markeredgecolor=_BACKGROUND,
        markeredgewidth=2.5,
        clip_on=False,
        zorder=6,
    )
