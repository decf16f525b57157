"""The public screen link: no login, no cookie, nothing personal; a wrong or revoked link is a
plain 404; too many requests from one address get 429."""

import pytest
from django.urls import reverse

from bereik.screens import actions, ratelimit
from bereik.screens.models import ScreenMessage


def display_url(screen):
    return reverse("screens:display", args=[screen.token])


def test_the_link_shows_the_messages_without_a_login(client, screen):
    response = client.get(display_url(screen))
    assert response.status_code == 200
    text = response.content.decode()
    assert "Gratis waterscan?" in text
    assert 'href="/login/' not in text and "Afmelden" not in text


def test_the_page_and_its_slides_set_no_cookie(client, screen):
    for url in (display_url(screen), reverse("screens:slides", args=[screen.token])):
        response = client.get(url)
        assert response.status_code == 200
        assert not response.cookies, response.cookies
        assert "Set-Cookie" not in str(response.headers)
        assert response["Referrer-Policy"] == "no-referrer"
    assert "sessionid" not in client.cookies and "csrftoken" not in client.cookies


def test_a_signed_in_users_name_never_reaches_the_screen(login, beheerder, screen):
    text = login(beheerder).get(display_url(screen)).content.decode()
    assert beheerder.first_name not in text and beheerder.username not in text


def test_the_page_has_no_inline_script(client, screen):
    text = client.get(display_url(screen)).content.decode()
    assert '<script src="/static/screens/display.js" defer></script>' in text
    assert "<script>" not in text and " onclick=" not in text and ' style="' not in text


@pytest.mark.parametrize("name", ["display", "slides"])
def test_a_wrong_token_is_a_plain_404(client, screen, name):
    response = client.get(reverse(f"screens:{name}", args=["x" * 32]))
    assert response.status_code == 404
    assert "Deze schermlink bestaat niet" in response.content.decode()
    assert not response.cookies


def test_a_revoked_link_is_404_and_a_renewed_one_works(client, screen):
    old = display_url(screen)
    actions.screen_revoke(screen, actor=None)
    assert client.get(old).status_code == 404
    actions.screen_renew(screen, actor=None)
    assert client.get(old).status_code == 404
    assert client.get(display_url(screen)).status_code == 200


def test_renewing_an_active_link_stops_the_old_one(client, screen):
    old = display_url(screen)
    actions.screen_renew(screen, actor=None)
    assert client.get(old).status_code == 404


def test_the_link_only_answers_get(client, screen):
    assert client.post(display_url(screen)).status_code == 405


def test_guessing_links_gets_429_even_for_a_good_link(client, screen, monkeypatch):
    monkeypatch.setattr(ratelimit, "MISSES_PER_WINDOW", 3)
    for attempt in range(3):
        assert client.get(reverse("screens:display", args=[f"guess{attempt}"])).status_code == 404
    response = client.get(display_url(screen))
    assert response.status_code == 429
    assert response["Retry-After"] == str(ratelimit.WINDOW_SECONDS)
    assert "te veel aanvragen" in response.content.decode()


def test_the_limit_counts_per_address(client, screen, monkeypatch):
    monkeypatch.setattr(ratelimit, "REQUESTS_PER_WINDOW", 2)
    assert client.get(display_url(screen)).status_code == 200
    assert client.get(display_url(screen)).status_code == 200
    assert client.get(display_url(screen)).status_code == 429
    assert client.get(display_url(screen), REMOTE_ADDR="10.0.0.9").status_code == 200


def test_behind_the_proxy_the_forwarded_address_counts(rf, settings):
    request = rf.get("/", HTTP_X_FORWARDED_FOR="1.2.3.4, 5.6.7.8", REMOTE_ADDR="10.0.0.1")
    settings.BEREIK_PROXY_COUNT = 1
    assert ratelimit.client_address(request) == "5.6.7.8"
    settings.BEREIK_PROXY_COUNT = 0
    assert ratelimit.client_address(request) == "10.0.0.1"
    settings.BEREIK_PROXY_COUNT = 1
    made_up = rf.get("/", HTTP_X_FORWARDED_FOR="not-an-address", REMOTE_ADDR="10.0.0.1")
    assert ratelimit.client_address(made_up) == "10.0.0.1"


def test_an_image_is_served_only_for_a_message_on_that_screen(
    client, screen, other_screen, png_upload
):
    message = actions.screen_message_save(
        ScreenMessage(),
        title="Koffie",
        text="Koffie en thee staan klaar.",
        image=png_upload,
        all_screens=False,
        screens=[screen],
        actor=None,
    )
    own = client.get(reverse("screens:image", args=[screen.token, message.pk]))
    assert own.status_code == 200 and own["Content-Type"] == "image/png"
    assert not own.cookies
    other = client.get(reverse("screens:image", args=[other_screen.token, message.pk]))
    assert other.status_code == 404


def test_the_beheer_pages_are_for_the_beheerder_only(login, mw, diensthoofd, screen):
    for user in (mw, diensthoofd):
        client = login(user)
        for url in (reverse("screens:screens"), reverse("screens:messages")):
            assert client.get(url).status_code == 403


def test_a_screen_page_never_shows_another_screens_link(client, screen, other_screen):
    text = client.get(display_url(screen)).content.decode()
    assert other_screen.token not in text
