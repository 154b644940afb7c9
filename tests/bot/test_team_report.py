"""`/balanse rapport` (`report`): a manager gets the team report, the published weekly summaries of the last
12 weeks, as Markdown and a PDF in their DM, and an ephemeral note saying so; a manager of several teams
chooses one; a seller gets the polite refusal `/balanse oppsummering` gives. The report says of each week
what the channel post of that week was built from."""

from __future__ import annotations

import io
from collections.abc import Iterator
from datetime import UTC, datetime

import pypdf
import pytest

from bot.messages.mrkdwn import to_mrkdwn, to_plain_text
from bot.profiles import Profiles
from bot.runtime import Runtime
from bot.senders.summaries import SummarySlackSender
from coaching.i18n import t
from coaching.summary_text import compose
from demo.seed import DemoWorkspace, seed_demo
from reports.render import render_markdown, to_markdown, week_blocks
from reports.team_report import published_summaries, team_report
from scheduling.ports import SendResult
from survey_flows.profiles import ProfileStore
from survey_flows.team_settings import TeamSettings
from survey_flows.teams import SetupFacts, TeamService
from tests.support.demo import TODAY
from tests.support.harness import Harness, block_texts, running

DIRECTOR, SELLER, ENGLISH_MANAGER = "UDEMOM00", "UDEMON01", "UDEMOM04"
NOW = datetime(2026, 12, 2, 9, 0, tzinfo=UTC)


@pytest.fixture
def demo(harness: Harness) -> DemoWorkspace:
    return seed_demo(harness.db, today=TODAY, workspace_id=harness.requests.team_id)


@pytest.fixture
def runtime(harness: Harness, demo: DemoWorkspace) -> Iterator[Runtime]:
    harness.clock.now = NOW
    harness.fake.add_user(DIRECTOR, locale="nb-NO", tz="Europe/Oslo")
    harness.fake.add_user(SELLER, locale="nb-NO", tz="Europe/Oslo")
    harness.fake.add_user(ENGLISH_MANAGER, locale="en-GB", tz="Europe/London")
    with running(harness, open_pace=lambda: None) as built:
        yield built


def _reply(harness: Harness, text: str, user_id: str) -> str:
    before = len(harness.fake.calls_to("response_url"))
    harness.command(text, user_id=user_id)
    replies = harness.fake.calls_to("response_url")
    assert len(replies) == before + 1
    return block_texts(replies[-1])


def _shared(harness: Harness) -> dict[str, bytes]:
    """The files shared so far, by name, with what was uploaded."""
    files = {}
    for call in harness.fake.calls_to("files.getUploadURLExternal"):
        upload = harness.fake.uploads
        files[call.params["filename"]] = upload[call.response["file_id"]]
    return files


def test_a_director_chooses_a_team_and_gets_its_report_in_the_dm(
    harness: Harness, runtime: Runtime, demo: DemoWorkspace
) -> None:
    assert t("nb", "report.slack.choose") in _reply(harness, "rapport", DIRECTOR)
    choice = harness.fake.calls_to("response_url")[-1]
    buttons = [e for b in choice.params["blocks"] if b["type"] == "actions" for e in b["elements"]]
    assert [b["text"]["text"] for b in buttons] == [
        "Salg Nord",
        "Salg Sør",
        "Försäljning Stockholm",
        "Key Accounts",
    ]

    nord = buttons[0]
    harness.send(
        harness.requests.block_action(
            user_id=DIRECTOR, action_id=nord["action_id"], value=nord["value"], block_id="report_teams"
        )
    )
    note = harness.fake.calls_to("response_url")[-1]
    assert t("nb", "report.slack.sent", team="Salg Nord") in block_texts(note)

    intro = [
        c for c in harness.fake.calls_to("chat.postMessage") if c.params.get("channel") == f"D{DIRECTOR}"
    ]
    assert (
        len(intro) == 1
        and t("nb", "report.slack.intro", team="Salg Nord", weeks=12) in intro[0].params["text"]
    )
    files = _shared(harness)
    assert sorted(files) == [f"balansebrett-{demo.teams[0].team_id}-2026-W48.{x}" for x in ("md", "pdf")]
    markdown = next(v for k, v in files.items() if k.endswith(".md")).decode("utf-8")

    view = TeamService(harness.db, harness.clock).for_channel(demo.workspace_id, "CDEMONORD")[0]
    assert view is not None
    weeks = published_summaries(harness.db, view.id, 12)
    assert len(weeks) == 12
    for summary in weeks:  # every week as the channel post of that week was built
        told = compose("nb", "Salg Nord", summary)
        assert all(to_markdown(block.text) in markdown for block in week_blocks(told))
    latest = compose("nb", "Salg Nord", weeks[-1])
    assert markdown.index(f"## {latest.title}") < markdown.index(
        f"## {compose('nb', 'Salg Nord', weeks[0]).title}"
    )

    pdf = pypdf.PdfReader(io.BytesIO(next(v for k, v in files.items() if k.endswith(".pdf"))))
    assert "Teamrapport: Salg Nord" in pdf.pages[0].extract_text() and len(pdf.pages[0].images) == 1


