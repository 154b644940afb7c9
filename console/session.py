"""One person at the terminal: each line they type, read as `/balanse …` (or its plain words, as a DM is read),
as the answer to the question shown (a number, or the words on a choice), or as the answer to a prompt.

The same services as Slack's listeners decide everything (survey_flows/): the survey and pulse runs, the
coaching dialogue, the team setup, the summary and its access rule. A conversation's thread is shown as an
indented transcript; its claims are confirmed at once, since a line printed cannot get lost on the way.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from coaching.i18n import t
from coaching.locale import Locale
from coaching.markup import escape, person
from console.own_data import OwnData
from console.people import ConsoleNames
from console.screen import Screen
from console.team_setup import Prompt, TeamSetup
from console.texts import advice_lines, result_lines, summary_lines
from storage.db import Database
from survey_flows.advice import AdviceFlow
from survey_flows.advice_views import FOLLOW_UP_WEEKS
from survey_flows.advice_views import AnswerStatus as AdviceStatus
from survey_flows.advice_views import QuestionView as AdviceQuestion
from survey_flows.advice_views import StartStatus as AdviceStart
from survey_flows.commands import Command, parse_command
from survey_flows.direct_messages import Ask, DirectMessages, Person, named, what_is_asked
from survey_flows.privacy import PrivacyService
from survey_flows.summary_on_demand import SummaryAsk, SummaryOnDemand
from survey_flows.survey import Clock as _Clock
from survey_flows.survey import SurveyFlow
from survey_flows.survey_outcomes import AnswerStatus, StartStatus
from survey_flows.teams import TeamService
from survey_flows.typed_answers import parse_typed_answer
from survey_flows.views import DONT_KNOW, Kind, QuestionView, ResultView
from survey_flows.wording import (
    CHOICES,
    FOLLOW_UP_KEYS,
    advice_choice_label,
    advice_question_text,
    choice_label,
    follow_up_scheduled,
    help_text,
    progress,
    survey_minutes,
)

CHANNEL = "console"
"""Where the console's conversations are "posted": the thread ids say which conversation and question."""
RUN_KINDS = {Command.SURVEY: Kind.FULL, Command.PULSE: Kind.PULSE, Command.SELF: Kind.SELF}


_ANSWER_REFUSED = {
    AnswerStatus.RUN_FINISHED: "answer.run_finished",
    AnswerStatus.FOREIGN: "answer.foreign",
    AnswerStatus.NOT_FOUND: "answer.not_found",
    AnswerStatus.PULSE_CLOSED: "answer.pulse_closed",
    AnswerStatus.HINT: "terminal.answer_hint",
    AnswerStatus.DUPLICATE_EVENT: "command.in_progress",
}


@dataclass
class _Survey:
    run_id: int
    question: QuestionView


@dataclass
class _Advice:
    question: AdviceQuestion


