"""Person names with the real spaCy NER models (loaded once per session)."""

from __future__ import annotations

import pytest

from insights.privacy.given_names import given, looks_like_person
from insights.privacy.names import NameFinder
from insights.privacy.spans import resolve
from insights.privacy.words import extend_name, tokens


@pytest.fixture
def finder(ner_pipelines):
    return NameFinder(pipelines=ner_pipelines)


def names(finder, texts, lang):
    found = finder.find_many(texts, [lang] * len(texts))
    return [
        sorted(t[f.start : f.end] for f in resolve(s)) for t, s in zip(texts, found, strict=True)
    ]


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("en", "I spoke to Sophie Martin in customer service yesterday.", ["Sophie Martin"]),
        ("en", "Thanks to Priya and Chidi Walker at the workshop.", ["Chidi Walker", "Priya"]),
        ("en", "Ask for Mr Okafor, he knows the cargo models.", ["Okafor"]),
        ("en", "Jamal booked the test ride online.", ["Jamal"]),
        ("en", "The invoice went to Ben W. instead of me.", ["Ben W."]),
        ("fr", "J'ai eu Manon au service client, elle a été top.", ["Manon"]),
        (
            "fr",
            "Merci à Anne-Sophie de la Fontaine et à Mme Le Goff.",
            ["Anne-Sophie de la Fontaine", "Le Goff"],
        ),
        ("fr", "Le technicien, Kévin Nguyen, a réglé les freins.", ["Kévin Nguyen"]),
    ],
)
def test_finds_names(finder, lang, text, expected):
    assert names(finder, [text], lang)[0] == expected


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "Honestly, the best purchase I've made in years."),
        ("en", "Great Customer Experience Overall, Quick And Easy."),
        ("en", "The Manchester depot lost my parcel twice."),
        ("en", "Paid with Klarna, no problems at checkout."),
        ("en", "Rode 17 miles on Sunday without recharging, back in August."),
        ("en", "The Rose Gold finish looks better in person than on the Velora site."),
        ("fr", "Acheté le 3 mars pour 1 299 €, tombé en panne en août."),
        ("fr", "Pouvez-vous me rappeler ? Très Bonne Expérience Dans L'Ensemble."),
        ("fr", "Le magasin de Lyon était bondé mais le conseiller a pris le temps."),
    ],
)
def test_no_names_in_ordinary_capitalised_words(finder, lang, text):
    assert names(finder, [text], lang)[0] == []


def test_brand_is_not_a_name_across_the_corpus(finder):
    texts = [
        "Velora is a great bike but the app keeps crashing.",
        "I love my Velora, and the Velora app is fine.",
        "Velora never replied to my ticket.",
        "Velora Care billing is confusing.",
        "Mon Urbano est top, l'Urbano E7 aussi.",
        "Absolutely love my Urbano.",
    ]
    assert names(finder, texts, "en") == [[]] * len(texts)


def test_keep_list_protects_a_product(ner_pipelines):
    finder = NameFinder(pipelines=ner_pipelines, keep=frozenset({"urbano"}))
    assert names(finder, ["Urbano was delivered today."], "en") == [[]]


def test_given_names_and_labels():
    assert given("Chloé") is False and given("Grace") is True and given("Velora") is None
    assert given("Jean-Pierre") is not None
    assert looks_like_person("Claire") and looks_like_person("Élodie M.")
    assert not looks_like_person("Speaker 2") and not looks_like_person("tom_commuter24")


def test_extend_name_stops_at_lower_case_and_punctuation():
    text = "Sophie Martin a appelé, Karim, puis Ben W. hier"
    words = tokens(text)
    spans = [
        text[w.start : extend_name(text, words, i)] for i, w in enumerate(words) if w.capitalised
    ]
    assert spans == ["Sophie Martin", "Martin", "Karim", "Ben W.", "W"]


class _CountingPipeline:
    """A real spaCy pipeline that counts the texts it is asked to run on."""

    def __init__(self, nlp):
        self._nlp, self.texts = nlp, []

    def __getattr__(self, name):
        return getattr(self._nlp, name)

    def pipe(self, texts, **options):
        texts = list(texts)
        self.texts += texts
        return self._nlp.pipe(texts, **options)


def test_ner_results_are_cached_across_runs(ner_pipelines, tmp_path):
    counting = {lang: _CountingPipeline(nlp) for lang, nlp in ner_pipelines.items()}
    texts = ["I spoke to Sophie Martin yesterday.", "Le conseiller Julien Moreau a aidé."]
    langs = ["en", "fr"]
    first = NameFinder(pipelines=counting, cache_dir=tmp_path).find_many(texts, langs)
    second = NameFinder(pipelines=counting, cache_dir=tmp_path).find_many(texts, langs)
    assert first == second and all(first)
    assert counting["en"].texts == [texts[0]] and counting["fr"].texts == [texts[1]]
    assert NameFinder(pipelines=ner_pipelines).find_many(texts, langs) == first  # no cache
    assert b"Sophie" not in (tmp_path / "embeddings.sqlite").read_bytes()


def test_a_warm_run_does_not_load_the_ner_models(tmp_path):
    texts, langs = ["I spoke to Sophie Martin yesterday."], ["en"]
    first = NameFinder(cache_dir=tmp_path).find_many(texts, langs)  # loads the packaged model
    warm = NameFinder(cache_dir=tmp_path)
    assert warm.find_many(texts, langs) == first and first[0]
    assert warm._nlp == {}


