"""Home page panels. Apps register a panel with `register(order, func)`; `func(request_user)`
returns a dict `{"title", "template", ...context}` or None when it has nothing for this user."""

_panels: list[tuple[int, callable]] = []


def register(order: int):
    def decorator(func):
        _panels.append((order, func))
        _panels.sort(key=lambda item: item[0])
        return func

    return decorator


def for_user(user) -> list[dict]:
    result = []
    for _order, func in _panels:
        panel = func(user)
        if panel:
            result.append(panel)
    return result
