from django.utils.functional import SimpleLazyObject

from bereik.organisation.models import Organisation


def organisation(request):
    """The organisation's name for the page header, queried only when a template uses it."""
    return {
        "organisation_name": SimpleLazyObject(
            lambda: Organisation.objects.values_list("name", flat=True).first() or "Bereik"
        )
    }
