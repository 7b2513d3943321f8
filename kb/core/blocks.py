"""StreamField blocks shared by every body (profiles, stories, movements, reports)."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock

RICH_FEATURES = ["h2", "h3", "bold", "italic", "ol", "ul", "hr", "link", "document-link"]


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Ảnh"))
    caption = blocks.CharBlock(required=False, label=_("Chú thích"))

    class Meta:
        icon = "image"
        label = _("Ảnh có chú thích")
        template = "components/blocks/image_block.html"


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("Trích dẫn"))
    attribution = blocks.CharBlock(required=False, label=_("Người nói"))

    class Meta:
        icon = "openquote"
        label = _("Trích dẫn")
        template = "components/blocks/quote_block.html"


class FigureBlock(blocks.StructBlock):
    value = blocks.CharBlock(label=_("Con số"), help_text=_("Ví dụ: 98,5% hoặc 12.000"))
    label = blocks.CharBlock(label=_("Ý nghĩa"))


class KeyFiguresBlock(blocks.StructBlock):
    heading = blocks.CharBlock(required=False, label=_("Tiêu đề"))
    figures = blocks.ListBlock(FigureBlock(), label=_("Các con số"))

    class Meta:
        icon = "table"
        label = _("Số liệu nổi bật")
        template = "components/blocks/key_figures_block.html"


class DocumentBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("Tài liệu"))
    title = blocks.CharBlock(required=False, label=_("Tiêu đề hiển thị"))

    class Meta:
        icon = "doc-full"
        label = _("Tài liệu đính kèm")
        template = "components/blocks/document_block.html"


class RelatedExemplarBlock(blocks.StructBlock):
    exemplar = blocks.PageChooserBlock(page_type="exemplars.ExemplarPage", label=_("Điển hình"))

    class Meta:
        icon = "user"
        label = _("Điển hình liên quan")
        template = "components/blocks/related_exemplar_block.html"


class BodyBlock(blocks.StreamBlock):
    paragraph = blocks.RichTextBlock(features=RICH_FEATURES, label=_("Đoạn văn"))
    image = ImageBlock()
    quote = QuoteBlock()
    key_figures = KeyFiguresBlock()
    document = DocumentBlock()
    related_exemplar = RelatedExemplarBlock()


def body_from_html(html_text: str) -> list[tuple[str, str]]:
    """A body holding one paragraph block: what an imported text becomes."""
    return [("paragraph", html_text)] if html_text else []


def body_to_html(body) -> str:
    """The body's paragraphs as one HTML string: what the interchange format carries.

    Images, quotes and other blocks have no place in the format and are left out.
    """
    return "".join(block.value.source for block in body if block.block_type == "paragraph")
