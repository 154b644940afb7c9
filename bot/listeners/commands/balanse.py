"""`/balanse <subcommand>`: survey, pulse, self, coach, setup, leave, summary, report, forget-me, export and help
(with nb and sv aliases)."""

from __future__ import annotations

from collections.abc import Callable

from slack_bolt import Ack, Respond
from slack_sdk import WebClient

from bot.listeners.commands.coach import start_from_command
from bot.listeners.commands.leave import leave_team
from bot.listeners.commands.privacy import ask_forget, send_export
from bot.listeners.commands.report import show_report
from bot.listeners.commands.setup import open_setup
from bot.listeners.commands.summary import show_summary
from bot.messages import survey as survey_msg
from bot.messages.home import help_message
from bot.requester import requester
from bot.services import Services
from survey_flows.commands import Command, parse_command
from survey_flows.views import Kind

RUN_KINDS = {Command.SURVEY: Kind.FULL, Command.PULSE: Kind.PULSE, Command.SELF: Kind.SELF}
"""The subcommands that start (or resume) a run in the user's DM, and the run's kind."""


def handler(services: Services) -> Callable[..., None]:
    def balanse(ack: Ack, command: dict, client: WebClient, respond: Respond, context: dict) -> None:
        ack()
        who = requester(context)
        workspace_id, user_id, locale = who.workspace_id, who.user_id, who.locale
        parsed = parse_command(command.get("text"))
        if parsed.command is Command.SETUP:
            open_setup(services, client, command, respond, who, context.get("bot_user_id"))
            return
        if parsed.command is Command.COACH:
            start_from_command(services, client, command, respond, who, parsed.rest)
            return
        if parsed.command is Command.FORGET_ME:
            ask_forget(services, respond, who)
            return
        if parsed.command is Command.EXPORT:
            send_export(services, client, respond, who)
            return
        if parsed.command is Command.LEAVE:
            leave_team(services, respond, who)
            return
        if parsed.command is Command.SUMMARY:
            show_summary(services, client, workspace_id, user_id, respond, locale)
            return
        if parsed.command is Command.REPORT:
            show_report(services, client, workspace_id, user_id, respond, locale)
            return
        if parsed.command in RUN_KINDS:
            kind = RUN_KINDS[parsed.command]
            outcome = services.flow.start(
                workspace_id, user_id, kind, locale, tz=services.profiles.tz(workspace_id, user_id)
            )
            if outcome.result is not None:
                respond(
                    response_type="ephemeral", **survey_msg.already_done(locale, outcome.result).as_kwargs()
                )
                return
            note = services.conversation.deliver_start(client, workspace_id, user_id, outcome, locale)
            if note:
                respond(response_type="ephemeral", text=note)
            return
        unknown = parsed.word if parsed.command is Command.UNKNOWN else None
        manager = services.advice.is_manager(workspace_id, user_id)
        respond(response_type="ephemeral", **help_message(locale, unknown, manager=manager).as_kwargs())

    return balanse
