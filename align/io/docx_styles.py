"""Word styles (``word/styles.xml``): names, inheritance, numbering, bold and size."""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree

from align.io.docx_numbering import WQ


def val(el: etree._Element | None, default: str | None = None) -> str | None:
    if el is None:
        return default
    return el.get(f"{WQ}val", default)


def on_off(el: etree._Element | None) -> bool | None:
    """A WordprocessingML on/off property: None when absent."""
    if el is None:
        return None
    return val(el, "true") not in ("0", "false", "off")


@dataclass
class Style:
    """What a paragraph or character style sets that the reader needs."""

    name: str
    based_on: str | None = None
    num_id: str | None = None
    ilvl: int | None = None
    bold: bool | None = None
    size: float | None = None


class Styles:
    """The styles of a package, with ``basedOn`` inheritance."""

    def __init__(self, root: etree._Element | None) -> None:
        self.by_id: dict[str, Style] = {}
        self.default_para: str | None = None
        self.default_size: float | None = None
        if root is None:
            return
        sz = root.find(f"{WQ}docDefaults/{WQ}rPrDefault/{WQ}rPr/{WQ}sz")
        if sz is not None and (val(sz) or "").isdigit():
            self.default_size = int(val(sz)) / 2
        for st in root.iter(f"{WQ}style"):
            sid = st.get(f"{WQ}styleId")
            name = val(st.find(f"{WQ}name"), sid) or sid
            s = Style(name=name, based_on=val(st.find(f"{WQ}basedOn")))
            num = st.find(f"{WQ}pPr/{WQ}numPr")
            if num is not None:
                s.num_id = val(num.find(f"{WQ}numId"))
                ilvl = val(num.find(f"{WQ}ilvl"))
                s.ilvl = int(ilvl) if ilvl and ilvl.isdigit() else None
            s.bold = on_off(st.find(f"{WQ}rPr/{WQ}b"))
            ssz = val(st.find(f"{WQ}rPr/{WQ}sz"))
            s.size = int(ssz) / 2 if ssz and ssz.isdigit() else None
            self.by_id[sid] = s
            if st.get(f"{WQ}type") == "paragraph" and st.get(f"{WQ}default") in ("1", "true", "on"):
                self.default_para = sid

    def chain(self, sid: str | None) -> list[Style]:
        """The style and those it is based on, nearest first (cycles cut)."""
        out: list[Style] = []
        seen: set[str] = set()
        while sid and sid in self.by_id and sid not in seen:
            seen.add(sid)
            out.append(self.by_id[sid])
            sid = self.by_id[sid].based_on
        return out

    def first(self, sid: str | None, attr: str):
        """The first value of ``attr`` set along the style's inheritance chain."""
        for s in self.chain(sid):
            v = getattr(s, attr)
            if v is not None:
                return v
        return None
