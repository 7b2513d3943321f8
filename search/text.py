"""Vietnamese text analysis for search. Pure Python, no Django.

Documents and queries go through the same steps: Unicode NFC, then `fold` (case, every
diacritic — both marks on "ệ", "ở" — and đ/Đ → d), then syllable tokens (Vietnamese words are
made of syllables separated by spaces; indexing syllables, not segmented words, is what makes
an accentless query match). Queries are then expanded with the sector's acronyms and synonyms
(`expand`), and snippets are cut from the original text with the matched syllables marked in
their original spelling (`highlight`), whatever spelling the reader typed.
"""

from __future__ import annotations

import bisect
import functools
import html
import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from kb.core.vietnamese import fold, nfc

_TOKEN = re.compile(r"[a-z0-9]+")

# Words that carry no meaning in a question ("làm thế nào để…", "… là gì?"): dropped from the
# required terms, so a question finds what a few keywords would.
STOPWORDS = frozenset(
    fold(word)
    for word in (  # noqa: SIM905
        "là gì nào thế sao ai đâu nhiêu như thế nào làm có các những một "
        "của cho và với về ở tại trong để được bị thì mà này đó khi nào đã sẽ đang hãy "
        "tôi mình chúng ta em anh chị muốn cần tìm hiểu xem hỏi"
    ).split()
)


def analyse(text: str) -> list[str]:
    """NFC → fold → syllable tokens: "Bảo hiểm xã hội Đắk Lắk" → [bao, hiem, xa, hoi, dak, lak]."""
    return _TOKEN.findall(fold(nfc(text)))


def folded_text(text: str) -> str:
    """The text as the index stores it: folded syllables separated by single spaces."""
    return " ".join(analyse(text))


_SINGLE: dict[int, str] = {}  # code point → its fold, for characters seen so far


def fold_with_offsets(text: str) -> tuple[str, list[int]]:
    """Fold `text` character by character, remembering where each folded character came from.

    Returns the folded string and, for each of its characters, the index in `text` (taken as
    given; call `nfc` first) of the character it came from, so that a match found in the
    folded text can be marked in the original spelling.

    Vietnamese text in NFC folds one character to one character, so the usual case is a
    single `str.translate` and the identity offsets; only text with a character that folds to
    several (or none) is walked character by character.
    """
    distinct = set(text)
    for ch in distinct:
        if ord(ch) not in _SINGLE:
            _SINGLE[ord(ch)] = fold(ch) if ord(ch) > 127 or ch.isupper() else ch
    if all(len(_SINGLE[ord(ch)]) == 1 for ch in distinct):
        return text.translate(_SINGLE), list(range(len(text)))
    out: list[str] = []
    offsets: list[int] = []
    for i, ch in enumerate(text):
        folded = fold(ch) if ord(ch) > 127 or ch.isupper() else ch
        for f in folded:
            out.append(f)
            offsets.append(i)
    return "".join(out), offsets


# --- the dictionary of acronyms and synonyms ---------------------------------------------------


@dataclass(frozen=True)
class Dictionary:
    """Folded term → folded alternatives; applied both ways ("bhyt" ↔ "bao hiem y te")."""

    entries: Mapping[tuple[str, ...], tuple[tuple[str, ...], ...]] = field(default_factory=dict)

    @classmethod
    def from_pairs(cls, pairs: Iterable[tuple[str, Iterable[str]]]) -> Dictionary:
        groups: dict[tuple[str, ...], set[tuple[str, ...]]] = {}
        for term, expansions in pairs:
            head = tuple(analyse(term))
            alternatives = [tuple(analyse(e)) for e in expansions]
            alternatives = [a for a in alternatives if a]
            if not head or not alternatives:
                continue
            members = {head, *alternatives}
            for member in members:
                groups.setdefault(member, set()).update(members - {member})
        return cls({k: tuple(sorted(v)) for k, v in groups.items()})

    @property
    def longest(self) -> int:
        return max((len(k) for k in self.entries), default=1)

    def alternatives(self, phrase: tuple[str, ...]) -> tuple[tuple[str, ...], ...]:
        return self.entries.get(phrase, ())


EMPTY = Dictionary()


