"""Migration 0009 records which survey version a run asks: the runs that exist when it runs were all
started on version 1, and after it such a run resumes on version 1's items, not on today's."""

from __future__ import annotations

from sqlalchemy import bindparam, text

from coaching.instrument import ITEMS_BY_ID
from storage import runs
from storage.db import Database
from storage.migrate import downgrade, upgrade
from storage.models import SurveyRun
from storage.types import UTCDateTime
from survey_flows.survey import StartStatus, SurveyFlow
from survey_flows.views import Kind
from tests.storage.conftest import NOW
from tests.support.old_schema import member_before_0011

WS = "T1"
BEFORE = "0008_delivery_claimed_by"


def test_a_run_from_before_the_versions_is_version_1_and_resumes_with_its_wording(empty_db_url: str) -> None:
    upgrade(empty_db_url, BEFORE)
    db = Database.from_url(empty_db_url)
    try:
        with db.session() as s:
            # The rows as the code before the migration wrote them: no version column yet.
            member_id = member_before_0011(s, WS, "U1", NOW)
            insert = text(
                "INSERT INTO survey_run (workspace_id, member_id, kind, period, channel_id, thread_ts, started_at) "
                "VALUES (:ws, :member, 'full', '2026-11', 'D_U1', '1700000000.000100', :at)"
            ).bindparams(bindparam("at", type_=UTCDateTime()))
            s.execute(insert, {"ws": WS, "member": member_id, "at": NOW})
            run_id = s.scalar(text("SELECT id FROM survey_run"))
            for item_id in ("q01", "q02", "q03"):
                runs.upsert_answer(s, WS, run_id, item_id, 4, NOW)

        upgrade(empty_db_url)

        with db.session() as s:
            run = s.get(SurveyRun, run_id)
            assert run is not None and run.instrument_version == 1
        resumed = SurveyFlow(db, lambda: NOW).start(WS, "U1", Kind.FULL, "nb")
        assert resumed.status is StartStatus.RESUMED
        assert resumed.question is not None
        assert (resumed.question.position, resumed.question.item_id) == (4, "q04")
        assert resumed.question.text == ITEMS_BY_ID["q04"].text("nb")

        # Neither way loses an answer (on SQLite, rebuilding survey_run would cascade to them).
        downgrade(empty_db_url, BEFORE)
        with db.session() as s:
            assert s.scalar(text("SELECT COUNT(*) FROM answer")) == 3
    finally:
        db.dispose()
