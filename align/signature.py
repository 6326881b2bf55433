"""Every result says how it was made (cf. sacrebleu's Signature)."""

from __future__ import annotations

from dataclasses import dataclass, field

from align import __version__


@dataclass
class Signature:
    """Tool version, aligner, model id and parameters of one result."""

    aligner: str
    model: str
    params: dict = field(default_factory=dict)
    tool: str = "un-align"
    version: str = __version__

    def to_dict(self) -> dict:
        return {"tool": self.tool, "version": self.version, "aligner": self.aligner,
                "model": self.model, "params": dict(self.params)}

    def __str__(self) -> str:
        params = "|".join(f"{k}:{v}" for k, v in sorted(self.params.items()))
        base = f"{self.tool}:{self.version}|aligner:{self.aligner}|model:{self.model}"
        return f"{base}|{params}" if params else base