# --- parsed queries ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Clause:
    """One required concept of a query: any of its phrases (each a tuple of syllables) matches."""

    phrases: tuple[tuple[str, ...], ...]
    stopword: bool = False

    @property
    def tokens(self) -> set[str]:
        return {t for p in self.phrases for t in p}


@dataclass(frozen=True)
class Query:
    text: str
    tokens: tuple[str, ...]
    clauses: tuple[Clause, ...]

    @property
    def required(self) -> tuple[Clause, ...]:
        """The clauses every result must match: all but the stopwords (all, if only those)."""
        content = tuple(c for c in self.clauses if not c.stopword)
        return content or self.clauses

    @property
    def all_tokens(self) -> set[str]:
        return {t for c in self.clauses for t in c.tokens}

    def __bool__(self) -> bool:
        return bool(self.clauses)


def expand(text: str, dictionary: Dictionary = EMPTY) -> Query:
    """Parse a query into clauses, replacing each dictionary phrase (longest first) by the
    alternatives: "BHYT học sinh" → [(bhyt | bao hiem y te)] [hoc] [sinh]."""
    tokens = analyse(text)
    clauses: list[Clause] = []
    i = 0
    while i < len(tokens):
        for size in range(min(dictionary.longest, len(tokens) - i), 0, -1):
            phrase = tuple(tokens[i : i + size])
            alternatives = dictionary.alternatives(phrase)
            if alternatives:
                clauses.append(Clause((phrase, *alternatives)))
                i += size
                break
        else:
            token = tokens[i]
            clauses.append(Clause(((token,),), stopword=token in STOPWORDS))
            i += 1
    return Query(text=text, tokens=tuple(tokens), clauses=tuple(clauses))


# --- typo tolerance ------------------------------------------------------------------------------


