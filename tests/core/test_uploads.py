"""One check for every evidence upload (kb/core/uploads.py): type by name and by content,
size, and images decoded in full."""

import io

import pytest
from PIL import Image

from kb.core.uploads import UploadRejected, check_upload

ALLOWED = ("pdf", "docx", "xlsx", "png", "jpg")
LIMIT = 1024 * 1024


def check(name: str, data: bytes, *, size: int | None = None) -> str:
    stream = io.BytesIO(data)
    result = check_upload(
        name, len(data) if size is None else size, stream, allowed=ALLOWED, max_bytes=LIMIT
    )
    assert stream.tell() == 0  # left at the start, ready to be stored
    return result


def png(width: int = 4, height: int = 4) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), "navy").save(out, "PNG")
    return out.getvalue()


def test_real_files_of_allowed_types_pass():
    assert check("Bao cao.PDF", b"%PDF-1.7\n...") == "pdf"
    assert check("bang-diem.xlsx", b"PK\x03\x04rest") == "xlsx"
    assert check("anh.png", png()) == "png"


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("chay.exe", b"MZ\x90\x00", "chỉ nhận PDF, DOCX, XLSX, PNG, JPG"),
        ("khong-duoi", b"%PDF-1.4", "chỉ nhận"),
        ("trang.pdf", b"<html><script>", "không đúng định dạng PDF"),
        ("van-ban.docx", b"%PDF-1.4", "không đúng định dạng DOCX"),
        ("rong.pdf", b"", "rỗng"),
        ("hong.png", b"\x89PNG\r\n\x1a\n" + b"\0" * 40, "Không đọc được ảnh “hong.png”"),
        ("gia.jpg", png(), "không đúng định dạng JPG"),
    ],
)
def test_each_refusal_names_the_file_and_the_problem(name, data, message):
    with pytest.raises(UploadRejected, match=message):
        check(name, data)


def test_a_file_over_the_limit_is_refused_before_it_is_read():
    with pytest.raises(UploadRejected, match=r"quá lớn \(3\.0 MB\); tối đa 1 MB"):
        check("lon.pdf", b"%PDF-", size=3 * LIMIT)


def test_a_truncated_image_is_refused():
    whole = png(64, 64)
    with pytest.raises(UploadRejected, match="Không đọc được ảnh"):
        check("cut.png", whole[: len(whole) // 2])


def test_a_decompression_bomb_is_refused(monkeypatch):
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 1000)  # a 64×64 image counts as a bomb
    with pytest.raises(UploadRejected, match="Không đọc được ảnh"):
        check("bom.png", png(64, 64))
