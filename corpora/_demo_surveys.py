# ruff: noqa: E501  (data file: one statement per line)
"""Survey answers for the Velora demo corpus (fictional, CC BY 4.0).

``NPS_ROWS``: one respondent per line, ``score|plan|segment|country|reason|improve``.
``FR_ROWS``: one respondent per line, ``note|formule|ville|montant|apprécié|améliorer``.
An empty field stays empty; ``¶`` is a line break inside the answer.
"""

from __future__ import annotations

__all__ = ["FR_ROWS", "NPS_ROWS"]

NPS_ROWS = """
10|Velora Care|commuter|United Kingdom|Best purchase I've made in years. I cycle to work every day now and arrive without being sweaty.|Honestly nothing, maybe more colours.
9|none|family|United Kingdom|The cargo bike has replaced our second car. Kids love it.|Delivery took 3 weeks instead of 5 days and the tracking never moved. Just tell people when there's a delay.
2|Velora Care|commuter|United Kingdom|I was charged twice for Velora Care in August and it took three emails to get a reply.|Sort out your billing. And let me cancel online!
10|none|sport|Ireland|Superb bike, light and fast. Size guide was spot on.|N/A
7|none|leisure|United Kingdom|Nice bike but the app crashes every time I try to pair the battery.|Fix the app!!
4|none|commuter|United Kingdom|Ordered on the 2nd, bike arrived on the 23rd. No updates at all in between, tracking stuck on "label created".|Communication about deliveries.
9|Velora Care|commuter|France|Le vélo est génial, je fais 15 km par jour sans effort.|L'application se déconnecte tout le temps.
0|Velora Care+|leisure|United Kingdom|Tried to cancel my subscription for two months. Still being charged. Disgraceful.|Let people cancel without phoning a call centre that never picks up.
8|none|family|United Kingdom|Solid bike, my son and I ride it every weekend.|The assembly instructions are just pictures, took me ages to figure out the front rack.
10|Velora Care|commuter|United Kingdom|The onboarding video call was amazing, I had never ridden an e-bike and felt confident straight away.|Keep doing what you're doing.
3|none|sport|United Kingdom|Returned a wheelset in May, refund took 6 weeks. I had to chase four times.|Faster refunds.
9|none|leisure|France|Livré en deux jours, et le vélo était quasiment monté. Impeccable.|
6|Velora Care|commuter|United Kingdom|Bike is great but getting a service appointment at the repair partner takes weeks.|More repair partners or longer opening hours.
10|none|commuter|Belgium|Très bon vélo, livraison rapide, rien à dire.|Rien.
5|Velora Care|family|United Kingdom|The chat bot is useless. It just sends you links to the FAQ over and over and you can't get a human.|A proper live chat with real people.
8|none|sport|United Kingdom|Great value for the spec.|More stock of the medium size, I waited a month.
1|Velora Care+|commuter|United Kingdom|Bike was delivered 2 weeks late, app won't pair with the battery, and I've been charged twice for Velora Care+. Three strikes.|Everything about the after-sales.
9|none|leisure|United Kingdom|The mechanic at the partner shop in Leeds was fantastic, explained everything and didn't charge for a small adjustment.|App login is clunky.
10|Velora Care|family|United Kingdom|Love love love our cargo bike|
7|none|commuter|France|Bon vélo mais la livraison a pris deux semaines de plus que prévu, sans aucune nouvelle.|Le suivi de livraison.
4|Velora Care|commuter|United Kingdom|Every time I open the app it logs me out, and when I log back in the battery disconnects. Frustrating when you're late for work.|Fix the app. Please.
10|none|sport|United Kingdom|Ride quality is outstanding for the price.|N/A
2|none|family|United Kingdom|We returned the bike because it didn't fit in our shed (our fault). Refund took over a month and nobody answered emails.|Refund process. It shouldn't take a month to get £3,000 back.
8|Velora Care|leisure|United Kingdom|Easy to buy, size guide made it simple. Bike is comfortable.|Velora Care billing is confusing - what is the annual fee for?
9|none|commuter|Ireland|It's changed how I commute.|Nothing major
6|none|commuter|United Kingdom|The bike is fine. Customer service is not.|Being able to speak to a real person without waiting 40 minutes on hold.
10|Velora Care|leisure|United Kingdom|I'm 71 and I'm riding again thanks to this bike. The lady on the video call was so patient with me.|The app is too complicated for older people.
3|Velora Care|commuter|France|Prélevé deux fois pour Velora Care et impossible de résilier depuis l'appli. J'ai dû faire opposition auprès de ma banque.|La facturation de l'abonnement, et un vrai service client.
9|none|family|United Kingdom|Our whole family uses it, even my wife who hated cycling.|
5|none|sport|United Kingdom|Great bike, poor support. Waited 3 weeks for a repair slot before a race.|More repair partners in the north.
10|none|commuter|United Kingdom|Fast delivery, brilliant bike.|-
7|Velora Care|commuter|United Kingdom|Good bike, but the app pairing process is a joke. Took me a week to get the battery recognised.|App stability
0|none|leisure|United Kingdom|Still waiting for my bike after 4 weeks. No tracking, no emails, no answers. Please contact me at jane.doe@example.com, I'm still waiting for a refund for the accessories I cancelled.|Answer your customers.
8|none|sport|Belgium|Le vélo est très bien fini, on sent la qualité.|Les délais de remboursement quand on renvoie un article.
9|Velora Care|commuter|United Kingdom|Reliable, comfortable, and the battery lasts all week.|Easier way to book the annual service.
4|Velora Care+|family|United Kingdom|The loan bike that comes with Care+ was never available when our cargo bike was in for repair.|Either provide the loan bike or stop charging for it.
10|none|leisure|Ireland|Gorgeous bike and the delivery driver was super helpful.|Nothing
6|none|commuter|United Kingdom|Overall okay. The bike is good.¶The app is not, it crashed during pairing at least ten times.|Test your app on Android phones.
9|none|commuter|United Kingdom|I love the ride. Smooth motor and the brakes are excellent.|Cheaper accessories
3|none|family|United Kingdom|Assembly instructions were unclear and a bolt was missing. Then the chat bot just kept looping.|Clear instructions with words, not just pictures. And humans on chat.
10|Velora Care|commuter|France|Le mécanicien de l'atelier partenaire est top, il m'a tout expliqué.|Rien, continuez comme ça.
7|none|leisure|United Kingdom|Good bike. Delivery was late.|
8|Velora Care|family|United Kingdom|The kids love the cargo bike. We use it every day.|The Velora Care invoice says "premium service" and my bank statement says VLR*CARE. Confusing.
2|Velora Care+|sport|United Kingdom|Charged twice in June, then charged again after I cancelled in July. Took six weeks to get it back.|Billing. Billing. Billing.
9|none|commuter|United Kingdom|Size guide was easy and the bike fits perfectly. Arrived next day.|N/A
5|none|commuter|Ireland|Refund for a returned helmet took a month. The website says 5-7 days.|Refund times
10|none|sport|United Kingdom|Did a 200 km sportive on it with no issues. Superb.|Lighter wheels option
1|Velora Care|commuter|United Kingdom|Appalling customer service. The chat bot can't understand anything and there is no way to reach a person except waiting on hold for ages.|Hire people for support.
8|none|leisure|France|Très content du vélo, un vrai plaisir pour les balades.|La notice de montage est difficile à comprendre.
9|Velora Care|family|United Kingdom|We were worried about buying online without a test ride but it's perfect.|Test ride locations outside London
6|none|commuter|United Kingdom|Good bike but the app can't stay logged in and I need it to unlock the motor.|Stay logged in!
10|none|commuter|United Kingdom|Honestly the onboarding call was the best customer experience I've had from any company.|
4|none|family|Belgium|Livraison annoncée en 5 jours, reçue au bout de 3 semaines. Aucun mail, aucun suivi.|Prévenir les clients en cas de retard.
9|none|sport|Ireland|Handles beautifully on gravel.|More frame sizes
7|Velora Care|commuter|United Kingdom|It's a good product. Subscription is overpriced for what you get.|Make Velora Care clearer - I don't know what is covered.
3|none|leisure|United Kingdom|Waited 5 weeks for my refund after returning a faulty battery charger.|Refunds should not take 5 weeks.
10|Velora Care|commuter|France|Super expérience du début à la fin, livraison en 3 jours et vélo parfait.|
8|none|commuter|United Kingdom|Nice bike, good price, arrived on time.|The app.
5|Velora Care|commuter|United Kingdom|The repair partner near me has a 4 week waiting list. What's the point of the maintenance plan if I can't get an appointment?|More mechanics
9|none|family|United Kingdom|My kids beg to go to school on it.|Rain cover should be included
0|Velora Care+|commuter|France|Impossible de joindre quelqu'un. Le chatbot tourne en rond, le téléphone sonne dans le vide.|Tout le service client.
10|none|sport|United Kingdom|Best bike I've owned|N/A
7|none|commuter|United Kingdom|I would give 10 for the bike, 4 for the delivery experience.|Honest delivery estimates.
2|Velora Care|commuter|United Kingdom|App crashes when connecting to the battery. Support told me to reinstall it. I did, five times.|A working app
9|none|leisure|United Kingdom|The staff in the partner shop were lovely.|
6|none|family|United Kingdom|The bike is solid but the instructions were terrible.¶Took my husband and me a whole Saturday to assemble it.|Video instructions would help a lot.
10|none|commuter|Ireland|Quick delivery, easy setup, great bike.|More accessories in stock.
8|Velora Care|leisure|United Kingdom|Comfortable and easy to ride for someone my age.|Bigger buttons in the app
3|none|commuter|Belgium|Le suivi indiquait « en cours de livraison » depuis 4 jours et personne ne savait où était le vélo.|Changer de transporteur.
9|Velora Care|commuter|Belgium|Le vélo est parfait pour mes trajets, et l'appel vidéo de prise en main était très utile.|Rien de spécial.
10|none|family|United Kingdom|Changed our life, honestly. We sold the car.|
4|Velora Care|commuter|France|Prélevé deux fois pour mon abonnement, j'ai dû relancer pendant des semaines.|La facturation
7|none|sport|United Kingdom|Good frame, average wheels.|Spec options at checkout
9|none|commuter|United Kingdom|Friendly phone support when I had a question about the charger.|
1|none|leisure|United Kingdom|Bike arrived damaged, return took ages and I'm still waiting for the refund after 7 weeks.|Refunds. Seriously.
8|none|commuter|France|Qualité de fabrication, moteur silencieux.|L'appli plante quand on appaire la batterie.
10|Velora Care|commuter|United Kingdom|Five stars. Delivery next day and Velora Care service was easy to book.|N/A
6|none|leisure|United Kingdom|Decent bike, the app is buggy.|
9|none|sport|United Kingdom|Great geometry, the size guide is the best I've seen online.|
5|Velora Care+|family|United Kingdom|The cargo bike is great, but Care+ is a con. Hard to cancel and the benefits never materialise.|Transparency on subscriptions
10|none|commuter|United Kingdom|A friend recommended it and I'm now recommending it to everyone.|
3|none|commuter|Ireland|Was on hold for 50 minutes, then the call dropped. The chat bot just says "I didn't understand that".|Real people on chat.
8|none|leisure|United Kingdom|Nice bike, assembly was a bit of a puzzle though.|Better instructions
9|Velora Care|commuter|United Kingdom|Very happy. The partner mechanic fixed my brakes in 20 minutes.|
7|none|family|France|On adore le vélo cargo, mais la livraison a été longue et sans nouvelles.|Un suivi de colis qui fonctionne.
2|none|commuter|United Kingdom|Bike is good, but I've spent more time fighting the app than riding. Login codes never arrive.|Login
10|none|sport|United Kingdom|Stunning bike.|
6|Velora Care|commuter|United Kingdom|Bike great; service appointment wait was 3 weeks.|Partner capacity
9|none|leisure|Belgium|Très agréable à conduire, je le recommande à tous mes amis.|
4|none|commuter|United Kingdom|Asked for a refund on a cancelled order 4 weeks ago. Still nothing.|Refund speed and updates
10|Velora Care|family|United Kingdom|Great bike, great onboarding call, great mechanic. Happy customer.|
8|none|commuter|United Kingdom|Does exactly what it says. Comfy.|Delivery updates by text
5|none|sport|France|Vélo top mais le remboursement d'un article renvoyé a pris plus d'un mois.|Les remboursements.
9|none|commuter|United Kingdom|I love cycling to work now.|
7|Velora Care|leisure|United Kingdom|Good overall, but I don't understand my Velora Care bill.|Explain the charges
3|none|family|United Kingdom|The delivery was 16 days late, no tracking, nobody knew anything. The bike itself is great which makes it more frustrating.|Communication!!!
8|none|commuter|Belgium|Bon vélo, bien pensé pour la ville. Le guide des tailles m'a aidé à choisir.|L'appli pourrait être plus rapide pour se connecter au vélo.
|none|leisure|United Kingdom|N/A|N/A
9|Velora Care|family|Ireland|Great bike and the repair partner in Galway is very friendly.|The wait for a service slot in spring was a bit long.
6|none|sport|France|Vélo très performant. Par contre le chat, c'est un robot qui ne comprend rien.|Pouvoir parler à un humain.
"""

