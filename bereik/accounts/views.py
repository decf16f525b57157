from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render

from bereik.accounts import access, actions


def notifications(request):
    if request.method == "POST":
        actions.notifications_mark_read(request.user, actor=request.user)
        return redirect("accounts:notifications")
    items = request.user.notifications.all()[:100]
    return render(request, "accounts/notifications.html", {"items": items})


def admin_home(request):
    if not access.is_beheerder(request.user):
        raise PermissionDenied
    return render(request, "accounts/admin_home.html")
