"""What a newcomer gets from `make run`: the demo site and a working admin login."""

import re
from io import StringIO

import pytest
from django.contrib.auth import authenticate
from django.core.management import call_command

from kb.conferences.models import ConferencePage, ReportPage
from kb.exemplars.models import ExemplarPage
from kb.initiatives.models import InitiativePage
from kb.stories.models import StoryPage
from kb.units.models import Unit


def run_setup() -> str:
    out = StringIO()
    call_command("kb_setup", stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_setup_loads_the_demo_once_and_prints_a_login_that_works(settings, tmp_path, client):
    settings.BASE_DIR = tmp_path
    output = run_setup()

    assert Unit.objects.count() >= 30
    assert ExemplarPage.objects.live().count() >= 100
    assert InitiativePage.objects.live().count() >= 60
    stories = StoryPage.objects.live()
    assert stories.count() >= 20
    assert not stories.filter(cover__isnull=True).exists(), "every story has a drawn cover"
    assert ConferencePage.objects.live().count() == 2
    assert ReportPage.objects.live().count() >= 4

    username, password = re.search(r"Đăng nhập: (\S+) / (\S+)", output).groups()
    assert authenticate(username=username, password=password) is not None
    assert client.login(username=username, password=password)
    assert client.get("/admin/").status_code == 200

    home = client.get("/")
    assert home.status_code == 200
    featured = home.context["featured"]
    assert len(featured) == 6
    assert all(exemplar.photo_id for exemplar in featured)
    assert featured[0].title in home.content.decode()

    # One person per role, with the same password, and dossiers at different steps.
    from kb.nominations.models import Nomination, Status

    assert "canbo.thidua" in output and "vu.tdkt" in output
    assert {n.status for n in Nomination.objects.all()} == {Status.DRAFT, Status.IN_REVIEW}
    assert client.login(username="hoidong.tinh", password=password)
    waiting = client.get("/admin/nominations/?mine=1").content.decode()
    assert "Chiến sĩ thi đua ngành BHXH" in waiting  # passed by the district, at the province

    # A second run (make run again) loads nothing twice and prints the same login.
    exemplars = ExemplarPage.objects.count()
    again = run_setup()
    assert "Nạp dữ liệu mẫu" not in again
    assert f"{username} / {password}" in again
    assert ExemplarPage.objects.count() == exemplars
