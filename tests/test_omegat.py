"""A real CAT tool uses our TMX: OmegaT (Debian package ``omegat``) in console mode fills
the targets of a project from the TMX we put in ``tm/auto/``.

OmegaT exits 0 even when it rejects a TMX, so the test reads its log and the target file.
Skipped when ``omegat`` is not installed (``apt-get install omegat``).
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from lxml import etree

from align.alignment import MultiAlignment, Row, Unit
from align.export.tmx import tmx_bytes

pytestmark = pytest.mark.skipif(shutil.which("omegat") is None or shutil.which("java") is None,
                                reason="OmegaT is not installed (apt-get install omegat)")

OMEGAT_TIMEOUT_S = 180
PROJECT = """<?xml version="1.0" encoding="UTF-8" standalone="no"?>
<omegat>
  <project version="1.0">
    <source_dir>__DEFAULT__</source_dir>
    <target_dir>__DEFAULT__</target_dir>
    <tm_dir>__DEFAULT__</tm_dir>
    <glossary_dir>__DEFAULT__</glossary_dir>
    <glossary_file>__DEFAULT__</glossary_file>
    <dictionary_dir>__DEFAULT__</dictionary_dir>
    <source_lang>{source}</source_lang>
    <target_lang>{target}</target_lang>
    <source_tok>org.omegat.tokenizer.LuceneSmartChineseTokenizer</source_tok>
    <target_tok>org.omegat.tokenizer.LuceneEnglishTokenizer</target_tok>
    <sentence_seg>false</sentence_seg>
    <support_default_translations>true</support_default_translations>
    <remove_tags>false</remove_tags>
  </project>
</omegat>
"""
#: (zh unit as the aligner might hand it over, what the source file holds, translation)
PARAGRAPHS = {
    "en": [
        ("\u3000会员国 <决定> & “继续”。\u3000", "会员国 <决定> & “继续”。",
         'Member States <decided> & "continued".'),
        ("毒品和犯罪问题办公室\x0b的财务状况。 ", "毒品和犯罪问题办公室的财务状况。",
         "The financial situation of UNODC."),
        ("工作组建议采取行动。", "工作组建议采取行动。", "The working group recommends action."),
    ],
    "ar": [
        ("会员国决定继续。", "会员国决定继续。", "قررت الدول الأعضاء المواصلة."),
        ("工作组建议采取行动。", "工作组建议采取行动。", "يوصي الفريق العامل باتخاذ إجراءات."),
    ],
}
UNTRANSLATED = "这一段在翻译记忆中没有对应。"
#: a short JVM run: no optimising JIT, the serial GC (halves OmegaT's CPU time here)
JAVA_FAST_START = "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC"


def java_env(tmp_path: Path) -> dict[str, str]:
    """OmegaT's settings in a temporary home, started for a short run."""
    return dict(os.environ,
                JAVA_TOOL_OPTIONS=f"-Duser.home={tmp_path / 'home'} {JAVA_FAST_START}")


def alignment(lang: str) -> MultiAlignment:
    rows = PARAGRAPHS[lang]
    return MultiAlignment(
        pivot="zh", unit="paragraph", langs=["zh", lang],
        units={"zh": [Unit(raw) for raw, _, _ in rows], lang: [Unit(t) for _, _, t in rows]},
        rows=[Row(cells={"zh": [i], lang: [i]}) for i in range(len(rows))],
    )


def run_omegat(tmp_path: Path, lang: str, tmx: bytes, source: str, target: str) -> tuple[str, str]:
    """Build a one-file project, translate it in console mode; (target text, log)."""
    project = tmp_path / "project"
    for sub in ("source", "target", "tm/auto", "omegat", "glossary", "dictionary"):
        (project / sub).mkdir(parents=True)
    (project / "omegat.project").write_text(PROJECT.format(source=source, target=target),
                                            encoding="utf-8")
    paragraphs = [src for _, src, _ in PARAGRAPHS[lang]] + [UNTRANSLATED]
    (project / "source" / "doc.txt").write_text("\n\n".join(paragraphs) + "\n", encoding="utf-8")
    (project / "tm" / "auto" / f"doc.zh-{lang}.tmx").write_bytes(tmx)
    env = java_env(tmp_path)
    proc = subprocess.run(["omegat", str(project), "--mode=console-translate"],
                          capture_output=True, text=True, timeout=OMEGAT_TIMEOUT_S, env=env)
    log = proc.stdout + proc.stderr
    out = project / "target" / "doc.txt"
    return (out.read_text(encoding="utf-8") if out.exists() else ""), log


