"""Demo pictures drawn with Pillow: portraits for exemplars, covers for stories.

No downloads and no Django: each function returns PNG bytes, the same bytes for the same
arguments (every random choice comes from `random.Random(seed)` and the name or title).
"""

from __future__ import annotations

import functools
import io
import random
import unicodedata
import zlib
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter, ImageFont

FONT_CANDIDATES = [
    "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
    "/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf",
    "/usr/share/fonts/dejavu/DejaVuSans-Bold.ttf",
    "/usr/share/fonts/TTF/DejaVuSans-Bold.ttf",
    "/Library/Fonts/Arial Bold.ttf",
    "C:/Windows/Fonts/arialbd.ttf",
]

# Soft, friendly palettes (background top, background bottom, accent) in the sector's blues
# and a few warm tones.
PALETTES = [
    ((21, 101, 192), (66, 165, 245), (255, 202, 40)),
    ((0, 105, 92), (77, 182, 172), (255, 241, 118)),
    ((94, 53, 177), (149, 117, 205), (255, 204, 128)),
    ((191, 54, 12), (255, 138, 101), (255, 236, 179)),
    ((46, 125, 50), (129, 199, 132), (255, 245, 157)),
    ((13, 71, 161), (0, 151, 167), (255, 171, 145)),
    ((173, 20, 87), (240, 98, 146), (255, 224, 178)),
    ((55, 71, 79), (120, 144, 156), (255, 213, 79)),
]
SKIN_TONES = [(255, 224, 189), (241, 194, 125), (224, 172, 105), (198, 134, 66), (255, 219, 172)]
HAIR_TONES = [(35, 28, 25), (60, 45, 35), (20, 20, 24), (85, 60, 45)]


@functools.cache
def _font_path() -> str | None:
    for candidate in FONT_CANDIDATES:
        if Path(candidate).is_file():
            return candidate
    return None


def _font(size: int) -> ImageFont.ImageFont | ImageFont.FreeTypeFont:
    path = _font_path()
    if path:
        return ImageFont.truetype(path, size)
    try:
        return ImageFont.load_default(size=size)
    except TypeError:  # Pillow < 10.1
        return ImageFont.load_default()


def _rng(seed: int, text: str) -> random.Random:
    return random.Random(seed * 1_000_003 + zlib.crc32(text.encode("utf-8")))  # noqa: S311


def _vertical_gradient(size: tuple[int, int], top: tuple, bottom: tuple) -> Image.Image:
    width, height = size
    column = Image.new("RGB", (1, height))
    for y in range(height):
        t = y / max(1, height - 1)
        column.putpixel(
            (0, y), tuple(round(a + (b - a) * t) for a, b in zip(top, bottom, strict=True))
        )
    return column.resize((width, height))


def _mix(color: tuple, other: tuple, t: float) -> tuple:
    return tuple(round(a + (b - a) * t) for a, b in zip(color, other, strict=True))


