"""The optional writer: prose from an OpenAI-compatible endpoint is verified sentence by sentence.

The endpoint here is a small local HTTP server speaking the chat-completions protocol (we ship no model and
cannot run one in CI); the request, the response and the verification are all real."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest

from readingroom.api import Archive
from readingroom.inquire.writer import WriterNotConfigured

from .conftest import SEED

PROSE = (
    'The Department judged that there was "insufficient justification to retain a UN peacekeeping presence in '
    'Rwanda" [1]. It also said the UN was "eager to stay and fight" [1]. Peacekeepers were brave. '
    "The talking points held that there was no role for a peacekeeping force [2]."
)


class _Endpoint(BaseHTTPRequestHandler):
    requests: list = []

    def do_POST(self):  # noqa: N802
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        _Endpoint.requests.append((self.path, body))
        payload = json.dumps({"choices": [{"message": {"role": "assistant", "content": PROSE}}]}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def log_message(self, *args):
        pass


@pytest.fixture
def endpoint(monkeypatch):
    server = HTTPServer(("127.0.0.1", 0), _Endpoint)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    monkeypatch.setenv("READINGROOM_LLM_URL", f"http://127.0.0.1:{server.server_port}/v1")
    monkeypatch.setenv("READINGROOM_LLM_MODEL", "test-model")
    yield
    server.shutdown()


def test_prose_keeps_only_verified_cited_sentences(tmp_path, endpoint):
    with Archive(str(tmp_path / "a.db")) as a:
        a.ingest([SEED])
        answer = a.ask("Why did the U.S. State Department want to withdraw all UNAMIR forces from Rwanda?", write=True)
    path, body = _Endpoint.requests[-1]
    assert path == "/v1/chat/completions" and body["model"] == "test-model"
    assert "[1]" in body["messages"][0]["content"]  # the evidence was numbered for the model
    prose = answer.prose
    assert '"insufficient justification to retain a UN peacekeeping presence in Rwanda" [1]' in prose["text"]
    assert "no role for a peacekeeping force [2]" in prose["text"]
    reasons = {d["reason"].split(":")[0] for d in prose["dropped"]}
    assert "quotes words not in the cited source" in reasons  # "eager to stay and fight" is invented
    assert "cites no evidence" in reasons  # "Peacekeepers were brave."
    assert "eager to stay" not in prose["text"] and "brave" not in prose["text"]


def test_without_a_configured_model_write_is_a_clear_error(tmp_path, monkeypatch):
    monkeypatch.delenv("READINGROOM_LLM_URL", raising=False)
    with Archive(str(tmp_path / "a.db")) as a:
        a.ingest([SEED])
        assert a.ask("Why was UNAMIR withdrawn?").prose is None  # offline: evidence only
        with pytest.raises(WriterNotConfigured, match="READINGROOM_LLM_URL"):
            a.ask("Why was UNAMIR withdrawn?", write=True)
