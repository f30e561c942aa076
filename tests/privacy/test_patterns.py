from __future__ import annotations

import pytest

from insights.privacy.patterns import find_patterns, iban_ok, luhn_ok


def spans(text):
    return [(f.kind.value, text[f.start : f.end]) for f in find_patterns(text)]


@pytest.mark.parametrize(
    ("text", "kind", "value"),
    [
        ("write to jane.doe@example.com today", "EMAIL", "jane.doe@example.com"),
        (
            "écrivez à Jean-Marc.Dupré+sav@orange.example.",
            "EMAIL",
            "Jean-Marc.Dupré+sav@orange.example",
        ),
        ("mail me: sam (at) example (dot) net", "EMAIL", "sam (at) example (dot) net"),
        ("appelez le 06 12 34 56 78 svp", "PHONE", "06 12 34 56 78"),
        ("ou le 06.12.34.56.78", "PHONE", "06.12.34.56.78"),
        ("fixe 01-99-00-12-34 le soir", "PHONE", "01-99-00-12-34"),
        ("portable 0639981234, merci", "PHONE", "0639981234"),
        ("depuis l'étranger +33 6 12 34 56 78.", "PHONE", "+33 6 12 34 56 78"),
        ("ou +33 (0)6 39 98 12 34", "PHONE", "+33 (0)6 39 98 12 34"),
        ("ou 0033 6 39 98 12 34", "PHONE", "0033 6 39 98 12 34"),
        ("compact +33639981234", "PHONE", "+33639981234"),
        ("UK line +44 20 7946 0958", "PHONE", "+44 20 7946 0958"),
        ("call 020 7946 0958 today", "PHONE", "020 7946 0958"),
        ("mobile 07700 900461 please", "PHONE", "07700 900461"),
        ("Birmingham (0121) 496 0123", "PHONE", "(0121) 496 0123"),
        ("US (415) 555-0132 or", "PHONE", "(415) 555-0132"),
        ("US 415-555-0132 or", "PHONE", "415-555-0132"),
        ("toll free 1-800-555-0199", "PHONE", "1-800-555-0199"),
        ("E.164 +4930123456789", "PHONE", "+4930123456789"),
        ("Madrid +34 612 34 56 78", "PHONE", "+34 612 34 56 78"),
        ("card 4111 1111 1111 1111 was charged", "CARD", "4111 1111 1111 1111"),
        ("carte 5555-5555-5555-4444 débitée", "CARD", "5555-5555-5555-4444"),
        ("amex 3782 822463 10005 ok", "CARD", "3782 822463 10005"),
        (
            "IBAN FR76 3000 6000 0112 3456 7890 189 merci",
            "IBAN",
            "FR76 3000 6000 0112 3456 7890 189",
        ),
        ("IBAN FR76 3000 6000 0112 3456 7890 189 OK", "IBAN", "FR76 3000 6000 0112 3456 7890 189"),
        ("UK account GB82WEST12345698765432.", "IBAN", "GB82WEST12345698765432"),
        ("IBAN de89-3704-0044-0532-0130-00", "IBAN", "de89-3704-0044-0532-0130-00"),
    ],
)
def test_finds_typed_pii(text, kind, value):
    assert (kind, value) in spans(text)


@pytest.mark.parametrize(
    "text",
    [
        "on 12/03/2024 at 10:30 I paid 1299 euros",
        "le 05.03.2024 10:30, j'ai payé 1 299,00 €",
        "order 123456 arrived in 3 weeks, commande 2024-58391",
        "order 248-4258973-3000166 and ticket #4839201",
        "tracking 6A12345678901, 1Z999AA10123456784, XY532891138FR, 05212345678901",
        "number 4111111111111112 fails the Luhn check",
        "IBAN-like FR00 1234 5678 9012 3456 7890 123 with a bad checksum",
        "version 3.2.1, 2019-2021, +20 %, 10 000 km, £1,499.00",
    ],
)
def test_leaves_non_pii_numbers_alone(text):
    assert spans(text) == []


def test_checksums():
    assert luhn_ok("4111111111111111") and not luhn_ok("4111111111111112")
    assert iban_ok("GB82 WEST 1234 5698 7654 32") and not iban_ok("GB82 WEST 1234 5698 7654 33")
    assert not iban_ok("XY82WEST12345698765432")  # no such country
