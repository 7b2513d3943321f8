import pytest
from django.core.exceptions import ValidationError

from kb.emulation.models import EmulationGroup, EmulationMembership, GroupKind
from tests.factories import UnitFactory


@pytest.fixture
def provinces(db):
    return [
        UnitFactory(code=c, name=f"BHXH tỉnh {n}")
        for c, n in [
            ("NA", "Nghệ An"),
            ("HT", "Hà Tĩnh"),
            ("QB", "Quảng Bình"),
            ("TH", "Thanh Hoá"),
        ]
    ]


def make_cluster(units, year=2025, **kwargs):
    group = EmulationGroup(kind=GroupKind.CLUSTER, name="Cụm thi đua số 3", year=year, **kwargs)
    group.memberships = [EmulationMembership(unit=u) for u in units]
    return group


def test_cluster_with_leader_and_deputy_among_members_is_valid(provinces):
    group = make_cluster(provinces[:3], leader=provinces[0], deputy=provinces[1])
    group.full_clean()
    group.save()
    assert sorted(m.unit.code for m in group.memberships.all()) == ["HT", "NA", "QB"]


def test_leader_must_be_a_member(provinces):
    group = make_cluster(provinces[:2], leader=provinces[3])
    with pytest.raises(ValidationError) as excinfo:
        group.full_clean()
    assert "leader" in excinfo.value.message_dict


def test_deputy_differs_from_leader(provinces):
    group = make_cluster(provinces[:2], leader=provinces[0], deputy=provinces[0])
    with pytest.raises(ValidationError) as excinfo:
        group.full_clean()
    assert "deputy" in excinfo.value.message_dict


def test_the_same_cluster_is_formed_anew_each_year(provinces):
    make_cluster(provinces[:2], year=2024).save()
    make_cluster(provinces[1:], year=2025).save()
    assert EmulationGroup.objects.filter(name="Cụm thi đua số 3").count() == 2
    with pytest.raises(ValidationError):
        make_cluster(provinces[:1], year=2025).full_clean()


def test_emulation_groups_are_edited_in_the_admin(provinces, admin_client):
    response = admin_client.post(
        "/admin/snippets/emulation/emulationgroup/add/",
        {
            "kind": "block",
            "name": "Khối thi đua số 1",
            "year": "2026",
            "leader": provinces[0].pk,
            "deputy": provinces[1].pk,
            "note": "",
            "memberships-TOTAL_FORMS": "2",
            "memberships-INITIAL_FORMS": "0",
            "memberships-MIN_NUM_FORMS": "0",
            "memberships-MAX_NUM_FORMS": "1000",
            "memberships-0-unit": provinces[0].pk,
            "memberships-0-ORDER": "1",
            "memberships-0-id": "",
            "memberships-0-DELETE": "",
            "memberships-1-unit": provinces[1].pk,
            "memberships-1-ORDER": "2",
            "memberships-1-id": "",
            "memberships-1-DELETE": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    group = EmulationGroup.objects.get(name="Khối thi đua số 1", year=2026)
    assert group.leader == provinces[0]
    assert group.memberships.count() == 2
