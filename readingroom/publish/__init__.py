"""Publish stage: citations now; lesson sets as HTML, Markdown and PDF to follow."""
