from __future__ import annotations

import pandas as pd
import pytest

from insights.privacy import redact_attributes, redact_units
from insights.privacy.redact import pseudonymous_id


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("en", "write to jane.doe@example.com today", "write to [EMAIL] today"),
        ("fr", "écrivez-moi à jean.dupont@orange.example svp", "écrivez-moi à [EMAIL] svp"),
        ("fr", "appelez le 06 12 34 56 78 svp", "appelez le [PHONE] svp"),
        ("en", "from abroad +33 6 12 34 56 78.", "from abroad [PHONE]."),
        ("en", "UK line +44 20 7946 0958", "UK line [PHONE]"),
        ("en", "card 4111 1111 1111 1111 was charged", "card [CARD] was charged"),
        ("fr", "ma carte 5555 5555 5555 4444 a été débitée", "ma carte [CARD] a été débitée"),
        ("fr", "IBAN FR76 3000 6000 0112 3456 7890 189 merci", "IBAN [IBAN] merci"),
        ("en", "refund to GB82 WEST 1234 5698 7654 32 please", "refund to [IBAN] please"),
        ("fr", "Livrez au 12 rue de la Paix, 75002 Paris.", "Livrez au [ADDRESS]."),
        ("en", "Send it to 12 Station Road, Bristol BS1 4DJ.", "Send it to [ADDRESS]."),
        ("en", "I spoke to Sophie Martin twice.", "I spoke to [NAME 1] twice."),
        ("fr", "J'ai eu Mme Lefèvre au téléphone.", "J'ai eu Mme [NAME 1] au téléphone."),
    ],
)
def test_redacts_each_type(make_redactor, lang, text, expected):
    assert make_redactor().redact(text, lang=lang) == expected


def test_velora_and_capitalised_words_are_kept(make_redactor):
    texts = [
        "Velora is a great bike, honestly the best purchase I've made.",
        "The Velora app keeps crashing since the update.",
        "Customer Service at Velora never replied.",
        "Great Ride Quality, Smooth Gears.",
        "Le Velora Care ne sert à rien, Franchement.",
    ]
    langs = ["en", "en", "en", "en", "fr"]
    assert make_redactor().redact_many(texts, langs) == texts


def test_same_person_same_placeholder_within_a_run(make_redactor):
    redactor = make_redactor()
    out = redactor.redact_many(
        [
            "Sophie Martin from support called me.",
            "Then Karim said the opposite.",
            "Sophie called back and Mrs Martin apologised.",
        ],
        ["en"] * 3,
    )
    assert out == [
        "[NAME 1] from support called me.",
        "Then [NAME 2] said the opposite.",
        "[NAME 1] called back and Mrs [NAME 1] apologised.",
    ]
    assert make_redactor().redact("Karim again", lang="en") == "[NAME 1] again"  # fresh run


def test_names_found_once_are_redacted_everywhere(make_redactor):
    redactor = make_redactor()
    redactor.add_names(["Soazig"])
    texts = ["I asked Soazig Kerhervé.", "Then Kerhervé was kind.", "Soazig called."]
    out = redactor.redact_many(texts, ["en"] * 3)
    assert out == ["I asked [NAME 1].", "Then [NAME 1] was kind.", "[NAME 1] called."]


def test_a_known_name_is_not_swept_into_a_place_or_brand(make_redactor):
    redactor = make_redactor()
    redactor.add_names(["Juan Ortega"])
    texts = [
        "Juan Ortega helped me at the desk.",
        "Delayed again at San Juan terminal.",
        "We flew to San Juan in May, then to San Diego and San Jose.",
        "I flew to San Juan and Juan was there.",
        "Bonjour Soazig Juan, merci pour tout.",
        "The rep said Agent Juan would call.",
        "I then spoke with Nurse Juan.",  # "Nurse" is no thing the corpus knows
    ]
    out = redactor.redact_many(texts, ["en", "en", "en", "en", "fr", "en", "en"])
    assert out == [
        "[NAME 1] helped me at the desk.",
        "Delayed again at San Juan terminal.",
        "We flew to San Juan in May, then to San Diego and San Jose.",
        "I flew to San Juan and [NAME 1] was there.",
        "Bonjour [NAME 2], merci pour tout.",
        "The rep said Agent [NAME 1] would call.",
        "I then spoke with Nurse [NAME 1].",
    ]


