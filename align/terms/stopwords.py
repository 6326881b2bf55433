"""Per-language word lists that a term candidate may not start or end with.

Named data, not logic: function words (articles, prepositions, conjunctions, pronouns,
auxiliaries) and the reporting verbs and adverbs of UN prose ("held", "also",
"including") that surround terms without being part of them. Words are casefolded
(and, for Arabic, normalised as :func:`align.terms.extract.normalize` does).
"""

from __future__ import annotations

_EN = """
a an the and or nor but of in on at to for from by with without within into onto upon
about above across after against along among around as before behind below beneath
between beyond during except inside outside over per since than through throughout till
toward towards under until versus via whether while
i me my we us our ours you your he him his she her it its they them their theirs
this that these those which who whom whose what where when why how such same other
another each every all any both either neither few many much more most several some
no not only own so too very also further furthermore moreover however therefore thus
hence well just still yet already again once ever never always often
be is are was were been being am have has had having do does did done doing
will would shall should may might must can could
held hold holds took take taken made make makes gave give given provided provide
received receive included include including includes presented present noted note
welcomed welcome requested request discussed discuss informed inform briefed brief
adopted adopt approved approve contained contain containing covered covers cover
said says stated state undertaken undertaken carried out up down off out
regarding concerning related relating relevant respective particular particularly
especially namely e.g i.e etc inter alia
one two three four five six seven eight nine ten first second third fourth fifth
last next new main key overall general various certain following
"""

_FR = """
le la les l' un une des du de d' au aux à a et ou ni mais en dans sur sous par pour
avec sans entre vers chez contre depuis pendant avant après selon lors dont que qu'
qui quoi quel quelle quels quelles ce cet cette ces son sa ses leur leurs notre nos
votre vos mon ma mes il elle ils elles on nous vous se s' lui y ne pas plus moins
aussi ainsi donc très tout tous toute toutes autre autres même mêmes tel telle tels
être est sont était étaient été a ont avait avaient eu fait faire été
notamment également ainsi compris y_compris concernant relatif relatifs relative
relatives tenu tenue tenues tenus reçu reçus présenté présentée présentés
un deux trois quatre cinq premier première deuxième troisième
"""

_ES = """
el la los las lo un una unos unas y e o u ni pero de del al a en con sin por para
sobre entre hacia hasta desde durante ante bajo contra según tras mediante que quien
quienes cual cuales cuyo cuya este esta estos estas ese esa esos esas aquel su sus
nuestro nuestra nuestros nuestras se le les lo no más menos también así muy todo toda
todos todas otro otra otros otras mismo misma mismos mismas tal ser es son era eran
fue fueron sido estar está están ha han había habían hecho incluido incluida incluidos
incluidas incluso relativo relativa relativos relativas celebrada celebrado celebradas
celebrados recibió recibieron presentó presentado presentada
uno dos tres cuatro cinco primer primera primero segundo segunda tercer tercera
"""

_RU = """
и или а но в во на с со к ко по о об от до из у за для при без над под между через
перед после около против среди вместо как что чтобы который которая которое которые
которого которой которых которым этот эта это эти этого этой этих тот та то те его
ее её их ее им ему она он оно они мы вы себя свой своя свое свои своих не ни же бы ли
также так уже еще ещё очень все всех всё весь вся был была было были быть является
являются том числе включая частности т д др
один два три четыре пять первый первая первое второй вторая третий третья
"""

_AR = """
في من على الى عن مع و ف ب ل ك او ام ثم حتى لدى عند بين تحت فوق خلال قبل بعد منذ ضد
حول نحو لكن بل لا لم لن ما ان قد كان كانت يكون تكون كانوا هو هي هم هن انا نحن انت
هذا هذه ذلك تلك هؤلاء الذي التي الذين اللذان اللتان اللواتي كل بعض غير اي ايضا كما
وكذلك كذلك ذات ذو الى الي عليه عليها فيه فيها منه منها به بها له لها اليه اليها
بما فيما مما ومن وفي وعلى والى عن وعن بشان بشأن اطار ضمن سيما لاسيما ولا
واحد اثنان ثلاث ثلاثة اربع اربعة خمس خمسة الاول الاولى الثاني الثانية الثالث الثالثة
"""

_ZH = """
的 了 和 与 及 以及 或 或者 在 于 对 为 从 向 把 被 由 将 并 并且 而 但 也 还 又 其 其中
该 这 这些 那 那些 此 各 每 等 之 所 以 即 及其 已 已经 曾 将要 可能 可以 应 应当 是 有
没有 不 都 均 就 才 再 更 最 很 非常 进行 开展 举行 提供 包括 涉及 关于 有关 方面 情况
一次 两次 三次 四次 一个 一名 一位 以下 以上 其他 所有 全部 通过
"""


#: function words allowed inside a candidate (``Commission on Narcotic Drugs``)
_CONNECTORS = {
    "en": "of on and for against in to the at by with from",
    "fr": "de des du d' la le les l' et à au aux pour contre sur en",
    "es": "de del la el los las y e para contra sobre en a al",
    "ru": "и по в на для против о об с со к от из",
    "ar": "من في على عن و ل ب الى",
    "zh": "和 与 及",
}


def _words(block: str) -> frozenset[str]:
    return frozenset(w.replace("_", " ") for w in block.split())


#: language -> words a candidate may not start or end with
STOPWORDS: dict[str, frozenset[str]] = {
    "en": _words(_EN),
    "fr": _words(_FR),
    "es": _words(_ES),
    "ru": _words(_RU),
    "ar": _words(_AR),
    "zh": _words(_ZH),
}

#: language -> function words that may appear inside (never at the edge of) a candidate
CONNECTORS: dict[str, frozenset[str]] = {lang: _words(w) for lang, w in _CONNECTORS.items()}
