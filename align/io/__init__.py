"""Format readers: TXT, PDF, DOCX in; ``RawDocument`` out (see ``align.io.raw``).

``read_document`` (filled in by the reading work) is the one entry point: path or
bytes in, ``align.document.Document`` out.
"""
