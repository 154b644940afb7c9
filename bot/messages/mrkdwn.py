"""Slack's renderer of the neutral markup (coaching/markup.py), and where it is applied: on the wire.

Every text the bot builds (catalog entries, Block Kit builders, notes) carries the neutral markup. The
WebClient (`RenderingClient`) and the `respond` of slash commands and buttons (`RenderingRespond`) render
each payload just before it leaves: the fallback `text` and every `mrkdwn` text object become Slack mrkdwn,
every `plain_text` object plain text. No builder or listener can forget it, and none renders twice.

Slack mrkdwn has no escape character for `*`, `_`, `~` and backticks: a literal one gets a zero-width space
before it, so `*hei*` typed by a seller shows as typed and is never bold. `&`, `<` and `>` become
`&amp;`, `&lt;` and `&gt;` (Slack's own escaping), so nobody's text can mention `<!channel>` or link.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from functools import lru_cache
from typing import Any, Final

from slack_bolt import BoltContext
from slack_bolt.context.respond import Respond
from slack_sdk import WebClient
from slack_sdk.models.blocks import Block
from slack_sdk.web import SlackResponse

from bot.bolt_workarounds import StickyAck
from bot.post_meter import meter_of
from coaching.markup import Span, plain, render

_ZERO_WIDTH: Final = "\u200b"
_FORMATTING: Final = frozenset("*_~`")
_TEXT_METHODS: Final = frozenset(
    {"chat.postMessage", "chat.postEphemeral", "chat.update", "chat.scheduleMessage", "chat.meMessage"}
)
_VIEW_METHODS: Final = frozenset({"views.open", "views.push", "views.update", "views.publish"})


def _escaped(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _literal(text: str) -> str:
    """Text that Slack shows as it is: no formatting, no mentions or links, no `@[` or `#[` left to look like a token."""
    shown = "".join(_ZERO_WIDTH + char if char in _FORMATTING else char for char in _escaped(text))
    return shown.replace("@[", "@" + _ZERO_WIDTH + "[").replace("#[", "#" + _ZERO_WIDTH + "[")


def _safe_url(url: str) -> bool:
    return not set("<>| ") & set(url)


def _span(span: Span) -> str:
    match span.kind:
        case "text":
            return _literal(span.text)
        case "bold":
            return "*" + "".join(_span(child) for child in span.children) + "*"
        case "italic":
            return "_" + "".join(_span(child) for child in span.children) + "_"
        case "code":
            return "`" + _escaped(span.text) + "`"
        case "link":
            label = "".join(_span(child) for child in span.children).replace("|", "¦")
            if _safe_url(span.target):
                return f"<{span.target}|{label}>"
            return f"{label} ({_literal(span.target)})"
        case "person":
            return f"<@{span.target}>"
        case "channel":
            return f"<#{span.target}>"
        case "emoji":
            return f":{span.text}:"
        case _:  # quote
            return "> "


_REMEMBERED: Final = 4096
"""Rendered texts kept (a pure function of the text): the same catalog texts, question wordings and button
labels go out with every answer, and parsing them again was most of what rendering cost."""
_REMEMBERED_LENGTH: Final = 3000
"""Longer texts (a summary, a report's notes) are rendered each time: rare, and not worth the memory."""


@lru_cache(maxsize=_REMEMBERED)
def _remembered_mrkdwn(text: str) -> str:
    return render(text, _span)


@lru_cache(maxsize=_REMEMBERED)
def _remembered_plain(text: str) -> str:
    return plain(text)


def to_mrkdwn(text: str) -> str:
    """The neutral markup as Slack mrkdwn."""
    return _remembered_mrkdwn(text) if len(text) <= _REMEMBERED_LENGTH else render(text, _span)


def to_plain_text(text: str) -> str:
    """The neutral markup for a `plain_text` object: no markup, emoji shortcodes kept (`emoji: true`)."""
    return _remembered_plain(text) if len(text) <= _REMEMBERED_LENGTH else plain(text)


def rendered_blocks(value: Any) -> Any:
    """Blocks, a view, or anything inside them, with every text object rendered (dicts copied, not changed)."""
    kind = type(value)
    if kind is str or kind is bool or kind is int:  # most leaves; skips the ABC checks below
        return value
    if isinstance(value, Block):
        value = value.to_dict()
    if kind is dict or isinstance(value, Mapping):
        text_type, text = value.get("type"), value.get("text")
        copy = {key: rendered_blocks(item) for key, item in value.items()}
        if isinstance(text, str) and text_type == "mrkdwn":
            copy["text"] = to_mrkdwn(text)
        elif isinstance(text, str) and text_type == "plain_text":
            copy["text"] = to_plain_text(text)
        if isinstance(copy.get("alt_text"), str):
            copy["alt_text"] = to_plain_text(copy["alt_text"])
        return copy
    if kind is list or (isinstance(value, Sequence) and not isinstance(value, str)):
        return [rendered_blocks(item) for item in value]
    return value


def rendered_payload(method: str, payload: Mapping[str, Any]) -> dict[str, Any]:
    """The arguments of one Web API call with the texts rendered (only for methods that carry texts)."""
    out = dict(payload)
    if method in _TEXT_METHODS or method == "response_url":
        if isinstance(out.get("text"), str):
            out["text"] = to_mrkdwn(out["text"])
        for key in ("blocks", "attachments"):
            if isinstance(out.get(key), Sequence) and not isinstance(out.get(key), str):
                out[key] = rendered_blocks(out[key])
    elif method in _VIEW_METHODS and isinstance(out.get("view"), Mapping):
        out["view"] = rendered_blocks(out["view"])
    elif method == "files.completeUploadExternal" and isinstance(out.get("initial_comment"), str):
        out["initial_comment"] = to_mrkdwn(out["initial_comment"])
    return out


class RenderingClient(WebClient):
    """The bot's WebClient: every text-bearing call is rendered to Slack mrkdwn on its way out."""

    @classmethod
    def like(cls, client: WebClient, team_id: str | None = None) -> RenderingClient:
        """A rendering copy of `client` (as Bolt copies the app's client for each request)."""
        return cls(
            token=client.token,
            base_url=client.base_url,
            timeout=client.timeout,
            ssl=client.ssl,
            proxy=client.proxy,
            headers=client.headers,
            team_id=team_id,
            logger=client.logger,
            retry_handlers=client.retry_handlers.copy() if client.retry_handlers is not None else None,
        )

    def api_call(  # type: ignore[override]
        self,
        api_method: str,
        *,
        json: dict[str, Any] | None = None,
        params: dict[str, Any] | None = None,
        **kwargs: Any,
    ) -> SlackResponse:
        if json is not None:
            json = rendered_payload(api_method, json)
        if params is not None:
            params = rendered_payload(api_method, params)
        return super().api_call(api_method, json=json, params=params, **kwargs)

    def _perform_urllib_http_request_internal(self, url: str, req: Any) -> dict[str, Any]:
        """Each attempt, retries included: a post is counted against its workspace's budget."""
        if url.rsplit("/", 1)[-1] == "chat.postMessage":
            meter = meter_of(self)
            if meter is not None:
                meter.charge(self.default_params.get("team_id"))
        return super()._perform_urllib_http_request_internal(url, req)  # type: ignore[no-any-return]


class RenderingRespond(Respond):
    """`respond` (the response_url of a command or a button), rendered like the WebClient's calls."""

    def __call__(  # type: ignore[override]
        self,
        text: str | dict[str, Any] = "",
        blocks: Sequence[dict[str, Any] | Block] | None = None,
        **kwargs: Any,
    ) -> Any:
        if isinstance(text, dict):
            return super().__call__(rendered_payload("response_url", text), **kwargs)
        return super().__call__(to_mrkdwn(text), rendered_blocks(blocks) if blocks else blocks, **kwargs)


class RenderingAck(StickyAck):
    """`ack()` (sticky, bot/bolt_workarounds.py) whose errors and view are rendered: an error under a modal's
    input is plain text, a view's texts as in views.update."""

    def __call__(self, *args: Any, **kwargs: Any) -> Any:  # type: ignore[override]
        if isinstance(kwargs.get("errors"), Mapping):
            kwargs["errors"] = {key: to_plain_text(text) for key, text in kwargs["errors"].items()}
        if kwargs.get("view") is not None:
            kwargs["view"] = rendered_blocks(kwargs["view"])
        return super().__call__(*args, **kwargs)


def render_on_the_way_out(context: BoltContext, next: Callable[[], None]) -> None:
    """A global middleware: the request's `client` (Bolt makes a plain WebClient per request), `say`,
    `respond` and `ack` render what they send; the ack is sticky too (bot/bolt_workarounds.py)."""
    context["ack"] = RenderingAck()
    client = context.get("client")
    if isinstance(client, WebClient) and not isinstance(client, RenderingClient):
        context["client"] = RenderingClient.like(client, context.team_id)
        context.pop("say", None)  # made again, from the rendering client, when a listener asks for it
    respond = context.respond
    if respond is not None and not isinstance(respond, RenderingRespond):
        context["respond"] = RenderingRespond(
            response_url=respond.response_url, proxy=respond.proxy, ssl=respond.ssl
        )
    next()
