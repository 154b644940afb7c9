"""A team's name is typed by whoever sets the team up, and the bot repeats it to other people: in the notices
to its sellers and managers, the reply to `/balanse leave`, the coaching dialogue and the leader's self-view.
Everywhere, it is shown as text: no `<!channel>`, mention or link can ride on it (test_escaping.py covers the
setup form's own replies)."""

from __future__ import annotations

from tests.security.test_escaping import injected_markup
from tests.support.harness import Harness, running
from tests.support.seeded_runs import all_but_the_last
from tests.support.self_views import leader, published_team
from tests.support.team_setup import CHANNEL, open_setup, submit

NAME = "Salg <https://evil.example/login|Slett dataene dine her> <!channel> <@U2>"
OWN = {"<@U1>", "<@U2>", "<@U3>", "<@UKARI>", f"<#{CHANNEL}>", "<#CWEST>"}
"""What the bot itself mentions: the people and channels the messages are about."""


def messages_said(harness: Harness) -> str:
    """Every message the bot sent (the setup form's own input shows the name as typed: plain text)."""
    methods = ("chat.postMessage", "chat.postEphemeral", "chat.update", "response_url")
    return repr(
        [(c.params.get("text"), c.params.get("blocks")) for c in harness.fake.calls if c.method in methods]
    )


def test_the_notices_and_the_leave_reply_show_the_team_name_as_text(harness: Harness) -> None:
    harness.fake.add_user("UKARI", name="Kari")
    harness.fake.set_members(CHANNEL, ["U1", "U2", "UKARI", "UBOT"])
    harness.fake.set_members("CWEST", ["U1", "U3", "UKARI", "UBOT"])
    with running(harness) as runtime:
        assert runtime.notices is not None
        submit(harness, open_setup(harness), setup_name=NAME, setup_members=["U2", "UKARI"])
        runtime.notices.send_pending()  # the welcome to U2 and Kari
        submit(harness, open_setup(harness), setup_managers=["U1", "U3"])
        runtime.notices.send_pending()  # U2 and Kari: who sees the figures changed
        west = open_setup(harness, channel_id="CWEST")
        submit(harness, west, setup_name=f"{NAME} Vest", setup_members=["UKARI"])
        runtime.notices.send_pending()  # U3 (manager of the first team): Kari moved; Kari: welcome
        harness.command("leave", user_id="U2")

    said = messages_said(harness)
    assert "evil.example" in said  # the name was shown ...
    assert injected_markup(said, allowed=OWN) == []  # ... as text


def test_the_coaching_dialogue_shows_the_team_name_as_text(harness: Harness) -> None:
    harness.fake.add_user("UKARI", name="Kari")
    harness.fake.set_members(CHANNEL, ["U1", "UKARI", "UBOT"])
    submit(harness, open_setup(harness), setup_name=NAME, setup_members=["UKARI"])
    harness.fake.reset()

    harness.command("coach <@UKARI|kari>")

    said = messages_said(harness)
    assert "evil.example" in said
    assert injected_markup(said, allowed=OWN) == []


def test_the_self_view_shows_the_team_name_as_text(harness: Harness) -> None:
    published_team(harness.db, "U1", name=NAME)
    all_but_the_last(harness, "U1", "nb", leader(4, 4, 4))  # the name is in the result, not the questions

    harness.command("selv", user_id="U1")
    harness.answer_all(leader(4, 4, 4), user_id="U1")

    said = messages_said(harness)
    assert "evil.example" in said
    assert injected_markup(said, allowed=OWN) == []
