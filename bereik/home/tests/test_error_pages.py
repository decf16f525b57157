def test_a_missing_page_is_explained_in_dutch(login, mw):
    response = login(mw).get("/dossiers/999999/")
    assert response.status_code == 404
    assert "Niet gevonden" in response.content.decode()


def test_a_forbidden_page_is_explained_in_dutch(login, mw):
    response = login(mw).get("/audit/")
    assert response.status_code == 403
    assert "Geen toegang" in response.content.decode()
