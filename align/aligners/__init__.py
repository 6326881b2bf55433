"""Aligners: paragraph anchors + embedding DP, sentence DP, multilingual pivot alignment.

Entry points: :func:`align_documents` (several language versions), :func:`align_pair`
(two documents), :func:`align_sentence_lists` (two sentence lists, no anchors),
:func:`align_units` (realignment with fixed beads), :func:`document_units`.
"""

from align.aligners.core import align_sentence_lists, align_units
from align.aligners.dp import Params
from align.aligners.multi import align_documents
from align.aligners.paragraph import align_pair, document_units

__all__ = ["align_documents", "align_pair", "align_sentence_lists", "align_units",
           "document_units", "Params"]
