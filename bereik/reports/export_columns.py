"""The dossier export's columns that read what later apps hold (bereik.dossiers.columns): the first
contact attempt, the label of the outcome and the latest LAC advice, each a subquery with the
figures' own definition (definitions.py), so the export and the figures agree. Registered from
ReportsConfig.ready()."""

from bereik.dossiers import columns
from bereik.reports import definitions


def register() -> None:
    columns.register_annotation("first_attempt_on", definitions.first_attempt_date)
    columns.register_annotation("outcome_label", definitions.outcome_label)
    columns.register_annotation("lac_advice", definitions.lac_advice_label)
