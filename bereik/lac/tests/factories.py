import datetime

import factory
from django.utils import timezone

from bereik.lac.models import AgendaItem, LacPerson, Session
from bereik.organisation.models import Company


class LacPersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LacPerson

    name = factory.Faker("name", locale="nl_BE")
    function = LacPerson.CHAIR


class SessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Session

    kind = Session.WATER
    company = factory.LazyFunction(lambda: Company.objects.get(name="De Watergroep"))
    date = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=14))
    place = "Raadzaal"


class AgendaItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AgendaItem

    session = factory.SubFactory(SessionFactory)
    dossier = factory.SubFactory(
        "bereik.dossiers.tests.factories.DossierFactory",
        kind=factory.SelfAttribute("..session.kind"),
        company=factory.SelfAttribute("..session.company"),
    )
    position = factory.Sequence(lambda n: n + 1)