def _png(image: Image.Image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def _initials(name: str) -> str:
    """ "Nguyễn Thị Lan" -> "NL"; "H'Hen Niê" -> "HN"; a unit name -> its first two words."""
    words = [w for w in name.replace("'", " ").split() if w[:1].isalpha()]
    if not words:
        return "?"
    if len(words) == 1:
        return words[0][:2].upper()
    return (words[0][0] + words[-1][0]).upper()


def _text_size(draw: ImageDraw.ImageDraw, text: str, font) -> tuple[int, int]:
    left, top, right, bottom = draw.textbbox((0, 0), text, font=font)
    return right - left, bottom - top


def portrait_image(
    name: str, seed: int, size: tuple[int, int] = (600, 600), long_hair: bool | None = None
) -> bytes:
    """A stylised portrait: gradient background, a head-and-shoulders silhouette, initials.

    `long_hair` lets the caller match the figure to the person (None: the seed decides).
    """
    name = unicodedata.normalize("NFC", name)
    rng = _rng(seed, name)
    width, height = size
    top, bottom, accent = rng.choice(PALETTES)
    image = _vertical_gradient(size, top, bottom)
    draw = ImageDraw.Draw(image, "RGBA")
    unit = min(width, height)

    # soft circles in the background
    for _ in range(rng.randint(3, 6)):
        r = rng.uniform(0.08, 0.3) * unit
        cx, cy = rng.uniform(0, width), rng.uniform(0, height)
        draw.ellipse((cx - r, cy - r, cx + r, cy + r), fill=(255, 255, 255, rng.randint(18, 45)))

    # shoulders (a rounded block) and head
    cx = width / 2
    shirt = _mix(
        rng.choice([(236, 239, 241), (25, 118, 210), (69, 90, 100), (255, 255, 255)]), top, 0.15
    )
    body_top = height * 0.68
    draw.rounded_rectangle(
        (cx - unit * 0.36, body_top, cx + unit * 0.36, height + unit * 0.2),
        radius=int(unit * 0.18),
        fill=shirt + (255,),
    )
    collar = _mix(shirt, (0, 0, 0), 0.25)
    draw.polygon(
        [(cx - unit * 0.09, body_top), (cx, body_top + unit * 0.11), (cx + unit * 0.09, body_top)],
        fill=collar + (255,),
    )
    skin = rng.choice(SKIN_TONES)
    neck_w = unit * 0.07
    draw.rectangle((cx - neck_w, height * 0.55, cx + neck_w, body_top + 4), fill=skin + (255,))
    head_r = unit * 0.17
    head_cy = height * 0.44
    hair = rng.choice(HAIR_TONES)
    # hair behind the head: short for some, shoulder-length for others
    shoulder_length = rng.random() < 0.5
    if long_hair is not None:
        shoulder_length = long_hair
    if shoulder_length:
        draw.rounded_rectangle(
            (
                cx - head_r * 1.15,
                head_cy - head_r * 1.15,
                cx + head_r * 1.15,
                head_cy + head_r * 1.3,
            ),
            radius=int(head_r * 0.8),
            fill=hair + (255,),
        )
    else:
        draw.ellipse(
            (
                cx - head_r * 1.08,
                head_cy - head_r * 1.22,
                cx + head_r * 1.08,
                head_cy + head_r * 0.5,
            ),
            fill=hair + (255,),
        )
    # ears, face, fringe
    for side in (-1, 1):
        ex = cx + side * head_r * 0.97
        draw.ellipse(
            (
                ex - head_r * 0.14,
                head_cy - head_r * 0.1,
                ex + head_r * 0.14,
                head_cy + head_r * 0.3,
            ),
            fill=_mix(skin, (0, 0, 0), 0.06) + (255,),
        )
    draw.ellipse(
        (cx - head_r, head_cy - head_r * 1.1, cx + head_r, head_cy + head_r * 1.1),
        fill=skin + (255,),
    )
    part = rng.uniform(-0.4, 0.4) * head_r
    draw.chord(
        (cx - head_r * 1.04, head_cy - head_r * 1.2, cx + head_r * 1.04, head_cy + head_r * 0.2),
        start=180,
        end=360,
        fill=hair + (255,),
    )
    draw.polygon(
        [
            (cx + part - head_r * 0.5, head_cy - head_r * 0.5),
            (cx + part + head_r * 0.6, head_cy - head_r * 0.5),
            (cx + part + head_r * 0.9, head_cy - head_r * 0.25),
        ],
        fill=hair + (255,),
    )
    # a friendly face: two eyes and a smile
    eye_y = head_cy + head_r * 0.05
    for side in (-1, 1):
        ex = cx + side * head_r * 0.38
        r = head_r * 0.07
        draw.ellipse((ex - r, eye_y - r, ex + r, eye_y + r), fill=(45, 35, 30, 255))
    draw.arc(
        (cx - head_r * 0.35, head_cy + head_r * 0.2, cx + head_r * 0.35, head_cy + head_r * 0.62),
        start=20,
        end=160,
        fill=(150, 70, 60, 255),
        width=max(2, int(head_r * 0.06)),
    )
    image = image.filter(ImageFilter.SMOOTH)
    draw = ImageDraw.Draw(image, "RGBA")

    # initials in a badge at the bottom right
    initials = _initials(name)
    badge_r = unit * 0.13
    bx, by = width - badge_r * 1.4, height - badge_r * 1.4
    draw.ellipse(
        (bx - badge_r, by - badge_r, bx + badge_r, by + badge_r),
        fill=accent + (255,),
        outline=(255, 255, 255, 255),
        width=max(2, int(unit * 0.012)),
    )
    font = _font(int(badge_r * 0.9))
    draw.text((bx, by), initials, font=font, fill=_mix(top, (0, 0, 0), 0.35), anchor="mm")
    return _png(image)


def _wrap(draw: ImageDraw.ImageDraw, words: list[str], font, max_width: int) -> list[str]:
    lines: list[str] = []
    current = ""
    for word in words:
        trial = f"{current} {word}".strip()
        if _text_size(draw, trial, font)[0] <= max_width or not current:
            current = trial
        else:
            lines.append(current)
            current = word
    if current:
        lines.append(current)
    return lines


def cover_image(title: str, seed: int, size: tuple[int, int] = (1200, 675)) -> bytes:
    """An abstract cover: diagonal gradient, translucent shapes and the title's first words."""
    title = unicodedata.normalize("NFC", title)
    rng = _rng(seed, title)
    width, height = size
    top, bottom, accent = rng.choice(PALETTES)
    image = _vertical_gradient(size, top, bottom)
    draw = ImageDraw.Draw(image, "RGBA")
    unit = min(width, height)

    for _ in range(rng.randint(5, 9)):
        kind = rng.choice(["circle", "ring", "band", "triangle"])
        alpha = rng.randint(25, 70)
        color = rng.choice([(255, 255, 255), accent, _mix(top, (0, 0, 0), 0.3)])
        cx, cy = rng.uniform(0, width), rng.uniform(0, height)
        r = rng.uniform(0.1, 0.45) * unit
        if kind == "circle":
            draw.ellipse((cx - r, cy - r, cx + r, cy + r), fill=color + (alpha,))
        elif kind == "ring":
            draw.ellipse(
                (cx - r, cy - r, cx + r, cy + r),
                outline=color + (alpha + 30,),
                width=max(3, int(unit * 0.02)),
            )
        elif kind == "band":
            slope = rng.uniform(-0.6, 0.6) * height
            thick = rng.uniform(0.04, 0.15) * height
            draw.polygon(
                [(0, cy), (width, cy + slope), (width, cy + slope + thick), (0, cy + thick)],
                fill=color + (alpha,),
            )
        else:
            draw.polygon(
                [(cx, cy - r), (cx + r, cy + r * 0.8), (cx - r, cy + r * 0.8)],
                fill=color + (alpha,),
            )

    # the title (up to three lines) on a darker panel that keeps it readable
    margin = int(width * 0.06)
    font = _font(max(12, int(unit * 0.07)))
    lines = _wrap(draw, title.split(), font, width - 2 * margin)
    if len(lines) > 3:  # keep three lines, end the last one with an ellipsis that fits
        lines = lines[:3]
        while lines[2] and _text_size(draw, lines[2] + "…", font)[0] > width - 2 * margin:
            lines[2] = lines[2].rsplit(" ", 1)[0] if " " in lines[2] else lines[2][:-1]
        lines[2] += "…"
    ascent, descent = font.getmetrics() if hasattr(font, "getmetrics") else (unit * 0.07, 0)
    line_h = int((ascent + descent) * 1.15)
    bar_h = max(3, int(unit * 0.015))
    pad = int(unit * 0.05)
    panel_h = pad + bar_h + pad // 2 + line_h * len(lines) + pad
    top_y = height - margin // 2 - panel_h
    draw.rounded_rectangle(
        (margin // 2, top_y, width - margin // 2, height - margin // 2),
        radius=int(unit * 0.04),
        fill=(0, 0, 0, 80),
    )
    y = top_y + pad
    draw.rectangle((margin, y, margin + int(unit * 0.12), y + bar_h), fill=accent + (255,))
    y += bar_h + pad // 2
    for line in lines:
        draw.text((margin, y), line, font=font, fill=(255, 255, 255, 255))
        y += line_h
    return _png(image)
