"""Per-unit features the dynamic programme scores: vectors, lengths, numbers, labels.

Everything here turns texts into arrays; the DP (``align.aligners.dp``) only sees arrays.
"""

from __future__ import annotations

import re
import unicodedata
import zlib
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

#: hashed number buckets per unit (collisions only weaken the signal)
NUM_BUCKETS = 64
#: a number: digit groups joined by one separator (1,250 / 1 250 / 1.25 / 16.1 / 2022-2023 apart)
NUMBER = re.compile(r"\d+(?:[.,\u00a0\u202f\u2009 ]\d+)*")
#: separators inside a number, dropped so that 1,25 (fr) and 1.25 (en) agree
NUMBER_SEPARATORS = re.compile(r"[.,\u00a0\u202f\u2009 ]")
#: Arabic-Indic and Persian digits -> ASCII (NFKC handles full-width digits)
_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
#: whitespace, not counted in lengths
_SPACE = re.compile(r"\s+")
#: a Chinese month (``12月``): other languages write the month's name, so it is no number
ZH_MONTH = re.compile(r"\d{1,2}\s*月")
#: the Chinese name of COVID-19 ("coronavirus disease 2019"): the others write COVID-19
ZH_COVID = re.compile(r"2019\s*冠状病毒病")
#: numbers below this are usually written out in words in some languages: ignore them
MIN_NUMBER = 10


@dataclass
class SideFeatures:
    """Arrays describing the units of one side.

    Attributes:
        vecs: (n, d) float32 L2-normalised embeddings.
        lens: (n,) float64 lengths in characters, spaces excluded.
        nums: (n, NUM_BUCKETS) float32, 1 where the unit contains a number of that bucket.
        labels: (n,) int64 label ids (equal ids = same paragraph number); -1 = none.
    """

    vecs: np.ndarray
    lens: np.ndarray
    nums: np.ndarray
    labels: np.ndarray

    def __len__(self) -> int:
        return len(self.vecs)

    def subset(self, idx: Sequence[int] | np.ndarray) -> SideFeatures:
        """The features of the units ``idx`` (in that order)."""
        idx = np.asarray(idx, dtype=np.int64)
        return SideFeatures(self.vecs[idx], self.lens[idx], self.nums[idx], self.labels[idx])


def numbers_in(text: str) -> set[str]:
    """The numbers (>= 10) in a text, separators removed: ``"1,250.5 and 2030"`` -> {12505, 2030}."""
    text = unicodedata.normalize("NFKC", text).translate(_DIGITS)
    text = ZH_COVID.sub("COVID-19", ZH_MONTH.sub(" ", text))
    found = set()
    for match in NUMBER.finditer(text):
        token = NUMBER_SEPARATORS.sub("", match.group()).lstrip("0") or "0"
        if len(token) > 1 or int(token) >= MIN_NUMBER:
            found.add(token)
    return found


def text_length(text: str) -> float:
    """Characters without whitespace (what length ratios compare)."""
    return float(len(_SPACE.sub("", text)))


def number_matrix(texts: Sequence[str]) -> np.ndarray:
    """(n, NUM_BUCKETS) float32: which hashed number buckets each text contains."""
    out = np.zeros((len(texts), NUM_BUCKETS), dtype=np.float32)
    for i, text in enumerate(texts):
        for token in numbers_in(text):
            out[i, zlib.crc32(token.encode()) % NUM_BUCKETS] = 1.0
    return out


def label_ids(src_keys: Sequence[str | None], tgt_keys: Sequence[str | None]
              ) -> tuple[np.ndarray, np.ndarray]:
    """Map label keys of both sides to shared integer ids (-1 for None)."""
    table: dict[str, int] = {}

    def ids(keys: Sequence[str | None]) -> np.ndarray:
        return np.array([-1 if k is None else table.setdefault(k, len(table)) for k in keys],
                        dtype=np.int64)

    return ids(src_keys), ids(tgt_keys)


def build_features(texts: Sequence[str], vecs: np.ndarray,
                   labels: np.ndarray | None = None) -> SideFeatures:
    """Features of one side from its texts and their embeddings (n, d)."""
    n = len(texts)
    if labels is None:
        labels = np.full(n, -1, dtype=np.int64)
    return SideFeatures(
        vecs=np.asarray(vecs, dtype=np.float32).reshape(n, -1) if n else
        np.zeros((0, np.shape(vecs)[-1] if np.ndim(vecs) == 2 else 1), dtype=np.float32),
        lens=np.array([text_length(t) for t in texts], dtype=np.float64),
        nums=number_matrix(texts),
        labels=np.asarray(labels, dtype=np.int64),
    )
