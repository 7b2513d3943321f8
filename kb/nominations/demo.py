"""Demo people (one per role) and a few dossiers at different steps, so that `make run` shows
the pipeline from every seat. Only `kb_setup` calls this, and only with the demo data."""

from __future__ import annotations

import contextlib
import datetime

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction

from kb.exemplars.models import ExemplarKind, ExemplarPage, ExemplarTitleAward
from kb.initiatives.models import InitiativePage
from kb.taxonomy.models import Title
from kb.units.models import Unit, UnitLevel
from kb.users import roles

from . import services
from .defaults import ensure_route_and_rules
from .models import Nomination, NomineeKind

# (username, role, which unit, last name, first name)
PEOPLE = [
    ("canbo.thidua", roles.UNIT_OFFICER, "district", "Nguyễn Thị", "Thu"),
    ("hoidong.huyen", roles.COUNCIL_MEMBER, "district", "Trần Văn", "Bình"),
    ("hoidong.tinh", roles.COUNCIL_MEMBER, "province", "Lê Minh", "Châu"),
    ("vu.tdkt", roles.MINISTRY_OFFICE, "sector", "Phạm Thị", "Dung"),
    ("bientap", roles.EDITOR, "province", "Hoàng Văn", "Em"),
    ("kiemduyet", roles.MODERATOR, "province", "Vũ Thị", "Giang"),
]


def _places() -> dict[str, Unit] | None:
    sector = Unit.objects.filter(level=UnitLevel.SECTOR).first()
    exemplar = (
        ExemplarPage.objects.filter(
            kind=ExemplarKind.INDIVIDUAL, unit__level=UnitLevel.DISTRICT, live=True
        )
        .select_related("unit")
        .order_by("pk")
        .first()
    )
    if sector is None or exemplar is None or exemplar.unit.province is None:
        return None
    return {"sector": sector, "district": exemplar.unit, "province": exemplar.unit.province}


def ensure_demo_people(password: str) -> list[tuple[str, str, str]]:
    """The demo's people, one per role, all with ``password``; returns (user, role, unit)."""
    places = _places()
    if places is None:
        return []
    User = get_user_model()
    made = []
    for username, role, where, last, first in PEOPLE:
        user, _ = User.objects.get_or_create(
            username=username,
            defaults={"last_name": last, "first_name": first, "email": f"{username}@demo.vn"},
        )
        user.unit = places[where]
        user.set_password(password)
        user.save()
        user.groups.add(*Group.objects.filter(name=role))
        made.append((username, role, places[where].name))
    return made


@transaction.atomic
def load_demo_nominations() -> int:
    """Two dossiers: one waiting at the province, one still drafted. Returns how many were
    made (none when the demo people or data are missing, or dossiers exist already)."""
    if Nomination.objects.exists():
        return 0
    places = _places()
    User = get_user_model()
    people = {u.username: u for u in User.objects.filter(username__in=[p[0] for p in PEOPLE])}
    if places is None or len(people) < len(PEOPLE):
        return 0
    ensure_route_and_rules()
    year = datetime.date.today().year
    district = places["district"]
    officer = people["canbo.thidua"]
    made = 0

    # Waiting at the province: a sector emulation fighter with three years on record.
    exemplar = (
        ExemplarPage.objects.filter(unit=district, kind=ExemplarKind.INDIVIDUAL)
        .order_by("pk")
        .first()
    )
    initiative = InitiativePage.objects.filter(unit__path__startswith=district.path).first()
    if exemplar is not None:
        base = Title.objects.get(code="cstd-co-so")
        for past in (year - 3, year - 2, year - 1):
            ExemplarTitleAward.objects.get_or_create(page=exemplar, title=base, year=past)
        if initiative is not None and initiative.scope not in ("sector", "national"):
            InitiativePage.objects.filter(pk=initiative.pk).update(scope="sector")
        nomination = Nomination(
            year=year,
            nominee_kind=NomineeKind.INDIVIDUAL,
            title=Title.objects.get(code="cstd-nganh"),
            proposing_unit=district,
            nominee_unit=district,
            nominee_name=exemplar.title,
            exemplar=exemplar,
            position=exemplar.position,
            rating="excellent",
            achievements=f"<p>{exemplar.summary}</p>",
        )
        services.save_dossier(nomination, officer, initiatives=[initiative] if initiative else None)
        services.submit(nomination, officer)
        nomination.refresh_from_db()
        # If the demo's data does not meet a rule, the dossier simply waits at the district.
        with contextlib.suppress(services.DecisionRefused):
            services.decide(
                nomination,
                people["hoidong.huyen"],
                "approve",
                comment="Hội đồng thống nhất đề nghị lên BHXH tỉnh.",
                version=nomination.version,
                vote=services.VoteInput(9, 0, 9),
            )
        made += 1

    # A draft the officer is still completing: the district itself, as an excellent collective.
    draft = Nomination(
        year=year,
        nominee_kind=NomineeKind.COLLECTIVE,
        title=Title.objects.get(code="tt-ldxs"),
        proposing_unit=district,
        nominee_unit=district,
        nominee_name=district.name,
        rating="excellent",
        members_total=24,
        members_completed=24,
        members_ldtt=19,
        members_cstd=3,
        achievements="<p>Hoàn thành vượt chỉ tiêu thu, giảm nợ đọng so với năm trước.</p>",
    )
    services.save_dossier(draft, officer)
    return made + 1
