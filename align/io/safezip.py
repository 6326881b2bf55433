"""Reading untrusted ZIP packages (DOCX, XLSX) and their XML parts safely.

Limits are checked on what is actually decompressed, not on what the ZIP directory
claims, so a forged header cannot smuggle a bomb past them. XML parts are parsed with
entity resolution, DTD loading and network access off, and a part that declares a
DOCTYPE at all is refused (Office never writes one): no billion laughs, no external
entities.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass

from lxml import etree

from align.errors import CorruptFileError, FileTooLargeError

#: most members a package may have (a large real DOCX has a few hundred)
MAX_MEMBERS = 5000
#: most bytes one member may decompress to
MAX_MEMBER_BYTES = 256 * 1024 * 1024
#: most bytes all members read together may decompress to
MAX_TOTAL_BYTES = 512 * 1024 * 1024
#: highest compression ratio tolerated for a member above RATIO_FLOOR bytes
MAX_RATIO = 200
RATIO_FLOOR = 1024 * 1024
CHUNK = 1 << 16

DOCTYPE_RE = re.compile(rb"<!\s*(?:DOCTYPE|ENTITY)", re.I)


@dataclass
class Limits:
    """Caps applied while reading a package (tests lower them)."""

    members: int = MAX_MEMBERS
    member_bytes: int = MAX_MEMBER_BYTES
    total_bytes: int = MAX_TOTAL_BYTES
    ratio: int = MAX_RATIO


class SafeZip:
    """A ZIP package opened from bytes, with every read capped.

    Raises:
        CorruptFileError: not a ZIP file, or damaged.
        FileTooLargeError: too many members, or a member (or all of them) too large or
            too highly compressed (a zip bomb).
    """

    def __init__(self, data: bytes, name: str, limits: Limits | None = None) -> None:
        self.name = name
        self.limits = limits or Limits()
        self._read_total = 0
        try:
            self._zip = zipfile.ZipFile(io.BytesIO(data))
            infos = self._zip.infolist()
        except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError) as exc:
            raise CorruptFileError(f"{name} is not a valid Word/ZIP package ({exc})") from None
        if len(infos) > self.limits.members:
            raise FileTooLargeError(
                f"{name} holds {len(infos)} parts (limit {self.limits.members}): refusing it"
            )
        self._infos = {i.filename: i for i in infos}

    def names(self) -> list[str]:
        return list(self._infos)

    def has(self, member: str) -> bool:
        return member in self._infos

    def read(self, member: str) -> bytes:
        """Decompress one member, stopping as soon as a limit is crossed."""
        info = self._infos.get(member)
        if info is None:
            raise CorruptFileError(f"{self.name} lacks the part {member}: the file is damaged")
        lim = self.limits
        out = bytearray()
        try:
            with self._zip.open(info) as fh:
                while True:
                    chunk = fh.read(CHUNK)
                    if not chunk:
                        break
                    out.extend(chunk)
                    self._check(member, len(out), info.compress_size)
        except (zipfile.BadZipFile, EOFError, OSError, ValueError, NotImplementedError) as exc:
            raise CorruptFileError(f"{self.name}: part {member} is damaged ({exc})") from None
        except RuntimeError as exc:  # encrypted member
            raise CorruptFileError(f"{self.name}: part {member} cannot be read ({exc})") from None
        self._read_total += len(out)
        if self._read_total > lim.total_bytes:
            raise FileTooLargeError(
                f"{self.name} decompresses to more than {lim.total_bytes // 2**20} MB: refusing it"
            )
        return bytes(out)

    def _check(self, member: str, size: int, packed: int) -> None:
        lim = self.limits
        if size > lim.member_bytes:
            raise FileTooLargeError(
                f"{self.name}: part {member} decompresses to more than "
                f"{lim.member_bytes // 2**20} MB: refusing it"
            )
        if size > RATIO_FLOOR and size > lim.ratio * max(packed, 1):
            raise FileTooLargeError(
                f"{self.name}: part {member} is compressed more than {lim.ratio}:1 "
                "(a zip bomb?): refusing it"
            )


def _parser() -> etree.XMLParser:
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                           dtd_validation=False, huge_tree=False, remove_comments=True)


def parse_xml(data: bytes, name: str, part: str) -> etree._Element:
    """Parse an XML part, refusing DTDs and entity declarations.

    Raises:
        CorruptFileError: malformed XML, or a part that declares a DOCTYPE/ENTITY.
    """
    head = data[:4096]
    if DOCTYPE_RE.search(head) or (len(data) > 4096 and DOCTYPE_RE.search(data)):
        raise CorruptFileError(
            f"{name}: part {part} declares a DTD or entities, which Word files never do: "
            "refusing it"
        )
    try:
        root = etree.fromstring(data, _parser())
    except etree.XMLSyntaxError as exc:
        raise CorruptFileError(f"{name}: part {part} is not well-formed XML ({exc})") from None
    if root is None:
        raise CorruptFileError(f"{name}: part {part} is empty")
    return root
