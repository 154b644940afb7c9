"""The objects listeners need, built once per app."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from bot.advice_conversation import AdviceConversation
from bot.conversation import SurveyConversation
from bot.profiles import Profiles
from bot.setup_access import SetupAccess
from coaching.locale import Locale
from reports.team_report import TeamReports
from survey_flows.advice import AdviceFlow
from survey_flows.direct_messages import DirectMessages
from survey_flows.privacy import PrivacyService
from survey_flows.summary_on_demand import SummaryOnDemand
from survey_flows.survey import SurveyFlow
from survey_flows.team_glance import TeamGlances
from survey_flows.teams import TeamService
from survey_flows.workspace_lifecycle import WorkspaceLifecycle


def _nothing() -> None:
    return None


@dataclass(frozen=True, slots=True)
class Services:
    flow: SurveyFlow
    profiles: Profiles
    conversation: SurveyConversation
    default_locale: Locale
    teams: TeamService
    advice: AdviceFlow
    """A manager asking how to handle a person (the coaching dialogue)."""
    advice_conversation: AdviceConversation
    privacy: PrivacyService
    """Forget-me and export (`/balanse forget-me`, `/balanse export`)."""
    setup_access: SetupAccess
    """Who may set up a team (the workspace's owners and admins, and TEAM_CREATORS)."""
    direct_messages: DirectMessages
    """What a top-level DM needs: retried deliveries answered once, the sellers a manager's name may mean."""
    team_glances: TeamGlances
    """A manager's teams at a glance on App Home (next pulse, next summary, answers so far)."""
    summaries: SummaryOnDemand
    """A manager's own look at the team's latest published summary (`/balanse oppsummering`)."""
    reports: TeamReports
    """A team's report for a director (`/balanse rapport`), from the published weeks."""
    workspaces: WorkspaceLifecycle
    """The app uninstalled from a workspace, and installed again (bot/listeners/events/lifecycle.py)."""
    teams_changed: Callable[[], None] = _nothing
    """Called after a team is created or changed, so the scheduler re-derives its jobs from the database."""
