"""Numbers as a reader in each language writes them: one decimal, a decimal comma in nb and sv, a point in
en, a real minus sign (−), ±0 for no change. The one copy of that rule for every front end."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from coaching.locale import Locale


def rounded(value: float | Decimal) -> Decimal:
    """One decimal, half up (4.25 -> 4.3), as a reader rounds; the float's shortest repr avoids 4.2499…"""
    exact = value if isinstance(value, Decimal) else Decimal(repr(value))
    return exact.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def number(
    locale: Locale | str, value: float | Decimal | None, *, signed: bool = False, compact: bool = False
) -> str:
    """`value` with one decimal (`compact`: only the decimals it has, 3 or 3,5); "–" when there is none."""
    if value is None:
        return "–"
    if compact:
        text = f"{value:g}"
    else:
        shown = rounded(value)
        text = "±0.0" if signed and shown == 0 else (f"{shown:+.1f}" if signed else f"{shown:.1f}")
    text = text.replace("-", "−")
    return text if locale == "en" else text.replace(".", ",")
