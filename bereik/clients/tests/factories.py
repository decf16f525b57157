import factory

from bereik.clients.models import Client
from bereik.lib.tests.names import plain_faker


class ClientFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Client

    client_number = factory.Sequence(lambda n: f"C{n + 20000}")
    last_name = plain_faker("last_name")
    first_name = plain_faker("first_name")
    street = "Molenstraat"
    house_number = factory.Sequence(lambda n: str(n + 1))
    postcode = "3800"
    city = "Sint-Truiden"
    guidance_status = Client.Guidance.NONE
    source = Client.Source.REGISTER
