"""The holdout split: its own names and templates, written after the rules were settled.

The `test` split was inspected once its first figures were taken (see benchmarks/README),
so this split, with people and sentences neither split has, is the clean measure.
"""

from __future__ import annotations

FIRST_EN = """Abigail Benjamin Caitlin Declan Eleanor Finn Georgia Hamish Isabelle Joel Kirsty
Leon Maisie Nathaniel Orla Patrick Rosie Samuel Tamsin Umar Vanessa Wesley Yasmin Zoe Anjali
Bilal Dmitri Efua Farah Gustavo Hana Ibrahim Jasmine Kofi Leila Marcus Oscar Poppy Reuben
Shreya Uchenna Valentina Wiktoria Xavier Yusuf Zainab""".split()
LAST_EN = """Armstrong Bennett Collins Dawson Ellis Fraser Gibson Holmes Irving Jenkins Kennedy
Lawson Marshall Norris Osei Pearson Quinn Reid Shaw Turner Underwood Vaughan Walsh Young Akhtar
Banerjee Chowdhury Dlamini Eze Fernandes Gonzalez Hussain Ivanova Jovanovic Kim Mahmoud Novak
O'Connor Park""".split()
FIRST_FR = """Adèle Alexandre Apolline Arthur Bastien Capucine Cédric Delphine Estelle Étienne
Florian Gabrielle Grégoire Héloïse Ismaël Jade Joséphine Justine Lina Maëlle Marius Noémie
Paul-Henri Raphaël Salomé Sacha Tristan Valentin Zoé Amadou Fatoumata Hamza Rachid Samira Linh
Malik Chantal Ghislaine Thibault""".split()
LAST_FR = """Leblanc|Garnier|Chauvin|Fontaine|Rolland|Picard|Carpentier|Barbier|Dumas|Brun|Caron|
Gaillard|Leclerc|Renaud|Aubert|Hoarau|Le Roux|De Sousa|Ben Salah|Traoré|Camara|Cissé|Bouchard|
Tessier|Poulain|Millet|Collet|Pons|Lacroix|Maillard""".replace("\n", "").split("|")

EN_PII = [
    "When I rang support, {NAME} picked up and sorted the refund in ten minutes.",
    "Interviewer: And who did you deal with? Mostly {FULL}, she was the account manager.",
    "Our account is under my wife's name, {FULL}, so emails go to {EMAIL}.",
    "I've moved, the new address is {ADDRESS}, please update it before the next delivery.",
    "For the callback use {PHONE}, mornings are best.",
    "The second charge hit card {CARD} on the same day.",
    "Please refund the deposit to {IBAN} as discussed with {NAME}.",
    "{FIRST} said the battery would be replaced under warranty.",
    "{FULL} was the one who delivered it, really friendly guy.",
    "I had a video call with {FIRST} and {FIRST} from the onboarding team.",
    "Contact: {FULL}, {PHONE}, {EMAIL}",
    "Reference {TERM}, customer {FULL}.",
    "The bike was signed for by {NAME} at {ADDRESS}, but I never saw it.",
    "Please don't share my number ({PHONE}) with the courier again.",
    "My son {FIRST} rides it to football practice on Saturdays.",
    "I'd like to speak to a manager, not {FIRST} again.",
    "Hi {FIRST}, following up on ticket {TERM} as promised.",
    "The payment from {IBAN} bounced and nobody told me why.",
    "I typed {CARD} at checkout and the page froze.",
    "My colleague {FULL} recommended Velora to me last spring.",
    "We live at {ADDRESS} and the van couldn't find us.",
    "Send the paperwork to {EMAIL} or post it to {ADDRESS}.",
    "The workshop manager, {NAME}, gave me a loan bike for the week.",
    "{NAME} at the helpline kept putting me on hold.",
    "Text {PHONE} when the driver is ten minutes away please.",
    "I paid with my partner's card, {CARD}, by mistake.",
]