def test_a_manager_of_one_team_gets_it_at_once_in_their_language(
    harness: Harness, runtime: Runtime, demo: DemoWorkspace
) -> None:
    assert t("en", "report.slack.sent", team="Key Accounts") in _reply(harness, "report", ENGLISH_MANAGER)
    files = _shared(harness)
    markdown = next(v for k, v in files.items() if k.endswith(".md")).decode("utf-8")
    assert markdown.startswith(f"# {t('en', 'report.title', team='Key Accounts')}")
    suppressed = t("en", "summary.suppressed", answered=3, eligible=7, minimum=5)
    assert suppressed in markdown  # the holiday week: how many answered, and nothing else
    view = TeamService(harness.db, harness.clock).for_channel(demo.workspace_id, "CDEMOKEY")[0]
    assert view is not None
    assert render_markdown(team_report(harness.db, view, today=NOW.date(), locale="en")) == markdown


def test_a_seller_is_refused_as_for_the_summary_and_nothing_is_shared(
    harness: Harness, runtime: Runtime
) -> None:
    assert t("nb", "summary_now.refused") in _reply(harness, "rapport", SELLER)
    assert _shared(harness) == {}
    assert not harness.fake.calls_to("chat.postMessage")


def test_help_tells_a_manager_of_the_report(harness: Harness, runtime: Runtime) -> None:
    assert t("nb", "help.report") in _reply(harness, "hjelp", DIRECTOR)
    assert t("nb", "help.report") not in _reply(harness, "hjelp", SELLER)


def test_the_report_says_what_slack_was_given_for_the_week(
    harness: Harness, runtime: Runtime, demo: DemoWorkspace
) -> None:
    """The week's post and its thread, as the summary sender gives them to Slack, against the report."""
    view = TeamService(harness.db, harness.clock).for_channel(demo.workspace_id, "CDEMOSOR")[0]
    assert view is not None
    latest = published_summaries(harness.db, view.id, 1)[-1]
    profiles = Profiles(ProfileStore(harness.db, harness.clock), "nb")
    sent = SummarySlackSender(runtime.app.client, profiles, "nb").post_channel_summary(view, latest)
    assert sent is SendResult.SENT
    posted = [c for c in harness.fake.calls_to("chat.postMessage") if c.params.get("channel") == "CDEMOSOR"]
    in_slack = " ".join(block_texts(call) for call in posted)
    assert len(posted) == 2  # the summary and its figures in the thread (the chart follows as a file)

    report = team_report(harness.db, view, today=NOW.date())
    blocks = week_blocks(report.weeks[-1].text)
    assert [b.kind for b in blocks][:2] == ["heading", "paragraph"]
    # Slack is given each text rendered for it: the header as plain text, the rest as mrkdwn
    on_the_wire = [to_plain_text(b.text) if b.kind == "heading" else to_mrkdwn(b.text) for b in blocks]
    missing = [text for text in on_the_wire if text not in in_slack]
    assert missing == []
    markdown = render_markdown(report)
    section = markdown.split(f"## {blocks[0].text}\n", 1)[1].split("\n## ", 1)[0]
    assert all(to_markdown(block.text) in section for block in blocks[1:])


def test_before_the_first_published_week_there_is_no_report_to_make(
    harness: Harness, runtime: Runtime, demo: DemoWorkspace
) -> None:
    harness.fake.add_user("UNEWLEAD", locale="nb-NO", tz="Europe/Oslo")
    settings = TeamSettings(name="Salg Vest", manager_ids=("UNEWLEAD",), member_ids=("UVEST1",))
    facts = SetupFacts(channel_members=frozenset({"UVEST1"}), may_create=True)
    saved = TeamService(harness.db, harness.clock).save(
        demo.workspace_id, "CVEST", "UNEWLEAD", settings, facts
    )
    assert saved.team is not None

    assert t("nb", "report.slack.none", team="Salg Vest") in _reply(harness, "rapport", "UNEWLEAD")
    assert _shared(harness) == {}
