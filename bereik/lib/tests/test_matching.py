import datetime

import pytest

from bereik.lib import matching
from bereik.lib.matching import Index, Person, decide, normalise_address, score, surname_key

# Valid INSZ numbers (check digits computed as the law says).
INSZ_A = "79102614033"  # born 26/10/1979
INSZ_B = "60122008577"


def client(id, last, first, street, number="", postcode="3800", **extra):
    return Person(
        id=id,
        last_name=last,
        first_name=first,
        street=street,
        house_number=number,
        postcode=postcode,
        **extra,
    ).prepare()


def household(last, first="", street="", number="", postcode="3800", **extra):
    return Person(
        id="h",
        last_name=last,
        first_name=first,
        street=street,
        house_number=number,
        postcode=postcode,
        **extra,
    ).prepare()


@pytest.mark.parametrize(
    "written",
    ["Van den Broeck", "VandenBroeck", "Vandenbroeck", "VAN DEN BROECK", " van  den broeck "],
)
def test_it_folds_particles_spacing_and_case_in_surnames(written):
    assert surname_key(written) == "vandenbroeck"


def test_it_drops_accents_and_apostrophes():
    assert surname_key("D'Hondt") == surname_key("D’HONDT") == "dhondt"
    assert matching.first_name_key("Françoise") == "francoise"
    assert matching.first_name_key("Jean-Pierre") == matching.first_name_key("Jean Pierre")


@pytest.mark.parametrize(
    ("street", "number", "expected"),
    [
        ("Brouwersstraat 109 bus 2", "", ("brouwersstraat", "109", "", "2")),
        ("Brouwersstraat", "109/2", ("brouwersstraat", "109", "", "2")),
        ("Brouwersstr.", "109 b2", ("brouwersstraat", "109", "", "2")),
        ("Brouwersstraat", "109 bte 002", ("brouwersstraat", "109", "", "2")),
        ("Kerkstraat", "80A", ("kerkstraat", "80", "a", "")),
        ("Kerkstraat", "80 a", ("kerkstraat", "80", "a", "")),
        ("Hasseltse Stwg", "12", ("hasseltsesteenweg", "12", "", "")),
    ],
)
def test_it_normalises_addresses(street, number, expected):
    address = normalise_address(street, number, "", "3800")
    assert (address.street, address.number, address.suffix, address.box) == expected


def test_the_same_person_written_differently_scores_high():
    c = client(1, "Van den Broeck", "Sarah", "Groenstraat", "173", "3806")
    h = household("VANDENBROECK", "sarah", "Groenstraat 173", postcode="3806")
    result = score(h, c)
    assert result.same_name and result.same_address
    assert result.total >= matching.DEFAULT_THRESHOLDS.auto_link


@pytest.mark.parametrize(
    ("last", "first"),
    [("Van den Broeck Sarah", ""), ("Sarah Van den Broeck", ""), ("Sarah", "Van den Broeck")],
)
def test_it_reads_both_name_orders_and_names_in_one_field(last, first):
    c = client(1, "Van den Broeck", "Sarah", "Groenstraat", "173")
    index = Index([c])
    decision = decide(household(last, first, "Groenstraat", "173"), index)
    assert decision.outcome == matching.AUTO
    assert decision.client_id == 1


def test_a_valid_insz_on_both_sides_links_for_certain():
    c = client(1, "Peeters", "Jan", "Kerkstraat", "1", insz=INSZ_A)
    decision = decide(household("Totaal Anders", "", "Elders", "9", insz=INSZ_A), Index([c]))
    assert decision.outcome == matching.INSZ
    assert decision.client_id == 1


def test_a_different_valid_insz_is_never_a_candidate():
    c = client(1, "De Smet", "Mohamed", "Hasseltsesteenweg", "66", insz=INSZ_B)
    h = household("De Smet", "Mohamed", "Hasseltsesteenweg", "66", insz=INSZ_A)
    assert score(h, c) is None
    assert decide(h, Index([c])).outcome == matching.NEW


def test_a_namesake_at_another_address_is_queued_not_linked():
    c = client(1, "Claes", "Mehmet", "Kerkstraat 51 bus 2")
    decision = decide(household("Claes", "Mehmet", "Molenstraat", "166"), Index([c]))
    assert decision.outcome == matching.REVIEW
    assert [s.client_id for s in decision.candidates] == [1]


