import factory

from bereik.clients.models import Client


class ClientFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Client

    client_number = factory.Sequence(lambda n: f"C{n + 20000}")
    last_name = factory.Faker("last_name", locale="nl_BE")
    first_name = factory.Faker("first_name", locale="nl_BE")
    street = "Molenstraat"
    house_number = factory.Sequence(lambda n: str(n + 1))
    postcode = "3800"
    city = "Sint-Truiden"
    guidance_status = Client.Guidance.NONE
    source = Client.Source.REGISTER
