"""A local SMTP server (aiosmtpd) and a local webhook (http.server) on 127.0.0.1 that keep
what they receive, for the alert and subscription tests."""

from __future__ import annotations

import email
import email.policy
import json
import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from aiosmtpd.controller import Controller


def _free_port() -> int:
    """A port nothing listens on now (aiosmtpd's Controller cannot take port 0)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Inbox:
    """aiosmtpd handler: every message received, parsed."""

    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        parsed = email.message_from_bytes(envelope.content, policy=email.policy.default)
        self.messages.append((tuple(envelope.rcpt_tos), parsed))
        return "250 OK"

    def to(self, address: str) -> list:
        """The messages sent to one address."""
        return [m for rcpt, m in self.messages if address in rcpt]


class SmtpServer:
    """An SMTP server on 127.0.0.1 for the duration of a with block."""

    def __enter__(self):
        self.inbox = Inbox()
        self.port = _free_port()
        self.controller = Controller(self.inbox, hostname="127.0.0.1", port=self.port)
        self.controller.start()
        return self

    def __exit__(self, *exc):
        self.controller.stop()


class Hook:
    """A webhook on 127.0.0.1 that keeps every JSON body; answers `status`."""

    def __init__(self, status: int = 200):
        self.bodies: list[tuple[str, dict]] = []
        self.status = status
        hook = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                size = int(self.headers["Content-Length"])
                hook.bodies.append((self.path, json.loads(self.rfile.read(size))))
                self.send_response(hook.status)
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"

    def __enter__(self):
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()
