"""RSS 2.0 and Atom feeds of the newest stories and initiatives (Django syndication).

Only live, public pages are listed, newest first, so a feed reader on the intranet sees what
a reader of the site sees.
"""

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from kb.initiatives.models import InitiativeIndexPage, InitiativePage
from kb.stories.models import StoryIndexPage, StoryPage

ITEMS = 30


def _index_url(model) -> str:
    index = model.objects.live().first()
    return (index.url if index else None) or "/"


class StoryFeed(Feed):
    title = _("Tin bài điển hình tiên tiến – BHXH Việt Nam")
    description = _("Tin tức, phóng sự mới nhất về điển hình tiên tiến và cách làm hay.")

    def link(self) -> str:
        return _index_url(StoryIndexPage)

    def items(self):
        return StoryPage.objects.live().public().order_by("-date", "-first_published_at")[:ITEMS]

    def item_title(self, item: StoryPage) -> str:
        return item.title

    def item_description(self, item: StoryPage) -> str:
        return item.summary or item.search_description

    def item_link(self, item: StoryPage) -> str:
        return item.url

    def item_pubdate(self, item: StoryPage):
        return item.first_published_at

    def item_updateddate(self, item: StoryPage):
        return item.last_published_at

    def item_author_name(self, item: StoryPage) -> str:
        return item.author

    def item_guid(self, item: StoryPage) -> str:
        return f"urn:kb:{item.key}"

    item_guid_is_permalink = False


class StoryAtomFeed(StoryFeed):
    feed_type = Atom1Feed
    subtitle = StoryFeed.description


class InitiativeFeed(Feed):
    title = _("Sáng kiến, mô hình hay – BHXH Việt Nam")
    description = _("Các sáng kiến, giải pháp công tác mới được đăng trong kho điển hình.")

    def link(self) -> str:
        return _index_url(InitiativeIndexPage)

    def items(self):
        return (
            InitiativePage.objects.live()
            .public()
            .select_related("unit")
            .order_by("-first_published_at", "-pk")[:ITEMS]
        )

    def item_title(self, item: InitiativePage) -> str:
        return item.title

    def item_description(self, item: InitiativePage) -> str:
        return item.summary

    def item_link(self, item: InitiativePage) -> str:
        return item.url

    def item_pubdate(self, item: InitiativePage):
        return item.first_published_at

    def item_updateddate(self, item: InitiativePage):
        return item.last_published_at

    def item_author_name(self, item: InitiativePage) -> str:
        return item.unit.name

    def item_guid(self, item: InitiativePage) -> str:
        return f"urn:kb:{item.key}"

    item_guid_is_permalink = False


class InitiativeAtomFeed(InitiativeFeed):
    feed_type = Atom1Feed
    subtitle = InitiativeFeed.description
