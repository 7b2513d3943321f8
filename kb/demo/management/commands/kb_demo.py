"""Load the demo knowledge base: records through the real importer, then images.

Going through `kb_import`'s code path means the demo data is also a standing test of the
interchange format; the images (portraits, story covers) are drawn by `kb.demo.images`, so
nothing is downloaded and nothing copyrighted is shipped.
"""

from django.core.files.images import ImageFile
from django.core.management.base import BaseCommand
from django.db import transaction

from kb.conferences.models import ConferenceRules
from kb.demo.content import build_demo_records
from kb.demo.images import cover_image, portrait_image
from kb.exemplars.models import ExemplarKind, ExemplarPage
from kb.home.models import FeaturedExemplar
from kb.home.structure import ensure_site_structure
from kb.images.models import KBImage
from kb.interchange.importer import import_records
from kb.stories.models import StoryPage
from kb.units.models import Unit

# BHXH thành phố Hà Nội and BHXH Thành phố Hồ Chí Minh in the demo's unit tree.
RAISED_CAP_CODES = ("HNI", "HCM")


def _image(title: str, data: bytes, filename: str) -> KBImage:
    import io

    image = KBImage(title=title, credit="Ảnh minh hoạ do hệ thống tạo")
    image.file = ImageFile(io.BytesIO(data), name=filename)
    image.save()
    return image


class Command(BaseCommand):
    help = "Nạp dữ liệu mẫu: đơn vị, điển hình, sáng kiến, tin bài, hội nghị và ảnh minh hoạ."

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument("--no-images", action="store_true")

    def handle(self, *args, seed: int, no_images: bool, **options):
        structure = ensure_site_structure()
        records = build_demo_records(seed=seed)
        result = import_records(enumerate(records, start=1))
        self.stdout.write(f"Đã nạp {len(records)} bản ghi mẫu:")
        for line in result.summary_lines():
            self.stdout.write(f"  {line}")
        self._raise_conference_caps()
        from kb.emulation.demo import load_demo_scoring

        load_demo_scoring(seed)
        self.stdout.write("Đã tạo một năm chấm điểm thi đua mẫu cho một cụm.")
        if no_images:
            return
        with transaction.atomic():
            self._attach_images(seed)
            self._feature_exemplars(structure.home)
        self.stdout.write(self.style.SUCCESS("Đã tạo ảnh minh hoạ cho điển hình và tin bài."))

    def _raise_conference_caps(self) -> None:
        """The 2019 guidance raises the cap of three units' upper conferences to 350; two of
        them are in the demo (there is no "Khối cơ quan" unit in it)."""
        rules = ConferenceRules.load()
        rules.raised_cap_units.add(*Unit.objects.filter(code__in=RAISED_CAP_CODES))

    def _attach_images(self, seed: int) -> None:
        exemplars = ExemplarPage.objects.filter(photo__isnull=True).order_by("key")
        for n, page in enumerate(exemplars):
            if page.kind != ExemplarKind.INDIVIDUAL and n % 3:
                continue  # every individual gets a portrait; a third of collectives a photo
            long_hair = None if page.kind != ExemplarKind.INDIVIDUAL else page.gender == "female"
            data = portrait_image(page.title, seed + n, long_hair=long_hair)
            page.photo = _image(page.title, data, f"{page.key}.png")
            page.save_revision(log_action=False).publish(log_action=False)
        for n, story in enumerate(StoryPage.objects.filter(cover__isnull=True).order_by("key")):
            data = cover_image(story.title, seed + n)
            cover = _image(story.title, data, f"{story.key}.png")
            story.cover = cover
            story.body.insert(
                1 if len(story.body) else 0, ("image", {"image": cover, "caption": story.title})
            )
            story.save_revision(log_action=False).publish(log_action=False)

    def _feature_exemplars(self, home) -> None:
        if home.featured_exemplars.exists():
            return
        chosen = (
            ExemplarPage.objects.live().filter(photo__isnull=False).order_by("-year", "key")[:6]
        )
        home.featured_exemplars = [FeaturedExemplar(exemplar=exemplar) for exemplar in chosen]
        home.save_revision(log_action=False).publish(log_action=False)
