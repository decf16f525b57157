"""The starting lists of guiding questions: Beerse's richtvragen (water, energy, housing quality,
money) as the domain notes give them. The beheerder edits them under Beheer → Richtvragen."""

from django.db import migrations

# (list, intro, [(question, help text, answer that suggests, suggestion, target, where)])
# where: a team code and help kind for "team", an organisation's name for "organisatie".
INTRO = "Overloop de vragen met het gezin. Een voorstel is een advies: jij beslist samen met het gezin."
LISTS = [
    (
        "Water",
        [
            ("Is de waterfactuur veel hoger dan vroeger?", "Vergelijk met de vorige afrekening.", "ja",
             "Gratis waterscan aanvragen (bij een verbruik boven 150% van het gemiddelde voor het gezinstype)",
             "waterscan", None),
            ("Lekt er een kraan of blijft het toilet doorlopen?", "", "ja",
             "Gratis waterscan aanvragen om het lek op te sporen", "waterscan", None),
            ("Is het gezin beschermde klant?",
             "Leefloon of gelijkwaardige steun, een tegemoetkoming voor personen met een handicap, IGO of zorgbudget voor ouderen.",
             "ja", "De rechten als beschermde klant nagaan: gratis waterscan, sociaal tarief, afbetalingsplan op maat, maandelijkse facturen",
             "advies", None),
            ("Is er een debietbegrenzer geplaatst, of is een afsluiting aangekondigd?", "", "ja",
             "Sociale Dienst van het OCMW (en de LAC)", "team", ("sociale_dienst", "andere")),
        ],
    ),
    (
        "Energie",
        [
            ("Is het koud in huis, of kan het gezin niet (voldoende) verwarmen?", "", "ja",
             "Energie- en Watercel: minimale levering gas of elektriciteit (MLA/MLE) in de winter",
             "team", ("energiecel", "energie_water")),
            ("Staat er een budgetmeter, of is de voorafbetaling (prepaid) actief?", "", "ja",
             "Energie- en Watercel", "team", ("energiecel", "energie_water")),
            ("Had het gezin al een energiescan?", "", "nee",
             "Een gratis energiescan aanvragen", "advies", None),
            ("Werd het energiecontract al eens vergeleken?", "", "nee",
             "Het contract laten nakijken door de Energie- en Watercel", "team", ("energiecel", "energie_water")),
        ],
    ),
    (
        "Woningkwaliteit",
        [
            ("Is er vocht of schimmel in de woning?", "", "ja",
             "De woonwinkel of de woningkwaliteitsbewaking van de gemeente", "organisatie", "Woonwinkel"),
            ("Is de verwarming stuk, of is de elektriciteit onveilig?", "", "ja",
             "De woonwinkel of de woningkwaliteitsbewaking van de gemeente", "organisatie", "Woonwinkel"),
            ("Is er een huurachterstand, of kwam er een brief van de verhuurder of de rechtbank?", "", "ja",
             "Sociale Dienst van het OCMW: preventie van uithuiszetting", "team", ("sociale_dienst", "andere")),
            ("Zoekt het gezin hulp bij een woonprobleem buiten het OCMW?", "", "ja",
             "CAW", "organisatie", "CAW"),
        ],
    ),
    (
        "Geld",
        [
            ("Blijven er rekeningen onbetaald, komen er herinneringen of een deurwaarder?", "", "ja",
             "Budgetbegeleiding of schuldhulpverlening (Trajectbegeleiding)", "team", ("trajectbegeleiding", "schuldhulpverlening")),
            ("Vindt het gezin het moeilijk of beschamend om naar het OCMW te stappen?",
             "De ervaringsdeskundige kan ook meegaan naar het OCMW.", "ja",
             "Mytrusto: online hulp bij geldzorgen", "organisatie", "Mytrusto"),
            ("Wil het gezin hulp bij geldzorgen van een dienst buiten het OCMW?", "", "ja",
             "CAW", "organisatie", "CAW"),
            ("Heeft het gezin financiële problemen en nog geen maatschappelijk werker?", "", "ja",
             "Sociale Dienst van het OCMW", "team", ("sociale_dienst", "andere")),
            ("Raken de kosten voor school of de kinderen niet betaald, of is het Groeipakket onvolledig?",
             "", "ja", "Algemeen rechtenonderzoek: schooltoelagen, Groeipakket (Onthaalteam)",
             "team", ("onthaalteam", "andere")),
        ],
    ),
]


def create(apps, schema_editor):
    Checklist = apps.get_model("checklists", "Checklist")
    Question = apps.get_model("checklists", "Question")
    Team = apps.get_model("accounts", "Team")
    ExternalOrganisation = apps.get_model("followup", "ExternalOrganisation")
    if not ExternalOrganisation.objects.filter(name="Woonwinkel").exists():
        last = ExternalOrganisation.objects.order_by("-order").values_list("order", flat=True).first()
        ExternalOrganisation.objects.create(name="Woonwinkel", order=(last or 0) + 10)
    teams = {team.code: team for team in Team.objects.all()}
    organisations = {org.name: org for org in ExternalOrganisation.objects.all()}
    for list_order, (name, questions) in enumerate(LISTS, start=1):
        checklist, created = Checklist.objects.get_or_create(
            name=name, defaults={"intro": INTRO, "order": list_order * 10}
        )
        if not created:
            continue
        for order, (text, help_text, suggest_on, suggestion, target, where) in enumerate(
            questions, start=1
        ):
            fields = {}
            if target == "team":
                code, help_kind = where
                team = teams.get(code)
                if team is None:
                    target = "advies"
                else:
                    fields = {"team": team, "help_kind": help_kind}
            elif target == "organisatie":
                organisation = organisations.get(where)
                if organisation is None:
                    target = "advies"
                else:
                    fields = {"organisation": organisation}
            Question.objects.create(
                checklist=checklist,
                text=text,
                help_text=help_text,
                suggest_on=suggest_on,
                suggestion=suggestion,
                target=target,
                order=order * 10,
                **fields,
            )


class Migration(migrations.Migration):
    dependencies = [
        ("checklists", "0001_initial"),
        ("accounts", "0002_default_roles_and_teams"),
        ("followup", "0002_default_lists"),
    ]

    operations = [migrations.RunPython(create, migrations.RunPython.noop)]
