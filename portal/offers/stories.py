"""The kinds of work a success story can be filed under (the filter on /geschichten). Keys are
stored; the labels are interface strings."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

WORK_KINDS = {
    "kueche": _l("Küche und Essen"),
    "lager": _l("Lager und Versand"),
    "garten": _l("Garten und Pflanzen"),
    "handwerk": _l("Hand·werk und Technik"),
    "buero": _l("Büro"),
    "pflege": _l("Pflege und Betreuung"),
    "reinigung": _l("Reinigung und Haus·wirtschaft"),
    "handel": _l("Laden und Verkauf"),
    "andere": _l("Andere Arbeit"),
}
