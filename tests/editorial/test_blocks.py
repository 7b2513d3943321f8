"""Story bodies render every block a reader can meet; uploads are limited to safe files."""

import io
import re

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.documents.forms import get_document_form
from wagtail.images.forms import get_image_form

from kb.images.models import KBImage
from tests.factories import ExemplarPageFactory, StoryPageFactory

pytestmark = pytest.mark.django_db


def png_bytes(width: int, height: int) -> bytes:
    buffer = io.BytesIO()
    PILImage.new("RGB", (width, height), (200, 30, 30)).save(buffer, "PNG")
    return buffer.getvalue()


def blue_then_red(width: int = 1600, height: int = 900, split: int = 500) -> ContentFile:
    """Blue left of `split`, red to its right: a crop shows where it was taken from."""
    picture = PILImage.new("RGB", (width, height), (220, 20, 20))
    picture.paste((20, 20, 220), (0, 0, split, height))
    buffer = io.BytesIO()
    picture.save(buffer, "PNG")
    return ContentFile(buffer.getvalue(), name="mot-cua.png")


@pytest.fixture
def story(site_structure):
    image = KBImage.objects.create(
        title="Tổ một cửa tiếp dân",
        description="Cán bộ tổ một cửa hướng dẫn người dân kê khai",
        file=blue_then_red(),
        credit="Phòng Truyền thông",
        focal_point_x=1200,
        focal_point_y=300,
        focal_point_width=200,
        focal_point_height=200,
    )
    document = get_document_model().objects.create(
        title="Báo cáo tổng kết phong trào",
        file=ContentFile(b"%PDF-1.4 test", name="bao-cao.pdf"),
        file_size=245_000,
    )
    live_exemplar = ExemplarPageFactory(title="Chị Lò Thị Mai")
    draft_exemplar = ExemplarPageFactory(title="Anh Chưa Đăng", live=False)
    return StoryPageFactory(
        title="Một ngày ở tổ một cửa",
        body=[
            ("paragraph", "<p>Mở đầu bài viết.</p>"),
            ("image", {"image": image, "caption": "Tiếp dân buổi sáng"}),
            ("quote", {"text": "Dân cần là chúng tôi có mặt.", "attribution": "Tổ trưởng"}),
            (
                "key_figures",
                {"heading": "Kết quả", "figures": [{"value": "98,5%", "label": "hồ sơ đúng hạn"}]},
            ),
            ("document", {"document": document, "title": ""}),
            ("related_exemplar", {"exemplar": live_exemplar}),
            ("related_exemplar", {"exemplar": draft_exemplar}),
        ],
    )


def test_story_body_renders_each_block_for_a_reader(client, story):
    html = client.get(story.url).content.decode()

    # The image: a <picture> with a WebP source in three widths and a JPEG fallback.
    picture = re.search(r"<picture>.*?</picture>", html, re.S).group(0)
    webp = re.search(r'<source[^>]*type="image/webp"[^>]*>', picture).group(0)
    assert len(re.findall(r"\.webp \d+w", webp)) == 3
    img = re.search(r"<img[^>]*>", picture).group(0)
    assert re.search(r'src="[^"]+\.jpg"', img)
    assert 'alt="Cán bộ tổ một cửa hướng dẫn người dân kê khai"' in img
    assert 'loading="lazy"' in img and "sizes=" in img
    assert "Tiếp dân buổi sáng" in html and "Phòng Truyền thông" in html

    assert "Dân cần là chúng tôi có mặt." in html and "— Tổ trưởng" in html
    assert "98,5%" in html and "hồ sơ đúng hạn" in html
    assert "Báo cáo tổng kết phong trào" in html and "(PDF, 239,3\xa0KB)" in html
    # A related exemplar is shown only once published.
    assert "Chị Lò Thị Mai" in html
    assert "Anh Chưa Đăng" not in html


def test_renditions_crop_around_the_focal_point(story):
    image = KBImage.objects.get(title="Tổ một cửa tiếp dân")
    rendition = image.get_rendition("fill-480x480|format-webp")
    assert (rendition.width, rendition.height) == (480, 480)
    crop = PILImage.open(rendition.file)
    assert crop.format == "WEBP"
    # Centred, the square would start at x=350, in the blue part; around the focal point
    # (x=1200) it starts at x=525, right of the blue part (0–500): the crop is all red.
    red, _green, blue = crop.convert("RGB").getpixel((2, 240))
    assert red > 150 and blue < 100

    image.focal_point_x = None
    image.save()
    centred = PILImage.open(image.get_rendition("fill-480x480|format-webp").file).convert("RGB")
    assert centred.getpixel((2, 240))[2] > 150  # blue at the left edge without a focal point


@pytest.mark.parametrize("name", ["trang.html", "anh.svg", "chuong-trinh.exe", "goi.zip"])
def test_unsafe_document_types_are_refused(name):
    form_class = get_document_form(get_document_model())
    form = form_class(
        data={"title": "Tệp thử"},
        files={"file": SimpleUploadedFile(name, b"<script>alert(1)</script>")},
    )
    assert not form.is_valid()
    assert "file" in form.errors


def test_pdf_report_is_accepted():
    form_class = get_document_form(get_document_model())
    form = form_class(
        data={"title": "Báo cáo"},
        files={"file": SimpleUploadedFile("bao-cao.pdf", b"%PDF-1.4 test")},
    )
    assert form.is_valid(), form.errors


@override_settings(WAGTAILIMAGES_MAX_IMAGE_PIXELS=1_000_000)
def test_image_with_too_many_pixels_is_refused_before_decoding():
    # 2,000 × 1,000 pixels compress to a few kilobytes: the file size alone would pass.
    form_class = get_image_form(KBImage)
    form = form_class(
        data={"title": "Ảnh quá lớn"},
        files={"file": SimpleUploadedFile("lon.png", png_bytes(2000, 1000), "image/png")},
    )
    assert not form.is_valid()
    assert "file" in form.errors


def test_pillow_refuses_decompression_bombs_beyond_the_configured_ceiling(settings):
    assert settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS <= 50_000_000
    assert PILImage.MAX_IMAGE_PIXELS == settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS
    assert settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE <= 10 * 1024 * 1024
