"""The glossary store: entries, statuses, edits, suggestions, persistence, two writers."""

from __future__ import annotations

import threading

import pytest

from align.errors import StoreError
from align.storage import connect, default_db_path
from align.terms.glossary import Concept, Term
from align.terms.pair import Context, TermPair
from align.terms.seed import load_seed
from align.terms.store import GlossaryStore, suggestion_id


def pair(src: str, tgt: str, lang: str = "en", score: float = 0.8) -> TermPair:
    from align.terms.extract import term_key

    return TermPair("zh", lang, src, tgt, term_key(src, "zh"), term_key(tgt, lang), score, 2, 2,
                    3, 13.4, 0.9, 1.2, contexts=[Context(f"{src}。", f"{tgt}.", "A/81/6", "16.3")])


@pytest.fixture()
def gs() -> GlossaryStore:
    return GlossaryStore.open()


def test_the_store_lives_in_the_review_database(gs):
    gs.save(Concept("c1", [Term("zh", "会员国"), Term("en", "Member States")]), by="a")
    con = connect(default_db_path())
    assert con.execute("SELECT COUNT(*) FROM gl_terms").fetchone()[0] == 2
    assert con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_nothing_is_lost_on_restart(gs):
    gs.import_concepts(load_seed())
    cid = gs.add_suggestions([pair("知识差距", "knowledge gaps")], by="bot")[0]
    gs.set_status(cid, "accepted", by="ana")
    gs.con.close()
    again = GlossaryStore.open()
    assert again.count() == len(load_seed()) + 1
    c = again.get(cid)
    assert {(t.lang, t.text, t.status, t.modified_by) for t in c.terms} == {
        ("zh", "知识差距", "accepted", "ana"), ("en", "knowledge gaps", "accepted", "ana")}
    assert c.evidence["en"]["contexts"][0]["paragraph"] == "16.3"


def test_a_suggestion_joins_the_concept_holding_its_source_term(gs):
    gs.import_concepts(load_seed())
    cid = gs.add_suggestions([pair("麻醉药品委员会", "Commission on Narcotic Drugs")])[0]
    assert cid == "cnd"
    cnd = gs.get("cnd")
    assert [t.text for t in cnd.terms_in("en")] == ["Commission on Narcotic Drugs", "CND"]
    assert cnd.terms_in("en")[0].status == "accepted"  # the seed term keeps its status
    assert cnd.evidence["en"]["cooc"] == 2


def test_suggestions_for_one_chinese_term_gather_every_language(gs):
    ids = gs.add_suggestions([pair("合并预算", "consolidated budget"),
                              pair("合并预算", "budget consolidé", "fr")])
    assert ids[0] == ids[1] == suggestion_id("zh", "合并预算")
    c = gs.get(ids[0])
    assert sorted(c.langs) == ["en", "fr", "zh"]
    assert set(c.evidence) == {"en", "fr"}
    t = c.terms_in("fr")[0]
    assert (t.source, t.paragraph, t.context, t.status) == ("A/81/6", "16.3", "budget consolidé.",
                                                            "candidate")


def test_adding_the_same_suggestions_twice_is_idempotent(gs):
    gs.add_suggestions([pair("洗钱", "money-laundering")])
    gs.add_suggestions([pair("洗钱", "money-laundering")])
    assert gs.count() == 1 and len(gs.entries()[0].terms) == 2


def test_set_status_per_language(gs):
    cid = gs.add_suggestions([pair("洗钱", "money-laundering"), pair("洗钱", "blanchiment", "fr")])[0]
    gs.set_status(cid, "rejected", lang="fr", by="x")
    c = gs.get(cid)
    assert {t.lang: t.status for t in c.terms} == {"zh": "candidate", "en": "candidate",
                                                    "fr": "rejected"}
    with pytest.raises(StoreError):
        gs.set_status(cid, "maybe")


def test_update_term_fields_and_errors(gs):
    cid = gs.add_suggestions([pair("会员国", "Member State")])[0]
    en = gs.get(cid).terms_in("en")[0]
    gs.update_term(en.id, by="rev", text="Member States", pos="noun", note="plural",
                   status="accepted", term_type="fullForm")
    en = gs.get(cid).terms_in("en")[0]
    assert (en.text, en.note, en.status, en.modified_by) == ("Member States", "plural",
                                                             "accepted", "rev")
    with pytest.raises(StoreError):
        gs.update_term(en.id, text="  ")
    with pytest.raises(StoreError):
        gs.update_term(en.id, created_by="me")
    with pytest.raises(StoreError):
        gs.update_term(en.id, pos="gerund")
    with pytest.raises(StoreError):
        gs.update_term(999999, note="gone")


@pytest.mark.parametrize("kwargs, expected", [
    ({"status": "accepted"}, {"seeded"}),
    ({"lang": "fr"}, {"suggested-fr"}),
    ({"search": "laundering"}, {"suggested-fr"}),
    ({"search": "governing"}, {"seeded"}),  # matches the definition
    ({"origin": "seed"}, {"seeded"}),
    ({}, {"seeded", "suggested-fr"}),
])
def test_entries_filters(gs, kwargs, expected):
    gs.save(Concept("seeded", [Term("zh", "麻醉药品委员会", status="accepted"),
                               Term("en", "Commission on Narcotic Drugs", status="accepted")],
                    definition="a governing body", origin="seed"))
    gs.save(Concept("suggested-fr", [Term("zh", "洗钱"), Term("en", "money-laundering"),
                                     Term("fr", "blanchiment d'argent")], origin="suggested"))
    assert {c.id for c in gs.entries(**kwargs)} == expected


def test_two_connections_write_concurrently_without_losing_entries(tmp_path):
    db = tmp_path / "shared.sqlite3"
    GlossaryStore(connect(db))
    errors: list[Exception] = []

    def writer(tag: str):
        try:
            store = GlossaryStore(connect(db))
            for i in range(25):
                store.save(Concept(f"{tag}{i}", [Term("zh", f"术语{tag}{i}"),
                                                 Term("en", f"term {tag}{i}")]), by=tag)
        except Exception as exc:  # noqa: BLE001 - collected for the assertion
            errors.append(exc)

    threads = [threading.Thread(target=writer, args=(t,)) for t in ("a", "b")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert GlossaryStore(connect(db)).count() == 50


def test_seed_glossary_is_complete():
    seed = load_seed()
    assert len(seed) >= 60
    for c in seed:
        assert set(c.langs) == {"zh", "en", "fr", "es", "ru", "ar"}, c.id
        assert all(t.status == "accepted" for t in c.terms)
    ids = {c.id for c in seed}
    assert {"cnd", "ccpcj", "ecosoc", "ga", "untoc", "uncac", "c1961", "c1971", "c1988",
            "tipprot", "somprot", "fireprot", "psc", "gpf", "spf", "consbud", "fcr", "fingov",
            "ms", "secretariat", "ed", "xb", "rb"} <= ids
    unodc = next(c for c in seed if c.id == "unodc")
    assert [(t.text, t.term_type) for t in unodc.terms_in("en")] == [
        ("United Nations Office on Drugs and Crime", "fullForm"), ("UNODC", "acronym")]
