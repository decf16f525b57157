import factory
from django.utils import timezone

from bereik.dossiers.models import Dossier, Signal
from bereik.lib.tests.names import plain_faker
from bereik.organisation.models import Company


class DossierFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Dossier

    number = factory.Sequence(lambda n: f"{timezone.localdate().year}-{n + 1:06d}")
    kind = Dossier.Kind.WATER
    company = factory.LazyFunction(lambda: Company.objects.get(name="De Watergroep"))
    customer_number = factory.Sequence(lambda n: f"K{n:07d}")
    last_name = plain_faker("last_name")
    first_name = plain_faker("first_name")
    street = "Kerkstraat"
    house_number = factory.Sequence(lambda n: str(n + 1))
    postcode = "3800"
    city = "Sint-Truiden"


class SignalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Signal

    kind = Signal.Kind.LAC_WATER
    dossier = factory.SubFactory(DossierFactory)
    company = factory.SelfAttribute("dossier.company")
    customer_number = factory.SelfAttribute("dossier.customer_number")
    last_name = factory.SelfAttribute("dossier.last_name")
    first_name = factory.SelfAttribute("dossier.first_name")
