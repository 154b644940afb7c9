"""Scheduling fixtures: the same migrated database and survey flow as the people's side, driven by a clock."""

from __future__ import annotations

from tests.survey_flows.conftest import db, flow

__all__ = ["db", "flow"]
