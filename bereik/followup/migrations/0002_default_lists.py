"""The default lists (the beheerder edits them in the application afterwards)."""

from django.db import migrations

# Rights investigation checklist (draft from the practice; kept editable).
RIGHTS = [
    ("Inkomen", [
        "Leefloon",
        "Inkomensgarantie voor ouderen (IGO)",
        "Tegemoetkomingen voor personen met een handicap",
        "Volledige uitkeringen (werkloosheid, ziekte, pensioen)",
    ]),
    ("Gezondheid", [
        "Verhoogde tegemoetkoming",
        "Maximumfactuur",
        "Derdebetalersregeling",
        "Zorgbudgetten",
        "Zorgpremie betaald",
    ]),
    ("Energie", [
        "Sociaal tarief",
        "Vergelijking energiecontract",
        "Minimale levering in de winter",
        "Status budgetmeter / prepaid",
        "Energiescan",
        "Verwarmingstoelage",
        "Energiefonds via het OCMW",
    ]),
    ("Water", [
        "Beschermde klant",
        "Waterscan",
        "Afbetalingsplan op maat",
        "Maandelijkse facturen",
    ]),
    ("Wonen", [
        "Huurpremie / huursubsidie",
        "Inschrijving sociale huisvesting",
        "Huurwaarborg",
        "Fonds ter bestrijding van uithuiszettingen",
    ]),
    ("Gezin", [
        "Toeslagen Groeipakket",
        "School- en studietoelagen",
    ]),
    ("Mobiliteit en telecom", [
        "Sociale korting openbaar vervoer",
        "Sociaal telecomtarief",
    ]),
    ("Schulden", [
        "Budgetbegeleiding",
        "Budgetbeheer",
        "Schuldbemiddeling",
        "Collectieve schuldenregeling",
    ]),
    ("Participatie", [
        "UiTPAS en vergelijkbare kortingen",
    ]),
]

# (code, label, note required)
OUTCOMES = [
    ("opgelost_afbetalingsplan", "Opgelost met afbetalingsplan", False),
    ("opgelost_zelf_betaald", "Opgelost: zelf betaald", False),
    ("doorverwezen_warme_overdracht", "Doorverwezen met warme overdracht", False),
    ("geen_hulp_gewenst", "Geen hulp gewenst", False),
    ("niet_bereikt", "Niet bereikt", False),
    ("verhuisd", "Verhuisd", False),
    ("overleden", "Overleden", False),
    ("afsluiting_vermeden", "Afsluiting vermeden", False),
    ("afsluiting_niet_vermeden", "Afsluiting niet vermeden", False),
    ("andere", "Andere", True),
]

ORGANISATIONS = ["CAW", "Mytrusto", "Erkende schuldbemiddelaar"]

CELL_CHECKLIST = [
    "Maatschappij, klantnummer en openstaand bedrag nagekeken",
    "Recht op sociaal tarief of beschermde klant nagegaan",
    "Recente facturen en afrekeningen opgevraagd",
    "Meterstanden of status budgetmeter nagevraagd",
    "Cliënt gaat akkoord met de doorverwijzing naar de cel",
]

AFTERCARE = {
    "name": "Nazorg na heraansluiting",
    "months": 6,
    "task_description": (
        "Nazorg: opnieuw contact opnemen met het gezin (zes maanden na de afsluiting, "
        "kwetsbare situatie)"
    ),
    "outcomes": ["afsluiting_niet_vermeden"],
}


def create_defaults(apps, schema_editor):
    RightGroup = apps.get_model("followup", "RightGroup")
    RightItem = apps.get_model("followup", "RightItem")
    OutcomeCode = apps.get_model("followup", "OutcomeCode")
    ExternalOrganisation = apps.get_model("followup", "ExternalOrganisation")
    CellChecklistItem = apps.get_model("followup", "CellChecklistItem")
    AftercareRule = apps.get_model("followup", "AftercareRule")

    for group_order, (group_name, items) in enumerate(RIGHTS, start=1):
        group, _ = RightGroup.objects.get_or_create(
            name=group_name, defaults={"order": group_order * 10}
        )
        for order, name in enumerate(items, start=1):
            RightItem.objects.get_or_create(group=group, name=name, defaults={"order": order * 10})
    for order, (code, name, note_required) in enumerate(OUTCOMES, start=1):
        OutcomeCode.objects.get_or_create(
            code=code, defaults={"name": name, "order": order * 10, "note_required": note_required}
        )
    for order, name in enumerate(ORGANISATIONS, start=1):
        ExternalOrganisation.objects.get_or_create(name=name, defaults={"order": order * 10})
    for order, name in enumerate(CELL_CHECKLIST, start=1):
        CellChecklistItem.objects.get_or_create(name=name, defaults={"order": order * 10})
    rule, created = AftercareRule.objects.get_or_create(
        name=AFTERCARE["name"],
        defaults={"months": AFTERCARE["months"], "task_description": AFTERCARE["task_description"]},
    )
    if created:
        rule.outcomes.set(OutcomeCode.objects.filter(code__in=AFTERCARE["outcomes"]))


class Migration(migrations.Migration):
    dependencies = [("followup", "0001_initial")]

    operations = [migrations.RunPython(create_defaults, migrations.RunPython.noop)]
