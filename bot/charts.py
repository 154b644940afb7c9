"""The zone chart for the weekly team summary: the four culture zones as a quadrant with the team's path.

x is perceived safety (trygghet), y is perceived standard (krav), both means on the 1..5 answer scale;
the cutoff splits each axis into low and high, as in :mod:`coaching.zones`::

    high standard | STRESS      | PERFORMANCE
    low standard  | APATHY      | COMFORT
                    low safety    high safety

Design choices:

* Every word on the chart comes from the caller through :class:`ChartLabels`, already localized; the
  chart itself only writes tick numbers and compact week labels ("W47" from "2026-W47"). Zone names are
  drawn verbatim, so pass them in the case you want them shown.
* Output is a PNG of exactly 1200x900 pixels (8x6 inches at 150 dpi) on an opaque white background with
  dark text, so it stays legible in Slack's dark theme, and with fonts of at least 13 pt (27 px) so it
  reads on a phone. Quadrant tints come from the Okabe-Ito colour-blind-safe palette, and every zone is
  also named in its quadrant, so colour is never the only cue.
* Both axes are ticked 1..5 with a small margin beyond, so markers at 1.0 and 5.0 are drawn whole. Zone
  names sit in their quadrant's outer corner unless the path runs there, and wrap or shrink (down to
  13 pt) in a narrow quadrant; week labels take the spot beside their point that hides the least.
* Rendering uses matplotlib's object API with the Agg canvas (never pyplot: no global figure state, no
  display needed) and holds a module lock while drawing, since matplotlib does not promise thread
  safety; charts are rendered once per team per week, so serialising them costs nothing.
* The PNG carries no "Software" (or any time) metadata, so the same input gives the same bytes.
* matplotlib is imported inside :func:`render_zone_chart`, not at module import: it costs ~0.45 s
  (0.8 s cold) and the bot must start in under 2 s; ``import bot.charts`` stays in the milliseconds.

Alt text: the words describing the chart (zone, means, trend) are localized by the caller, who already
builds them for the summary message, so this module does not compose them. :func:`alt_text` only fits
the caller's sentence into Slack's ``alt_txt`` limit for uploaded files.
"""

from __future__ import annotations

import io
import itertools
import math
import re
import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure
    from matplotlib.text import Annotation
    from matplotlib.transforms import Bbox

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
_ZONE_TEXT: Final[Mapping[str, str]] = {
    "performance": "#00513B",
    "comfort": "#5C5200",
    "stress": "#8A3400",
    "apathy": "#333333",
}
_BACKGROUND: Final[str] = "#FFFFFF"
_INK: Final[str] = "#1A1A1A"
_GRID_INK: Final[str] = "#4D4D4D"
_PATH: Final[str] = "#0072B2"  # Okabe-Ito blue: distinct from all four tints
_LATEST: Final[str] = "#003F66"

_TITLE_PT: Final[float] = 18
_AXIS_LABEL_PT: Final[float] = 16
_TICK_PT: Final[float] = 14
_ZONE_PT: Final[float] = 16
_ZONE_SIZES: Final[tuple[float, ...]] = (_ZONE_PT, 15, 14, 13)  # when a name does not fit
_LATEST_LABEL_PT: Final[float] = 15
_POINT_LABEL_PT: Final[float] = 13

_MARKER_PT: Final[float] = 9
_LATEST_MARKER_PT: Final[float] = 18
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

    def __post_init__(self) -> None:
        missing = [zone for zone in ZONES if zone not in self.zones]
        if missing:
            raise ValueError(f"zone names missing for: {', '.join(missing)}")


def short_period(period: str) -> str:
    """'2026-W47' -> 'W47'; anything else is shown as given."""
    match = _PERIOD.match(period)
    return match.group(1) if match else period


def render_zone_chart(
    points: Sequence[tuple[str, float, float]], *, cutoff: float, labels: ChartLabels
) -> bytes:
    """The zone quadrant with the team's weeks as a path, as PNG bytes of exactly 1200x900 pixels.

    ``points`` are ``(period, safety, standard)`` oldest first, at most 8, both values within 1..5; the
    last point is emphasized. An empty sequence draws just the quadrant. Safe to call from any thread.
    """
    checked = _validate(points, cutoff)
    buffer = io.BytesIO()
    with _RENDER_LOCK:
        figure = _build_figure(checked, cutoff=cutoff, labels=labels)
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


def _tint(hex_colour: str, strength: float = _TINT_STRENGTH) -> tuple[float, float, float]:
    rgb = (int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5))
    return tuple(1 - strength * (1 - channel) for channel in rgb)  # type: ignore[return-value]