FR_ROWS = """
10|Velora Care|Lyon|2 149,00|Le vélo est une merveille, je fais tous mes trajets avec. Et le mécanicien de l'atelier partenaire est très pédagogue.|Rien, franchement.
3|Velora Care|Paris|1 899,00|Franchement pas grand-chose à part le vélo lui-même.|J'ai été prélevé deux fois pour l'abonnement en août, et pour résilier c'est la croix et la bannière.
8|Aucune|Nantes|1 749,90|Le guide des tailles est très simple, le vélo est parfaitement à ma taille.|La notice de montage : que des dessins, on ne comprend rien pour le porte-bagages.
9|Aucune|Bordeaux|2 299,00|Livraison en 3 jours, vélo presque entièrement monté. Top !|Peut-être plus de coloris.
2|Velora Care+|Marseille|4 399,00|Rien.|Livraison annoncée en 5 jours, reçue au bout de 3 semaines, sans aucune nouvelle. Le suivi restait bloqué sur « en préparation ». Je suis très déçu.
7|Aucune|Toulouse|1 899,00|Le confort, l'assistance électrique très douce.|L'application plante au moment d'appairer la batterie. J'ai dû recommencer dix fois.
10|Velora Care|Annecy|1 649,00|L'appel vidéo de prise en main, d'une patience incroyable. À 70 ans, j'ai retrouvé le plaisir de rouler.|Une application plus simple pour les seniors.
4|Aucune|Lille|2 149,00|Le vélo est solide.|Le remboursement de mon retour a pris six semaines. J'ai relancé quatre fois par mail.
9|Velora Care|Rennes|1 899,00|Très bon rapport qualité/prix, et l'équipe au téléphone est sympa.|
5|Velora Care|Strasbourg|2 149,00|Le vélo, vraiment.|Le chatbot tourne en boucle, impossible de parler à un humain. On finit par abandonner.
8|Aucune|Montpellier|1 749,90|Un vrai coup de cœur pour ce vélo, il est magnifique.|La livraison a pris une semaine de plus que prévu.
1|Velora Care+|Grenoble|5 199,00|Le moteur du VTT, c'est tout.|Abonnement impossible à résilier, double prélèvement, vélo de prêt jamais disponible. Je suis écœuré.
10|Aucune|Nice|1 899,00|Tout ! Commande facile, livraison rapide, vélo parfait.|
6|Velora Care|Lyon|2 149,00|Le vélo est très agréable.|Trois semaines d'attente pour un rendez-vous à l'atelier partenaire, c'est trop long.
9|Aucune|Paris|1 649,00|Le guide des tailles et les conseils au téléphone avant l'achat.|Rien à signaler.
3|Aucune|Dijon|1 899,00|Le vélo.|Je n'arrive pas à me connecter à l'application : le code par SMS n'arrive jamais. Joignable au 06 39 98 12 34 si quelqu'un veut bien m'aider.
7|Velora Care|Angers|2 149,00|La qualité du cadre et des freins.|La facturation de Velora Care n'est pas claire : pourquoi 59 € de frais en plus ?
10|Velora Care|Tours|1 749,90|Le mécanicien de l'atelier, un passionné. Il m'a appris à régler mes freins.|
4|Aucune|Reims|4 399,00|Le vélo cargo est pratique pour les enfants.|Le montage a été un cauchemar, la notice est incompréhensible, il manquait une vis.
8|Aucune|Clermont-Ferrand|1 899,00|Le vélo monte les côtes sans effort.|L'appli me déconnecte toutes les semaines.
9|Velora Care|Nancy|2 149,00|Livraison rapide et livreur très aimable, il a monté le carton à l'étage.|
2|Velora Care|Metz|1 899,00|Rien de particulier.|Le service client ne répond pas, le chat est un robot qui ne comprend rien, et j'attends mon remboursement depuis un mois.
10|Aucune|Caen|1 649,00|Très très satisfaite, je recommande à toutes mes amies.|Rien.
6|Aucune|Brest|1 899,00|Le vélo roule bien.|Il faudrait prévenir quand la livraison est en retard, j'ai attendu chez moi pour rien deux fois.
9|Velora Care|Avignon|2 299,00|La prise en main par appel vidéo, vraiment top.|Peut-être des horaires plus larges pour le téléphone.
5|Velora Care+|Lyon|4 399,00|Le vélo cargo est super.|Velora Care+ coûte cher pour ce qu'il apporte, et on ne comprend pas ce qui est prélevé.
8|Aucune|Poitiers|1 749,90|Simple, efficace, bien fini.|La notice de montage.
0|Aucune|Toulon|1 899,00||Vélo livré avec trois semaines de retard et le garde-boue cassé. Retour demandé il y a cinq semaines, toujours pas remboursé.
10|Velora Care|Bordeaux|2 149,00|Je vais au travail en 20 minutes au lieu de 45 en bus. Que du bonheur.|
7|Aucune|Limoges|1 649,00|Le vélo est léger et maniable.|L'application se ferme toute seule quand je veux connecter la batterie.
9|Aucune|Le Mans|1 899,00|Le choix de la taille était simple et juste.|
3|Velora Care|Perpignan|1 899,00|Le vélo.|J'ai voulu résilier Velora Care : page blanche dans l'appli, renvoi vers le téléphone, 40 minutes d'attente. Inadmissible.
8|Velora Care|Paris|2 149,00|Un vélo élégant, on me demande souvent la marque.|Le délai pour un rendez-vous à l'atelier, presque un mois en juin.
10|Aucune|Besançon|1 749,90|Livraison en 48 h, montage en 15 minutes.|
4|Aucune|Orléans|2 299,00|La qualité du vélo.|La livraison : aucune information pendant dix jours, le transporteur ne savait rien.
9|Velora Care|Aix-en-Provence|1 899,00|L'assistance est parfaite pour les côtes de la région.|L'appli pourrait être plus stable.
6|Aucune|Rouen|1 649,00|Le design.|Le montage : la notice n'explique pas dans quel sens mettre le garde-boue avant.
10|Velora Care|Lyon|2 149,00|Le mécanicien et l'appel de prise en main, les deux au top.|
2|Velora Care+|Lille|4 399,00|Le vélo est bien, c'est tout.|Débité deux fois en juin, puis encore après ma résiliation. Il m'a fallu six semaines pour être remboursé.
8|Aucune|Nîmes|1 899,00|Le rapport qualité/prix.|Le remboursement d'un accessoire renvoyé a pris trois semaines.
9|Aucune|Pau|1 749,90|Un vrai plaisir au quotidien.|Rien de spécial.
5|Aucune|Saint-Étienne|1 899,00|Le vélo en lui-même.|Le chat : on tourne en rond avec le robot, jamais de conseiller.
10|Velora Care|Chambéry|2 149,00|J'ai retrouvé le goût du vélo, même dans les montées.|
7|Aucune|La Rochelle|1 649,00|Livraison rapide.|La notice de montage est très mal faite.
3|Aucune|Mulhouse|1 899,00|Rien.|Application inutilisable : elle plante à chaque tentative d'appairage de la batterie.
9|Velora Care|Versailles|2 299,00|Très bon accueil à l'atelier partenaire.|
8|Aucune|Amiens|1 749,90|Bonne tenue de route, freins efficaces.|Un suivi de livraison plus précis.
4|Velora Care|Toulouse|2 149,00|Le vélo est beau.|Quatre semaines pour un rendez-vous de révision. Le forfait Velora Care ne sert à rien si on ne peut pas avoir de créneau.
10|Aucune|Nantes|1 899,00|Tout est parfait, du site à la livraison.|
7|Aucune|Marseille|1 649,00|Le vélo est beau et la livraison était dans les temps.|Le chatbot : j'ai voulu poser une question sur la garantie, impossible d'avoir une vraie réponse.
"""
