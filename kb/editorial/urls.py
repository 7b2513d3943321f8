"""Feeds and the read-only API, included at the site's root by kb/urls.py."""

from django.urls import path

from . import feeds
from .api import api_router

urlpatterns = [
    path("feeds/tin-bai/rss/", feeds.StoryFeed(), name="feed_stories_rss"),
    path("feeds/tin-bai/atom/", feeds.StoryAtomFeed(), name="feed_stories_atom"),
    path("feeds/sang-kien/rss/", feeds.InitiativeFeed(), name="feed_initiatives_rss"),
    path("feeds/sang-kien/atom/", feeds.InitiativeAtomFeed(), name="feed_initiatives_atom"),
    path("api/v2/", api_router.urls),
]
