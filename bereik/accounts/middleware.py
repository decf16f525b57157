from django.shortcuts import redirect
from django.urls import reverse


class NoStoreMiddleware:
    """Pages for signed-in users may show personal data: browsers and proxies must not keep them."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if getattr(request, "user", None) is not None and request.user.is_authenticated:
            response["Cache-Control"] = "no-store"
            response["Pragma"] = "no-cache"
        return response


class PasswordChangeRequiredMiddleware:
    """After a temporary password set by the beheerder, the user chooses their own before
    anything else (signing out stays possible, and so does a view marked
    `password_change_not_required`: the second factor's step comes first)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and user.must_change_password:
            allowed = {reverse("password_change"), reverse("logout")}
            exempt = getattr(view_func, "password_change_not_required", False)
            if request.path not in allowed and not exempt:
                return redirect("password_change")
        return None
