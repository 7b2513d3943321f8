"""Vietnamese text folding and slugs.

Pure functions, no Django: the search engine, slugs and imports all need the same folding, and
`django.utils.text.slugify` silently drops "đ" (it has no ASCII decomposition), turning
"Đắk Lắk" into "ak-lak".
"""

import re
import unicodedata

_D_MAP = str.maketrans({"đ": "d", "Đ": "D"})
_NON_WORD = re.compile(r"[^a-z0-9]+")


def nfc(text: str) -> str:
    """Compose to NFC so that text typed on different keyboards compares equal."""
    return unicodedata.normalize("NFC", text)


def fold(text: str) -> str:
    """Lower-case, strip every diacritic (both marks on "ệ", "ở"…) and map đ/Đ to d.

    >>> fold("Bảo hiểm xã hội Đắk Lắk")
    'bao hiem xa hoi dak lak'
    """
    decomposed = unicodedata.normalize("NFD", text.translate(_D_MAP))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return unicodedata.normalize("NFC", stripped).casefold()


def slugify_vi(text: str, max_length: int = 80) -> str:
    """A URL slug in ASCII from Vietnamese text: "Đắk Lắk" -> "dak-lak"."""
    slug = _NON_WORD.sub("-", fold(text)).strip("-")
    if len(slug) > max_length:
        slug = slug[:max_length].rstrip("-")
    return slug
