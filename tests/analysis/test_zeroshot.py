from __future__ import annotations

import numpy as np
import pytest

from insights.analysis.embed import make_embedder
from insights.analysis.zeroshot import (
    PrototypeClassifier,
    ZeroShotConfig,
    prepare_text,
)
from insights.errors import UsageError
from insights.taxonomies import load_taxonomy, none_examples

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def embedder():
    return make_embedder("use-multilingual.v1")


@pytest.fixture(scope="module")
def taxonomy():
    return load_taxonomy("default")


@pytest.fixture(scope="module")
def stages(embedder, taxonomy):
    return PrototypeClassifier.from_labels(taxonomy.stages, embedder, none_examples=none_examples())


@pytest.fixture(scope="module")
def touchpoints(embedder, taxonomy):
    return PrototypeClassifier.from_labels(
        taxonomy.touchpoints, embedder, none_examples=none_examples()
    )


@pytest.fixture(scope="module")
def emotions(embedder, taxonomy):
    return PrototypeClassifier.from_labels(
        taxonomy.emotions, embedder, config=ZeroShotConfig(threshold=None)
    )


@pytest.mark.parametrize(
    ("text", "stage"),
    [
        ("I saw an advert for your broadband on the bus.", "awareness"),
        ("I'm comparing your plans with two other companies before I decide.", "consideration"),
        ("Checkout failed three times when I tried to pay for my basket.", "purchase"),
        ("The technician installed the router and activated my line.", "onboarding"),
        ("The courier delivered my parcel a day late.", "onboarding"),
        ("My wifi drops out every evening when I'm streaming.", "usage"),
        ("I have been on hold with customer service for an hour.", "support"),
        ("I'm cancelling my contract and moving to a cheaper provider.", "retention"),
        ("I would definitely recommend this company to my friends.", "advocacy"),
        ("J'ai vu une publicité pour votre marque à la télévision.", "awareness"),
        ("Je compare vos offres avec celles de la concurrence avant de choisir.", "consideration"),
        ("Le paiement de ma commande a été refusé sur le site.", "purchase"),
        ("Le technicien est venu installer la box.", "onboarding"),
        ("Mon colis a été livré avec une semaine de retard.", "onboarding"),
        ("L'application plante tout le temps quand je l'utilise.", "usage"),
        ("J'ai appelé le service client et personne ne m'a répondu.", "support"),
        ("Je vais résilier mon abonnement et partir chez un concurrent.", "retention"),
        ("Je recommande vivement cette entreprise à tous mes proches.", "advocacy"),
    ],
)
def test_obvious_statements_land_on_their_stage(stages, text, stage):
    assert stages.classify([text]).labels[0] == stage


@pytest.mark.parametrize(
    "text",
    ["I live in Lyon with my two cats", "ok", "Bonjour", "J'habite à Lille avec mes deux chats."],
)
def test_off_topic_stage_is_none(stages, text):
    assert stages.classify([text]).labels[0] == "none"


@pytest.mark.parametrize("text", ["I live in Lyon with my two cats", "ok", "Bonjour", "Merci !"])
def test_off_topic_touchpoint_is_none(touchpoints, text):
    assert touchpoints.classify([text]).labels[0] == "none"


@pytest.mark.xfail(
    strict=True, reason="known limit: French 'chats' (cats) is read as the chat channel"
)
def test_french_false_friend_chats_is_not_the_chat_touchpoint(touchpoints):
    assert touchpoints.classify(["J'habite à Lille avec mes deux chats."]).labels[0] == "none"


@pytest.mark.parametrize(
    ("text", "touchpoint"),
    [
        ("Your website wouldn't load when I tried to log in.", "web"),
        ("The mobile app keeps crashing on my phone.", "app"),
        ("I never got a reply to my email.", "email"),
        ("I was on hold on the phone for forty minutes.", "phone"),
        ("The queue at the tills in your store was huge.", "store"),
        ("I tweeted you twice and nobody answered.", "social"),
        ("The chatbot didn't understand my question.", "chat"),
        ("The courier left my parcel outside in the rain.", "delivery"),
        ("My bill was higher than last month.", "billing"),
        ("Le site internet ne fonctionne pas sur mon ordinateur.", "web"),
        ("J'ai reçu une facture avec des frais en trop.", "billing"),
        ("Le livreur a laissé le colis chez le voisin.", "delivery"),
        ("J'ai attendu une heure au téléphone.", "phone"),
        ("J'ai lu les avis sur Trustpilot avant de commander.", "reviews"),
    ],
)
def test_obvious_statements_land_on_their_touchpoint(touchpoints, text, touchpoint):
    assert touchpoints.classify([text]).labels[0] == touchpoint


