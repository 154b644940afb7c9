"""The objects listeners need, built once per app."""

from __future__ import annotations

from dataclasses import dataclass

from slack_sdk import WebClient

from bot.conversation import SurveyConversation
from bot.profiles import Profiles
from coaching.locale import Locale
from survey_flows.survey import SurveyFlow


@dataclass(frozen=True, slots=True)
class Services:
    flow: SurveyFlow
    profiles: Profiles
    conversation: SurveyConversation
    default_locale: Locale

    def locale(self, client: WebClient, context: dict, workspace_id: str, user_id: str) -> Locale:
        """The user's language, remembered in the request context for the error handler."""
        locale = self.profiles.locale(client, workspace_id, user_id)
        context["locale"] = locale
        return locale
