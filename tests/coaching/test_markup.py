"""The neutral markup (coaching/markup.py): the parser every front end shares, escape() and plain()."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from coaching.markup import Span, channel, escape, person, plain, spans

TRICKY = st.text(alphabet=st.sampled_from(list("ab *_`[]()\\@#:<>&!UC1\n")) | st.characters(), max_size=60)


def test_each_kind_of_span():
    text = "**{n} korte** og _kursiv_ `/balanse setup` [Fortsett her](https://a.b/c?x=1) @[U1AB] #[C9] :lock:"
    assert [span.kind for span in spans(text) if span.kind != "text"] == [
        "bold",
        "italic",
        "code",
        "link",
        "person",
        "channel",
        "emoji",
    ]
    bold, italic, code, link, who, where, emoji = (span for span in spans(text) if span.kind != "text")
    assert bold.children == (Span("text", "{n} korte"),)
    assert italic.children == (Span("text", "kursiv"),)
    assert code.text == "/balanse setup"
    assert (link.children, link.target) == ((Span("text", "Fortsett her"),), "https://a.b/c?x=1")
    assert (who.target, where.target, emoji.text) == ("U1AB", "C9", "lock")


def test_nesting_and_quotes():
    assert spans("> sitat **@[U1]**") == (
        Span("quote"),
        Span("text", "sitat "),
        Span("bold", children=(Span("person", target="U1"),)),
    )
    assert spans("a\n> b") == (Span("text", "a\n"), Span("quote"), Span("text", "b"))


def test_what_only_looks_like_markup_stays_text():
    for text in (
        "kl. 09:00: møte",
        "min_respondents og snake_case",
        "3 * 4 = 12",
        "[lenke](javascript:x)",
        "@[kari]",
    ):
        assert spans(text) == (Span("text", text),), text


def test_user_input_comes_out_literally():
    for typed in (
        "*hei*",
        "_x_",
        "<script>alert(1)</script>",
        "@[U1]",
        "#[C1]",
        "`kode`",
        "[a](https://x.y)",
        "\\",
    ):
        assert spans(escape(typed)) == (Span("text", typed),), typed
        assert plain(f"**{escape(typed)}**") == typed


def test_tokens_and_plain():
    assert person("U1") == "@[U1]" and channel("C1") == "#[C1]"
    assert plain("**Hei @[U1]**, se [her](https://a.b) :lock:", {"U1": "Kari"}) == (
        "Hei @Kari, se her (https://a.b) :lock:"
    )
    assert plain("> @[U2] i #[C1]") == "@U2 i #C1"


@given(TRICKY)
def test_escaped_text_is_one_literal_span(text):
    assert {span.kind for span in spans(escape(text))} <= {"text", "emoji"}  # a typed :tada: is an emoji
    assert plain(escape(text)) == text


@given(TRICKY)
def test_the_parser_takes_anything(text):
    assert isinstance(plain(text), str)  # never raises, whatever is typed
    assert all(span.kind != "text" or span.text for span in spans(text))