def edit_distance(a: str, b: str, limit: int = 2) -> int:
    """Levenshtein distance with transpositions, giving up (returning limit + 1) past `limit`."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cost = 0 if ca == cb else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return previous[-1]


def allowed_typos(token: str) -> int:
    return 0 if len(token) < 3 else 1 if len(token) < 7 else 2


def correct(token: str, vocabulary: Iterable[str]) -> str | None:
    """The closest vocabulary word within the allowed edits (ties: the shorter distance, then
    the word first met), or None."""
    limit = allowed_typos(token)
    if not limit:
        return None
    best, best_distance = None, limit + 1
    for word in vocabulary:
        if word == token:
            return None
        distance = edit_distance(token, word, limit)
        if distance < best_distance:
            best, best_distance = word, distance
    return best


class Vocabulary:
    """Words to correct typos against, with an index of their deletions (the "symmetric
    delete" method): two words within k edits share a form with at most k letters deleted
    from each, so the candidates for a token are found by a few dictionary lookups instead of
    an edit distance to every word, then checked with `edit_distance`.

    A correction keeps the token's first letter: in Vietnamese another initial consonant makes
    another word ("bóng" is not a typo of "đóng"), and typos at the start of a word are rare.
    Any word of the index may correct a token of five letters or more; a shorter token is
    corrected only to a word of a title (a name): one letter off a short syllable is another
    common syllable more often than a typo. Ties go to the word found in more documents, then
    the alphabetically first."""

    SHORT = 5

    def __init__(self, counts: Mapping[str, int], titles: Iterable[str] = (), documents: int = 0):
        self.counts = dict(counts)  # word → number of documents having it
        self.titles = set(titles)
        self.documents = documents or max(self.counts.values(), default=1)
        self.deletes: dict[str, list[str]] = {}
        for word in self.counts:
            for form in _deletions(word, allowed_typos(word) or 1):
                self.deletes.setdefault(form, []).append(word)

    def __contains__(self, word: str) -> bool:
        return word in self.counts

    def __len__(self) -> int:
        return len(self.counts)

    def correct(self, token: str) -> str | None:
        limit = allowed_typos(token)
        if not limit or token in self.counts:
            return None
        candidates = {
            w
            for form in _deletions(token, limit)
            for w in self.deletes.get(form, ())
            if w[0] == token[0]
        }
        if len(token) < self.SHORT:
            candidates &= self.titles
        scored = []
        for word in candidates:
            distance = edit_distance(token, word, limit)
            if distance <= limit:
                scored.append((distance, -self.counts[word], word))
        return min(scored)[2] if scored else None


def _deletions(word: str, depth: int) -> set[str]:
    """`word` and every form of it with up to `depth` letters deleted."""
    forms, frontier = {word}, {word}
    for _ in range(depth):
        frontier = {w[:i] + w[i + 1 :] for w in frontier for i in range(len(w))} - forms
        forms |= frontier
    return forms


# --- snippets ------------------------------------------------------------------------------------


def match_spans(text: str, tokens: set[str], prefix: str | None = None) -> list[tuple[int, int]]:
    """Spans of `text` (original spelling) whose folded syllable is one of `tokens` (or starts
    with `prefix`)."""
    folded, offsets = fold_with_offsets(text)
    spans = []
    for m in _TOKEN.finditer(folded):
        word = m.group()
        if word in tokens or (prefix and word.startswith(prefix)):
            spans.append((offsets[m.start()], offsets[m.end() - 1] + 1))
    return spans


def mark(
    text: str, spans: Sequence[tuple[int, int]], start: int = 0, end: int | None = None
) -> str:
    """`text[start:end]`, HTML-escaped, with each span wrapped in <mark>."""
    end = len(text) if end is None else end
    out, cursor = [], start
    for a, b in spans:
        if b <= start or a >= end:
            continue
        a, b = max(a, start), min(b, end)
        out.append(html.escape(text[cursor:a]))
        out.append(f"<mark>{html.escape(text[a:b])}</mark>")
        cursor = b
    out.append(html.escape(text[cursor:end]))
    return "".join(out)


def highlight(text: str, phrases: Iterable[tuple[str, ...]], length: int = 240) -> str:
    """An HTML snippet of about `length` characters around the densest cluster of matches,
    with the matched words marked in the text's own spelling."""
    text = nfc(text)
    spans = phrase_spans(text, phrases)
    if len(text) <= length:
        return mark(text, spans)
    if not spans:
        cut = text.rfind(" ", 0, length)
        return mark(text, [], 0, cut if cut > 0 else length) + " …"
    # The window starting at a match that holds the most distinct matched words (each
    # span's words folded once: folding in the loop made long texts quadratic).
    words = [fold(text[a:b]) for a, b in spans]
    best_start, best_count = spans[0][0], 0
    for i, (a, _b) in enumerate(spans):
        distinct = len({words[j] for j in range(i, len(spans)) if spans[j][1] <= a + length})
        if distinct > best_count:
            best_start, best_count = a, distinct
    start = max(0, best_start - length // 4)
    if start:
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < best_start else start
    end = min(len(text), start + length)
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > start else end
    return (
        ("… " if start else "") + mark(text, spans, start, end) + (" …" if end < len(text) else "")
    )


# --- proximity ------------------------------------------------------------------------------------


def clause_positions(words: Sequence[str], clauses: Sequence[Clause]) -> list[tuple[int, int]]:
    """(position, clause index) of every place a clause's phrase starts in `words`."""
    firsts: dict[str, list[tuple[tuple[str, ...], int]]] = {}
    for index, clause in enumerate(clauses):
        for phrase in clause.phrases:
            firsts.setdefault(phrase[0], []).append((phrase, index))
    events = []
    for pos, word in enumerate(words):
        for phrase, index in firsts.get(word, ()):
            if tuple(words[pos : pos + len(phrase)]) == phrase:
                events.append((pos, index))
    return events


def clause_positions_in(text: str, clauses: Sequence[Clause]) -> list[tuple[int, int]]:
    """`clause_positions` over folded text (syllables separated by single spaces).

    Each phrase is looked for with `str.find` (a C loop) and kept where it stands as whole
    words; its word position is the number of spaces before it. A regular expression trying
    every phrase at every character cost four times as much, and this runs over up to a
    thousand documents per query."""
    events: set[tuple[int, int]] = set()
    for phrase, owners in _phrase_owners(tuple(clauses)):
        size = len(phrase)
        start = text.find(phrase)
        while start != -1:
            end = start + size
            if (start == 0 or text[start - 1] not in _WORD_CHARS) and (
                end == len(text) or text[end] not in _WORD_CHARS
            ):
                position = text.count(" ", 0, start)
                events.update((position, index) for index in owners)
            start = text.find(phrase, start + 1)
    return sorted(events)


_WORD_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789")


@functools.lru_cache(maxsize=64)
def _phrase_owners(clauses: tuple[Clause, ...]) -> tuple[tuple[str, tuple[int, ...]], ...]:
    """Each distinct phrase of the clauses as folded text, with the clauses it belongs to."""
    owners: dict[str, set[int]] = {}
    for index, clause in enumerate(clauses):
        for phrase in clause.phrases:
            owners.setdefault(" ".join(phrase), set()).add(index)
    return tuple((text, tuple(sorted(found))) for text, found in owners.items() if text)


def covered_within(
    words: Sequence[str] | str, clauses: Sequence[Clause], window: int, enough: int = 0
) -> int:
    """The most distinct clauses found together within `window` consecutive words (`words`
    a list, or folded text as the index stores it); counting stops once `enough` are."""
    if isinstance(words, str):
        events = clause_positions_in(words, clauses)
    else:
        events = clause_positions(words, clauses)
    if enough == len(clauses) and not _all_may_meet(events, len(clauses), window):
        return 0  # quick refusal: no place has every clause near it (the usual case)
    best, counts, left = 0, {}, 0
    for pos, index in events:
        counts[index] = counts.get(index, 0) + 1
        while events[left][0] <= pos - window:
            old = events[left][1]
            counts[old] -= 1
            if not counts[old]:
                del counts[old]
            left += 1
        best = max(best, len(counts))
        if enough and best >= enough:
            break
    return best


def _all_may_meet(events: list[tuple[int, int]], count: int, window: int) -> bool:
    """Whether some occurrence of the rarest clause has every other clause within `window`
    words of it: necessary for all of them to stand within one window, and cheap when a
    common word (số, bảo, phí…) fills the text with occurrences of the other clauses."""
    positions: list[list[int]] = [[] for _ in range(count)]
    for pos, index in events:
        positions[index].append(pos)
    if any(not p for p in positions):
        return False
    rarest = min(positions, key=len)
    for pos in rarest:
        low, high = pos - window, pos + window
        if all(
            (i := bisect.bisect_right(other, low)) < len(other) and other[i] < high
            for other in positions
        ):
            return True
    return False


def clause_score(
    title: str, body: str, clauses: Sequence[Clause], frequencies: Mapping[str, int], total: int
) -> float:
    """A score for a document matching some of the clauses, where the database's own ranking
    would cost too much (bm25 over "all but one of N clauses" weighs N × (N − 1) phrases, each
    a pass over the index): each clause found adds its rarity (log of documents per document
    having it), ten times over in the title, once per occurrence in the body up to three."""
    in_title = {index for _, index in clause_positions_in(title, clauses)}
    in_body: dict[int, int] = {}
    for _, index in clause_positions_in(body, clauses):
        in_body[index] = in_body.get(index, 0) + 1
    score = 0.0
    for index, clause in enumerate(clauses):
        found = 10.0 * (index in in_title) + min(in_body.get(index, 0), 3)
        if found:
            having = max(min(frequencies.get(t, 1) for t in p) for p in clause.phrases)
            score += found * math.log(1 + total / max(having, 1))
    return score


def proximity_window(clauses: Sequence[Clause]) -> int:
    return max(8, 3 * len(clauses))


def phrase_spans(text: str, phrases: Iterable[tuple[str, ...]]) -> list[tuple[int, int]]:
    """Spans of `text` (original spelling) where one of the folded phrases occurs."""
    folded, offsets = fold_with_offsets(text)
    matches = list(_TOKEN.finditer(folded))
    words = [m.group() for m in matches]
    clauses = [Clause((p,)) for p in phrases]
    spans = []
    for pos, index in clause_positions(words, clauses):
        length = len(clauses[index].phrases[0])
        first, last = matches[pos], matches[pos + length - 1]
        spans.append((offsets[first.start()], offsets[last.end() - 1] + 1))
    spans.sort()
    merged: list[tuple[int, int]] = []
    for a, b in spans:
        if merged and (a <= merged[-1][1] or not text[merged[-1][1] : a].strip()):
            merged[-1] = (merged[-1][0], max(merged[-1][1], b))
        else:
            merged.append((a, b))
    return merged