def _build_figure(points: list[tuple[str, float, float]], *, cutoff: float, labels: ChartLabels) -> Figure:
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    figure = Figure(figsize=(WIDTH_PX / DPI, HEIGHT_PX / DPI), dpi=DPI, facecolor=_BACKGROUND)
    FigureCanvasAgg(figure)  # attaches itself as figure.canvas: measures text for placement, writes the PNG
    figure.subplots_adjust(left=0.11, right=0.96, bottom=0.12, top=0.90)
    axes = figure.add_subplot()
    axes.set_title(labels.title, fontsize=_TITLE_PT, fontweight="bold", color=_INK, pad=14, loc="left")
    axes.set_xlabel(labels.x_axis, fontsize=_AXIS_LABEL_PT, color=_INK, labelpad=8)
    axes.set_ylabel(labels.y_axis, fontsize=_AXIS_LABEL_PT, color=_INK, labelpad=8)
    _draw_quadrants(axes, cutoff)
    _draw_path(axes, points)
    placer = _Placer(axes, points)
    _name_zones(axes, placer, cutoff, labels)
    _label_weeks(axes, placer, points)
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


def _draw_path(axes: Axes, points: list[tuple[str, float, float]]) -> None:
    """The weeks as a path that fades with age, small arrowheads for direction, the latest week emphasized."""
    if not points:
        return
    count = len(points)

    def strength(index: int) -> float:  # the oldest point is faintest, the latest fully opaque
        return 1.0 if count == 1 else 0.35 + 0.65 * index / (count - 1)

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


# (data x, data y, pixel offset x, pixel offset y, horizontal alignment, vertical alignment)
_Spot = tuple[float, float, float, float, str, str]


class _Placer:
    """Puts each text at the candidate spot that covers the least of the path, the markers, the frame's
    outside and the texts placed before it; ties go to the earlier candidate."""

    def __init__(self, axes: Axes, points: list[tuple[str, float, float]]) -> None:
        self._axes = axes
        self.renderer = axes.get_figure().canvas.get_renderer()
        to_px = axes.transData.transform
        pixels = [(float(px), float(py)) for px, py in (to_px((x, y)) for _, x, y in points)]
        self._samples: list[tuple[float, float]] = []
        for (x0, y0), (x1, y1) in itertools.pairwise(pixels):
            steps = max(2, int(math.hypot(x1 - x0, y1 - y0) / 6))
            self._samples.extend(
                (x0 + (x1 - x0) * k / steps, y0 + (y1 - y0) * k / steps) for k in range(steps + 1)
            )
        self._samples.extend(pixels)
        latest = len(points) - 1
        self._markers = [  # (x, y, radius) in pixels; a marker's size is its diameter in points
            (px, py, (_LATEST_MARKER_PT if index == latest else _MARKER_PT) * DPI / 144 + 2)
            for index, (px, py) in enumerate(pixels)
        ]
        self._taken: list[Bbox] = []

    def pixels(self, x: float, y: float) -> tuple[float, float]:
        px, py = self._axes.transData.transform((x, y))
        return float(px), float(py)

    def place(self, text: str, spots: Sequence[_Spot], *, within: Bbox, **style: object) -> None:
        label = self._axes.annotate(
            text,
            xy=spots[0][:2],
            xytext=spots[0][2:4],
            textcoords="offset pixels",
            annotation_clip=False,
            **style,
        )
        scored = []
        for order, spot in enumerate(spots):
            self._move(label, spot)
            box = label.get_window_extent(self.renderer)
            scored.append((self._cost(box, within), order, box))
        _, order, box = min(scored, key=lambda item: item[:2])
        self._move(label, spots[order])
        self._taken.append(box)

    @staticmethod
    def _move(label: Annotation, spot: _Spot) -> None:
        x, y, dx, dy, ha, va = spot
        label.xy = (x, y)
        label.set_position((dx, dy))
        label.set_horizontalalignment(ha)
        label.set_verticalalignment(va)

    def _cost(self, box: Bbox, within: Bbox) -> float:
        padded = box.padded(3)
        outside = (
            max(0.0, within.x0 - box.x0)
            + max(0.0, box.x1 - within.x1)
            + max(0.0, within.y0 - box.y0)
            + max(0.0, box.y1 - within.y1)
        )
        cost = 1000 * outside
        cost += 50 * sum(1 for x, y in self._samples if padded.contains(x, y))
        for mx, my, radius in self._markers:
            nearest_x = min(max(mx, padded.x0), padded.x1)
            nearest_y = min(max(my, padded.y0), padded.y1)
            if math.hypot(mx - nearest_x, my - nearest_y) < radius:
                cost += 500
        for other in self._taken:
            width = min(box.x1, other.x1) - max(box.x0, other.x0)
            height = min(box.y1, other.y1) - max(box.y0, other.y0)
            if width > 0 and height > 0:
                cost += 10 * width * height
        return cost


