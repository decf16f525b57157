from django.core import mail
from django.urls import reverse


def test_the_reset_mail_names_the_account_and_links_to_a_new_password(client, mw):
    response = client.post(reverse("password_reset"), {"email": mw.email})

    assert response.status_code == 302
    (message,) = mail.outbox
    assert message.subject == "Bereik: nieuw wachtwoord kiezen"
    assert "Je gebruikersnaam is: mia" in message.body
    assert "/wachtwoord/nieuw/" in message.body


def test_the_link_in_the_reset_mail_lets_the_user_choose_a_password(client, mw):
    client.post(reverse("password_reset"), {"email": mw.email})
    link = next(line for line in mail.outbox[0].body.splitlines() if "/wachtwoord/nieuw/" in line)
    form_page = client.get(link.split("testserver", 1)[1], follow=True)

    response = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "Nieuw-gekozen-2026", "new_password2": "Nieuw-gekozen-2026"},
    )

    assert response.status_code == 302
    mw.refresh_from_db()
    assert mw.check_password("Nieuw-gekozen-2026")
