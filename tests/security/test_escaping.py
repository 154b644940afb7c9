"""Everything a user types that the bot shows again is escaped for mrkdwn, so `<!channel>`, `<!here>`,
`<@U…>` and `<https://…|links>` cannot be injected, and is bounded in length with a clear message: the
unknown subcommand word, team names in setup (the confirmation, the refusal, the form's errors) and the
free text of the coaching dialogue."""

from __future__ import annotations

import html
import re
from typing import Any

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from bot.messages import escape
from bot.messages.mrkdwn import to_mrkdwn
from survey_flows.team_settings import NAME_MAX
from tests.support.coaching import setup_teams
from tests.support.fake_slack import Call
from tests.support.harness import Harness
from tests.support.modals import errors_of, state_of
from tests.support.shown import t

INJECTIONS = [
    "<!channel>",
    "<!here|here>",
    "<!everyone>",
    "<@U2>",
    "<@U2|boss>",
    "<#C1|general>",
    "<https://evil.example/login|Klikk her>",
    "<!subteam^S123|@sales>",
    "&lt;!channel&gt;",  # already-escaped text must not turn back into markup either
]
MARKUP = re.compile(r"<(?:!|@|#|https?:|mailto:)")


def everything_said(harness: Harness) -> str:
    """Every text and block the bot sent anywhere (messages, ephemerals, response_url, views)."""
    sent: list[Any] = []
    for call in harness.fake.calls:
        if call.method in ("chat.postMessage", "chat.postEphemeral", "chat.update", "response_url"):
            sent += [call.params.get("text"), call.params.get("blocks")]
        elif call.method in ("views.open", "views.publish", "views.update"):
            sent.append(call.params.get("view"))
    return repr(sent)


def injected_markup(said: str, allowed: set[str] = frozenset()) -> list[str]:  # type: ignore[assignment]
    """Markup in what the bot said that it did not put there itself (`allowed`: its own mentions)."""
    found = []
    for match in MARKUP.finditer(said):
        token = said[match.start() : said.find(">", match.start()) + 1]
        if token not in allowed:
            found.append(token)
    return found


@given(st.text(max_size=400), st.integers(min_value=2, max_value=300))
def test_escape_leaves_no_markup_and_keeps_the_bound(text: str, limit: int) -> None:
    assume(not re.search(r":[a-z][a-z0-9_+\-]*:", text) and "\u200b" not in text)  # :tada: is an emoji
    escaped = to_mrkdwn(escape(text, limit))  # as it leaves for Slack
    assert "<" not in escaped and ">" not in escaped
    assert re.fullmatch(r"(?:[^&]|&amp;|&lt;|&gt;)*", escaped, flags=re.S)
    assert not re.search(r"(?<!\u200b)[*_~`]", escaped)  # nothing Slack could format
    shown = html.unescape(escaped).replace("\u200b", "")
    assert len(shown) <= limit
    assert shown == text or (shown.endswith("…") and text.startswith(shown[:-1]))


@pytest.mark.parametrize("word", INJECTIONS)
def test_an_unknown_subcommand_is_echoed_escaped(harness: Harness, word: str) -> None:
    harness.command(f"{word} please", user_id="U3")

    (reply,) = harness.fake.calls_to("response_url")
    assert reply.params["response_type"] == "ephemeral"
    assert t("en", "help.title") in repr(reply.params)
    assert injected_markup(everything_said(harness)) == []
    assert html.escape(word, quote=False)[:10] in str(reply.params["text"])


def test_a_very_long_unknown_subcommand_is_cut_with_an_ellipsis(harness: Harness) -> None:
    harness.command("x" * 3000)

    text = str(harness.fake.calls_to("response_url")[0].params["text"])
    assert t("nb", "help.unknown", word="x" * 39 + "…") in text
    assert "x" * 41 not in text


# -- team names ----------------------------------------------------------------------------------------


def open_form(harness: Harness, user_id: str = "U1") -> dict:
    harness.fake.set_members("C1", ["U1", "U2", "U3", "UBOT"])
    harness.command("setup", user_id=user_id, channel_id="C1")
    return harness.fake.calls_to("views.open")[-1].params["view"]


def submit(harness: Harness, view: dict, name: str, user_id: str = "U1") -> Any:
    return harness.send(
        harness.requests.view_submission(
            user_id=user_id,
            callback_id=view["callback_id"],
            values=state_of(view, {"setup_name": name}),
            private_metadata=view["private_metadata"],
        )
    )


@pytest.mark.parametrize("injection", INJECTIONS)
def test_a_team_name_is_escaped_in_the_confirmation_and_the_refusal(harness: Harness, injection: str) -> None:
    name = f"Salg {injection} Øst"
    submit(harness, open_form(harness), name)
    harness.command("setup", user_id="U2", channel_id="C1")  # not a manager: refused, naming the team

    confirmation = harness.fake.calls_to("chat.postEphemeral")[-1]
    refusal: Call = harness.fake.calls_to("response_url")[-1]
    assert html.escape(name, quote=False) in repr(confirmation.params)
    assert html.escape(name, quote=False) in str(refusal.params["text"])
    assert injected_markup(everything_said(harness), allowed={"<@U1>", "<#C1>"}) == []  # named by us


def test_a_team_name_over_the_limit_is_refused_with_a_clear_message(harness: Harness) -> None:
    view = open_form(harness, user_id="U3")

    response = submit(harness, view, "<!channel> " + "N" * NAME_MAX, user_id="U3")

    assert errors_of(response) == {"setup_name": t("en", "setup.error.name_long")}
    assert harness.fake.calls_to("chat.postEphemeral") == []


# -- coaching --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("injection", INJECTIONS)
def test_the_coaching_free_text_is_never_echoed_as_markup(harness: Harness, injection: str) -> None:
    setup_teams(harness.db, harness.clock())
    harness.fake.add_user("U4")

    harness.command(f"coach <@U4|kari> hun sier {injection} og <@U9> til alle", user_id="U1")
    harness.send(  # the same through a DM that mentions her
        harness.requests.message_event(
            user_id="U1",
            text=f"hva gjør jeg med <@U4>? {injection}",
            channel_id="DU1",
            ts="1800000000.000001",
        )
    )

    assert harness.fake.calls_to("chat.postMessage")  # the dialogue did start
    assert injected_markup(everything_said(harness), allowed={"<@U4>"}) == []
