"""What the search app stores: the sector's dictionary and the embedded backend's documents.

`SearchDocument` is one row per live, public content page, with its text folded once at
indexing time and its facets in `SearchFacet`. On SQLite an FTS5 table (kept in step by
triggers) and on PostgreSQL a generated tsvector column with a GIN index are created by the
migrations over the folded title and body; the model does not declare them.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page


class Synonym(models.Model):
    """An acronym or term of the sector and what it stands for, used at query time."""

    term = models.CharField(_("từ, từ viết tắt"), max_length=100, unique=True)
    expansions = models.TextField(
        _("cách viết khác"),
        help_text=_("Mỗi dòng một cách viết đầy đủ hoặc từ đồng nghĩa."),
    )

    panels = [FieldPanel("term"), FieldPanel("expansions")]

    class Meta:
        ordering = ["term"]
        verbose_name = _("từ viết tắt, đồng nghĩa")
        verbose_name_plural = _("từ viết tắt, đồng nghĩa")

    def __str__(self) -> str:
        return f"{self.term} = {', '.join(self.expansion_list)}"

    @property
    def expansion_list(self) -> list[str]:
        return [line.strip() for line in self.expansions.splitlines() if line.strip()]


class SearchDocument(models.Model):
    page = models.OneToOneField(Page, on_delete=models.CASCADE, related_name="search_document")
    key = models.CharField(max_length=100, db_index=True)
    content_type = models.CharField(max_length=30, db_index=True)  # exemplar, initiative…
    title = models.CharField(max_length=255)
    title_folded = models.TextField()
    body = models.TextField(blank=True)
    body_folded = models.TextField(blank=True)
    url = models.CharField(max_length=500, blank=True)
    year = models.PositiveSmallIntegerField(null=True, blank=True)
    date = models.DateField(null=True, blank=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("tài liệu chỉ mục tìm kiếm")
        # The newest change tells the in-memory facet arrays to reload (backends/facets.py).
        # An index of its own (AddIndex), not db_index: altering the field would make SQLite
        # rebuild the table and drop the full-text triggers on it.
        indexes = [models.Index(fields=["updated_at"], name="kbsearch_doc_updated_idx")]

    def __str__(self) -> str:
        return self.title


class SearchFacet(models.Model):
    """One facet value of a document (a document has several fields of work, titles…)."""

    document = models.ForeignKey(SearchDocument, on_delete=models.CASCADE, related_name="facets")
    name = models.CharField(max_length=20)  # type, field, province, year, title
    value = models.CharField(max_length=255)

    class Meta:
        indexes = [models.Index(fields=["name", "value"])]

    def __str__(self) -> str:
        return f"{self.name}={self.value}"
