"""Slack's renderer of the neutral markup (bot/messages/mrkdwn.py), and that it is applied on the wire."""

from __future__ import annotations

import json
import re

from hypothesis import assume, given
from hypothesis import strategies as st
from slack_sdk.models.blocks import SectionBlock
from slack_sdk.models.blocks.basic_components import MarkdownTextObject, PlainTextObject

from bot.messages import Message, escape
from bot.messages.mrkdwn import RenderingAck, RenderingClient, rendered_blocks, rendered_payload, to_mrkdwn
from coaching.i18n import CATALOGS
from coaching.markup import escape as markup_escape
from tests.support.fake_slack import FakeSlack
from tests.support.markup_check import unrendered_ack

ZWSP = "\u200b"
TRICKY = st.text(alphabet=st.sampled_from(list("ab *_~`[]()\\@#:<>&!UC1|\n")) | st.characters(), max_size=60)


def shown(mrkdwn: str) -> str:
    """What Slack shows of literal mrkdwn text: its escapes undone, the zero-width spaces invisible."""
    return mrkdwn.replace(ZWSP, "").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def test_every_kind_of_span():
    text = "**Hei @[U1]** _x_ `/balanse <x>` [Fortsett her](https://a.b/c) #[C9] :lock:\n> sitat"
    assert to_mrkdwn(text) == (
        "*Hei <@U1>* _x_ `/balanse &lt;x&gt;` <https://a.b/c|Fortsett her> <#C9> :lock:\n> sitat"
    )


def test_user_input_comes_out_literally():
    for typed in (
        "*hei*",
        "_x_",
        "~nei~",
        "<script>alert(1)</script>",
        "@[U1]",
        "#[C1]",
        "<!channel>",
        "`x`",
    ):
        rendered = to_mrkdwn(f"**Team:** {markup_escape(typed)}")
        assert rendered.startswith("*Team:* ")
        literal = rendered.removeprefix("*Team:* ")
        assert shown(literal) == typed
        assert not re.search(r"(?<!\u200b)[*_~`]", literal), literal  # nothing Slack could format
        assert ("<" not in literal and "@[" not in literal.replace(ZWSP, "")) or "@\u200b[" in literal


@given(TRICKY)
def test_escaped_text_shows_as_typed(text):
    assume(not re.search(r":[a-z][a-z0-9_+\-]*:", text))  # a typed :tada: is an emoji, in Slack too
    rendered = to_mrkdwn(markup_escape(text))
    assert shown(rendered) == text
    assert "<" not in rendered and ">" not in rendered
    assert not re.search(r"(?<!\u200b)[*_~`]", rendered)


def test_a_link_slack_cannot_hold_is_spelled_out():
    assert to_mrkdwn("[her](https://a.b/x|y)") == "her (https://a.b/x|y)"


def test_payloads_render_text_objects_and_fallback_once():
    message = Message(
        "**Hei** @[U1]",
        [
            SectionBlock(text=MarkdownTextObject(text="**b** &")),
            SectionBlock(text=PlainTextObject(text="**p**")),
        ],
    )
    payload = rendered_payload("chat.postMessage", message.as_kwargs())
    assert payload["text"] == "*Hei* <@U1>"
    assert payload["blocks"][0]["text"]["text"] == "*b* &amp;"
    assert payload["blocks"][1]["text"]["text"] == "p"
    view = {"type": "modal", "title": {"type": "plain_text", "text": "**T**"}, "blocks": []}
    assert rendered_payload("views.open", {"view": view})["view"]["title"]["text"] == "T"
    assert rendered_payload("conversations.open", {"text": "**x**"}) == {"text": "**x**"}
    assert rendered_blocks([{"type": "mrkdwn", "text": "a_b"}]) == [{"type": "mrkdwn", "text": f"a{ZWSP}_b"}]


def test_the_bots_client_renders_on_the_way_out(own_fake: FakeSlack):
    client = RenderingClient(token="xoxb-test", base_url=own_fake.url)
    client.chat_postMessage(channel="C1", text=f"**{escape('<!channel> *x*')}**")
    assert own_fake.calls_to("chat.postMessage")[0].params["text"] == f"*&lt;!channel&gt; {ZWSP}*x{ZWSP}**"
    assert not own_fake.unrendered


def test_the_fake_catches_markup_the_bot_forgot_to_render(own_fake: FakeSlack):
    from slack_sdk import WebClient

    WebClient(token="xoxb-test", base_url=own_fake.url).chat_postMessage(channel="C1", text="**Hei** @[U1]")
    assert own_fake.unrendered == ["chat.postMessage: '**Hei** @[U1]'"]
    own_fake.unrendered.clear()  # the fixture would fail this test otherwise, as it fails any other


def test_every_catalog_entry_renders_without_markup_left():
    for locale, catalog in CATALOGS.items():
        for key, template in catalog.items():
            rendered = to_mrkdwn(template)
            assert "**" not in rendered and "@[" not in rendered, (locale, key, rendered)


def test_acks_render_errors_as_plain_text_and_the_harness_checks_them():
    ack = RenderingAck()
    ack(response_action="errors", errors={"coach_text": "**Høyst** 500 tegn, @[U1]"})
    assert ack.response is not None
    assert json.loads(ack.response.body)["errors"] == {"coach_text": "Høyst 500 tegn, @U1"}
    assert unrendered_ack(ack.response.body) == []
    assert unrendered_ack('{"response_action": "errors", "errors": {"x": "**a**"}}') == ["ack: '**a**'"]
