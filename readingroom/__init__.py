"""readingroom: an evidence engine for declassified and diplomatic documents."""

from readingroom.api import Archive, extract
from readingroom.model import Citation, Document, Packet, Paragraph, Span

__version__ = "0.1.0"
__all__ = ["Archive", "Citation", "Document", "Packet", "Paragraph", "Span", "extract", "__version__"]
