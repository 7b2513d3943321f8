"""The load test's users (run by bench/load/run.sh; see bench/README.md).

Each request is named by its kind (`name=`), so locust reports p95/p99 per kind:
readers open pages and listings and search (with suggestions while typing); editors open a
page in the admin and save it (a draft, or now and then publish it, which drops the page
cache and queues index work for the worker).
"""

from __future__ import annotations

import os
import random
import re
import sys
from pathlib import Path

from locust import HttpUser, between, task

sys.path.insert(0, str(Path(__file__).resolve().parent))
from formdata import form_fields, stream_fields  # noqa: E402

DATA = Path(os.environ.get("KB_LOAD_DIR", "."))
PASSWORD = os.environ.get("KB_LOAD_PASSWORD", "")
URLS = [u for u in (DATA / "urls.txt").read_text().split() if u] if DATA.exists() else []
EDITABLE = [int(i) for i in (DATA / "editable.txt").read_text().split()] if DATA.exists() else []
QUERIES = [
    "thu nợ",
    "bảo hiểm y tế",
    "BHYT",
    "cải cách thủ tục hành chính",
    "giám định",
    "Nghệ An",
    "chi trả lương hưu",
    "học sinh",
    "hoc sinh",
    "sáng kiến",
    "điển hình tiên tiến",
    "BHXH tự nguyện",
    "một cửa",
    "chuyển đổi số",
    "tuyên truyền",
    "Đắk Lắk",
]
LISTINGS = [u for u in URLS[:40] if u.count("/") <= 2]


def kind_of(url: str) -> str:
    return "home" if url == "/" else ("listing" if url in LISTINGS else "page")


class Reader(HttpUser):
    """A reader: the home page, listings (with a filter or a page number), profiles."""

    weight = 10
    wait_time = between(1, 3)

    @task(6)
    def open_page(self):
        url = random.choice(URLS)  # noqa: S311
        self.client.get(url, name=kind_of(url))

    @task(2)
    def browse_listing(self):
        if LISTINGS:
            url = random.choice(LISTINGS)  # noqa: S311
            self.client.get(url, params={"page": random.randint(1, 20)}, name="listing ?page")  # noqa: S311

    @task(1)
    def home(self):
        self.client.get("/", name="home")


class Searcher(HttpUser):
    """A reader who searches: suggestions while typing, then the results, sometimes page 2."""

    weight = 4
    wait_time = between(1, 4)

    @task
    def search(self):
        query = random.choice(QUERIES)  # noqa: S311
        self.client.get("/search/autocomplete/", params={"q": query[:4]}, name="autocomplete")
        self.client.get("/search/", params={"q": query}, name="search")
        if random.random() < 0.3:  # noqa: S311
            self.client.get("/search/", params={"q": query, "page": 2}, name="search page 2")


class Editor(HttpUser):
    """An editor: opens an exemplar in the admin and saves it (1 in 5 saves publishes)."""

    weight = 1
    wait_time = between(3, 8)
    serial = 0

    def on_start(self):
        Editor.serial += 1
        username = f"bench-editor-{(Editor.serial - 1) % 10 + 1}"
        page = self.client.get("/admin/login/", name="admin login form")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)
        self.client.post(
            "/admin/login/",
            {
                "username": username,
                "password": PASSWORD,
                "csrfmiddlewaretoken": token.group(1) if token else "",
            },
            headers={"Referer": self.host + "/admin/login/"},
            name="admin login",
        )

    @task
    def edit_and_save(self):
        page_id = random.choice(EDITABLE)  # noqa: S311
        url = f"/admin/pages/{page_id}/edit/"
        with self.client.get(url, name="admin edit page", catch_response=True) as form:
            fields = form_fields(form.text, "page-edit-form") + stream_fields(form.text)
            if not fields:
                form.failure(f"no edit form: HTTP {form.status_code}")
                return
        if random.random() < 0.2:  # noqa: S311
            fields.append(("action-publish", "action-publish"))
            name = "admin publish"
        else:
            name = "admin save draft"
        with self.client.post(
            url,
            data=fields,
            headers={"Referer": self.host + url},
            name=name,
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if response.status_code != 302:
                response.failure(f"not saved: HTTP {response.status_code}")


# --- Officers submitting dossiers (issue 4, kb/nominations) ---------------------------------
OFFICERS = (
    [line.split() for line in (DATA / "officers.txt").read_text().splitlines() if line.strip()]
    if (DATA / "officers.txt").exists()
    else []
)


def log_in(user: HttpUser, username: str) -> None:
    page = user.client.get("/admin/login/", name="admin login form")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)
    user.client.post(
        "/admin/login/",
        {
            "username": username,
            "password": PASSWORD,
            "csrfmiddlewaretoken": token.group(1) if token else "",
        },
        headers={"Referer": user.host + "/admin/login/"},
        name="admin login",
    )


class Officer(HttpUser):
    """A unit's emulation officer: opens the list waiting for him, drafts a dossier for a
    person of his unit and submits it up the route (rules checked on each submission)."""

    weight = 2
    wait_time = between(3, 8)
    serial = 0

    def on_start(self):
        Officer.serial += 1
        self.username, self.unit, self.title = OFFICERS[(Officer.serial - 1) % len(OFFICERS)]
        log_in(self, self.username)

    @task
    def propose(self):
        self.client.get("/admin/nominations/", params={"mine": 1}, name="dossier list")
        with self.client.get(
            "/admin/nominations/new/", name="dossier form", catch_response=True
        ) as form:
            fields = dict(form_fields(form.text, "nomination-form"))
            if "csrfmiddlewaretoken" not in fields:
                form.failure(f"no dossier form: HTTP {form.status_code}")
                return
        fields.update(
            year="2026",
            purpose="award",
            nominee_kind="individual",
            title=self.title,
            proposing_unit=self.unit,
            nominee_unit=self.unit,
            nominee_name=f"Cán bộ thử tải {random.randint(1, 10**6)}",  # noqa: S311
            rating="good",
        )
        with self.client.post(
            "/admin/nominations/new/",
            data=fields,
            headers={"Referer": self.host + "/admin/nominations/new/"},
            name="dossier save",
            allow_redirects=False,
            catch_response=True,
        ) as saved:
            if saved.status_code != 302:
                saved.failure(f"dossier not saved: HTTP {saved.status_code}")
                return
            detail = saved.headers["Location"]
        page = self.client.get(detail, name="dossier page")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)
        submit = detail.rstrip("/") + "/submit/"
        with self.client.post(
            submit,
            data={"csrfmiddlewaretoken": token.group(1) if token else ""},
            headers={"Referer": self.host + detail},
            name="dossier submit",
            allow_redirects=False,
            catch_response=True,
        ) as submitted:
            if submitted.status_code != 302:
                submitted.failure(f"dossier not submitted: HTTP {submitted.status_code}")
