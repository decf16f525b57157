from django.utils.functional import SimpleLazyObject

from bereik.organisation.models import Organisation


def organisation(request):
    """The organisation's name for the page header, read only when a template uses it (and
    then cached per process for a minute: `Organisation.display_name`)."""
    return {"organisation_name": SimpleLazyObject(Organisation.display_name)}
