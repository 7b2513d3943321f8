"""Just enough PDF reading for the tests: the text of an uncompressed fpdf2 file.

fpdf2 writes text in a TrueType font as 2-byte glyph codes inside literal strings
(``(...) Tj``) and maps the codes back to Unicode in a ToUnicode CMap (``beginbfchar``).
One embedded font is assumed (the exports use one).
"""

import re

_ESCAPES = {b"n": b"\n", b"r": b"\r", b"t": b"\t", b"b": b"\b", b"f": b"\f"}


def _literal(data: bytes, start: int) -> tuple[bytes, int]:
    """The bytes of the literal string opening at ``data[start] == b"("``, and its end."""
    out = bytearray()
    depth = 0
    i = start
    while True:
        c = data[i : i + 1]
        if c == b"\\":
            nxt = data[i + 1 : i + 2]
            if nxt in _ESCAPES:
                out += _ESCAPES[nxt]
                i += 2
            elif nxt.isdigit():
                digits = re.match(rb"[0-7]{1,3}", data[i + 1 : i + 4]).group()
                out.append(int(digits, 8))
                i += 1 + len(digits)
            else:
                out += nxt
                i += 2
            continue
        if c == b"(":
            depth += 1
            if depth > 1:
                out += c
        elif c == b")":
            depth -= 1
            if depth == 0:
                return bytes(out), i + 1
            out += c
        else:
            out += c
        i += 1


def pdf_text(data: bytes) -> str:
    mapping = {}
    for block in re.findall(rb"beginbfchar(.*?)endbfchar", data, re.S):
        for code, uni in re.findall(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
            mapping[int(code, 16)] = bytes.fromhex(uni.decode()).decode("utf-16-be")
    chunks = []
    for number in re.findall(rb"/Contents (\d+) 0 R", data):
        match = re.search(
            rb"(?:^|\n)" + number + rb" 0 obj\s*<<.*?>>\s*stream\n(.*?)\nendstream", data, re.S
        )
        stream = match.group(1)
        i = 0
        while (i := stream.find(b"(", i)) != -1:
            raw, end = _literal(stream, i)
            if stream[end : end + 4].strip().startswith(b"Tj"):
                codes = [int.from_bytes(raw[k : k + 2], "big") for k in range(0, len(raw), 2)]
                chunks.append("".join(mapping.get(c, "?") for c in codes))
            i = end
    return "\n".join(chunks)


def page_count(data: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page\b", data))
