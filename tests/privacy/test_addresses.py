from __future__ import annotations

import pytest

from insights.privacy.addresses import find_addresses


def found(text):
    return [text[f.start : f.end] for f in find_addresses(text)]


@pytest.mark.parametrize(
    ("text", "address"),
    [
        ("Livrez au 12 rue de la Paix, 75002 Paris merci", "12 rue de la Paix, 75002 Paris"),
        (
            "j'habite 14 bis avenue Jean Jaurès 69007 Lyon depuis",
            "14 bis avenue Jean Jaurès 69007 Lyon",
        ),
        ("au 3 Bd du Général Leclerc, Nantes.", "3 Bd du Général Leclerc, Nantes"),
        (
            "send it to 221B Baker Street, London NW1 6XE please",
            "221B Baker Street, London NW1 6XE",
        ),
        ("Flat 3, 12 Station Road, Bristol BS1 4DJ", "Flat 3, 12 Station Road, Bristol BS1 4DJ"),
        (
            "at 742 Evergreen Terrace, Springfield, IL 62704.",
            "742 Evergreen Terrace, Springfield, IL 62704",
        ),
        (
            "ship to 2160 Maple Ave, Apt 23C, Chicago, IL 60614",
            "2160 Maple Ave, Apt 23C, Chicago, IL 60614",
        ),
        ("my postcode is BS1 4DJ, not BS2", "BS1 4DJ"),
    ],
)
def test_finds_addresses(text, address):
    assert address in found(text)


@pytest.mark.parametrize(
    "text",
    [
        "the shop on Oxford Street was closed",
        "le magasin de la rue de Rivoli est mal indiqué",
        "j'habite à Lyon, 75002 Paris pour le travail",
        "I rode 12 miles down the road to the Velora Pro 7 launch",
        "la commande XY532891138FR est arrivée le 3 mars",
    ],
)
def test_leaves_places_alone(text):
    assert found(text) == []
