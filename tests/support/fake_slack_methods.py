"""The Web API methods the fake Slack (tests/support/fake_slack.py) carries out: what Slack does and
answers for each, on the fake's state. A mixin of `FakeSlack`, which owns the state, the lock, the message
store and the ids; kept apart so the server and its configuration read on their own."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from tests.support.fake_slack_messages import MessageStore
from tests.support.fake_slack_types import Params, _State, truthy
from tests.support.fake_slack_workspaces import TEAM_ID

BOT_USER_ID = "UBOT"
BOT_ID = "BBOT"


class SlackMethods:
    _lock: threading.Lock
    _state: _State
    messages: MessageStore
    root_url: str
    _next_ts: Callable[[], str]
    _next_id: Callable[[str], str]

    def _auth_test(self, params: Params) -> dict[str, Any]:
        answer = {"url": "https://test.slack.com/", "team": "Test team", "user": "balansebrett"}
        return answer | {"team_id": TEAM_ID, "user_id": BOT_USER_ID, "bot_id": BOT_ID}

    @staticmethod
    def _channel_for(channel: str) -> str:
        # Like Slack, posting to a user id answers with the id of the DM channel.
        return "D" + channel if channel.startswith(("U", "W")) else channel

    def _chat_post_message(self, params: Params) -> dict[str, Any]:
        ts = self._next_ts()
        message: dict[str, Any] = {
            "type": "message",
            "text": params.get("text", ""),
            "blocks": params.get("blocks", []),
            "user": BOT_USER_ID,
            "bot_id": BOT_ID,
            "ts": ts,
        }
        if params.get("thread_ts"):
            message["thread_ts"] = params["thread_ts"]
        if isinstance(params.get("metadata"), dict):
            message["metadata"] = params["metadata"]
        channel = self._channel_for(str(params.get("channel", "")))
        self.messages.add(channel, message)
        return {"channel": channel, "ts": ts, "message": message}

    def _chat_update(self, params: Params) -> dict[str, Any]:
        channel, ts = str(params.get("channel", "")), str(params.get("ts", ""))
        if not self.messages.update(
            channel, ts, {"text": params.get("text"), "blocks": params.get("blocks")}
        ):
            return {"error": "message_not_found"}  # as Slack answers for a message it does not have
        return {"channel": channel, "ts": ts, "text": params.get("text", "")}

    def _chat_delete(self, params: Params) -> dict[str, Any]:
        channel, ts = str(params.get("channel", "")), str(params.get("ts", ""))
        if not self.messages.delete(channel, ts):
            return {"error": "message_not_found"}
        return {"channel": channel, "ts": ts}

    def _chat_get_permalink(self, params: Params) -> dict[str, Any]:
        # Like Slack: only for a message the conversation still shows (message_not_found once deleted).
        channel, ts = str(params.get("channel", "")), str(params.get("message_ts", ""))
        if not self.messages.has(channel, ts):
            return {"error": "message_not_found"}
        return {
            "channel": channel,
            "permalink": f"https://test.slack.com/archives/{channel}/p{ts.replace('.', '')}",
        }

    def _conversations_open(self, params: Params) -> dict[str, Any]:
        users = [u for u in str(params.get("users", "")).split(",") if u]
        if not users:
            return {"error": "users_list_not_supplied"}
        with self._lock:
            known = [self._state.users.get(u) for u in users]
        if any(u is not None and u["deleted"] for u in known):
            return {"error": "user_disabled"}
        channel_id = "D" + users[0] if len(users) == 1 else "G" + "".join(users)
        return {"channel": {"id": channel_id}}

    def _conversations_members(self, params: Params) -> dict[str, Any]:
        with self._lock:
            members = self._state.members.get(str(params.get("channel", "")))
        if members is None:
            return {"error": "channel_not_found"}
        # Cursor pagination: the cursor is the offset into the member list.
        start = int(params.get("cursor") or 0)
        limit = int(params.get("limit") or 0) or len(members) or 1
        page = members[start : start + limit]
        next_cursor = str(start + limit) if start + limit < len(members) else ""
        return {"members": page, "response_metadata": {"next_cursor": next_cursor}}

    def _users_info(self, params: Params) -> dict[str, Any]:
        with self._lock:
            user = self._state.users.get(str(params.get("user", "")))
        if user is None:
            return {"error": "user_not_found"}
        user = dict(user)
        if not truthy(params.get("include_locale")):
            user.pop("locale")
        return {"user": user}

    def _usergroup_users(self, params: Params) -> dict[str, Any]:
        with self._lock:
            users = self._state.groups.get(str(params.get("usergroup", "")))
        if users is None:
            return {"error": "no_such_subteam"}
        return {"users": list(users)}

    def _views_publish(self, params: Params) -> dict[str, Any]:
        view = params.get("view")
        view = dict(view) if isinstance(view, dict) else {}
        view_id = params.get("view_id") or self._next_id("V")
        view.update({"id": view_id, "team_id": TEAM_ID, "app_id": "A1", "bot_id": BOT_ID})
        return {"view": view}

    def _files_get_upload_url(self, params: Params) -> dict[str, Any]:
        file_id = self._next_id("F")
        with self._lock:
            self._state.file_names[file_id] = str(params.get("filename") or "")
        return {"upload_url": f"{self.root_url}/upload/{file_id}", "file_id": file_id}

    def _files_complete_upload(self, params: Params) -> dict[str, Any]:
        files = params.get("files")
        files = files if isinstance(files, list) else []
        shared = [{"id": f.get("id"), "title": f.get("title"), "name": self._file_name(f)} for f in files]
        channel = str(params.get("channel_id") or params.get("channels") or "")
        if channel:
            # Like Slack: sharing files posts a message (by the bot) that shows them, in the thread if given.
            message: dict[str, Any] = {
                "type": "message",
                "text": str(params.get("initial_comment") or ""),
                "user": BOT_USER_ID,
                "bot_id": BOT_ID,
                "ts": self._next_ts(),
                "files": shared,
            }
            if params.get("thread_ts"):
                message["thread_ts"] = params["thread_ts"]
            self.messages.add(self._channel_for(channel), message)
        return {"files": [{"id": f["id"], "title": f["title"]} for f in shared]}

    def _file_name(self, file: Params) -> str:
        """The name given to files.getUploadURLExternal for this file id."""
        with self._lock:
            return self._state.file_names.get(str(file.get("id")), "")