def test_a_known_surname_after_an_unknown_first_name_is_still_swept(make_redactor):
    texts = ["Soazig André nous a aidés.", "Merci Soazig André.", "Merci à Soazig André."]
    out = make_redactor().redact_many(texts, ["fr"] * 3)
    assert all("André" not in text for text in out)


def test_redact_units_covers_text_context_and_question(make_redactor):
    units = pd.DataFrame(
        {
            "text": ["mail a@b.co", "Merci Claire, c'était top."],
            "prefix": ["call 06 12 34 56 78 ", ""],
            "suffix": ["", " Claire a raccroché"],
            "question": ["Q to x@y.fr", "Bonjour Claire, ça va ?"],
            "lang": ["en", "fr"],
            "speaker": ["", "Claire"],
            "respondent_id": ["s.csv#r1", "i.txt#Claire"],
            "other": ["a@b.co", "Claire"],
        }
    ).astype("string")
    out = redact_units(units, redactor=make_redactor())
    assert out.loc[0, "text"] == "mail [EMAIL]"
    assert out.loc[0, "prefix"] == "call [PHONE] "
    assert out.loc[0, "question"] == "Q to [EMAIL]"
    assert out.loc[1, "text"] == "Merci [NAME 1], c'était top."
    assert out.loc[1, "suffix"] == " [NAME 1] a raccroché"
    assert out.loc[1, "question"] == "Bonjour [NAME 1], ça va ?"
    assert out.loc[1, "respondent_id"] == "i.txt#Claire"  # identities off by default
    pd.testing.assert_frame_equal(
        out.drop(columns=["text", "prefix", "suffix", "question"]),
        units.drop(columns=["text", "prefix", "suffix", "question"]),
    )
    assert units.loc[0, "text"] == "mail a@b.co"  # input untouched


def test_identities_are_pseudonymised_consistently(make_redactor):
    units = pd.DataFrame(
        {
            "text": ["Priya said hi.", "Hello."],
            "speaker": ["Priya", "Interviewer"],
            "respondent_id": ["a.txt#Priya", "a.txt#Interviewer"],
            "lang": ["en", "en"],
        }
    ).astype("string")
    respondents = pd.DataFrame(
        {
            "respondent_id": ["r.jsonl#Élodie M.", "r.jsonl#tom_commuter24", "r.jsonl#Tom R."],
            "Email": ["e@x.fr", "", ""],
            "Ville": ["Lyon", "Paris", "Nice"],
        }
    )
    redactor = make_redactor()
    out = redact_units(units, redactor=redactor, identities=True)
    people = redact_attributes(respondents, redactor=redactor, identities=True)
    assert out["speaker"].tolist() == ["[NAME 1]", "Interviewer"]
    assert out["respondent_id"].tolist() == [pseudonymous_id("a.txt#Priya"), "a.txt#Interviewer"]
    assert out["respondent_id"][0].startswith("a.txt#p-")
    assert out.loc[0, "text"] == "[NAME 1] said hi."
    ids = people["respondent_id"].tolist()
    assert all(i.startswith("r.jsonl#p-") for i in ids) and len(set(ids)) == 3, ids
    assert list(people.columns) == ["respondent_id", "Ville"]  # personal columns dropped
    assert people["Ville"].tolist() == ["Lyon", "Paris", "Nice"]


@pytest.mark.parametrize("rid", ["s.csv#FR-0001", "s.csv#r12", "t.txt#P3", "t.txt#Speaker 2"])
def test_respondent_codes_are_not_pseudonymised(rid):
    assert pseudonymous_id(rid) == rid


def test_no_names_option_keeps_patterns(make_redactor):
    redactor = make_redactor(names=False)
    assert redactor.redact("Sophie: 06 12 34 56 78") == "Sophie: [PHONE]"
