"""The Beheer pages of the screens, and the public screen page opened by its secret link."""

import functools
import mimetypes

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from bereik.home import admin_links
from bereik.lib import locking
from bereik.organisation.models import Organisation
from bereik.screens import actions, ratelimit, rules
from bereik.screens.forms import ScreenForm, ScreenMessageForm
from bereik.screens.models import Screen, ScreenMessage

REFRESH_SECONDS = 60  # how often a screen asks for its messages

# ---------------------------------------------------------------------------------------------
# Beheer


@admin_links.beheerder_required
def screen_list(request):
    screens = Screen.objects.order_by("name")
    rows = [
        {
            "screen": screen,
            "url": request.build_absolute_uri(screen_url(screen)) if screen.is_active else "",
        }
        for screen in screens
    ]
    return render(request, "screens/screens.html", {"rows": rows})


def screen_url(screen: Screen) -> str:
    return reverse("screens:display", args=[screen.token])


@admin_links.beheerder_required
def screen_edit(request, pk=None):
    screen = get_object_or_404(Screen, pk=pk) if pk else None
    form = ScreenForm(request.POST or None, instance=screen)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if screen is None:
            screen = actions.screen_create(
                name=data["name"], location=data["location"], actor=request.user
            )
            messages.success(
                request,
                _("Het scherm %(name)s is aangemaakt. Open de link hieronder op de tv.")
                % {"name": screen.name},
            )
            return redirect("screens:screens")
        try:
            actions.screen_update(
                Screen.objects.get(pk=screen.pk),
                name=data["name"],
                location=data["location"],
                actor=request.user,
                version=form.version(),
            )
        except locking.StaleEdit as stale:
            form.show_conflict(stale)
        else:
            messages.success(request, _("Het scherm is bewaard."))
            return redirect("screens:screens")
    return render(request, "screens/screen_form.html", {"form": form, "screen": screen})


@require_POST
@admin_links.beheerder_required
def screen_revoke(request, pk):
    screen = get_object_or_404(Screen, pk=pk)
    actions.screen_revoke(screen, actor=request.user)
    messages.success(
        request,
        _("De link van %(name)s werkt niet meer. Met 'Nieuwe link' zet je het scherm weer aan.")
        % {"name": screen.name},
    )
    return redirect("screens:screens")


@require_POST
@admin_links.beheerder_required
def screen_renew(request, pk):
    screen = get_object_or_404(Screen, pk=pk)
    actions.screen_renew(screen, actor=request.user)
    messages.success(
        request,
        _("%(name)s heeft een nieuwe link; de vorige werkt niet meer. Open de nieuwe op de tv.")
        % {"name": screen.name},
    )
    return redirect("screens:screens")


@require_POST
@admin_links.beheerder_required
def screen_delete(request, pk):
    screen = get_object_or_404(Screen, pk=pk)
    actions.screen_delete(screen, actor=request.user)
    messages.success(request, _("Het scherm %(name)s is verwijderd.") % {"name": screen.name})
    return redirect("screens:screens")


@admin_links.beheerder_required
def message_list(request):
    today = timezone.localdate()
    items = list(ScreenMessage.objects.prefetch_related("screens").order_by("position", "pk"))
    rows = [{"message": message, "state": message.period_state(today)} for message in items]
    return render(request, "screens/messages.html", {"rows": rows})


@admin_links.beheerder_required
def message_edit(request, pk=None):
    message = get_object_or_404(ScreenMessage, pk=pk) if pk else ScreenMessage()
    form = ScreenMessageForm(request.POST or None, request.FILES or None, instance=message)
    if request.method == "POST" and form.is_valid():
        # The form put the new values on its instance already: the action gets a fresh copy, so
        # it still knows the old image.
        target = ScreenMessage.objects.get(pk=pk) if pk else ScreenMessage()
        try:
            actions.screen_message_save(
                target,
                actor=request.user,
                screens=list(form.cleaned_data["screens"]),
                version=form.version(),
                **form.action_fields(),
            )
        except locking.StaleEdit as stale:
            form.show_conflict(stale)
        else:
            messages.success(request, _("Het bericht is bewaard."))
            return redirect("screens:messages")
    return render(request, "screens/message_form.html", {"form": form, "message": message})


@require_POST
@admin_links.beheerder_required
def message_delete(request, pk):
    message = get_object_or_404(ScreenMessage, pk=pk)
    actions.screen_message_delete(message, actor=request.user)
    messages.success(request, _("Het bericht %(title)s is verwijderd.") % {"title": message.title})
    return redirect("screens:messages")


@admin_links.beheerder_required
def message_image(request, pk):
    """The image of a message, for the Beheer page."""
    message = get_object_or_404(ScreenMessage, pk=pk)
    response = _image_response(message, cache_seconds=0)
    if response is None:
        raise Http404
    return response


# ---------------------------------------------------------------------------------------------
# The public screen: no login, no cookie, nothing personal (ADR 0019)


def _public(view):
    """Rate limit, then the screen of the link or a plain 404 (never the app's 404 page, which
    would set a cookie)."""

    def wrapper(request, token, *args, **kwargs):
        if not ratelimit.allow(request):
            response = HttpResponse(render_to_string("screens/too_many.html"), status=429)
            response["Retry-After"] = str(ratelimit.WINDOW_SECONDS)
            return _public_headers(response)
        screen = Screen.objects.filter(token=token).first() if token else None
        if screen is None:
            ratelimit.miss(request)
            response = HttpResponse(render_to_string("screens/not_found.html"), status=404)
            return _public_headers(response)
        return _public_headers(view(request, screen, *args, **kwargs))

    return login_not_required(require_GET(functools.wraps(view)(wrapper)))


def _public_headers(response):
    if "Cache-Control" not in response:
        response["Cache-Control"] = "no-cache"
    response["Referrer-Policy"] = "no-referrer"  # the link is the secret
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def _context(screen: Screen) -> dict:
    slides = rules.rotation(screen)
    return {
        "screen": screen,
        "slides": slides,
        "version": rules.version(slides),
        "organisation_name": Organisation.get().name,
        "now": timezone.localtime(),
    }


@_public
def display(request, screen):
    """The page the TV opens: the messages in turn, asking for new ones every minute."""
    context = _context(screen) | {"refresh_seconds": REFRESH_SECONDS}
    return HttpResponse(render_to_string("screens/display.html", context))


@_public
def slides(request, screen):
    """The slides alone, fetched by the page's script."""
    return HttpResponse(render_to_string("screens/display.html#slides", _context(screen)))


@_public
def image(request, screen, pk):
    message = rules.current_messages(screen).filter(pk=pk).exclude(image="").first()
    response = _image_response(message, cache_seconds=24 * 3600) if message else None
    if response is None:
        return HttpResponse(render_to_string("screens/not_found.html"), status=404)
    return response


def _image_response(message: ScreenMessage, *, cache_seconds: int):
    """The message's image, or None when it has none (or its file is gone)."""
    if not message.image:
        return None
    try:
        handle = message.image.open("rb")
    except FileNotFoundError:
        return None
    content_type = mimetypes.guess_type(message.image.name)[0] or "application/octet-stream"
    response = FileResponse(handle, content_type=content_type)
    if cache_seconds:
        # The URL changes with the message (?v=): a screen keeps the image while offline.
        response["Cache-Control"] = f"private, max-age={cache_seconds}"
    return response
