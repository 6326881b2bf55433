"""Literary-style input for ``align sentences``: short dialogue lines, 1-2 splits, no
numbers, and a line missing in the translation (text written for this test)."""

from __future__ import annotations

import pytest

from align.aligners import align_sentence_lists
from align.alignment import FLAG_UNALIGNED
from align.eval import score

ZH = ["“你来了。”", "“嗯，刚到。”", "“路上顺利吗？”", "“还好，就是下了点雨。”", "她把伞靠在门边。",
      "“喝茶还是咖啡？”", "“茶吧。”", "他点点头，转身进了厨房。", "水壶很快响了起来。",
      "“你父亲的事，我听说了。”", "她没有回答。", "窗外的雨越下越大，街上的行人都跑了起来。",
      "“对不起。”", "“不用。”", "“他走得很安详。”", "“那就好。”", "两个人沉默了很久。",
      "后来，他终于开口：“你还会回来吗？”", "“也许吧。”", "“我会等你。”"]
EN = ['"You came."', '"Yes, I just got here."', '"Good trip?"', '"Fine, it rained a little."',
      "She leaned her umbrella against the door.", '"Tea or coffee?"', '"Tea."',
      "He nodded.", "He turned and went into the kitchen.", "Soon the kettle began to whistle.",
      '"I heard about your father."', "She did not answer.",
      "Outside the rain grew heavier, and the people in the street broke into a run.",
      "\"I'm sorry.\"", "\"Don't be.\"", '"He went peacefully."', '"Good."',
      "For a long time neither of them spoke.", "At last he said:", '"Will you come back?"',
      '"Maybe."', "\"I'll wait for you.\""]
GOLD = ([([i], [i]) for i in range(7)] + [([7], [7, 8])]
        + [([i], [i + 1]) for i in range(8, 17)] + [([17], [18, 19]), ([18], [20]), ([19], [21])])
GOOD = 16      # '"Good."', the translation of zh 15


def _without_good() -> tuple[list[str], list]:
    gold = [(s, [j - (j > GOOD) for j in t if j != GOOD]) for s, t in GOLD]
    return EN[:GOOD] + EN[GOOD + 1:], gold


@pytest.mark.parametrize("missing", [False, True])
def test_short_dialogue_lines(embedder, missing):
    en, gold = _without_good() if missing else (EN, GOLD)
    pa = align_sentence_lists(ZH, en, src_lang="zh", tgt_lang="en", embedder=embedder)
    got = [(b.src, b.tgt) for b in pa.beads]
    assert score(got, gold)["f1_strict"] >= 0.95, [b for b in got if b not in gold]
    if missing:
        gap = next(b for b in pa.beads if b.src == [15])
        assert gap.tgt == [] and FLAG_UNALIGNED in gap.flags