@pytest.mark.parametrize(
    ("text", "emotion"),
    [
        ("I'm furious, this is a disgrace!", "anger"),
        ("I'm so worried I'll lose my money.", "anxiety"),
        ("I don't understand what this charge on my bill is.", "confusion"),
        ("I absolutely love it, best purchase ever!", "delight"),
        ("I ordered it on Tuesday.", "neutral"),
        ("Je suis très déçu, je m'attendais à mieux.", "disappointment"),
        ("Ça fait trois fois que j'appelle pour le même problème, j'en ai marre.", "frustration"),
        ("Everything arrived on time and works fine, happy with it.", "satisfaction"),
        ("I know I can rely on them, they've always been honest.", "trust"),
    ],
)
def test_obvious_statements_get_their_emotion(emotions, text, emotion):
    assert emotions.classify([text]).labels[0] == emotion


def test_emotion_without_threshold_never_says_none(emotions):
    result = emotions.classify(["ok", "I live in Lyon with my two cats", "Bonjour"])
    assert "none" not in set(result.labels)
    np.testing.assert_allclose(result.matrix.sum(axis=1), 1.0, rtol=1e-5)


def test_score_matrix_shape_and_range(stages):
    texts = ["The parcel arrived late.", "ok", "Je résilie mon abonnement.", "I love it"]
    result = stages.classify(texts)
    assert result.label_ids == stages.label_ids
    assert result.matrix.shape == (4, 8)
    assert result.labels.shape == result.scores.shape == (4,)
    assert ((result.matrix >= 0) & (result.matrix <= 1)).all()
    assert (result.matrix.sum(axis=1) <= 1 + 1e-6).all()
    for row, label in enumerate(result.labels):
        if label == "none":
            assert result.scores[row] == pytest.approx(1 - result.matrix[row].sum(), abs=1e-5)
        else:
            column = stages.label_ids.index(label)
            assert result.scores[row] == pytest.approx(result.matrix[row].max())
            assert result.scores[row] == result.matrix[row, column]


def test_predict_is_deterministic(embedder, taxonomy, stages):
    texts = ["The engineer never came.", "Great app", "Le SAV ne répond pas.", "ok"]
    first = stages.classify(texts)
    again = PrototypeClassifier.from_labels(
        taxonomy.stages, embedder, none_examples=none_examples()
    ).classify(texts)
    assert first.labels.tolist() == again.labels.tolist()
    np.testing.assert_array_equal(first.matrix, again.matrix)
    np.testing.assert_array_equal(first.scores, stages.classify(texts).scores)


def test_predict_on_precomputed_embeddings_matches_classify(embedder, stages):
    texts = ["@AmericanAir my bag is lost https://t.co/x", "Livraison rapide"]
    vectors = embedder.encode([prepare_text(t) for t in texts])
    np.testing.assert_array_equal(stages.predict(vectors).matrix, stages.classify(texts).matrix)
    assert stages.predict(np.zeros((0, 512), np.float32)).matrix.shape == (0, 8)


def test_add_examples_to_none_moves_held_out_paraphrases_to_none(embedder, taxonomy):
    clf = PrototypeClassifier.from_labels(taxonomy.stages, embedder, none_examples=none_examples())
    held_out = [
        "I had a job interview with you last week, when will I hear back?",
        "I sent my CV for the cashier position and nobody replied.",
        "J'ai postulé chez vous pour un emploi et je n'ai aucune nouvelle.",
    ]
    before = clf.classify(held_out)
    assert "none" not in set(before.labels)
    size = clf.n_prototypes
    clf.add_examples(
        "none",
        [
            "I applied for a job at your company, any news?",
            "How long does the recruitment process take after an interview?",
            "J'attends une réponse à ma candidature pour le poste de vendeur.",
        ],
    )
    after = clf.classify(held_out)
    assert clf.n_prototypes == size + 3
    assert (after.matrix.sum(axis=1) < before.matrix.sum(axis=1)).all()  # P(none) went up
    assert list(after.labels).count("none") >= 2


