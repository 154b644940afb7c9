"""The zone chart: a deterministic 1200x900 PNG, light and legible, safe off the main thread, lazy to import."""

from __future__ import annotations

import io
import re
import subprocess
import sys
import threading
from pathlib import Path

import numpy as np
import pytest
from matplotlib.text import Text
from PIL import Image

from reports import charts
from reports.charts import ALT_TEXT_MAX_CHARS, ChartLabels, alt_text, render_zone_chart, week_label

REPO_ROOT = Path(__file__).resolve().parents[2]
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
CUTOFF = 3.5

LABELS = ChartLabels(
    title="Teamets kultursone – siste 8 uker",
    x_axis="Opplevd trygghet",
    y_axis="Opplevd standard",
    zones={
        "performance": "Prestasjonssonen",
        "comfort": "Komfortsonen",
        "stress": "Stressonen",
        "apathy": "Apatisonen",
    },
)

WEEKS = [
    ("2026-W40", 2.6, 2.4),
    ("2026-W41", 2.9, 2.6),
    ("2026-W42", 3.4, 2.9),
    ("2026-W43", 3.8, 3.1),
    ("2026-W44", 4.0, 3.3),
    ("2026-W45", 3.9, 3.6),
    ("2026-W46", 4.1, 3.8),
    ("2026-W47", 4.3, 4.0),
]


def decode(png: bytes) -> Image.Image:
    assert png.startswith(PNG_SIGNATURE)
    image = Image.open(io.BytesIO(png))
    image.load()
    return image.convert("RGB")


def pixel_of(x: float, y: float) -> tuple[int, int]:
    """The image (column, row) of a data point, from the chart's own layout."""
    axes = charts._build_figure([], cutoff=CUTOFF, labels=LABELS).axes[0]
    px, py = axes.transData.transform((x, y))
    return round(px), charts.HEIGHT_PX - round(py)


def luminance(rgb: tuple[int, ...]) -> float:
    red, green, blue = (channel / 255 for channel in rgb[:3])
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def test_png_of_exactly_1200_by_900() -> None:
    png = render_zone_chart(WEEKS, cutoff=CUTOFF, labels=LABELS)
    assert png.startswith(PNG_SIGNATURE)
    assert decode(png).size == (1200, 900)


def test_same_input_gives_identical_bytes_without_software_metadata() -> None:
    first = render_zone_chart(WEEKS, cutoff=CUTOFF, labels=LABELS)
    assert render_zone_chart(WEEKS, cutoff=CUTOFF, labels=LABELS) == first
    assert b"matplotlib" not in first.lower()
    assert Image.open(io.BytesIO(first)).info.keys().isdisjoint({"Software", "Creation Time"})


def test_different_points_give_different_images() -> None:
    base = render_zone_chart(WEEKS, cutoff=CUTOFF, labels=LABELS)
    moved = [*WEEKS[:-1], ("2026-W47", 2.0, 4.5)]
    assert render_zone_chart(moved, cutoff=CUTOFF, labels=LABELS) != base
    assert render_zone_chart(WEEKS, cutoff=3.0, labels=LABELS) != base


@pytest.mark.parametrize("points", [[], [("2026-W47", 2.2, 4.4)]], ids=["empty", "single"])
def test_empty_and_single_point(points: list[tuple[str, float, float]]) -> None:
    assert decode(render_zone_chart(points, cutoff=CUTOFF, labels=LABELS)).size == (1200, 900)


@pytest.mark.parametrize(("safety", "standard"), [(1.0, 1.0), (5.0, 1.0), (1.0, 5.0), (5.0, 5.0)])
def test_latest_marker_at_the_scale_ends_is_drawn_whole(safety: float, standard: float) -> None:
    points = [("2026-W46", 3.0, 3.0), ("2026-W47", safety, standard)]
    image = decode(render_zone_chart(points, cutoff=CUTOFF, labels=LABELS))
    column, row = pixel_of(safety, standard)
    latest = tuple(int(charts._LATEST[i : i + 2], 16) for i in (1, 3, 5))
    # The centre and a spot towards the outside of the plot are both inside the filled marker.
    outward_x = 8 if safety == 5.0 else -8
    outward_y = -8 if standard == 5.0 else 8
    for dx, dy in ((0, 0), (outward_x, outward_y)):
        sample = image.getpixel((column + dx, row + dy))
        assert max(abs(a - b) for a, b in zip(sample, latest, strict=True)) <= 3, (dx, dy, sample)


