"""Helpers for the operations tests: plain HTTP against a running server, outside any Slack client."""

from __future__ import annotations

import http.client


def probe(port: int, path: str, method: str = "GET") -> tuple[int, str]:
    """(status, body) of one request to 127.0.0.1:`port`, as a load balancer's probe makes it."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.request(method, path)
        response = connection.getresponse()
        return response.status, response.read().decode()
    finally:
        connection.close()
