"""The kinds of notification, in one place: who gets each and why, the roles that usually get it
and how they get it by default, and what a mail may say of it (docs/notifications.md lists the
same, and a test holds the two together).

A kind is a value of `Notification.Kind`; the apps that notify pass it to
`bereik.accounts.actions.notify(user, text, kind=..., ...)`. Each user chooses per kind how it
reaches them (`Notification.Delivery`: in the app only, an e-mail at once, or the daily overview);
without a choice the default of their roles applies, set by the beheerder
(`NotificationDefault`), else the kind's default below.

Mails never carry the notification's text (it may name the household): they say the kind's own
sentence with a dossier number or a count (`mail_text`), and link into Bereik through the login.

Notifications about one dossier are shown only while the user may still see it: the dossiers
app registers that filter here (`register_filter`), since the accounts sit below it.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.db import connection
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from bereik.accounts import roles
from bereik.accounts.models import Notification, NotificationDefault, NotificationSetting

Kind = Notification.Kind
Delivery = Notification.Delivery

# When roles disagree, the one that reaches the user soonest wins.
STRENGTH = {Delivery.APP: 0, Delivery.DIGEST: 1, Delivery.MAIL: 2}


@dataclass(frozen=True)
class KindInfo:
    kind: str
    who: str  # who gets it
    why: str  # why they get it: what they are to do
    roles: tuple  # the roles that usually get it: a group of bereik.accounts.roles
    default: str  # a Delivery
    one: str  # the mail's sentence about one dossier: %(number)s
    many: object  # ... about a count (ngettext_lazy on 'count'): %(count)d

    @property
    def label(self) -> str:
        return Kind(self.kind).label


KINDS: dict[str, KindInfo] = {
    info.kind: info
    for info in (
        KindInfo(
            Kind.ASSIGNED,
            _("De medewerker aan wie een dossier wordt toegewezen, automatisch of met de hand."),
            _("Die volgt het gezin op en moet het bereiken voor de termijn."),
            roles.FOLLOWERS,
            Delivery.MAIL,
            _("Dossier %(number)s is aan jou toegewezen."),
            ngettext_lazy(
                "%(count)d dossier is aan jou toegewezen.",
                "%(count)d dossiers zijn aan jou toegewezen.",
                "count",
            ),
        ),
        KindInfo(
            Kind.CONSULTATION,
            _("De vroegere maatschappelijk werker van een gezin op route B."),
            _("Samen met de preventiewerker beslissen wie contact opneemt."),
            roles.CASEWORKERS,
            Delivery.MAIL,
            _("Er is overleg gevraagd over dossier %(number)s, een vroegere cliënt."),
            ngettext_lazy(
                "Er is overleg gevraagd over %(count)d dossier van een vroegere cliënt.",
                "Er is overleg gevraagd over %(count)d dossiers van vroegere cliënten.",
                "count",
            ),
        ),
        KindInfo(
            Kind.REFERRAL_RECEIVED,
            _("De actieve leden van het team waarnaar een dossier doorverwezen is."),
            _("Het team aanvaardt de doorverwijzing of stuurt ze terug, vanuit zijn lijst."),
            roles.FOLLOWERS,
            Delivery.MAIL,
            _("Je team kreeg een doorverwijzing: dossier %(number)s."),
            ngettext_lazy(
                "Je team kreeg %(count)d doorverwijzing.",
                "Je team kreeg %(count)d doorverwijzingen.",
                "count",
            ),
        ),
        KindInfo(
            Kind.REFERRAL_ACCEPTED,
            _("Wie doorverwees, als het team de doorverwijzing aanvaardt."),
            _("Weten dat het gezin verder geholpen wordt."),
            roles.FOLLOWERS,
            Delivery.DIGEST,
            _("Je doorverwijzing van dossier %(number)s is aanvaard."),
            ngettext_lazy(
                "%(count)d doorverwijzing is aanvaard.",
                "%(count)d doorverwijzingen zijn aanvaard.",
                "count",
            ),
        ),
        KindInfo(
            Kind.REFERRAL_RETURNED,
            _("Wie doorverwees, als het team de doorverwijzing terugstuurt."),
            _("Het dossier ligt weer bij jou, met de reden."),
            roles.FOLLOWERS,
            Delivery.MAIL,
            _("Je doorverwijzing van dossier %(number)s is teruggestuurd."),
            ngettext_lazy(
                "%(count)d doorverwijzing is teruggestuurd.",
                "%(count)d doorverwijzingen zijn teruggestuurd.",
                "count",
            ),
        ),
        KindInfo(
            Kind.HANDOVER_CONFIRM,
            _(
                "Wie een warme overdracht deed die na de bevestigingstermijn nog niet bevestigd "
                "is (elke ochtend nagekeken)."
            ),
            _("Navragen of de dienst het gezin echt opnam."),
            roles.FOLLOWERS,
            Delivery.DIGEST,
            _("Een warme overdracht van dossier %(number)s is nog niet bevestigd."),
            ngettext_lazy(
                "%(count)d warme overdracht is nog niet bevestigd.",
                "%(count)d warme overdrachten zijn nog niet bevestigd.",
                "count",
            ),
        ),
        KindInfo(
            Kind.LAC_PREPARATION,
            _("Wie dossiers voorbereidt voor een komende LAC-zitting (één melding per zitting)."),
            _("Het gezin bereiken, het voorstel en het sociaal verslag klaar voor de zitting."),
            roles.FOLLOWERS,
            Delivery.MAIL,
            _("Je bereidt dossier %(number)s voor voor een LAC-zitting."),
            ngettext_lazy(
                "Je bereidt %(count)d dossier voor voor een LAC-zitting.",
                "Je bereidt %(count)d dossiers voor voor een LAC-zitting.",
                "count",
            ),
        ),
        KindInfo(
            Kind.LAC_LATE,
            _(
                "De voorzitter en de secretaris van een LAC-zitting die na de wettelijke termijn "
                "voor het advies valt."
            ),
            _("Het gezin naar een vroegere zitting verplaatsen als dat kan."),
            roles.LAC_SESSION_KEEPERS,
            Delivery.MAIL,
            _("Een LAC-zitting valt na de wettelijke termijn voor dossier %(number)s."),
            ngettext_lazy(
                "Een LAC-zitting valt na de wettelijke termijn voor %(count)d gezin.",
                "Een LAC-zitting valt na de wettelijke termijn voor %(count)d gezinnen.",
                "count",
            ),
        ),
        KindInfo(
            Kind.LAC_FEEDBACK,
            _("De LAC-voorzitters die het dossier mogen zien, na een gesprek met een voorstel."),
            _("De terugkoppeling lezen voor de zitting."),
            roles.LAC_CHAIRS,
            Delivery.DIGEST,
            _("Er is een terugkoppeling voor de LAC: dossier %(number)s."),
            ngettext_lazy(
                "Er is %(count)d terugkoppeling voor de LAC.",
                "Er zijn %(count)d terugkoppelingen voor de LAC.",
                "count",
            ),
        ),
        KindInfo(
            Kind.ADVICE_CONDITIONS,
            _(
                "De medewerker van het dossier (anders wie het voorbereidde) als een zitting met "
                "een voorwaardelijk advies wordt afgesloten."
            ),
            _(
                "De opvolgtaken van het advies (afbetalingsplan nakijken, voorwaarden) zijn voor "
                "jou."
            ),
            roles.FOLLOWERS,
            Delivery.MAIL,
            _("Het LAC-advies voor dossier %(number)s heeft voorwaarden: er zijn taken voor jou."),
            ngettext_lazy(
                "%(count)d LAC-advies heeft voorwaarden met taken voor jou.",
                "%(count)d LAC-adviezen hebben voorwaarden met taken voor jou.",
                "count",
            ),
        ),
        KindInfo(
            Kind.VISIT_PLANNED,
            _("Wie een huisbezoek doet dat iemand anders plande."),
            _("Het staat in je planning en op je routeblad."),
            roles.FOLLOWERS,
            Delivery.MAIL,
            _("Er is een huisbezoek voor jou gepland: dossier %(number)s."),
            ngettext_lazy(
                "Er is %(count)d huisbezoek voor jou gepland.",
                "Er zijn %(count)d huisbezoeken voor jou gepland.",
                "count",
            ),
        ),
        KindInfo(
            Kind.VISIT_CANCELLED,
            _(
                "Wie een gepland huisbezoek zou doen, als het gezin intussen door iemand anders "
                "bereikt is."
            ),
            _("Het huisbezoek gaat uit je planning."),
            roles.FOLLOWERS,
            Delivery.DIGEST,
            _("Een huisbezoek is geannuleerd: het gezin van dossier %(number)s is bereikt."),
            ngettext_lazy(
                "%(count)d huisbezoek is geannuleerd.",
                "%(count)d huisbezoeken zijn geannuleerd.",
                "count",
            ),
        ),
        KindInfo(
            Kind.TASK_DUE,
            _("Wie een open taak heeft die vandaag of eerder moest (elke ochtend nagekeken)."),
            _("De taak doen of afwerken."),
            roles.FOLLOWERS,
            Delivery.DIGEST,
            _("Je hebt een taak te doen in dossier %(number)s."),
            ngettext_lazy(
                "Je hebt %(count)d taak te doen.", "Je hebt %(count)d taken te doen.", "count"
            ),
        ),
        KindInfo(
            Kind.DEADLINE_NEAR,
            _(
                "De medewerker van een open dossier waarvan de termijn nadert (de "
                "waarschuwingsperiode van Beheer → Organisatie) en het gezin nog niet bereikt "
                "is; zonder medewerker de preventiewerkers. Elke ochtend nagekeken, één keer per "
                "termijn."
            ),
            _("Het gezin bereiken voor de termijn."),
            roles.FOLLOWERS,
            Delivery.DIGEST,
            _("De termijn van dossier %(number)s nadert en het gezin is nog niet bereikt."),
            ngettext_lazy(
                "De termijn van %(count)d dossier nadert en het gezin is nog niet bereikt.",
                "De termijn van %(count)d dossiers nadert en de gezinnen zijn nog niet bereikt.",
                "count",
            ),
        ),
        KindInfo(
            Kind.STEP_OVERDUE,
            _(
                "De medewerker van een open dossier waarvan de volgende stap over tijd is. Elke "
                "ochtend nagekeken, één keer per stap."
            ),
            _("De volgende stap zetten of een nieuwe datum kiezen."),
            roles.FOLLOWERS,
            Delivery.DIGEST,
            _("De volgende stap in dossier %(number)s is over tijd."),
            ngettext_lazy(
                "De volgende stap in %(count)d dossier is over tijd.",
                "De volgende stap in %(count)d dossiers is over tijd.",
                "count",
            ),
        ),
        KindInfo(
            Kind.WEEKLY_REPORT,
            _(
                "Elke maatschappelijk werker en de preventiewerker, één keer per week waarin een "
                "weekrapport van een maatschappij binnenkwam."
            ),
            _(
                "Zien welke acties de maatschappij nam bij je cliënten (beschermde klanten eerst); "
                "de preventiewerker ook de lijnen die niemand opvolgt."
            ),
            roles.WEEKLY_REPORT_READERS,
            Delivery.MAIL,
            _("Het weekrapport is er: dossier %(number)s."),
            ngettext_lazy(
                "Het weekrapport is er: %(count)d actie bij je cliënten.",
                "Het weekrapport is er: %(count)d acties bij je cliënten.",
                "count",
            ),
        ),
    )
}


def info(kind: str) -> KindInfo:
    return KINDS[kind]


def mail_text(kind: str, *, number: str = "", count: int = 1) -> str:
    """What a mail says of a notification: the kind's sentence with a dossier number or a count.
    Nothing the caller wrote goes in, so no name, INSZ, amount or note can."""
    kind_info = KINDS[kind]
    if number and count == 1:
        return str(kind_info.one) % {"number": number}
    return str(kind_info.many % {"count": count})


def kinds_for_roles(role_codes) -> list[KindInfo]:
    """The kinds that users with one of these roles usually get, in the order of the list."""
    codes = set(role_codes)
    return [kind_info for kind_info in KINDS.values() if codes.intersection(kind_info.roles)]


def role_defaults(kind: str) -> dict[str, str]:
    """The beheerder's default per role for one kind (stored ones only)."""
    return dict(NotificationDefault.objects.filter(kind=kind).values_list("role", "delivery"))


