from bereik.organisation import actions
from bereik.organisation.models import Company, Organisation

MUNICIPALITIES = [
    ("3800", "Sint-Truiden"),
    ("3800", "Brustem"),
    ("3800", "Zepperen"),
    ("3803", "Gorsem"),
    ("3803", "Duras"),
    ("3806", "Velm"),
]
# Where the decision letters for the companies go (their head offices).
COMPANY_ADDRESSES = {
    "De Watergroep": "De Watergroep\nVooruitgangstraat 189\n1030 Brussel",
    "Farys": "Farys\nStropstraat 1\n9000 Gent",
    "Fluvius": "Fluvius System Operator\nBrusselsesteenweg 199\n9090 Melle",
}


def load(ctx):
    organisation = Organisation.get()
    actions.organisation_update(
        organisation,
        actor=None,
        name="OCMW Sint-Truiden (demo)",
        street="Kazernestraat 13",
        postcode="3800",
        city="Sint-Truiden",
        phone="011 70 13 00",
        email="sociale.dienst@ocmw-demo.be",
        website="www.ocmw-demo.be",
        office_hours=(
            "elke werkdag tussen 8.30 uur en 11.30 uur of dinsdagavond van 16.30 uur tot 18.30 uur"
        ),
    )
    for postcode, name in MUNICIPALITIES:
        actions.municipality_add(postcode=postcode, name=name, actor=None)
    ctx.companies = {company.name: company for company in Company.objects.all()}
    for name, address in COMPANY_ADDRESSES.items():
        if name in ctx.companies and not ctx.companies[name].address:
            ctx.companies[name].address = address
            actions.company_save(ctx.companies[name], actor=None)
    ctx.data["organisation"] = organisation
