"""Checking an uploaded file before it is kept: its type by name and by content, its size,
and for images a full decode within Pillow's limits.

Evidence files reach the site from two screens (a dossier's evidence, a scoring sheet's
evidence) and both must refuse the same things the same way: a file whose name promises a PDF
but whose bytes are a web page, an empty or oversized file, an image that is truncated or a
decompression bomb. Plain Python and Pillow, no Django: callers turn `UploadRejected` into
their own kind of error (a form's ValidationError, a service's domain error).
"""

from __future__ import annotations

from pathlib import PurePath
from typing import BinaryIO

# The first bytes each type must start with. Word and Excel files of today are zip
# archives; the older .doc/.xls are OLE compound files.
SIGNATURES: dict[str, tuple[bytes, ...]] = {
    "pdf": (b"%PDF-",),
    "docx": (b"PK\x03\x04",),
    "xlsx": (b"PK\x03\x04",),
    "doc": (b"\xd0\xcf\x11\xe0",),
    "xls": (b"\xd0\xcf\x11\xe0",),
    "png": (b"\x89PNG\r\n\x1a\n",),
    "jpg": (b"\xff\xd8\xff",),
    "jpeg": (b"\xff\xd8\xff",),
}
IMAGE_FORMATS = {"jpg": "JPEG", "jpeg": "JPEG", "png": "PNG"}
MEGABYTE = 1024 * 1024


class UploadRejected(ValueError):
    """The file is refused; the message names the file and what is wrong with it."""


def extension_of(name: str) -> str:
    return PurePath(name or "").suffix.lower().lstrip(".")


def check_upload(
    name: str, size: int, stream: BinaryIO, *, allowed: tuple[str, ...], max_bytes: int
) -> str:
    """Refuse the file unless its extension is `allowed`, its size is within `max_bytes`
    and not zero, its first bytes match the extension and, for an image, it decodes fully.
    Returns the extension. The stream is left at its start."""
    extension = extension_of(name)
    shown = name or "(không tên)"
    if extension not in allowed:
        raise UploadRejected(
            f"Tệp “{shown}” không được nhận: chỉ nhận "
            + ", ".join(e.upper() for e in allowed)
            + "."
        )
    if size > max_bytes:
        raise UploadRejected(
            f"Tệp “{shown}” quá lớn ({size / MEGABYTE:.1f} MB); tối đa {max_bytes // MEGABYTE} MB."
        )
    if size == 0:
        raise UploadRejected(f"Tệp “{shown}” rỗng.")
    head = stream.read(16)
    stream.seek(0)
    signatures = SIGNATURES.get(extension)
    if signatures and not head.startswith(signatures):
        raise UploadRejected(f"Nội dung tệp “{shown}” không đúng định dạng {extension.upper()}.")
    if extension in IMAGE_FORMATS:
        _decode_image(shown, stream, IMAGE_FORMATS[extension])
    return extension


def _decode_image(shown: str, stream: BinaryIO, expected: str) -> None:
    """Decode every pixel: a truncated file or a decompression bomb (more pixels than
    Pillow's MAX_IMAGE_PIXELS allows) raises here, not later in a thumbnail."""
    from PIL import Image

    try:
        with Image.open(stream) as image:
            if image.format != expected:
                raise UploadRejected(f"Ảnh “{shown}” không phải {expected}.")
            image.load()
    except (OSError, SyntaxError, Image.DecompressionBombError) as exc:
        raise UploadRejected(f"Không đọc được ảnh “{shown}”: {exc}") from exc
    finally:
        stream.seek(0)