@pytest.mark.slow
@pytest.mark.parametrize(("lang", "codes", "source", "target"), [
    ("en", None, "zh-CN", "en"),
    ("ar", {"zh": "zh-Hans"}, "zh-Hans", "ar"),
])
def test_omegat_fills_targets_from_our_tmx(tmp_path, lang, codes, source, target):
    tmx = tmx_bytes(alignment(lang), lang_codes=codes)
    text, log = run_omegat(tmp_path, lang, tmx, source, target)
    assert "Failed to load translation memory" not in log, log[-3000:]
    assert f"Source language: {source}" in log
    assert "Segmentation method: paragraph" in log
    filled = [p.strip() for p in text.split("\n\n") if p.strip()]
    assert filled == [t for _, _, t in PARAGRAPHS[lang]] + [UNTRANSLATED]


@pytest.mark.slow
def test_omegat_rejection_is_detected(tmp_path):
    """The control: a TMX without srclang is rejected, and the test above would see it."""
    root = etree.fromstring(tmx_bytes(alignment("en")))
    del root.find("header").attrib["srclang"]
    text, log = run_omegat(tmp_path, "en", etree.tostring(root, encoding="UTF-8"), "zh-CN", "en")
    assert "Failed to load translation memory" in log
    assert "Member States" not in text



# --- a real alignment of a corpus document --------------------------------------------
CORPUS = Path(__file__).resolve().parents[1] / "corpora" / "unodc-strategy-2026"


@pytest.fixture(scope="module")
def strategy(embedder, tmp_path_factory) -> MultiAlignment:
    """zh–en–fr alignment of corpora/unodc-strategy-2026 with the real readers and aligner."""
    files = [CORPUS / f"unodc-strategy-2026.{lang}.txt" for lang in ("zh", "en", "fr")]
    if not all(f.exists() for f in files):
        pytest.skip("corpora/unodc-strategy-2026 is not rendered yet")
    try:
        from align.aligners import align_documents  # noqa: F401
        from align.io import read_document  # noqa: F401
    except ImportError as exc:
        pytest.skip(f"the readers or aligners are not there yet ({exc})")
    from align.pipeline import align_files

    with pytest.MonkeyPatch.context() as mp:       # the embedding cache stays in tmp
        mp.setenv("UN_ALIGN_HOME", str(tmp_path_factory.mktemp("home")))
        return align_files(files, embedder=embedder)


@pytest.mark.slow
def test_omegat_uses_the_multilingual_tmx_of_a_real_alignment(strategy, tmp_path):
    """Each zh row of the document becomes a source paragraph; OmegaT must fill every
    paragraph that has a French counterpart with exactly our translation, taken from the
    zh–en–fr TMX alone (the pair TMX is the same writer with two languages)."""
    lang = "fr"
    from align.export.common import cell_text

    al = strategy
    rows = [r for r in al.rows if r.cells.get("zh")]
    sources = [cell_text(al, r, "zh") for r in rows]
    expected = [cell_text(al, r, lang) or src for r, src in zip(rows, sources, strict=True)]
    if len(set(sources)) != len(sources):                 # a repeated paragraph is ambiguous
        pytest.skip("the document repeats a paragraph")
    tmx = tmx_bytes(al)
    project = tmp_path / "project"
    for sub in ("source", "target", "tm/auto", "omegat", "glossary", "dictionary"):
        (project / sub).mkdir(parents=True)
    (project / "omegat.project").write_text(PROJECT.format(source="zh-CN", target=lang),
                                            encoding="utf-8")
    (project / "source" / "doc.txt").write_text("\n\n".join(sources) + "\n", encoding="utf-8")
    (project / "tm" / "auto" / "doc.tmx").write_bytes(tmx)
    env = java_env(tmp_path)
    proc = subprocess.run(["omegat", str(project), "--mode=console-translate"],
                          capture_output=True, text=True, timeout=OMEGAT_TIMEOUT_S, env=env)
    log = proc.stdout + proc.stderr
    assert "Failed to load translation memory" not in log, log[-3000:]
    text = (project / "target" / "doc.txt").read_text(encoding="utf-8")
    got = [p.strip() for p in text.split("\n\n") if p.strip()]
    assert got == expected
    assert sum(1 for g, s in zip(got, sources, strict=True) if g != s) >= 0.9 * len(rows)
