from bereik.accounts import actions
from bereik.accounts.models import Role, Team

# key: (first name, last name, roles, team codes, job title)
DEMO_USERS = {
    "olga": ("Olga", "Peeters", [Role.Code.ONTHAAL], ["onthaalteam"], "Administratief medewerker"),
    "pieter": ("Pieter", "Claes", [Role.Code.PREVENTIEWERKER], ["onthaalteam"], "Preventiewerker"),
    "nele": (
        "Nele",
        "Aerts",
        [Role.Code.MAATSCHAPPELIJK_WERKER],
        ["sociale_dienst"],
        "Maatschappelijk werker",
    ),
    "hanne": (
        "Hanne",
        "Jacobs",
        [Role.Code.MAATSCHAPPELIJK_WERKER],
        ["sociale_dienst"],
        "Maatschappelijk werker",
    ),
    "bart": (
        "Bart",
        "Smets",
        [Role.Code.MAATSCHAPPELIJK_WERKER],
        ["sociale_dienst"],
        "Maatschappelijk werker",
    ),
    "ilse": (
        "Ilse",
        "Verbeke",
        [Role.Code.MAATSCHAPPELIJK_WERKER],
        ["trajectbegeleiding"],
        "Trajectbegeleider",
    ),
    "katrien": (
        "Katrien",
        "Claes",
        [Role.Code.MAATSCHAPPELIJK_WERKER],
        ["sociale_dienst"],
        "Maatschappelijk werker",
    ),
    "tom": (
        "Tom",
        "Wouters",
        [Role.Code.MAATSCHAPPELIJK_WERKER],
        ["trajectbegeleiding"],
        "Trajectbegeleider",
    ),
    "vera": (
        "Vera",
        "Maes",
        [Role.Code.LAC_VOORZITTER, Role.Code.MAATSCHAPPELIJK_WERKER],
        ["schuldbemiddeling"],
        "Hoofdmaatschappelijk werker",
    ),
    "celine": (
        "Céline",
        "Dubois",
        [Role.Code.ENERGIECEL],
        ["energiecel"],
        "Medewerker Energie- en Watercel",
    ),
    "eddy": ("Eddy", "Vermeulen", [Role.Code.ERVARINGSDESKUNDIGE], [], "Ervaringsdeskundige"),
    "dirk": ("Dirk", "Willems", [Role.Code.DIENSTHOOFD], [], "Diensthoofd Sociale Dienst"),
    "bea": ("Bea", "Goossens", [Role.Code.BEHEERDER], [], "Functioneel beheerder"),
}

DEMO_PASSWORD = "bereik-demo"  # noqa: S105 - documented demo password, demo data only


def load(ctx):
    ctx.teams = {team.code: team for team in Team.objects.all()}
    for key, (first, last, roles, teams, title) in DEMO_USERS.items():
        ctx.users[key] = actions.user_create(
            username=key,
            first_name=first,
            last_name=last,
            email=f"{key}@ocmw-demo.be",
            password=DEMO_PASSWORD,
            roles=roles,
            teams=[ctx.teams[code] for code in teams],
            phone=ctx.faker.phone_number(),
            job_title=title,
            actor=None,
        )
