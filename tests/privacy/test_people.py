from __future__ import annotations

from insights.privacy.people import People, name_key, unnumbered


def test_name_key_ignores_titles_case_and_accents():
    assert name_key("Mme  Élodie LEFÈVRE.") == "elodie lefevre"


def test_same_person_same_number():
    people = People()
    assert people.placeholder("Sophie Martin") == "[NAME 1]"
    assert people.placeholder("Karim") == "[NAME 2]"
    assert people.placeholder("Sophie") == "[NAME 1]"
    assert people.placeholder("Mme Martin") == "[NAME 1]"
    assert people.placeholder("SOPHIE MARTIN") == "[NAME 1]"
    assert people.placeholder("Karim Benali") == "[NAME 2]"
    assert people.placeholder("Sophie Dubois") == "[NAME 3]"
    assert len(people) == 3


def test_initials_join_the_full_name():
    people = People()
    assert people.number("Ben W.") == people.number("Ben Walker") == 1
    assert people.number("Ben Okafor") == 2


def test_unnumbered_drops_only_the_person_numbers():
    assert unnumbered("[NAME 3] met [NAME 12] at [ADDRESS]") == "[NAME] met [NAME] at [ADDRESS]"
    assert unnumbered("NAME 3 and [NAME] and [NAME x]") == "NAME 3 and [NAME] and [NAME x]"
