"""The fixed skeleton of the site: a home page and one index page per kind of content.

Imports, the demo data and the tests all need it, and a fresh database only has Wagtail's
placeholder "Welcome" page, so one idempotent function builds (or finds) it.
"""

from dataclasses import dataclass

from django.db import transaction
from wagtail.models import Page, Site

from kb.conferences.models import ConferenceIndexPage
from kb.exemplars.models import ExemplarIndexPage
from kb.initiatives.models import InitiativeIndexPage
from kb.movements.models import MovementIndexPage
from kb.stories.models import StoryIndexPage

from .models import HomePage

INDEXES = [
    (
        ExemplarIndexPage,
        "Điển hình tiên tiến",
        "dien-hinh",
        "Những tập thể, cá nhân tiêu biểu của ngành BHXH Việt Nam.",
    ),
    (
        InitiativeIndexPage,
        "Sáng kiến, mô hình hay",
        "sang-kien",
        "Các sáng kiến, giải pháp công tác và mô hình mới đã được áp dụng.",
    ),
    (
        StoryIndexPage,
        "Tin bài",
        "tin-bai",
        "Tin tức, phóng sự về điển hình tiên tiến và cách làm hay.",
    ),
    (MovementIndexPage, "Phong trào thi đua", "phong-trao", ""),
    (
        ConferenceIndexPage,
        "Hội nghị điển hình",
        "hoi-nghi",
        "Hội nghị điển hình tiên tiến và Đại hội Thi đua yêu nước.",
    ),
]


@dataclass
class SiteStructure:
    home: HomePage
    exemplars: ExemplarIndexPage
    initiatives: InitiativeIndexPage
    stories: StoryIndexPage
    movements: MovementIndexPage
    conferences: ConferenceIndexPage


@transaction.atomic
def ensure_site_structure() -> SiteStructure:
    home = HomePage.objects.first()
    if home is None:
        root = Page.get_first_root_node()
        home = root.add_child(
            instance=HomePage(
                title="Điển hình tiên tiến ngành BHXH Việt Nam",
                slug="trang-chu",
                intro="Kho tri thức về gương điển hình tiên tiến, sáng kiến và cách làm hay "
                "của ngành Bảo hiểm xã hội Việt Nam.",
            )
        )
        site = Site.objects.filter(is_default_site=True).first()
        placeholder = site.root_page if site else None
        if site:
            site.root_page = home
            site.site_name = "Điển hình tiên tiến BHXH Việt Nam"
            site.save()
        else:
            Site.objects.create(
                hostname="localhost",
                port=80,
                root_page=home,
                is_default_site=True,
                site_name="Điển hình tiên tiến BHXH Việt Nam",
            )
        if (
            placeholder is not None
            and placeholder.specific_class is Page
            and placeholder.depth == 2
        ):
            placeholder.delete()  # Wagtail's "Welcome to your new Wagtail site!"

    found = {}
    for model, title, slug, intro in INDEXES:
        page = model.objects.first()
        if page is None:
            page = home.add_child(instance=model(title=title, slug=slug, intro=intro))
        found[model] = page
    return SiteStructure(
        home=home,
        exemplars=found[ExemplarIndexPage],
        initiatives=found[InitiativeIndexPage],
        stories=found[StoryIndexPage],
        movements=found[MovementIndexPage],
        conferences=found[ConferenceIndexPage],
    )
