"""Modals as a user sees and submits them: the initial values of a view's inputs, and the
view.state.values Slack sends when the form is submitted with some inputs changed."""

from __future__ import annotations

import json
from typing import Any

from slack_bolt import BoltResponse


def inputs(view: dict) -> dict[str, dict[str, Any]]:
    return {block["block_id"]: block["element"] for block in view["blocks"] if block["type"] == "input"}


def initial(view: dict) -> dict[str, Any]:
    """What the form shows before anyone touches it, by block id."""
    shown: dict[str, Any] = {}
    for block_id, element in inputs(view).items():
        kind = element["type"]
        if kind == "multi_users_select":
            shown[block_id] = element.get("initial_users", [])
        elif kind == "users_select":
            shown[block_id] = element.get("initial_user")
        elif kind == "static_select":
            shown[block_id] = (element.get("initial_option") or {}).get("value")
        elif kind == "timepicker":
            shown[block_id] = element.get("initial_time")
        elif kind == "checkboxes":
            shown[block_id] = [o["value"] for o in element.get("initial_options", [])]
        else:
            shown[block_id] = element.get("initial_value")
    return shown


def state_of(view: dict, changed: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """view.state.values as Slack submits the form: the initial values, with `changed` typed over them."""
    values: dict[str, dict[str, Any]] = {}
    for block_id, element in inputs(view).items():
        kind, value = element["type"], changed.get(block_id, initial(view)[block_id])
        if kind == "multi_users_select":
            state = {"selected_users": list(value)}
        elif kind == "users_select":
            state = {"selected_user": value}
        elif kind == "static_select":
            option = next((o for o in element["options"] if o["value"] == value), None)
            state = {"selected_option": option}
        elif kind == "timepicker":
            state = {"selected_time": value}
        elif kind == "checkboxes":
            state = {"selected_options": [o for o in element["options"] if o["value"] in value]}
        else:
            state = {"value": value}
        values[block_id] = {element["action_id"]: {"type": kind, **state}}
    return values


def errors_of(response: BoltResponse) -> dict[str, str]:
    assert response.status == 200
    body = json.loads(response.body)
    assert body["response_action"] == "errors"
    return body["errors"]
