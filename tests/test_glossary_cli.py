"""``align glossary``: from files to a glossary file, every format."""

from __future__ import annotations

import pytest

from align.cli import main
from align.terms.tabular import read_csv
from align.terms.tbx import read_tbx

ZH = """麻醉药品委员会

1. 工作组与毒品和犯罪问题办公室执行主任举行了对话。

2. 会员国审议了合并预算和方案支助费用。

3. 工作组讨论了洗钱和网络犯罪问题。
"""
EN = """Commission on Narcotic Drugs

1. The working group held a dialogue with the Executive Director of UNODC.

2. Member States considered the consolidated budget and programme support costs.

3. The working group discussed money-laundering and cybercrime.
"""


@pytest.fixture()
def files(tmp_path):
    zh, en = tmp_path / "note.zh.txt", tmp_path / "note.en.txt"
    zh.write_text(ZH, encoding="utf-8")
    en.write_text(EN, encoding="utf-8")
    return [str(zh), str(en)]


def run_cli(files, out, *extra):
    return main(["glossary", *files, "--lang", f"{files[0]}=zh", "--lang", f"{files[1]}=en",
                 "-o", str(out), *extra])


def test_glossary_cli_writes_tbx_with_known_and_new_pairs(files, tmp_path, capsys):
    out = tmp_path / "out" / "glossary.tbx"
    assert run_cli(files, out, "--check") == 0
    concepts = read_tbx(out.read_bytes())
    by_zh = {c.preferred("zh"): c for c in concepts}
    assert by_zh["工作组"].preferred("en") == "working group"
    assert by_zh["会员国"].preferred("en") == "Member States"
    # a seed concept keeps all six languages
    assert set(by_zh["合并预算"].langs) == {"zh", "en", "fr", "es", "ru", "ar"}
    err = capsys.readouterr().err
    assert "zh-en:" in err and "aligned units" in err


@pytest.mark.parametrize("fmt, check", [
    ("tbx3", lambda b: read_tbx(b)),
    ("tmx", lambda b: b.startswith(b"<?xml") and b"<tu " in b),
])
def test_glossary_cli_formats(files, tmp_path, fmt, check):
    out = tmp_path / f"g.{fmt}"
    assert run_cli(files, out, "--format", fmt, "--top", "5", "--no-seed") == 0
    assert check(out.read_bytes())


def test_glossary_cli_save_adds_to_the_app_database(files, tmp_path):
    from align.terms.store import GlossaryStore

    assert run_cli(files, tmp_path / "g.csv", "--save") == 0
    store = GlossaryStore.open()
    assert any(c.origin == "suggested" for c in store.entries())
    written = {c.id for c in read_csv((tmp_path / "g.csv").read_bytes())}
    assert written and written <= {c.id for c in store.entries()}


def test_glossary_cli_missing_file_is_a_clear_error(tmp_path, capsys):
    assert main(["glossary", str(tmp_path / "nope.txt"), "-o", str(tmp_path / "g.tbx")]) == 1
    assert "no such file" in capsys.readouterr().err
