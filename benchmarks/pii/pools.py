"""Fictional values for the PII test set: names, e-mail domains, phone ranges, fillers.

Every person here is invented. Phone numbers come from ranges reserved for fiction
where one exists (Ofcom drama numbers, US 555-01xx, French numbers used on screen);
IBANs and card numbers are random digits given a valid checksum; e-mail domains use
reserved names (example.com/.org/.net, the .example and .test TLDs).

Pools are split in two halves (even / odd positions): the dev split draws from one
half, the test split from the other, so the test set holds names and templates the
redactor was never looked at on.
"""

from __future__ import annotations

FIRST_EN = """Emma Oliver Charlotte Harry Amelia Jack Sophie George Isla Noah Grace Liam Chloe
Ethan Hannah Daniel Megan Ryan Lucy James Priya Rahul Aisha Mohammed Fatima Omar Wei Mei
Hiroshi Yuki Chidi Ngozi Kwame Ama Siobhan Ciaran Rhys Niamh Tomasz Agnieszka Carlos Lucia
Jamal Keisha Tyler Ashley Brandon Madison Kevin Laura Mark Helen Paul Sarah David Rachel
Stephen Karen Andrew Emily Olivia Arjun Deepa Tariq Zara Connor Bethany Gareth Imogen""".split()

LAST_EN = """Smith Jones Taylor Brown Williams Wilson Johnson Davies Robinson Wright Thompson
Evans Walker White Roberts Green Hall Wood Jackson Clarke Patel Khan Singh Ahmed Okafor
Mensah Nguyen Chen Kowalski O'Brien McAllister Fitzgerald Garcia Hernandez Washington Miller
Anderson Baker Carter Murphy Hughes Edwards Lewis Harrison Kaur Adeyemi Sullivan Price""".split()

FIRST_FR = """Camille Léa Manon Chloé Inès Sarah Julie Océane Mathilde Pauline Élodie Amélie
Céline Nathalie Isabelle Sandrine Aurélie Margaux Clémence Anaïs Lucas Hugo Théo Louis Nathan
Maxime Antoine Thomas Nicolas Julien Guillaume Sébastien Mathieu Romain Baptiste Quentin
Jérôme Olivier Philippe Laurent Jean-Pierre Marie-Claire Anne-Sophie Jean-Baptiste Karim
Mehdi Yasmine Nadia Moussa Aminata Kévin Hélène Françoise Benoît Gaëlle Loïc Yannick Soazig
Rémi Virginie Bruno Sylvie Fabrice Émilie Damien""".split()

LAST_FR = """Martin|Bernard|Dubois|Robert|Richard|Petit|Durand|Leroy|Moreau|Simon|Lefebvre|
Michel|David|Bertrand|Roux|Vincent|Fournier|Morel|Girard|André|Lefèvre|Mercier|Dupont|Lambert|
Bonnet|François|Martinez|Le Gall|Le Goff|N'Diaye|Diallo|Benali|Haddad|Nguyen|Da Silva|Lemaire|
Faure|Rousseau|Blanc|Guérin|Muller|Henry|Roussel|Chevalier|Perrin|Morin|Mathieu|Gauthier|
Masson|Marchand|Duval|Denis|Boyer""".replace("\n", "").split("|")

TITLES_EN = ("Mr", "Mrs", "Ms", "Dr", "Miss")
TITLES_FR = ("M.", "Mme", "Madame", "Monsieur", "Mlle", "Dr")

MAIL_DOMAINS = (
    "example.com",
    "example.org",
    "example.net",
    "mail.example.com",
    "orange.example",
    "free.example",
    "velora.example",
    "laposte.test",
    "outlook.test",
    "btinternet.example",
)

# Area + exchange prefixes reserved for fiction (the rest of the digits are random).
FR_FICTION = ("01 99 00", "02 61 91", "03 53 01", "04 65 71", "05 36 49", "06 39 98")
UK_FICTION = (
    ("020", "7946 0"),
    ("0121", "496 0"),
    ("0113", "496 0"),
    ("0161", "496 0"),
    ("0117", "496 0"),
    ("07700", "900"),
)
US_AREAS = ("212", "415", "312", "617", "202", "305", "512", "206")
INTL = (("49", "30", 8), ("34", "612", 6), ("39", "06", 8), ("32", "2", 7), ("41", "44", 7))

IBAN_BANKS = {
    "FR": lambda r: f"{r(5)}{r(5)}{r(11)}{r(2)}",
    "GB": lambda r: "VELO" + f"{r(6)}{r(8)}",
    "DE": lambda r: f"{r(8)}{r(10)}",
    "BE": lambda r: f"{r(12)}",
    "ES": lambda r: f"{r(20)}",
}
CARD_PREFIXES = (
    ("4111", 16),
    ("4242", 16),
    ("5555", 16),
    ("5105", 16),
    ("4000", 16),
    ("3782", 15),
    ("3714", 15),
    ("6011", 16),
    ("2223", 16),
    ("4970", 16),
)