LOWER = [
    "thanks john smith for sorting out my refund so quickly",
    "jean-pierre au guichet a été adorable, merci marie",
    "spoke to sarah o'neil, then to dr patel, both useless",
    "à l'agence de lyon, kévin nguyen m'a rappelé deux fois",
]


def test_ner_runs_only_where_a_letter_is_upper_case(ner_pipelines):
    counting = {lang: _CountingPipeline(nlp) for lang, nlp in ner_pipelines.items()}
    texts = [*LOWER, "I spoke to Sophie Martin yesterday.", "Écrit par Julien, merci"]
    texts += ["ÉCRIT EN MAJUSCULES, MERCI", "I called twice. The agent hung up."]
    langs = ["en", "fr", "en", "fr", "en", "fr", "fr", "en"]
    NameFinder(pipelines=counting).find_many(texts, langs)
    assert counting["en"].texts == [texts[4]] and counting["fr"].texts == texts[5:7]


def _with_and_without_entities(ner_pipelines, lang, texts):
    """Names found in `texts` and the corpus evidence, with their NER entities and without."""
    from insights.privacy.evidence import PERSON_LABELS, Evidence

    ents = [
        [(e.start_char, e.end_char, e.label_) for e in doc.ents]
        for doc in ner_pipelines[lang].pipe(texts)
    ]
    assert any(label in PERSON_LABELS for found in ents for *_, label in found)  # NER tags them
    words = [tokens(text) for text in texts]
    finder = NameFinder(pipelines=ner_pipelines)
    with_ner = [finder._decide(t, e, w) for t, e, w in zip(texts, ents, words, strict=True)]
    without = [finder._decide(t, [], w) for t, w in zip(texts, words, strict=True)]
    counted, skipped = Evidence(), Evidence()
    counted.add(texts, ents, words)
    skipped.add(texts, [[] for _ in texts], words)
    return with_ner, without, counted, skipped


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_entities_of_a_text_without_capitals_change_nothing(ner_pipelines, lang):
    with_ner, without, counted, skipped = _with_and_without_entities(ner_pipelines, lang, LOWER)
    assert with_ner == without
    assert vars(counted) == vars(skipped)


OPENERS = [  # capitalised only where a function word opens a sentence, or "I"
    "The rep sarah was great. I asked for kevin after that.",
    "I called twice and the agent jerome hung up on me.",
    "Je remercie mathieu pour son aide. Merci encore.",
    "Très bien reçu par françoise dupont au guichet.",
    "Bonjour, je voudrais parler à nadia. Mais personne ne répond.",
]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("I called twice. The agent hung up.", False),
        ("Mais oui. Je pense que non.", False),
        ("I'm fine, thanks", False),
        ("the flight was late. Sophie helped", True),  # a capitalised given name
        ("@united The flight was late", True),  # "The" after a handle opens nothing
        ("Thank You for nothing", True),  # two capitalised words joined: maybe a name
        ("The Velora app froze", True),
        ("Love the new app", True),  # "Love" is also a given name
        ("Great service. The staff were kind", True),  # "Great" is no function word
        ("I chatted with agent-Sarah for an hour.", True),  # spaCy splits at the hyphen
        ("Le service est nul.", True),  # "Le" is a name particle too ("Marine Le Pen")
        ("ÉCRIT EN MAJUSCULES", True),
    ],
)
def test_may_hold_a_name_skips_function_words_opening_sentences(text, expected):
    from insights.privacy.names import may_hold_a_name

    assert may_hold_a_name(text) is expected


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_entities_of_a_text_with_only_opening_function_words_change_nothing(ner_pipelines, lang):
    from insights.privacy.names import may_hold_a_name
    from insights.privacy.words import FUNCTION_WORDS

    assert not any(map(may_hold_a_name, OPENERS))
    with_ner, without, counted, skipped = _with_and_without_entities(ner_pipelines, lang, OPENERS)
    assert with_ner == without
    for word in set(counted.seen) | set(skipped.seen):
        if word.lower() not in FUNCTION_WORDS:  # function words are never names
            assert counted.person[word] == skipped.person[word]


def test_no_word_is_capitalised_in_a_text_without_an_upper_case_letter():
    from insights.privacy.words import capitalised

    for code in range(0x110000):
        char = chr(code)
        if not char.isupper():  # the first test of may_hold_a_name
            assert not capitalised(char + "x")
            assert not capitalised(char)


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("en", "hi ibrahim, any news on my refund?", ["ibrahim"]),
        ("en", "The baggage rep latrice was brilliant.", ["latrice"]),
        ("en", "my daughter priya loves the kids seat", ["priya"]),
        ("en", "Had a call with caitlin and Vanessa from the shop.", ["Vanessa", "caitlin"]),
        ("fr", "Bonjour yasmine, toujours rien reçu.", ["yasmine"]),
        ("fr", "Mon mari jérôme a tout monté en une heure.", ["jérôme"]),
        ("fr", "moi c'est julie, je roule tous les jours", ["julie"]),
        ("fr", "j'ai eu un conseiller lucas très patient", ["lucas"]),
    ],
)
def test_lower_case_given_names_are_found_after_a_cue(finder, lang, text, expected):
    assert names(finder, [text], lang) == [expected]


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "hi friend! quick question about bags"),  # Friend is a given name, and a word
        ("en", "hello sunny skies, finally landed"),
        ("en", "my husband hung up after an hour on hold"),
        ("en", "stuck in houston and dallas all night"),  # places, and no name beside them
        ("en", "like kelsey said, the app is slow"),  # a name, but no cue: kept (README)
    ],
)
def test_lower_case_words_without_a_cue_stay(finder, lang, text):
    assert names(finder, [text], lang) == [[]]
