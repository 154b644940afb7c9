"""The retention job in the real runtime: RETENTION_MONTHS from the settings, one daily job in the
scheduler, and it deletes only on the lease holder."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from sqlalchemy import func, select

from bot.config import ConfigError, Settings
from bot.runtime import Runtime, build_runtime
from coaching.i18n import t
from scheduling.leadership import Leadership
from scheduling.scheduler import RETENTION_JOB, make_scheduler
from storage.models import Answer
from tests.support.harness import Harness
from tests.support.summary_weeks import add_member, answer_pulse, make_team

ENV = {"SLACK_BOT_TOKEN": "xoxb-1", "SLACK_APP_TOKEN": "xapp-1"}
NOW = datetime(2028, 11, 23, 9, 0, tzinfo=UTC)
OLD = datetime(2026, 6, 1, 9, 0, tzinfo=UTC)


@pytest.fixture
def runtime(harness: Harness) -> Iterator[Runtime]:
    built = build_runtime(
        dataclasses.replace(harness.settings, retention_months=18, uninstall_grace_days=7),
        harness.db,
        clock=harness.clock,
        listener_executor=harness.executor,
        pace=lambda: None,
        scheduler=make_scheduler(),
        leadership=Leadership(harness.db, harness.clock, holder=f"test-{id(harness.db)}"),
    )
    yield built
    built.scheduler.shutdown()


def answers(harness: Harness) -> int:
    with harness.db.session() as s:
        return int(s.scalar(select(func.count()).select_from(Answer)) or 0)


def test_the_daily_job_is_registered_with_the_configured_age(harness: Harness, runtime: Runtime) -> None:
    runtime.scheduler.start(paused=True)

    job = runtime.scheduler.scheduler.get_job(RETENTION_JOB)
    assert job is not None
    after = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)
    assert job.trigger.get_next_fire_time(None, after) == datetime(2026, 11, 24, 3, 17, tzinfo=UTC)
    assert runtime.retention is not None
    assert runtime.retention.months == 18
    assert (
        runtime.retention.grace_days == 7
    )  # an uninstalled workspace's data goes after UNINSTALL_GRACE_DAYS
    assert runtime.scheduler.reconcile()  # re-deriving the team jobs leaves it alone
    assert runtime.scheduler.scheduler.get_job(RETENTION_JOB) is not None


def test_the_job_deletes_only_on_the_leader(harness: Harness, runtime: Runtime) -> None:
    with harness.db.session() as s:
        team = make_team(s)
        answer_pulse(s, team, add_member(s, team, "U4"), {"q01": 4}, period="2026-W22", at=OLD)
    harness.clock.now = NOW

    runtime.scheduler.run_retention()  # no lease yet
    assert answers(harness) == 1

    assert runtime.scheduler.tick()
    runtime.scheduler.run_retention()
    assert answers(harness) == 0


def test_retention_months_from_the_environment() -> None:
    assert Settings.from_env(ENV).retention_months == 24
    assert Settings.from_env(ENV | {"RETENTION_MONTHS": " 12 "}).retention_months == 12


@pytest.mark.parametrize("value", ["0", "-3", "two", "1.5", "1201", "²"])
def test_a_bad_retention_is_refused_with_a_message_naming_it(value: str) -> None:
    with pytest.raises(ConfigError) as raised:
        Settings.from_env(ENV | {"RETENTION_MONTHS": value})
    assert str(raised.value) == t("nb", "config.bad_retention", value=value)
    assert "RETENTION_MONTHS" in str(raised.value)


def test_the_grace_period_after_an_uninstall_from_the_environment() -> None:
    assert Settings.from_env(ENV).uninstall_grace_days == 30
    assert Settings.from_env(ENV | {"UNINSTALL_GRACE_DAYS": " 0 "}).uninstall_grace_days == 0
    assert Settings.from_env(ENV | {"UNINSTALL_GRACE_DAYS": "3650"}).uninstall_grace_days == 3650


@pytest.mark.parametrize("value", ["-1", "3651", "thirty", "1.5", "²"])
def test_a_bad_grace_period_is_refused_with_one_line_naming_it(value: str) -> None:
    with pytest.raises(ConfigError) as raised:
        Settings.from_env(ENV | {"UNINSTALL_GRACE_DAYS": value})
    assert str(raised.value) == t("nb", "config.bad_grace_days", value=value)
    assert "UNINSTALL_GRACE_DAYS" in str(raised.value) and "\n" not in str(raised.value)