STREETS_FR = """de la Paix|des Lilas|Victor Hugo|Jean Jaurès|de la République|du Général Leclerc|
des Acacias|Pasteur|de Verdun|Gambetta|du Moulin|des Écoles|Saint-Exupéry|de Bretagne|
Émile Zola|des Tilleuls|de la Gare|Voltaire|du Château|des Peupliers""".replace("\n", "").split("|")
STREET_TYPES_FR = ("rue", "avenue", "boulevard", "place", "allée", "impasse", "chemin", "quai")
CITIES_FR = (
    ("75002", "Paris"),
    ("69007", "Lyon"),
    ("13006", "Marseille"),
    ("44000", "Nantes"),
    ("33000", "Bordeaux"),
    ("31000", "Toulouse"),
    ("59000", "Lille"),
    ("35000", "Rennes"),
    ("67000", "Strasbourg"),
    ("34000", "Montpellier"),
    ("92100", "Boulogne-Billancourt"),
    ("06000", "Nice"),
)
STREETS_UK = """Baker|Station|Church|Victoria|Mill|Park|Albert|Queens|Green|Manor|Kingsway|
Elm|Chapel|Grange|Oakfield|Meadow""".replace("\n", "").split("|")
STREET_TYPES_UK = (
    "Street",
    "Road",
    "Lane",
    "Avenue",
    "Close",
    "Drive",
    "Crescent",
    "Way",
    "Gardens",
    "Terrace",
)
CITIES_UK = (
    ("London", "NW1 6XE"),
    ("Bristol", "BS1 4DJ"),
    ("Manchester", "M1 1AE"),
    ("Leeds", "LS1 4AP"),
    ("Cardiff", "CF10 1EP"),
    ("Glasgow", "G1 2FF"),
    ("Brighton", "BN1 1AE"),
    ("York", "YO1 7HH"),
    ("Oxford", "OX1 2JD"),
    ("Birmingham", "B2 4QA"),
)
STREETS_US = """Maple|Oak|Pine|Cedar|Elm|Washington|Lake|Hill|Sunset|Park|Main|Highland|
Lincoln|Willow|Madison|Jefferson""".replace("\n", "").split("|")
STREET_TYPES_US = ("Street", "St.", "Avenue", "Ave", "Road", "Blvd", "Drive", "Lane", "Court")
CITIES_US = (
    ("Springfield", "IL", "62704"),
    ("Austin", "TX", "78701"),
    ("Portland", "OR", "97205"),
    ("Denver", "CO", "80202"),
    ("Boston", "MA", "02118"),
    ("Seattle", "WA", "98101"),
    ("Chicago", "IL", "60614"),
    ("Brooklyn", "NY", "11201"),
)

# Fillers for hard negatives (never planted).
PRODUCTS = (
    "Velora",
    "Velora Cargo",
    "Velora E-City 2",
    "Velora Urban 500",
    "Velora Step",
    "Velora Kids 20",
    "Velora Trek X",
    "Velora Mini",
    "Velora Fold",
    "Velora Pro 7",
)
BRANDS = (
    "Shimano",
    "Bosch",
    "Decathlon",
    "Halfords",
    "Amazon",
    "Apple Pay",
    "PayPal",
    "Klarna",
    "Strava",
    "Google Maps",
    "Colissimo",
    "DPD",
    "Chronopost",
    "Trustpilot",
    "Brompton",
    "Cube",
    "Samsung",
    "Lime",
    "Uber",
    "Vinted",
    "Boulanger",
    "Darty",
    "Leboncoin",
    "Monoprix",
    "Fnac",
    "Garmin",
    "Deliveroo",
    "Royal Mail",
    "Evri",
    "Visa",
)
CITIES = (
    "Paris",
    "Lyon",
    "Bristol",
    "Manchester",
    "Nantes",
    "Lille",
    "London",
    "Boston",
    "Toulouse",
    "Leeds",
    "Bordeaux",
    "Brighton",
    "Rennes",
    "Glasgow",
    "Marseille",
    "Chicago",
    "Grenoble",
    "Cambridge",
    "Montpellier",
    "Seattle",
)
STAFF_EN = (
    "the mechanic",
    "customer service",
    "the driver",
    "the store manager",
    "the support team",
    "the delivery guy",
    "the sales assistant",
)
STAFF_FR = (
    "le mécanicien",
    "le service client",
    "le livreur",
    "la vendeuse",
    "le conseiller",
    "le responsable du magasin",
    "l'équipe support",
)