FR_PII = [
    "Quand j'ai appelé le SAV, c'est {NAME} qui a décroché et tout réglé en dix minutes.",
    "Intervieweur : Et vous aviez affaire à qui ? Surtout à {FULL}, la responsable du compte.",
    "Le compte est au nom de ma femme, {FULL}, donc les mails partent sur {EMAIL}.",
    "J'ai déménagé, la nouvelle adresse est {ADDRESS}, merci de la mettre à jour.",
    "Pour le rappel, utilisez le {PHONE}, plutôt le matin.",
    "Le deuxième prélèvement est passé sur la carte {CARD} le même jour.",
    "Merci de rembourser la caution sur {IBAN} comme convenu avec {NAME}.",
    "{FIRST} m'a dit que la batterie serait changée sous garantie.",
    "C'est {FULL} qui l'a livré, vraiment sympa.",
    "J'ai eu un appel vidéo avec {FIRST} et {FIRST} de l'équipe d'accueil.",
    "Contact : {FULL}, {PHONE}, {EMAIL}",
    "Référence {TERM}, client {FULL}.",
    "Le colis a été signé par {NAME} au {ADDRESS}, mais je ne l'ai jamais vu.",
    "Merci de ne plus donner mon numéro ({PHONE}) au transporteur.",
    "Mon fils {FIRST} va au foot avec le samedi matin.",
    "Je voudrais parler à un responsable, pas encore à {FIRST}.",
    "Bonjour {FIRST}, je reviens vers vous pour le dossier {TERM} comme promis.",
    "Le virement depuis {IBAN} a été rejeté et personne ne m'a dit pourquoi.",
    "J'ai tapé {CARD} au paiement et la page a planté.",
    "Ma collègue {FULL} m'a conseillé Velora au printemps dernier.",
    "On habite au {ADDRESS} et la camionnette ne nous a pas trouvés.",
    "Envoyez les papiers à {EMAIL} ou par courrier au {ADDRESS}.",
    "Le responsable de l'atelier, {NAME}, m'a prêté un vélo pour la semaine.",
    "{NAME} de la hotline me mettait sans arrêt en attente.",
    "Envoyez un SMS au {PHONE} quand le livreur est à dix minutes.",
    "J'ai payé avec la carte de mon conjoint, {CARD}, par erreur.",
]

EN_NONE = [
    "Paid {PRICE} at the {CITY} store and rode it home the same day.",
    "The {PRODUCT} handles hills far better than my old {BRAND}.",
    "Ticket {ORDER} has been open since {DATE}.",
    "{BRAND} delivered it, two days late but undamaged.",
    "Customer Support Was Slow But Friendly.",
    "Had to wait until {TIME} for the technician.",
    "I'd give it 4 out of 5, the saddle is the only let-down.",
    "Compared prices on {BRAND} and {BRAND} before ordering the {PRODUCT}.",
    "The Velora Care renewal email arrived on {DATE}.",
    "Charlotte Street branch has the friendliest staff.",
    "Range is about {N} km in eco mode.",
    "Invoice {ORDER} shows {PRICE} instead of the promo price.",
    "Great Value For Money, Would Recommend To Friends.",
    "Firmware 4.1 finally fixed the Bluetooth pairing.",
    "Living in {CITY} without a car is easy with the {PRODUCT}.",
    "The Saint Patrick's Day parade blocked the delivery route.",
    "The Amazon Prime delivery beat the Velora courier.",
    "Frame size M fits me at 178 cm.",
    "Honestly? Best commute upgrade ever.",
    "Returned the {PRODUCT} on {DATE}, refund still pending.",
    "Version 2.0 of the app is a big step up.",
    "Apple Maps routes me onto busy roads.",
    "Paris to {CITY} by train with the folding bike was easy.",
    "Booked a service for {DATE} at {TIME} through the app.",
]

FR_NONE = [
    "Payé {PRICE} au magasin de {CITY} et reparti en vélo le jour même.",
    "Le {PRODUCT} monte les côtes bien mieux que mon ancien {BRAND}.",
    "Le ticket {ORDER} est ouvert depuis le {DATE}.",
    "Livré par {BRAND}, avec deux jours de retard mais intact.",
    "Service Client Lent Mais Aimable.",
    "J'ai dû attendre jusqu'à {TIME} pour le technicien.",
    "Je mets 4 sur 5, seule la selle déçoit.",
    "J'ai comparé les prix chez {BRAND} et {BRAND} avant de commander le {PRODUCT}.",
    "Le mail de renouvellement Velora Care est arrivé le {DATE}.",
    "La boutique de la rue Saint-Denis est la plus accueillante.",
    "L'autonomie tourne autour de {N} km en mode éco.",
    "La facture {ORDER} indique {PRICE} au lieu du prix promo.",
    "Excellent Rapport Qualité Prix, Je Recommande.",
    "Le firmware 4.1 a enfin corrigé l'appairage Bluetooth.",
    "Vivre à {CITY} sans voiture, c'est facile avec le {PRODUCT}.",
    "Le défilé de la Saint-Patrick a bloqué la tournée du livreur.",
    "La livraison Amazon Prime a battu le transporteur de Velora.",
    "La taille M me va bien pour 1 m 78.",
    "Franchement ? Le meilleur investissement pour mes trajets.",
    "Retourné le {PRODUCT} le {DATE}, remboursement toujours en attente.",
    "La version 2.0 de l'appli est un vrai progrès.",
    "Google Maps me fait passer par des routes fréquentées.",
    "Paris-{CITY} en train avec le vélo pliant, aucun souci.",
    "Place Bellecour, le vélo attire tous les regards.",
]
