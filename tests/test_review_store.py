"""The review store: every action written at once, undo/redo from the log, two tabs."""

from __future__ import annotations

import sqlite3

import pytest

from align import storage
from align.review import ops
from align.review.session import ReviewSession
from align.review.store import ConflictError, ReviewStore
from align.review.synthetic import make_alignment


@pytest.fixture
def store():
    return ReviewStore(storage.connect())


def fresh(store, n=1, key="set-a"):
    store.save_set(key, "E/CN.7/2026/5", [{"sha": "x", "name": "a.txt", "lang": "zh"}])
    return store.create(key, make_alignment(n))


def test_create_load_round_trip(store):
    rid = fresh(store)
    al, version = store.load(rid)
    assert version == 1
    assert al.rows == ops.prepare(make_alignment()).rows
    assert al.units == make_alignment().units
    assert al.docs["en"].symbols == ["E/CN.7/2026/5"]
    assert store.find("set-a", "paragraph") == rid
    assert store.find("set-a", "sentence") is None
    info = store.info(rid)
    assert (info.rows, info.confirmed, info.name) == (4, 0, "E/CN.7/2026/5")


def test_every_action_is_in_the_database_at_once(store):
    rid = fresh(store)
    s = ReviewSession(store, rid)
    s.apply({"op": "confirm", "row": 0})
    s.apply({"op": "edit", "row": 1, "lang": "en", "text": "New text."})
    # a second connection (a restarted server) sees both
    other = ReviewStore(storage.connect())
    al, version = other.load(rid)
    assert version == 3
    assert al.rows[0].status == "confirmed"
    assert al.text(al.rows[1], "en") == "New text."
    assert [h["op"]["op"] for h in other.history(rid)] == ["confirm", "edit"]


def test_undo_redo_from_the_log(store):
    rid = fresh(store)
    s = ReviewSession(store, rid)
    s.apply({"op": "merge", "row": 0})
    s.apply({"op": "split", "row": 0, "cuts": {"zh": 1, "en": 1, "fr": 1}})
    assert len(s.al.rows) == 4
    assert s.undo()["op"] == "split"
    assert len(s.al.rows) == 3
    assert s.undo()["op"] == "merge"
    assert s.al.rows == ops.prepare(make_alignment()).rows
    with pytest.raises(ops.ReviewError, match="nothing to undo"):
        s.undo()
    assert s.redo()["op"] == "merge"
    # the stored state follows
    assert len(store.load(rid)[0].rows) == 3
    # a new action drops the redo branch
    s.apply({"op": "confirm", "row": 0})
    assert not s.can_redo()
    with pytest.raises(ops.ReviewError, match="nothing to redo"):
        s.redo()
    assert [h["state"] for h in store.history(rid)] == ["done", "dropped", "done"]


def test_undo_survives_a_restart(store):
    rid = fresh(store)
    ReviewSession(store, rid).apply({"op": "edit", "row": 2, "lang": "fr", "text": "Nouveau."})
    restarted = ReviewSession(ReviewStore(storage.connect()), rid)
    assert restarted.al.text(restarted.al.rows[2], "fr") == "Nouveau."
    restarted.undo()
    assert restarted.al.text(restarted.al.rows[2], "fr") == "Le budget est de 12,4 millions de dollars."
    restarted.redo()
    assert restarted.al.text(restarted.al.rows[2], "fr") == "Nouveau."


def test_two_tabs_never_corrupt_each_other(store):
    rid = fresh(store)
    tab1 = ReviewSession(store, rid)
    tab2 = ReviewSession(ReviewStore(storage.connect()), rid)
    tab1.apply({"op": "merge", "row": 0, "expect": ops.fingerprint(tab1.al.rows[0])})
    assert tab2.is_stale()
    # tab2 still shows 4 rows; its "confirm row 4" finds the same row (now row 3)
    assert tab2.apply({"op": "confirm", "row": 3, "expect": ops.fingerprint(tab2.al.rows[3])})
    assert len(tab2.al.rows) == 3 and tab2.al.rows[2].status == "confirmed"
    # an edit of a row another tab has just changed is refused, not overwritten
    stale = ops.fingerprint(tab1.al.rows[0])
    tab1.apply({"op": "split", "row": 0, "cuts": {"zh": 1, "en": 1, "fr": 1}})
    with pytest.raises(ops.StaleOperation, match="changed in another window"):
        tab2.apply({"op": "edit", "row": 0, "lang": "en", "text": "Lost?", "expect": stale})
    assert not tab2.is_stale()  # it reloaded
    al, version = store.load(rid)
    assert version == 4
    assert [r.status for r in al.rows] == ["edited", "edited", "flagged", "confirmed"]
    assert "Lost?" not in [al.text(r, "en") for r in al.rows]


def test_conflict_on_undo_reloads(store):
    rid = fresh(store)
    tab1, tab2 = ReviewSession(store, rid), ReviewSession(store, rid)
    tab1.apply({"op": "confirm", "row": 0})
    with pytest.raises(ConflictError, match="another window"):
        tab2.undo()
    assert tab2.version == tab1.version


def test_start_over_replaces_the_review(store):
    rid = fresh(store)
    ReviewSession(store, rid).apply({"op": "confirm", "row": 0})
    rid2 = store.create("set-a", make_alignment())
    assert store.find("set-a", "paragraph") == rid2
    assert store.history(rid2) == []
    assert store.load(rid2)[0].rows[0].status == "auto"


def test_recent_lists_latest_first(store):
    a = fresh(store, key="set-a")
    b = fresh(store, key="set-b")
    ReviewSession(store, a).apply({"op": "confirm", "row": 0})
    assert [i.id for i in store.recent()][:2] in ([a, b], [b, a])
    assert {i.id for i in store.recent()} == {a, b}


def test_missing_review_is_a_clear_error(store):
    with pytest.raises(Exception, match="does not exist"):
        store.load(999)


def test_tables_live_in_the_shared_database(store):
    fresh(store)
    con = sqlite3.connect(storage.default_db_path())
    names = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert {"review_sets", "review_alignments", "review_units", "review_log"} <= names