def role_choices(role: str, kinds) -> dict[str, str]:
    """The delivery of each of `kinds` (kind infos or kind names) for one role (one query)."""
    names = [getattr(kind, "kind", kind) for kind in kinds]
    stored = dict(
        NotificationDefault.objects.filter(role=role, kind__in=names).values_list(
            "kind", "delivery"
        )
    )
    return {name: stored.get(name, KINDS[name].default) for name in names}


def default_for(role_codes, kind: str, stored: dict[str, str] | None = None) -> str:
    """The default for a user with these roles: of the roles that usually get the kind (all of
    them when none does), the one that reaches the user soonest."""
    kind_info = KINDS[kind]
    stored = role_defaults(kind) if stored is None else stored
    codes = [code for code in role_codes if code in kind_info.roles] or list(role_codes)
    choices = [stored.get(code, kind_info.default) for code in codes] or [kind_info.default]
    return max(choices, key=lambda delivery: STRENGTH[delivery])


def delivery_for(user, kind: str) -> str:
    """How a notification of this kind reaches the user: their own choice, else the default."""
    own = (
        NotificationSetting.objects.filter(user=user, kind=kind)
        .values_list("delivery", flat=True)
        .first()
    )
    return own or default_for(user.role_codes, kind)


def defaults_for(user) -> dict[str, str]:
    """Every kind's default for the user's roles (one query)."""
    stored: dict[str, dict[str, str]] = {}
    for role, kind, delivery in NotificationDefault.objects.filter(
        role__in=user.role_codes
    ).values_list("role", "kind", "delivery"):
        stored.setdefault(kind, {})[role] = delivery
    return {kind: default_for(user.role_codes, kind, stored.get(kind, {})) for kind in KINDS}


