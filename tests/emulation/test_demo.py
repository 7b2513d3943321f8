"""The demo scoring year loads on a demo-like cluster, twice without harm."""

from kb.emulation import demo, services
from kb.emulation.models import EmulationGroup, Meeting, Pact


def test_the_demo_scoring_year_loads_once(cluster):
    Pact.objects.all().delete()  # the demo writes its own pact
    group = demo.load_demo_scoring()
    assert group == cluster.group
    earlier = EmulationGroup.objects.get(name=group.name, year=group.year - 1)
    assert Pact.objects.get(group=earlier).is_locked
    pact = Pact.objects.get(group=group)
    standings = services.ranking(pact)
    assert len(standings) == 4
    assert all(s.missing == 0 for s in standings)
    assert sum(1 for s in standings for line in s.sheet.lines.all() if line.council_reason) == 1
    assert len(services.unit_history(cluster.units["NA"], kind="cluster")) == 1
    assert Meeting.objects.filter(group=group).count() == 2

    demo.load_demo_scoring()
    assert Pact.objects.count() == 2
    assert Meeting.objects.count() == 2
