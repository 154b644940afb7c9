"""Label placement for the zone chart (:mod:`reports.charts`): zone names in their quadrants, week labels beside
their points, each at the candidate spot that hides the least of the path, the markers and earlier labels.

Also holds the style the labels share with the drawing in :mod:`reports.charts` (colours, font and marker
sizes). Like :mod:`reports.charts`, this module does not import matplotlib at import time; every function
here runs on an axes that :mod:`reports.charts` has already built.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.text import Annotation
    from matplotlib.transforms import Bbox

BACKGROUND: Final[str] = "#FFFFFF"
INK: Final[str] = "#1A1A1A"
LATEST: Final[str] = "#003F66"
ZONE_TEXT: Final[Mapping[str, str]] = {
    "performance": "#00513B",
    "comfort": "#5C5200",
    "stress": "#8A3400",
    "apathy": "#333333",
}
MARKER_PT: Final[float] = 9
LATEST_MARKER_PT: Final[float] = 18

_ZONE_PT: Final[float] = 16
_ZONE_SIZES: Final[tuple[float, ...]] = (_ZONE_PT, 15, 14, 13)  # when a name does not fit
_LATEST_LABEL_PT: Final[float] = 15
_POINT_LABEL_PT: Final[float] = 13

# (data x, data y, pixel offset x, pixel offset y, horizontal alignment, vertical alignment)
_Spot = tuple[float, float, float, float, str, str]


class Placer:
    """Puts each text at the candidate spot that covers the least of the path, the markers, the frame's
    outside and the texts placed before it; ties go to the earlier candidate."""

    def __init__(self, axes: Axes, points: list[tuple[str, float, float]]) -> None:
        self._axes = axes
        figure = axes.get_figure()
        self.renderer = figure.canvas.get_renderer()
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
            (px, py, (LATEST_MARKER_PT if index == latest else MARKER_PT) * figure.dpi / 144 + 2)
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


def name_zones(
    axes: Axes,
    placer: Placer,
    quadrants: Mapping[str, tuple[float, float, float, float]],
    names: Mapping[str, str],
) -> None:
    """Each zone's name in a corner of its quadrant (x0, y0, x1, y1 in data units): the outer corner unless
    the team's path runs there."""
    from matplotlib.transforms import Bbox

    inset = 8.0  # pixels from the quadrant's edges
    for zone, (x0, y0, x1, y1) in quadrants.items():
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
        text, size = _fit(axes, placer.renderer, names[zone], right - left - 2 * inset)
        placer.place(
            text,
            [corners[key] for key in order],
            within=Bbox.from_extents(left, bottom, right, top),
            fontsize=size,
            fontweight="bold",
            color=ZONE_TEXT[zone],
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


def label_weeks(axes: Axes, placer: Placer, points: list[tuple[str, float, float]]) -> None:
    """Week labels beside their points, given as ``(label, x, y)`` oldest first: the latest first and bold;
    earlier weeks at (almost) the same spot share one label ("W44, W46")."""
    if not points:
        return
    groups: list[tuple[int, list[str]]] = []  # (index of the anchor point, week labels)
    for index, (week, x, y) in enumerate(points[:-1]):
        for anchor, names in groups:
            _, gx, gy = points[anchor]
            if abs(gx - x) < 0.1 and abs(gy - y) < 0.1:
                names.append(week)
                break
        else:
            groups.append((index, [week]))
    latest = len(points) - 1
    jobs = [(latest, points[latest][0], True)]
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
            color=LATEST if big else INK,
            bbox={"boxstyle": "round,pad=0.15", "facecolor": BACKGROUND, "edgecolor": "none", "alpha": 0.8},
            zorder=7 if big else 5,
        )
