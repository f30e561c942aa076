from __future__ import annotations

import pandas as pd
import pytest

from insights.privacy import Redactor, redact_units


@pytest.fixture(scope="module")
def redactor():
    return Redactor()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("write to jane.doe@example.com today", "write to [EMAIL] today"),
        ("appelez le 06 12 34 56 78 svp", "appelez le [PHONE] svp"),
        ("ou le 06.12.34.56.78", "ou le [PHONE]"),
        ("from abroad +33 6 12 34 56 78.", "from abroad [PHONE]."),
        ("UK line +44 20 7946 0958", "UK line [PHONE]"),
        ("card 4111 1111 1111 1111 was charged", "card [CARD] was charged"),
        ("IBAN FR76 3000 6000 0112 3456 7890 189 merci", "IBAN [IBAN] merci"),
    ],
)
def test_redacts_typed_pii(redactor, text, expected):
    assert redactor.redact(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "on 12/03/2024 at 10:30 I paid 1299 euros",
        "order 123456 arrived in 3 weeks",
        "number 4111111111111112 fails the Luhn check",
        "IBAN-like FR00 1234 5678 9012 3456 7890 123 with a bad checksum",
    ],
)
def test_leaves_non_pii_numbers_alone(redactor, text):
    assert redactor.redact(text) == text


def test_redact_units_covers_text_context_and_question(redactor):
    units = pd.DataFrame(
        {
            "text": ["mail a@b.co"],
            "prefix": ["call 06 12 34 56 78 "],
            "suffix": [""],
            "question": ["Q to x@y.fr"],
            "other": ["a@b.co"],
        }
    ).astype("string")
    out = redact_units(units, redactor=redactor)
    assert out.loc[0, "text"] == "mail [EMAIL]"
    assert out.loc[0, "prefix"] == "call [PHONE] "
    assert out.loc[0, "question"] == "Q to [EMAIL]"
    assert units.loc[0, "text"] == "mail a@b.co"  # input untouched
