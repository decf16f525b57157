"""The planner's statistics (`bereik.lib.dbstats`) after `migrate`."""

from bereik.lib import dbstats


def after_migrate(sender, **kwargs) -> None:
    dbstats.refresh()
