from django.urls import reverse

from bereik.home import admin_links


def test_the_beheer_page_lists_the_registered_links(login, beheerder):
    text = login(beheerder).get(reverse("accounts:admin_home")).content.decode()
    for url_name in (
        "accounts:user_list",
        "accounts:team_list",
        "organisation:settings",
        "organisation:municipalities",
        "organisation:companies",
        "audit:list",
    ):
        assert f'href="{reverse(url_name)}"' in text


def test_another_app_can_add_its_beheer_page(login, beheerder):
    admin_links.register(150, "Briefsjablonen", "home", "De sjablonen van de brieven.")
    try:
        text = login(beheerder).get(reverse("accounts:admin_home")).content.decode()
        assert "Briefsjablonen" in text and "De sjablonen van de brieven." in text
    finally:
        admin_links._links.pop("home")


def test_links_are_ordered_and_filtered_per_user(beheerder, mw):
    admin_links.register(1, "Eerst", "home", allowed=lambda user: user == beheerder)
    admin_links.register(2, "Onbestaand", "nergens:niets")
    try:
        labels = [link["label"] for link in admin_links.links_for(beheerder)]
        assert labels[0] == "Eerst"
        assert "Onbestaand" not in labels  # a link to a page that does not exist (yet) is skipped
        assert "Eerst" not in [link["label"] for link in admin_links.links_for(mw)]
    finally:
        admin_links._links.pop("home")
        admin_links._links.pop("nergens:niets")


def test_the_technical_admin_link_is_for_staff_only(beheerder):
    labels = [str(link["label"]) for link in admin_links.links_for(beheerder)]
    assert "Technisch beheer" not in labels
    beheerder.is_staff = True
    labels = [str(link["label"]) for link in admin_links.links_for(beheerder)]
    assert "Technisch beheer" in labels