def test_a_namesake_in_another_postcode_is_still_proposed():
    c = client(1, "Van de Velde", "Stijn", "Luikersteenweg", "89", "3800")
    decision = decide(
        household("Van de Velde, Stijn", "", "Populierenlaan 94A", "", "3803"), Index([c])
    )
    assert decision.outcome == matching.REVIEW


def test_the_namesake_at_the_same_address_wins_over_one_elsewhere():
    elsewhere = client(1, "El Amrani", "Patrick", "Zavelstraat", "108")
    here = client(2, "El Amrani", "Patrick", "Schoolstraat", "125")
    decision = decide(
        household("El Amrani, Patrick", "", "Schoolstraat 125"), Index([elsewhere, here])
    )
    assert decision.outcome == matching.AUTO
    assert decision.client_id == 2


def test_two_identical_register_entries_go_to_a_person():
    a = client(1, "Peeters", "Jan", "Kerkstraat", "1")
    b = client(2, "Peeters", "Jan", "Kerkstraat", "1")
    decision = decide(household("Peeters", "Jan", "Kerkstraat", "1"), Index([a, b]))
    assert decision.outcome == matching.REVIEW
    assert {s.client_id for s in decision.candidates} == {1, 2}


def test_a_similar_first_name_at_the_same_address_is_not_linked_automatically():
    father = client(1, "Peeters", "Jan", "Kerkstraat", "1")
    decision = decide(household("Peeters", "Jana", "Kerkstraat", "1"), Index([father]))
    assert decision.outcome == matching.REVIEW


def test_another_apartment_in_the_same_building_is_not_the_same_address():
    c = client(1, "Peeters", "Jan", "Kerkstraat", "1 bus 2")
    decision = decide(household("Peeters", "Jan", "Kerkstraat", "1 bus 3"), Index([c]))
    assert decision.outcome == matching.REVIEW


def test_a_different_birth_date_blocks_an_automatic_link():
    c = client(1, "Peeters", "Jan", "Kerkstraat", "1", birth_date=datetime.date(1950, 1, 1))
    h = household("Peeters", "Jan", "Kerkstraat", "1", birth_date=datetime.date(1980, 1, 1))
    decision = decide(h, Index([c]))
    assert decision.outcome == matching.REVIEW
    assert decision.candidates[0].birth_date == matching.DIFFERENT


def test_the_birth_date_from_a_valid_insz_links_a_client_who_moved():
    c = client(
        1, "Van den Broeck", "Marleen", "Oudstraat", "3", birth_date=datetime.date(1979, 10, 26)
    )
    h = household("Van den Broeck", "Marleen", "Hasseltsesteenweg", "173", insz=INSZ_A)
    decision = decide(h, Index([c]))
    assert decision.outcome == matching.AUTO
    assert decision.score.birth_date == matching.SAME


def test_an_unknown_household_is_new():
    c = client(1, "Peeters", "Jan", "Kerkstraat", "1")
    assert decide(household("Janssens", "Els", "Molenstraat", "9"), Index([c])).outcome == (
        matching.NEW
    )


def test_a_rejected_candidate_is_not_proposed_again():
    c = client(1, "Claes", "Mehmet", "Kerkstraat", "51")
    decision = decide(household("Claes", "Mehmet", "Molenstraat", "166"), Index([c]), exclude={1})
    assert decision.outcome == matching.NEW


def test_a_surname_typo_at_the_same_address_is_found_through_the_address_block():
    c = client(1, "Vandenbroeck", "Sarah", "Groenstraat", "173")
    decision = decide(household("Vandenbroek", "Sarah", "Groenstraat", "173"), Index([c]))
    assert decision.outcome in (matching.REVIEW, matching.AUTO)
    assert decision.candidates[0].client_id == 1


def test_blocking_leaves_unrelated_clients_out():
    clients = [client(i, f"Naam{i}", "Jan", "Kerkstraat", str(i)) for i in range(1, 200)]
    clients.append(client(999, "Peeters", "Jan", "Molenstraat", "5"))
    index = Index(clients)
    found = index.candidates(household("Peeters", "Jan", "Molenstraat", "5"))
    assert [c.id for c in found] == [999]


def test_thresholds_are_configurable():
    c = client(1, "Peeters", "Jan", "Kerkstraat", "1")
    never_automatic = matching.Thresholds(auto_link=101)
    decision = decide(household("Peeters", "Jan", "Kerkstraat", "1"), Index([c], never_automatic))
    assert decision.outcome == matching.REVIEW
