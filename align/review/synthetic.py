"""A small hand-made multilingual alignment, for tests and the review benchmark.

No aligner and no model are involved: rows are built directly, so the review model can
be exercised (and timed) on its own.
"""

from __future__ import annotations

from align.alignment import DocInfo, MultiAlignment, Row, Unit

ZH = ["委员会审议了报告。会议通过了决议。", "秘书处编写了说明。", "预算为1240万美元。", "工作组举行了三次会议。"]
EN = ["The Commission considered the report. The meeting adopted the resolution.",
      "The Secretariat prepared the note.", "The budget is US$ 12.4 million.",
      "The working group held three meetings."]
FR = ["La Commission a examiné le rapport. La réunion a adopté la résolution.",
      "Le Secrétariat a établi la note.", "Le budget est de 12,4 millions de dollars.",
      "Le groupe de travail a tenu trois réunions."]
ES = ["La Comisión examinó el informe. La reunión aprobó la resolución.",
      "La Secretaría preparó la nota.", "El presupuesto es de 12,4 millones de dólares.",
      "El grupo de trabajo celebró tres reuniones."]
RU = ["Комиссия рассмотрела доклад. Совещание приняло резолюцию.",
      "Секретариат подготовил записку.", "Бюджет составляет 12,4 млн долл. США.",
      "Рабочая группа провела три совещания."]
AR = ["نظرت اللجنة في التقرير. واعتمد الاجتماع القرار.", "أعدت الأمانة المذكرة.",
      "تبلغ الميزانية 12.4 مليون دولار.", "عقد الفريق العامل ثلاثة اجتماعات."]


def make_alignment(n_copies: int = 1, langs: tuple[str, ...] = ("zh", "en", "fr")) -> MultiAlignment:
    """A paragraph-level alignment of ``4 * n_copies`` rows, one unit per cell."""
    texts = {"zh": ZH, "en": EN, "fr": FR, "es": ES, "ru": RU, "ar": AR}
    units = {lang: [] for lang in langs}
    rows = []
    for c in range(n_copies):
        for i in range(len(ZH)):
            number = str(c * len(ZH) + i + 1)
            cells = {}
            for lang in langs:
                units[lang].append(Unit(text=texts[lang][i], number=number, segment=len(units[lang])))
                cells[lang] = [len(units[lang]) - 1]
            flags = {"en": ["low_margin"]} if i == 2 else {}
            rows.append(Row(cells=cells, confidence={lang: 0.9 for lang in langs[1:]},
                            flags=flags, number=number))
    docs = {lang: DocInfo(lang=lang, name=f"doc.{lang}.txt", symbols=["E/CN.7/2026/5"],
                          job_number=f"V.26-0000{i}") for i, lang in enumerate(langs)}
    return MultiAlignment(pivot="zh", unit="paragraph", langs=list(langs), units=units,
                          rows=rows, docs=docs, signature={"aligner": "hand-made"})