def test_all_edges_in_one_path() -> None:
    points = [("2026-W44", 1.0, 1.0), ("2026-W45", 5.0, 1.0), ("2026-W46", 1.0, 5.0), ("2026-W47", 5.0, 5.0)]
    assert decode(render_zone_chart(points, cutoff=CUTOFF, labels=LABELS)).size == (1200, 900)


def test_renders_off_the_main_thread_and_concurrently() -> None:
    expected = render_zone_chart(WEEKS, cutoff=CUTOFF, labels=LABELS)
    results: list[bytes] = []
    errors: list[BaseException] = []

    def work() -> None:
        try:
            results.append(render_zone_chart(WEEKS, cutoff=CUTOFF, labels=LABELS))
        except BaseException as error:  # pragma: no cover - reported below
            errors.append(error)

    threads = [threading.Thread(target=work) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not errors
    assert results == [expected] * 4


def test_quadrants_have_distinct_soft_colours_on_a_light_background() -> None:
    image = decode(render_zone_chart([], cutoff=CUTOFF, labels=LABELS))
    centres = {  # the middle of each quadrant, away from names (in the corners) and the cutoff lines
        "apathy": (2.2, 2.2),
        "comfort": (4.3, 2.2),
        "stress": (2.2, 4.3),
        "performance": (4.3, 4.3),
    }
    colours = {zone: image.getpixel(pixel_of(x, y)) for zone, (x, y) in centres.items()}
    assert len(set(colours.values())) == 4
    for zone, rgb in colours.items():
        assert luminance(rgb) > 0.75, (zone, rgb)  # soft tints, so dark text stays readable
    red, green, blue = colours["stress"]
    assert red > green > blue  # vermillion-ish
    red, green, blue = colours["performance"]
    assert green > red and blue > red  # bluish green
    red, green, blue = colours["comfort"]
    assert abs(red - green) < 20 and blue < red - 40  # yellow
    assert max(colours["apathy"]) - min(colours["apathy"]) < 6  # grey

    assert image.getpixel((3, 3)) == (255, 255, 255)
    assert (
        Image.open(io.BytesIO(render_zone_chart([], cutoff=CUTOFF, labels=LABELS))).getpixel((3, 3))[3] == 255
    )
    rgb = np.asarray(image, dtype=float) / 255
    assert float((rgb @ np.array([0.2126, 0.7152, 0.0722])).mean()) > 0.8


def test_every_text_is_the_callers_or_a_number_or_a_week() -> None:
    figure = charts._build_figure(WEEKS, cutoff=CUTOFF, labels=LABELS)
    figure.canvas.draw()  # materializes the tick labels
    texts = [text for text in figure.findobj(Text) if text.get_visible() and text.get_text().strip()]
    allowed = {LABELS.title, LABELS.x_axis, LABELS.y_axis, *LABELS.zones.values()}
    shown = {text.get_text() for text in texts}
    assert allowed <= shown
    for value in shown - allowed:
        assert re.fullmatch(r"\d(\.\d+)?|W\d{2}(, W\d{2})*", value), value
    assert {"W40", "W46", "W47"} <= shown
    for text in texts:
        assert text.get_fontsize() * charts.DPI / 72 >= 14, text.get_text()


def test_latest_week_is_bold_and_earlier_weeks_are_not() -> None:
    figure = charts._build_figure(WEEKS, cutoff=CUTOFF, labels=LABELS)
    weeks = {text.get_text(): text for text in figure.axes[0].texts if text.get_text().startswith("W")}
    assert weeks["W47"].get_fontweight() == "bold"
    assert weeks["W47"].get_fontsize() > weeks["W46"].get_fontsize()
    assert weeks["W46"].get_fontweight() == "normal"


def test_earlier_weeks_on_the_same_spot_share_one_label() -> None:
    points = [
        ("2026-W44", 3.0, 3.0),
        ("2026-W45", 3.02, 2.99),
        ("2026-W46", 4.0, 4.0),
        ("2026-W47", 4.2, 4.4),
    ]
    figure = charts._build_figure(points, cutoff=CUTOFF, labels=LABELS)
    weeks = {text.get_text() for text in figure.axes[0].texts if text.get_text().startswith("W")}
    assert weeks == {"W44, W45", "W46", "W47"}


@pytest.mark.parametrize(
    ("points", "cutoff"),
    [
        ([("2026-W01", 3.0, 3.0)] * 9, CUTOFF),
        ([("2026-W01", 0.9, 3.0)], CUTOFF),
        ([("2026-W01", 3.0, 5.1)], CUTOFF),
        ([("2026-W01", float("nan"), 3.0)], CUTOFF),
        ([], 1.0),
        ([], 5.0),
        ([], float("nan")),
    ],
    ids=["nine-points", "below-scale", "above-scale", "nan", "cutoff-at-1", "cutoff-at-5", "cutoff-nan"],
)
def test_rejects_bad_input(points: list[tuple[str, float, float]], cutoff: float) -> None:
    with pytest.raises(ValueError, match=r"points|within|cutoff"):
        render_zone_chart(points, cutoff=cutoff, labels=LABELS)


def test_labels_need_every_zone_name() -> None:
    with pytest.raises(ValueError, match="apathy"):
        ChartLabels(
            title="t", x_axis="x", y_axis="y", zones={"performance": "P", "comfort": "C", "stress": "S"}
        )


def test_week_label() -> None:
    assert week_label("2026-W47", "W{week}") == "W47"
    assert week_label("2026-W05", "uke {week}") == "uke 5"
    assert week_label("uke 47", "v. {week}") == "uke 47"


def test_alt_text_is_the_callers_summary_within_slacks_limit() -> None:
    assert alt_text("  Teamet er i\n komfortsonen.  ") == "Teamet er i komfortsonen."
    long = " ".join(["trygghet"] * 300)
    bounded = alt_text(long)
    assert len(bounded) <= ALT_TEXT_MAX_CHARS == 1000
    assert bounded.endswith("trygghet…")
    unbroken = "x" * 2000
    assert alt_text(unbroken) == "x" * 999 + "…"


def test_importing_the_module_does_not_load_matplotlib() -> None:
    code = "import sys, reports.charts; sys.exit('matplotlib' in sys.modules)"
    subprocess.run([sys.executable, "-c", code], cwd=REPO_ROOT, check=True)  # noqa: S603


def test_a_zone_name_too_wide_for_its_quadrant_wraps_or_shrinks() -> None:
    labels = ChartLabels(
        title="Team culture zone",
        x_axis="Perceived safety",
        y_axis="Perceived standard",
        zones={
            "performance": "performance zone",
            "comfort": "comfort zone",
            "stress": "stress",
            "apathy": "apathy",
        },
    )
    figure = charts._build_figure([], cutoff=4.0, labels=labels)
    names = {text.get_text(): text for text in figure.axes[0].texts}
    assert "performance\nzone" in names
    assert all(text.get_fontsize() * charts.DPI / 72 >= 14 for text in names.values())


def test_each_week_is_drawn_inside_its_interval_so_a_move_within_the_noise_looks_like_one() -> None:
    """A region around a week shades the quadrant where its true value may lie: half-widths 0.4 across
    and 0.3 up around W43 (3.8, 3.1); a spot 0.3 to its right, clear of markers and labels, is shaded
    only when the intervals are drawn."""
    plain = decode(render_zone_chart(WEEKS[:4], cutoff=CUTOFF, labels=LABELS))
    intervals = [(0.0, 0.0)] * 3 + [(0.4, 0.3)]
    shaded = decode(render_zone_chart(WEEKS[:4], cutoff=CUTOFF, labels=LABELS, intervals=intervals))
    spot = pixel_of(3.8 + 0.3, 3.1 - 0.15)
    assert luminance(shaded.getpixel(spot)) < luminance(plain.getpixel(spot)) - 0.03
    outside = pixel_of(3.8 + 0.6, 3.1 - 0.15)
    assert shaded.getpixel(outside) == plain.getpixel(outside)


@pytest.mark.parametrize(
    "intervals",
    [[(0.2, 0.2)], [(0.2, -0.1)] * 4, [(float("nan"), 0.2)] * 4],
    ids=["count", "negative", "nan"],
)
def test_intervals_must_match_the_points_and_be_real_half_widths(intervals) -> None:
    with pytest.raises(ValueError, match="interval"):
        render_zone_chart(WEEKS[:4], cutoff=CUTOFF, labels=LABELS, intervals=intervals)


def test_the_note_on_the_intervals_is_drawn_under_the_chart() -> None:
    labelled = ChartLabels(
        LABELS.title, LABELS.x_axis, LABELS.y_axis, LABELS.zones, note="Feltet rundt hver uke"
    )
    figure = charts._build_figure(list(WEEKS), cutoff=CUTOFF, labels=labelled)
    assert [text.get_text() for text in figure.texts] == ["Feltet rundt hver uke"]
    assert (
        figure.axes[0].get_position().y0
        > charts._build_figure([], cutoff=CUTOFF, labels=LABELS).axes[0].get_position().y0
    )
