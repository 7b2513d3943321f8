"""Factories shared by the test suite (factory_boy + wagtail-factories).

Pages are created under the real site skeleton (`ensure_site_structure`), so tests see the
same tree the product has.
"""

import datetime

import factory
import wagtail_factories
from django.contrib.auth.models import Group

from kb.conferences.models import ConferencePage, ReportPage
from kb.exemplars.models import ExemplarPage
from kb.home.structure import ensure_site_structure
from kb.initiatives.models import InitiativePage
from kb.stories.models import StoryPage
from kb.units.models import Unit, UnitLevel
from kb.users.models import User


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Unit
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"U{n:04d}")
    name = factory.Sequence(lambda n: f"BHXH đơn vị {n}")
    level = UnitLevel.PROVINCE
    staff_count = 100


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.vn")
    first_name = "An"
    last_name = "Nguyễn Văn"

    @factory.post_generation
    def password(self, create, extracted, **kwargs):
        self.set_password(extracted or "mat-khau-thu-nghiem")
        if create:
            self.save(update_fields=["password"])

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        if create and extracted:
            self.groups.add(*Group.objects.filter(name__in=extracted))


class ExemplarPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = ExemplarPage

    title = factory.Sequence(lambda n: f"Điển hình số {n}")
    kind = "individual"
    unit = factory.SubFactory(UnitFactory)
    summary = "Hoàn thành xuất sắc nhiệm vụ được giao."
    parent = factory.LazyFunction(lambda: ensure_site_structure().exemplars)


class InitiativePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = InitiativePage

    title = factory.Sequence(lambda n: f"Sáng kiến số {n}")
    unit = factory.SubFactory(UnitFactory)
    summary = "Rút ngắn thời gian giải quyết hồ sơ."
    year = 2025
    parent = factory.LazyFunction(lambda: ensure_site_structure().initiatives)


class StoryPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = StoryPage

    title = factory.Sequence(lambda n: f"Bài viết số {n}")
    date = datetime.date(2025, 5, 1)
    summary = "Câu chuyện về một cách làm hay."
    body = factory.LazyFunction(lambda: [("paragraph", "<p>Nội dung bài viết.</p>")])
    parent = factory.LazyFunction(lambda: ensure_site_structure().stories)


class ConferencePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = ConferencePage

    title = factory.Sequence(lambda n: f"Hội nghị điển hình tiên tiến {n}")
    level = "province"
    unit = factory.SubFactory(UnitFactory)
    date = datetime.date(2025, 4, 20)
    parent = factory.LazyFunction(lambda: ensure_site_structure().conferences)


class ReportPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = ReportPage

    title = factory.Sequence(lambda n: f"Tham luận {n}")
    kind = "paper"
    body = factory.LazyFunction(lambda: [("paragraph", "<p>Nội dung tham luận.</p>")])
    parent = factory.SubFactory(ConferencePageFactory)