def choices_for(user) -> dict[str, str]:
    """Every kind's delivery for the user: their own choice, else the default (two queries)."""
    own = dict(user.notification_settings.values_list("kind", "delivery"))
    return {kind: own.get(kind) or default for kind, default in defaults_for(user).items()}


# --- Which notifications a user is shown -------------------------------------------------------

_filters: list[Callable] = []


def register_filter(func: Callable) -> Callable:
    """Hide notifications a user may no longer act on: `func(user) -> Q | None` on Notification.
    The dossiers app registers the access policy (a notification about a dossier the user can no
    longer see is not shown). A filter may hide only notifications about a dossier (with a
    `dossier_pk`): the bell (`unread_count`) skips the filters when none of those is unread."""
    if func not in _filters:
        _filters.append(func)
    return func


def unread_count(user) -> int:
    """The bell's number: the unread notifications `user` may still see, on every page.

    The access filter (a notification about a dossier only while the user may see it) costs a
    social worker several milliseconds to build and compile, on every page. It can only hide
    notifications about a dossier (the rule of `register_filter`), so one plain count on the
    user's index comes first, which also says how many of the unread are about a dossier; with
    none (most pages), or no filter for this user (those who see every dossier), that count is
    the number, else the unread are counted again through the filters."""
    if not roles.signed_in(user):
        return 0
    total, about_dossiers = _unread_counts(user.pk)
    if not about_dossiers:
        return total
    filters = [q for q in (func(user) for func in _filters) if q is not None]
    if not filters:
        return total
    unread = Notification.objects.filter(user=user, read_at=None)
    for q in filters:
        unread = unread.filter(q)
    return unread.count()


def _unread_counts(user_id: int) -> tuple[int, int]:
    """(the user's unread notifications, how many of them are about a dossier): one count on the
    user's index, said as SQL (every page asks; the ORM costs more to build it than the
    database to answer)."""
    meta, quote = Notification._meta, connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT COUNT(*), COUNT({quote(meta.get_field('dossier_pk').column)})"  # noqa: S608 - model names
            f" FROM {quote(meta.db_table)} WHERE {quote(meta.get_field('user').column)} = %s"
            f" AND {quote(meta.get_field('read_at').column)} IS NULL",
            [user_id],
        )
        total, about_dossiers = cursor.fetchone()
    return total, about_dossiers


def visible(user) -> QuerySet:
    """The user's notifications they may see: the list, the bell, the mails and the overview."""
    queryset = Notification.objects.filter(user=user)
    for func in _filters:
        q = func(user)
        if q is not None:
            queryset = queryset.filter(q)
    return queryset
