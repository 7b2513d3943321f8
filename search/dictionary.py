"""The sector's acronyms and synonyms (the `Synonym` snippet) as a `text.Dictionary`.

Read once and kept until a synonym is saved or deleted (in this process; other processes
re-read within `TTL` seconds)."""

from __future__ import annotations

import time

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .text import Dictionary

TTL = 60.0
_cache: dict[str, tuple[float, Dictionary]] = {}


def get_dictionary() -> Dictionary:
    cached = _cache.get("dictionary")
    if cached and time.monotonic() - cached[0] < TTL:
        return cached[1]
    from .models import Synonym

    dictionary = Dictionary.from_pairs((s.term, s.expansion_list) for s in Synonym.objects.all())
    _cache["dictionary"] = (time.monotonic(), dictionary)
    return dictionary


def clear_cache(**kwargs) -> None:
    _cache.clear()


@receiver(post_save, sender="kbsearch.Synonym")
@receiver(post_delete, sender="kbsearch.Synonym")
def _synonym_changed(**kwargs) -> None:
    clear_cache()
