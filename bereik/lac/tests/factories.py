import datetime

import factory
from django.utils import timezone

from bereik.clients.models import Client
from bereik.clients.tests.factories import ClientFactory
from bereik.dossiers.models import Dossier
from bereik.lac.models import AgendaItem, LacPerson, Session
from bereik.lib.tests.names import plain_faker
from bereik.organisation.models import Company


class LacPersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LacPerson

    name = plain_faker("name")
    function = LacPerson.Function.CHAIR


class SessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Session

    kind = Session.Kind.WATER
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


def placed_for_then_route_a(placed_for, own_social_worker) -> AgendaItem:
    """An item placed for `placed_for` (its dossier on route C then), whose dossier the register
    later shows in active guidance with `own_social_worker`: on route A that worker prepares.
    The register change is written directly: the tests run the LAC's follow-up themselves."""
    item = AgendaItemFactory(preparer=placed_for, dossier__assigned_to=placed_for)
    dossier = item.dossier
    dossier.client = ClientFactory(
        guidance_status=Client.Guidance.ACTIVE, social_worker=own_social_worker
    )
    dossier.route = Dossier.Route.A
    dossier.save(update_fields=["client", "route"])
    return item
