"""Optional prose answers from a language model the user runs (any OpenAI-compatible endpoint, e.g. a local
Ollama or llama.cpp server), held to the same standard as everything else: every quotation in the prose must
be the source's exact words and every sentence must cite evidence it draws on. Sentences that fail are dropped
and reported, never shown as if they were supported.

Configure with READINGROOM_LLM_URL (e.g. http://localhost:11434/v1), READINGROOM_LLM_MODEL and, if the
server wants one, READINGROOM_LLM_KEY. With nothing configured, `ask` works as before, offline.
"""

from __future__ import annotations

import json
import os
import re
import urllib.request
from dataclasses import dataclass, field

from readingroom.errors import ReadingroomError

PROMPT = """You answer a student's question about historical documents using ONLY the numbered evidence below.
Write 2-5 sentences. End every sentence with the number of the evidence it relies on, like [1] or [2][3].
When you quote, copy the exact words inside double quotes. Do not add facts that are not in the evidence.

Question: {question}

Evidence:
{evidence}
"""
_CITE = re.compile(r"\[(\d+)\]")
_QUOTED = re.compile(r"[“\"]([^”\"]{3,})[”\"]")
_SENTENCE = re.compile(r"[^.!?]+(?:[.!?]+(?:\s*\[\d+\])*|$)")


class WriterNotConfigured(ReadingroomError):
    code = "RR600"


@dataclass
class Prose:
    text: str
    model: str
    dropped: list[dict[str, str]] = field(default_factory=list)


def write(question: str, evidence: list, source_texts: dict[str, str], timeout: float = 120.0) -> Prose:
    """`evidence` are inquire.Evidence; `source_texts` maps doc_id to its stored text, for verification."""
    url = os.environ.get("READINGROOM_LLM_URL")
    if not url:
        raise WriterNotConfigured("no language model configured", "set READINGROOM_LLM_URL (and READINGROOM_LLM_MODEL)")
    model = os.environ.get("READINGROOM_LLM_MODEL", "llama3")
    listing = "\n".join(f"[{i}] ({e.title or e.source_id}, ¶{e.locator}) {e.quote}" for i, e in enumerate(evidence, 1))
    body = {"model": model, "temperature": 0,
            "messages": [{"role": "user", "content": PROMPT.format(question=question, evidence=listing)}]}  # fmt: skip
    raw = _post(url.rstrip("/") + "/chat/completions", body, timeout)
    return verify_prose(raw, evidence, source_texts, model)


def _post(url: str, body: dict, timeout: float) -> str:
    headers = {"Content-Type": "application/json"}
    if key := os.environ.get("READINGROOM_LLM_KEY"):
        headers["Authorization"] = f"Bearer {key}"
    request = urllib.request.Request(url, json.dumps(body).encode(), headers)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 (the user's own endpoint)
            data = json.load(response)
        return str(data["choices"][0]["message"]["content"])
    except (OSError, KeyError, IndexError, ValueError) as e:
        raise ReadingroomError(f"language model at {url} failed: {e}", "check READINGROOM_LLM_URL and the server") from None


def verify_prose(raw: str, evidence: list, source_texts: dict[str, str], model: str = "") -> Prose:
    kept, dropped = [], []
    for m in _SENTENCE.finditer(raw.strip()):
        sentence = m.group(0).strip()
        if not sentence:
            continue
        cited = [int(n) for n in _CITE.findall(sentence)]
        if not cited or any(not 1 <= n <= len(evidence) for n in cited):
            dropped.append({"sentence": sentence, "reason": "cites no evidence" if not cited else "cites evidence that does not exist"})
            continue
        texts = [source_texts.get(evidence[n - 1].doc_id, "") for n in cited]
        bad = [q for q in _QUOTED.findall(sentence) if not any(q in " ".join(t.split()) or q in t for t in texts)]
        if bad:
            dropped.append({"sentence": sentence, "reason": f"quotes words not in the cited source: “{bad[0]}”"})
            continue
        kept.append(sentence)
    return Prose(" ".join(kept), model, dropped)
