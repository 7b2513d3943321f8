from tests.factories import ExemplarPageFactory, ReportPageFactory


def test_factories_build_pages_under_the_site(site_structure):
    exemplar = ExemplarPageFactory()
    report = ReportPageFactory()
    assert exemplar.get_parent().specific == site_structure.exemplars
    assert exemplar.key.startswith("ex-")
    assert report.get_parent().specific.get_parent().specific == site_structure.conferences
