"""Structured data (schema.org JSON-LD) for profiles and stories, and what Open Graph needs.

Built as dicts here and serialised with `<`, `>` and `&` escaped, so a title containing
"</script>" cannot end the script block it is written in. The template is
templates/components/meta.html.
"""

from __future__ import annotations

import json

ORGANISATION = "Bảo hiểm xã hội Việt Nam"


def dumps(data: dict) -> str:
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _absolute(request, path: str | None) -> str | None:
    if not path:
        return None
    return request.build_absolute_uri(path) if request is not None else path


def exemplar(page, request, awards, image_url: str | None = None) -> str:
    """A Person (individual) or an Organization (collective) with the titles it won."""
    is_person = page.kind == "individual"
    data: dict = {
        "@context": "https://schema.org",
        "@type": "Person" if is_person else "Organization",
        "name": page.title,
        "url": _absolute(request, page.url),
        "description": page.summary or None,
        "image": _absolute(request, image_url),
        "award": [f"{a.title.name} ({a.year})" for a in awards] or None,
    }
    unit = page.unit if page.unit_id else None
    if unit is not None and unit.name != page.title:  # a collective is often its unit
        organisation = {"@type": "Organization", "name": unit.name}
        if is_person:
            data["worksFor"] = organisation
            data["jobTitle"] = page.position or None
        else:
            data["parentOrganization"] = organisation
    if is_person and page.gender:
        data["gender"] = {"female": "Female", "male": "Male"}.get(page.gender)
    return dumps({k: v for k, v in data.items() if v})


def story(page, request, about: list, image_url: str | None = None) -> str:
    """An Article: headline, dates, author, publisher and the exemplars it is about."""
    published = page.date.isoformat() if page.date else None
    modified = page.last_published_at.date().isoformat() if page.last_published_at else published
    data = {
        "@context": "https://schema.org",
        "@type": "Article",
        "headline": page.title[:110],
        "description": page.summary or None,
        "datePublished": published,
        "dateModified": modified,
        "inLanguage": "vi",
        "url": _absolute(request, page.url),
        "mainEntityOfPage": _absolute(request, page.url),
        "image": _absolute(request, image_url),
        "author": {"@type": "Person", "name": page.author}
        if page.author
        else {"@type": "Organization", "name": ORGANISATION},
        "publisher": {"@type": "Organization", "name": ORGANISATION},
        "about": [
            {
                "@type": "Person" if item.kind == "individual" else "Organization",
                "name": item.title,
                "url": _absolute(request, item.url),
            }
            for item in about
        ]
        or None,
    }
    return dumps({k: v for k, v in data.items() if v})
