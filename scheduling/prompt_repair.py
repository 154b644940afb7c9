"""Post the questions whose post was given up: the scheduler's `prompt_repair` job (leader only).

When the next question's chat.postMessage fails for good (Slack down beyond the WebClient's retries, the
process killed between the claim and the post), its claim stays without a message ts and the seller sees
no next question. Their own `/balanse survey` would post it, but only if they come back; this job does it
for them. Every minute it reads the claims older than `REPAIR_AFTER` that are still the open question of
an open run (storage/prompt_repair.py), takes each over with the same conditional update a resume uses
(`runs.reclaim_stale_prompt`: of two takers, one wins), and hands it to the surface as *reclaimed*, so
the surface looks for it in the thread before posting it: a post that reached Slack after all is only
recorded. The question is therefore posted once, by whoever comes first.

Bounded: at most `BATCH` questions a run, each under the chat.postMessage budget the dispatcher uses, and
three passing failures in a row end the run (Slack is down; the next run tries again). A seller Slack
says cannot get a DM from us (deactivated, the DM gone) is marked as the pulse sender marks them and
left out until their profile changes, so nobody is tried again and again.

Intros are not repaired here: a scheduled pulse's intro is the dispatcher's (its ledger claim is taken over
by `resume_unfinished`), and a seller whose own `/balanse survey` could not post the intro was told so at
once and asked to try again.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Protocol

from coaching.instrument import ITEMS_BY_ID
from coaching.locale import Locale, resolve_locale
from scheduling.pacing import Budget, as_budget, prepaid
from scheduling.ports import SendResult
from storage import prompt_repair, recipients, runs
from storage.db import Database
from storage.prompt_repair import UnpostedPrompt
from survey_flows.self_view import question_text
from survey_flows.survey import Clock, items_for
from survey_flows.views import Kind, QuestionView

log = logging.getLogger(__name__)

REPAIR_AFTER = timedelta(minutes=2)
"""Claims this old are taken over. Far beyond one post's own time (a 10 s timeout, a few retries), so the
job never races a post still in flight; the seller's own resume takes over after 15 s already."""
BATCH = 50
MAX_FAILURES_IN_A_ROW = 3


class QuestionPoster(Protocol):
    def post_question(
        self, workspace_id: str, channel_id: str, thread_ts: str, question: QuestionView, locale: Locale
    ) -> SendResult:
        """Post a reclaimed question in its run's thread (after looking for it there) and record its ts."""
        ...


@dataclass(slots=True)
class RepairReport:
    posted: int = 0
    unreachable: int = 0
    failed: int = 0


class PromptRepair:
    def __init__(
        self,
        db: Database,
        clock: Clock,
        poster: QuestionPoster,
        default_locale: Locale,
        *,
        pace: Budget | Callable[[], None] | None = None,
        repair_after: timedelta = REPAIR_AFTER,
        batch: int = BATCH,
    ) -> None:
        self.db = db
        self.clock = clock
        self.poster = poster
        self.default_locale = default_locale
        self.pace = as_budget(pace or (lambda: None))
        """The chat.postMessage budget of the scheduled sends (Dispatcher.pace): one token per question."""
        self.repair_after = repair_after
        self.batch = batch

    def run(self) -> RepairReport:
        now, report = self.clock(), RepairReport()
        cutoff = now - self.repair_after
        with self.db.session() as s:
            found = prompt_repair.unposted_prompts(s, cutoff, self.batch)
        failures = 0
        for unposted in found:
            question = self._take_over(unposted, cutoff, now)
            if question is None:
                continue  # a resume or another repair took it meanwhile
            self.pace.take(unposted.workspace_id)
            locale = resolve_locale(unposted.locale, self.default_locale)
            with prepaid(unposted.workspace_id):
                result = self.poster.post_question(
                    unposted.workspace_id, unposted.channel_id, unposted.thread_ts, question, locale
                )
            if result is SendResult.UNREACHABLE:
                with self.db.session() as s:
                    recipients.mark_dm_unavailable(s, unposted.member_id, now)
                report.unreachable += 1
                continue
            if result is SendResult.FAILED:
                report.failed += 1
                failures += 1
                if failures >= MAX_FAILURES_IN_A_ROW:
                    log.warning("unposted questions: Slack keeps failing; the next run tries again")
                    break
                continue
            failures = 0
            report.posted += 1
        if report.posted or report.unreachable or report.failed:
            log.info(
                "unposted questions: %d posted, %d unreachable, %d failed",
                report.posted,
                report.unreachable,
                report.failed,
            )
        return report

    def _take_over(self, unposted: UnpostedPrompt, cutoff: datetime, now: datetime) -> QuestionView | None:
        kind = Kind(unposted.kind)
        member_key = f"{unposted.workspace_id}:{unposted.user_id}"
        order = items_for(kind, member_key, unposted.period, unposted.instrument_version)
        item = ITEMS_BY_ID.get(unposted.item_id)
        if item is None or unposted.position > len(order) or order[unposted.position - 1].id != item.id:
            return None  # not a question of this run (cannot happen: a run keeps its instrument version)
        with self.db.session() as s:
            if not runs.reclaim_stale_prompt(s, unposted.run_id, unposted.position, cutoff, now):
                return None
            after_ts = runs.prompt_messages(s, unposted.run_id).get(unposted.position - 1)
        locale = resolve_locale(unposted.locale, self.default_locale)
        return QuestionView(
            unposted.run_id,
            unposted.position,
            len(order),
            item.id,
            question_text(kind, item, locale),
            None,
            None,
            reclaimed=True,
            after_ts=after_ts,
        )
