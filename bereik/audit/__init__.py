"""The audit trail: `record` for writes (called by every action), `record_read` and
`record_list_read` (one event for the rows of a list) for reads of a
person's data (called by views that show it)."""


def record(*args, **kwargs):
    from bereik.audit.services import record as _record

    return _record(*args, **kwargs)


def record_read(*args, **kwargs):
    from bereik.audit.services import record_read as _record_read

    return _record_read(*args, **kwargs)


def record_list_read(*args, **kwargs):
    from bereik.audit.services import record_list_read as _record_list_read

    return _record_list_read(*args, **kwargs)