def test_add_examples_raises_the_label_score_on_held_out_paraphrases(embedder, taxonomy):
    clf = PrototypeClassifier.from_labels(taxonomy.stages, embedder, none_examples=none_examples())
    held_out = [
        "The hospital car park was full again.",
        "Parking at the clinic costs a fortune.",
        "Impossible de se garer près de l'hôpital.",
    ]
    column = clf.label_ids.index("onboarding")
    before = clf.classify(held_out).matrix[:, column]
    clf.add_examples(
        "onboarding",
        [
            "There were no parking spaces when I arrived for my first appointment.",
            "Finding a parking space on my first visit took ages.",
            "Le premier jour, je n'ai pas trouvé de place de parking.",
        ],
    )
    after = clf.classify(held_out).matrix[:, column]
    assert (after > before).all()
    unrelated = clf.classify(["I would recommend this company to my friends."])
    assert unrelated.labels[0] == "advocacy"


def test_add_examples_with_precomputed_vectors(embedder, taxonomy):
    clf = PrototypeClassifier.from_labels(taxonomy.stages[:2], embedder)
    texts = ["Saw you on a billboard."]
    clf.add_examples("awareness", texts, vectors=embedder.encode(texts))
    with pytest.raises(UsageError, match="expected 1 vectors of dimension 512"):
        clf.add_examples("awareness", texts, vectors=np.zeros((1, 3), np.float32))


def test_add_examples_unknown_label(stages):
    with pytest.raises(UsageError, match="unknown label 'checkout'; choose one of awareness"):
        stages.add_examples("checkout", ["x"])


def test_classifier_without_embedder_needs_vectors(embedder, taxonomy):
    labels = taxonomy.stages[:2]
    texts = [t for label in labels for t in label.prototype_texts()]
    owners = [i for i, label in enumerate(labels) for _ in label.prototype_texts()]
    clf = PrototypeClassifier([s.id for s in labels], embedder.encode(texts), owners)
    assert clf.predict(embedder.encode(["Saw your ad on TV"])).labels[0] == "awareness"
    with pytest.raises(UsageError, match="no embedder"):
        clf.classify(["x"])
    with pytest.raises(UsageError, match="no embedder"):
        clf.add_examples("awareness", ["x"])
    with pytest.raises(UsageError, match=r"shape \(n, 512\)"):
        clf.predict(np.zeros((2, 3), np.float32))


def test_every_label_needs_a_prototype():
    vectors = np.eye(2, dtype=np.float32)
    with pytest.raises(UsageError, match="labels without prototypes: b"):
        PrototypeClassifier(["a", "b"], vectors, [0, 0])
    with pytest.raises(UsageError, match="unique"):
        PrototypeClassifier(["a", "none"], vectors, [0, 1])


def test_the_fingerprint_follows_the_prototypes_labels_and_settings():
    vectors = np.eye(3, dtype=np.float32)
    clf = PrototypeClassifier(["a", "b"], vectors[:2], [0, 1])
    first = clf.fingerprint()
    assert clf.fingerprint() == first
    assert PrototypeClassifier(["a", "b"], vectors[:2], [0, 1]).fingerprint() == first
    clf.add_examples("b", ["x"], vectors=vectors[2:])
    added = clf.fingerprint()
    assert added != first
    assert PrototypeClassifier(["a", "b"], vectors, [0, 1, 1]).fingerprint() == added
    clf.config = ZeroShotConfig(threshold=0.9)
    assert clf.fingerprint() not in (first, added)
    clf.config = ZeroShotConfig()
    assert clf.fingerprint() == added
    clf.label_ids = ("a", "c")
    assert clf.fingerprint() != added


def test_with_config_shares_prototypes(stages):
    strict = stages.with_config(ZeroShotConfig(threshold=0.9))
    assert strict.n_prototypes == stages.n_prototypes
    assert strict.classify(["The courier delivered my parcel a day late."]).labels[0] == "none"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "@AmericanAir my bag is lost &amp; nobody answers https://t.co/x",
            "my bag is lost & nobody answers",
        ),
        ("email me at a@b.com", "email me at a@b.com"),
        ("@united", "@united"),
        ("Livraison  rapide\n", "Livraison rapide"),
    ],
)
def test_prepare_text(text, expected):
    assert prepare_text(text) == expected