class Session:
    def __init__(
        self,
        db: Database,
        clock: _Clock,
        screen: Screen,
        names: ConsoleNames,
        *,
        workspace_id: str,
        user_id: str,
    ) -> None:
        self.screen = screen
        self.names = names
        self.workspace_id = workspace_id
        self.user_id = user_id
        self.locale: Locale = screen.locale
        self.flow = SurveyFlow(db, clock)
        self.advice = AdviceFlow(db, clock)
        self.teams = TeamService(db, clock)
        self.summaries = SummaryOnDemand(db, clock)
        self.direct = DirectMessages(db, clock)
        self.setup = TeamSetup(self.teams, names, screen, workspace_id, user_id, self._ask_line)
        self.own = OwnData(self.teams, PrivacyService(db, clock), screen, workspace_id, user_id)
        self.files = Path.cwd()
        """Where an export is written."""
        self._survey: _Survey | None = None
        self._dialogue: _Advice | None = None
        self._prompt: Prompt | None = None

    # -- reading a line --------------------------------------------------------------------------------

    def welcome(self) -> None:
        self.screen.say(t(self.locale, "terminal.welcome", name=self.names.name(self.user_id)))

    def handle(self, line: str) -> None:
        text = line.strip()
        if not text:
            return
        command = text.removeprefix("/balanse").strip() if text.startswith("/balanse") else None
        if command is None and not text[0].isdigit():
            parsed = parse_command(text)
            if parsed.command is not Command.UNKNOWN:
                command = text
        if command is not None:
            self._prompt = None
            self.command(command)
        elif self._prompt is not None:
            prompt, self._prompt = self._prompt, None
            prompt(text)
        elif self._dialogue is not None:
            self._answer_advice(text)
        elif self._survey is not None:
            self._answer_survey(text)
        else:
            self._plain_words(text)

    def command(self, text: str) -> None:
        parsed = parse_command(text)
        if parsed.command in RUN_KINDS:
            self.start_run(RUN_KINDS[parsed.command])
        elif parsed.command is Command.COACH:
            self._coach(parsed.rest)
        elif parsed.command is Command.SETUP:
            self.setup.start()
        elif parsed.command is Command.SUMMARY:
            self._summary(None)
        elif parsed.command is Command.LEAVE:
            self.own.leave()
        elif parsed.command is Command.EXPORT:
            self.own.export(self.files)
        elif parsed.command is Command.FORGET_ME:
            self._survey = self._dialogue = None
            self.own.ask_forget(self._choose)
        else:
            unknown = parsed.word if parsed.command is not Command.HELP else None
            self.help(unknown)

    def help(self, unknown: str | None = None, intro: str | None = None) -> None:
        manager = self.advice.is_manager(self.workspace_id, self.user_id)
        if unknown:
            self.screen.say(t(self.locale, "help.unknown", word=unknown))
        if intro:
            self.screen.say(intro)
        self.screen.title(t(self.locale, "help.title"))
        self.screen.say(help_text(self.locale, manager=manager))

    def _plain_words(self, text: str) -> None:
        """A line that is no command, with nothing asked: read as a DM is read."""
        asked = what_is_asked(text)
        if asked is Ask.COACH and self.advice.is_manager(self.workspace_id, self.user_id):
            self._coach(text)
        else:
            understood = asked is not Ask.UNKNOWN
            self.help(intro=t(self.locale, "dm.hello" if understood else "dm.not_understood"))

    def _ask_line(self, prompt: Prompt) -> None:
        """The next line (unless it is a command) goes to `prompt`."""
        self._prompt = prompt

    def _choose(self, count: int, then: Callable[[int], None]) -> None:
        """Ask for a number from 1 to `count`; anything else asks again, and loses nothing."""

        def pick(text: str) -> None:
            if text.isdigit() and 1 <= int(text) <= count:
                then(int(text) - 1)
            else:
                self.screen.note(t(self.locale, "terminal.choose", count=count))
                self._prompt = pick

        self._prompt = pick

    # -- the survey, the pulse and the self-view ---------------------------------------------------------

    def start_run(self, kind: Kind) -> None:
        self._dialogue = None
        outcome = self.flow.start(self.workspace_id, self.user_id, kind, self.locale)
        run = outcome.run
        if outcome.status is StartStatus.ALREADY_DONE and outcome.result is not None:
            self.screen.say(t(self.locale, f"run.already_done.{outcome.result.kind}"))
            self._show_result(outcome.result)
            return
        if run is None or outcome.question is None:
            self.screen.say(t(self.locale, "command.in_progress"))
            return
        if outcome.status is StartStatus.STARTED:
            self.flow.thread_started(self.workspace_id, run.run_id, CHANNEL, f"run-{run.run_id}")
            self.screen.title(t(self.locale, f"intro.{run.kind}.title"))
            self.screen.say(
                t(self.locale, f"intro.{run.kind}.body", total=run.total, minutes=survey_minutes(run.total))
            )
            key = "intro.self.privacy" if run.kind is Kind.SELF else "intro.privacy"
            self.screen.note(t(self.locale, key))
        self._ask(outcome.question)

    def _ask(self, question: QuestionView) -> None:
        self.flow.question_posted(
            self.workspace_id,
            question.run_id,
            question.position,
            f"run-{question.run_id}-{question.position}",
        )
        self._survey = _Survey(question.run_id, question)
        self.screen.thread(f"**{progress(self.locale, question)}**  {question.text}")
        labels = [choice_label(self.locale, value) for value in CHOICES]
        labels[-1] = f"{len(CHOICES)} {labels[-1]}"  # "6 Vet ikke": the 1-5 labels carry their number
        self.screen.choices(labels, numbered=False)

    def _answer_survey(self, text: str) -> None:
        assert self._survey is not None  # noqa: S101 - only called with a question shown
        question = self._survey.question
        value = DONT_KNOW if text.strip() == str(len(CHOICES)) else parse_typed_answer(text)
        if value is None:
            self.screen.note(t(self.locale, "terminal.answer_hint"))
            return
        outcome = self.flow.answer(
            self.workspace_id, self.user_id, question.run_id, question.item_id, value, self.locale
        )
        if outcome.status in _ANSWER_REFUSED:
            self._survey = None
            self.screen.note(t(self.locale, _ANSWER_REFUSED[outcome.status]))
            return
        self.screen.thread_note(t(self.locale, "terminal.you_chose", choice=choice_label(self.locale, value)))
        if outcome.next_question is not None:
            self._ask(outcome.next_question)
        elif outcome.result is not None:
            self._survey = None
            self._show_result(outcome.result)

    def _show_result(self, result: ResultView) -> None:
        title, lines = result_lines(self.locale, result)
        self.screen.panel(title, lines)

    # -- the coaching dialogue ---------------------------------------------------------------------------

    def _coach(self, rest: str) -> None:
        """`/balanse råd Kari …` or "how should I handle Kari?": the seller named among the manager's own
        sellers (a user id works too); none or several: the manager's sellers to choose from."""
        sellers = self.direct.sellers_led_by(self.workspace_id, self.user_id) or []
        first = rest.split(" ", 1)[0] if rest else ""
        if first in sellers:
            self._start_advice(first, rest[len(first) :].strip())
            return
        people = [
            Person(user_id, self.names.names(self.workspace_id, [user_id])[user_id]) for user_id in sellers
        ]
        found = named(rest, people)
        if len(found) == 1:
            self._start_advice(found[0], rest)
            return
        if not sellers:
            self.screen.say(t(self.locale, "coach.refused"))
            return
        offered = found or sellers
        self.screen.say(t(self.locale, "dm.ask.which" if found else "dm.ask.who"))
        self.screen.choices([escape(self.names.name(user_id)) for user_id in offered])
        self._choose(len(offered), lambda index: self._start_advice(offered[index], rest))

    def _start_advice(self, subject: str, text: str) -> None:
        self._survey = None
        outcome = self.advice.start(self.workspace_id, self.user_id, subject, text, locale_hint=self.locale)
        who = person(subject)
        if outcome.status is AdviceStart.REFUSED:
            self.screen.say(t(self.locale, "coach.refused"))
            return
        if outcome.status is AdviceStart.TOO_LONG:
            self.screen.say(t(self.locale, "coach.text_too_long", max=500))
            return
        request, question = outcome.request, outcome.question
        if request is None or question is None:
            self.screen.say(t(self.locale, "coach.in_progress"))
            return
        if outcome.status is AdviceStart.STARTED:
            self.advice.thread_started(
                self.workspace_id, request.request_id, CHANNEL, f"advice-{request.request_id}"
            )
            self.screen.title(t(self.locale, "coach.parent.title", person=who))
            if request.team_name:
                self.screen.say(t(self.locale, "coach.parent.team", team=escape(request.team_name)))
            self.screen.say(t(self.locale, "coach.parent.body", person=who))
            self.screen.note(t(self.locale, "coach.parent.privacy"))
        self._ask_advice(question)

    def _ask_advice(self, question: AdviceQuestion) -> None:
        self._dialogue = _Advice(question)
        self.advice.question_posted(
            self.workspace_id,
            question.request_id,
            question.field,
            f"advice-{question.request_id}-{question.field}",
        )
        self.screen.thread(advice_question_text(self.locale, question, person(question.subject_user_id)))
        self.screen.choices([advice_choice_label(self.locale, question.field, c) for c in question.choices])

    def _answer_advice(self, text: str) -> None:
        assert self._dialogue is not None  # noqa: S101 - only called with a question shown
        question = self._dialogue.question
        count = len(question.choices)
        if not (text.isdigit() and 1 <= int(text) <= count):
            self.screen.note(t(self.locale, "terminal.choose", count=count))
            return
        choice = question.choices[int(text) - 1]
        outcome = self.advice.answer(
            self.workspace_id, self.user_id, question.request_id, question.field, choice
        )
        if outcome.status not in (AdviceStatus.RECORDED, AdviceStatus.CHANGED):
            self._dialogue = None
            self.screen.note(t(self.locale, "coach.not_found"))
            return
        label = advice_choice_label(self.locale, question.field, choice)
        self.screen.thread_note(t(self.locale, "terminal.you_chose", choice=label))
        if outcome.next_question is not None:
            self._ask_advice(outcome.next_question)
        elif outcome.advice is not None:
            self._dialogue = None
            title, lines = advice_lines(self.locale, outcome.advice, person(question.subject_user_id))
            self.screen.panel(title, lines)
            self._offer_follow_up(question.request_id, question.subject_user_id)

    def _offer_follow_up(self, request_id: int, subject: str) -> None:
        """Shall I remind you? A number sets the reminder; anything else is read as any other line."""
        self.screen.say(t(self.locale, "coach.answer.follow_up"))
        self.screen.choices([t(self.locale, FOLLOW_UP_KEYS[weeks]) for weeks in FOLLOW_UP_WEEKS])

        def remind(text: str) -> None:
            if not (text.isdigit() and 1 <= int(text) <= len(FOLLOW_UP_WEEKS)):
                self.handle(text)
                return
            weeks = FOLLOW_UP_WEEKS[int(text) - 1]
            outcome = self.advice.schedule_follow_up(self.workspace_id, self.user_id, request_id, weeks)
            if outcome.due_at is None:
                self.screen.note(t(self.locale, "coach.not_found"))
                return
            self.screen.say(follow_up_scheduled(self.locale, person(subject), outcome.due_at, None))

        self._prompt = remind

    # -- the summary -------------------------------------------------------------------------------------

    def _summary(self, team_id: int | None) -> None:
        answer = self.summaries.ask(self.workspace_id, self.user_id, team_id)
        if answer.status is SummaryAsk.NOT_MANAGER:
            self.screen.say(t(self.locale, "summary_now.refused"))
        elif answer.status is SummaryAsk.CHOOSE:
            self.screen.say(t(self.locale, "summary_now.choose"))
            self.screen.choices([escape(team.name) for team in answer.teams])
            self._choose(len(answer.teams), lambda index: self._summary(answer.teams[index].id))
        elif answer.team is not None:
            title, lines = summary_lines(self.locale, answer)
            self.screen.panel(title, lines)
