"""One reviewer's working copy of a stored review, with conflict handling.

:class:`ReviewSession` keeps the alignment and the version it was read at. Every action
goes through :meth:`ReviewSession.apply` (or undo/redo/realign), which writes to the
store at once. When another tab wrote first, the session reloads; an operation whose
target row is unchanged is re-applied on the fresh state, any other is refused with a
message (nothing is overwritten either way).
"""

from __future__ import annotations

from align.alignment import MultiAlignment
from align.review import ops
from align.review.store import ConflictError, ReviewStore


class ReviewSession:
    """The state of one review as one browser tab sees it.

    Args:
        store: the review store.
        review_id: the review to open.
    """

    def __init__(self, store: ReviewStore, review_id: int):
        self.store = store
        self.id = review_id
        self.al, self.version = store.load(review_id)

    def reload(self) -> None:
        self.al, self.version = self.store.load(self.id)

    def is_stale(self) -> bool:
        """True when another tab wrote since this session last read."""
        return self.store.version(self.id) != self.version

    def apply(self, op: dict) -> bool:
        """Apply and store one operation.

        Returns:
            True if the operation had to be re-applied after another tab's write.

        Raises:
            ReviewError: the operation does not fit (nothing was written).
            StaleOperation: another tab changed the same row (the session is reloaded).
        """
        try:
            new = ops.apply(self.al, op)
        except ops.StaleOperation:
            self.reload()
            raise
        try:
            self.version = self.store.commit(self.id, self.version, op, self.al, new)
            self.al = new
            return False
        except ConflictError:
            self.reload()
        new = ops.apply(self.al, op)  # StaleOperation when the row was changed meanwhile
        self.version = self.store.commit(self.id, self.version, op, self.al, new)
        self.al = new
        return True

    def replace(self, new: MultiAlignment, op: dict) -> None:
        """Store a state computed outside :mod:`ops` (e.g. a realignment) as one step."""
        self.version = self.store.commit(self.id, self.version, op, self.al, new)
        self.al = new

    def undo(self) -> dict:
        """Undo the last step; returns the operation undone."""
        return self._step(undo=True)

    def redo(self) -> dict:
        """Redo the last undone step; returns the operation redone."""
        return self._step(undo=False)

    def can_undo(self) -> bool:
        return self.store.can_undo(self.id)

    def can_redo(self) -> bool:
        return self.store.can_redo(self.id)

    def _step(self, *, undo: bool) -> dict:
        try:
            fn = self.store.undo if undo else self.store.redo
            self.al, self.version, op = fn(self.id, self.version, self.al)
        except ConflictError:
            self.reload()
            raise
        return op
