"""`{% related_practices page as related %}`: good practices near an initiative or profile."""

import logging

from django import template

from search.backends import get_embedded

register = template.Library()
logger = logging.getLogger(__name__)


@register.simple_tag
def related_practices(page, limit: int = 5):
    """Initiatives, exemplars and stories sharing the page's words and fields of work (from the
    embedded index, which is always kept, so a page never waits on Elasticsearch)."""
    try:
        return get_embedded().related(page, limit=limit)
    except Exception:  # a page must render even if the index is being rebuilt
        logger.exception("related practices failed for page %s", getattr(page, "pk", None))
        return []
