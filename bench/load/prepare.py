"""Run with `manage.py shell -c` by run.sh: write what the simulated users need.

Writes, into the folder given by KB_LOAD_DIR: `urls.txt` (reader pages: home, the listings,
2,000 random published pages), `editable.txt` (ids of 500 exemplar pages for the editors) and
creates the editors' accounts (bench-editor-1..10, password in KB_LOAD_PASSWORD).
"""

import os
import random
from pathlib import Path

from django.contrib.auth import get_user_model
from wagtail.models import Page

from kb.exemplars.models import ExemplarPage

out = Path(os.environ["KB_LOAD_DIR"])
rng = random.Random(7)
live = Page.objects.live().public()
top = [p.get_url() for p in live.filter(depth__lte=3).order_by("path")]
ids = list(live.filter(depth__gte=4).values_list("pk", flat=True))
sample = rng.sample(ids, min(2000, len(ids)))
pages = [p.get_url() for p in Page.objects.filter(pk__in=sample).order_by("?")]
(out / "urls.txt").write_text("\n".join(url for url in top + pages if url) + "\n")
exemplars = list(ExemplarPage.objects.live().values_list("pk", flat=True)[:20000])
(out / "editable.txt").write_text("\n".join(map(str, rng.sample(exemplars, 500))) + "\n")
User = get_user_model()
for n in range(1, 11):
    user, _ = User.objects.get_or_create(
        username=f"bench-editor-{n}", defaults={"is_staff": True, "is_superuser": True}
    )
    user.set_password(os.environ["KB_LOAD_PASSWORD"])
    user.save()
print(f"{len(top) + len(pages)} reader urls, {len(exemplars)} exemplars")

# Officers (issue 4): ten units' emulation officers (districts, or provinces when the generated
# tree has no districts), each proposing people of his unit.
from django.contrib.auth.models import Group  # noqa: E402

from kb.taxonomy.models import Title  # noqa: E402
from kb.units.models import Unit, UnitLevel  # noqa: E402
from kb.users import roles  # noqa: E402

districts = list(Unit.objects.filter(level=UnitLevel.DISTRICT).order_by("pk")[:10]) or list(
    Unit.objects.filter(level=UnitLevel.PROVINCE).order_by("pk")[:10]
)
title = Title.objects.filter(code="ldtt").first()
officer_group = Group.objects.get(name=roles.UNIT_OFFICER)
lines = []
for n, unit in enumerate(districts, start=1):
    user, _ = User.objects.get_or_create(username=f"bench-officer-{n}")
    user.unit = unit
    user.set_password(os.environ["KB_LOAD_PASSWORD"])
    user.save()
    user.groups.add(officer_group)
    lines.append(f"{user.username} {unit.pk} {title.pk if title else ''}")
(out / "officers.txt").write_text("\n".join(lines) + "\n")
print(f"{len(lines)} officers")
