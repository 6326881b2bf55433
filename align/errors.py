"""Typed errors. Every message is one line a translator can act on."""


class AlignError(Exception):
    """Base class of every error the library raises on purpose."""


# --- reading -----------------------------------------------------------------
class ReadError(AlignError):
    """A document could not be read."""


class EmptyDocumentError(ReadError):
    """The file holds no text."""


class UnsupportedFormatError(ReadError):
    """The file is not TXT, PDF or DOCX (or not what its name says)."""


class CorruptFileError(ReadError):
    """The file is damaged and cannot be parsed."""


class NoTextLayerError(ReadError):
    """A PDF without a text layer (a scan): it needs OCR first."""


class EncryptedFileError(ReadError):
    """A password-protected file."""


class FileTooLargeError(ReadError):
    """The file exceeds the configured size limit."""


class UnsupportedLanguageError(ReadError):
    """The text is not in one of the six UN languages."""


# --- aligning ----------------------------------------------------------------
class AlignmentInputError(AlignError):
    """The documents given to the aligner do not make a valid set."""


class ModelError(AlignError):
    """An embedding model could not be loaded or used."""


# --- review / glossary / export ----------------------------------------------
class StoreError(AlignError):
    """The review database could not be opened or written."""


class ExportError(AlignError):
    """An export could not be written."""
