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