def _name_zones(axes: Axes, placer: _Placer, cutoff: float, labels: ChartLabels) -> None:
    """Each zone's name in a corner of its quadrant: the outer corner unless the team's path runs there."""
    from matplotlib.transforms import Bbox

    inset = 8.0  # pixels from the quadrant's edges
    for zone, (x0, y0, x1, y1) in _quadrants(cutoff).items():
        left, bottom = placer.pixels(x0, y0)
        right, top = placer.pixels(x1, y1)
        corners: dict[tuple[bool, bool], _Spot] = {
            (is_left, is_bottom): (
                x0 if is_left else x1,
                y0 if is_bottom else y1,
                inset if is_left else -inset,
                inset if is_bottom else -inset,
                "left" if is_left else "right",
                "bottom" if is_bottom else "top",
            )
            for is_left in (True, False)
            for is_bottom in (True, False)
        }
        outer = (zone in ("stress", "apathy"), zone in ("apathy", "comfort"))
        order = [
            outer,
            (outer[0], not outer[1]),  # along the outer side edge
            (not outer[0], outer[1]),  # along the outer top or bottom edge
            (not outer[0], not outer[1]),  # by the cutoff cross, last resort
        ]
        text, size = _fit(axes, placer.renderer, labels.zones[zone], right - left - 2 * inset)
        placer.place(
            text,
            [corners[key] for key in order],
            within=Bbox.from_extents(left, bottom, right, top),
            fontsize=size,
            fontweight="bold",
            color=_ZONE_TEXT[zone],
            zorder=2,
        )


def _fit(axes: Axes, renderer: object, name: str, width: float) -> tuple[str, float]:
    """A zone name and bold font size that fit ``width`` pixels (a narrow quadrant, with a cutoff far from
    the middle): the full size on one line, else on two lines split at the space nearest the middle, else
    a step smaller, down to the smallest size."""
    words = name.split()
    variants = [name]
    if len(words) > 1:
        split = min(range(1, len(words)), key=lambda i: abs(len(" ".join(words[:i])) - len(name) / 2))
        variants.append(" ".join(words[:split]) + "\n" + " ".join(words[split:]))
    probe = axes.text(0, 0, name, fontweight="bold")
    try:
        for size in _ZONE_SIZES:
            probe.set_fontsize(size)
            for variant in variants:
                probe.set_text(variant)
                if probe.get_window_extent(renderer).width <= width:
                    return variant, size
    finally:
        probe.remove()
    return variants[-1], _ZONE_SIZES[-1]


# Week label spots around a point, in order of preference: right, left, above, below, then the corners.
_DIRECTIONS: Final[tuple[tuple[int, int], ...]] = (
    (1, 0),
    (-1, 0),
    (0, 1),
    (0, -1),
    (1, 1),
    (-1, 1),
    (1, -1),
    (-1, -1),
)
_ALIGN_X: Final[Mapping[int, str]] = {-1: "right", 0: "center", 1: "left"}
_ALIGN_Y: Final[Mapping[int, str]] = {-1: "top", 0: "center", 1: "bottom"}


def _label_weeks(axes: Axes, placer: _Placer, points: list[tuple[str, float, float]]) -> None:
    """Compact week labels beside their points, the latest first and bold; earlier weeks at (almost) the
    same spot share one label ("W44, W46")."""
    if not points:
        return
    groups: list[tuple[int, list[str]]] = []  # (index of the anchor point, compact periods)
    for index, (period, x, y) in enumerate(points[:-1]):
        for anchor, names in groups:
            _, gx, gy = points[anchor]
            if abs(gx - x) < 0.1 and abs(gy - y) < 0.1:
                names.append(short_period(period))
                break
        else:
            groups.append((index, [short_period(period)]))
    latest = len(points) - 1
    jobs = [(latest, short_period(points[latest][0]), True)]
    jobs += [(anchor, ", ".join(names), False) for anchor, names in groups]
    frame = axes.get_window_extent(placer.renderer)
    _, lx, ly = points[latest]
    for anchor, text, big in jobs:
        _, x, y = points[anchor]
        under_latest = abs(x - lx) < 0.1 and abs(y - ly) < 0.1
        gap = 26 if big or under_latest else 16  # pixels from the point's centre, clear of its marker
        placer.place(
            text,
            [(x, y, dx * gap, dy * gap, _ALIGN_X[dx], _ALIGN_Y[dy]) for dx, dy in _DIRECTIONS],
            within=frame,
            fontsize=_LATEST_LABEL_PT if big else _POINT_LABEL_PT,
            fontweight="bold" if big else "normal",
            color=_LATEST if big else _INK,
            bbox={"boxstyle": "round,pad=0.15", "facecolor": _BACKGROUND, "edgecolor": "none", "alpha": 0.8},
            zorder=7 if big else 5,
        )
