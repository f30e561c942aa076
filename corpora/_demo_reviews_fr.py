# ruff: noqa: E501  (data file: one statement per line)
"""French reviews for the Velora demo corpus (fictional, CC BY 4.0).

One review per line: ``rating|channel|title|text[|from[..to]]``, where the optional
ISO dates bound the review date when the text names a month. Channel codes:
a = app store, w = website, g = google, t = trustpilot.
"""

from __future__ import annotations

__all__ = ["REVIEWS_FR"]

REVIEWS_FR = """
1|t|Toujours pas de vélo|Commande passée il y a trois semaines, livraison annoncée en 5 jours. Le suivi est bloqué sur « en préparation » depuis le début. Personne ne répond.
2|t|Livraison catastrophique|Le vélo est beau mais il est arrivé avec deux semaines de retard, sans un seul message pour prévenir. J'ai posé un jour de congé pour rien.
1|g||Suivi de colis qui n'a jamais bougé pendant 10 jours. Le chat renvoie vers la FAQ. Attente de 40 min au téléphone. Décevant.
3|t|Bien mais long|Vélo top, mais livré avec 12 jours de retard. Le suivi ne servait à rien. Heureusement le vélo rattrape tout.
2|w|Aucune information|Date de livraison dépassée, aucun mail, aucun SMS. C'est moi qui ai dû relancer. Le vélo est bien, mais quelle galère.
1|t|Délai non respecté|Livraison prévue le 12, reçue le 30. Le transporteur dit qu'il n'a jamais eu le colis, Velora dit que si. On se renvoie la balle.
2|g||Livreur jamais venu au créneau prévu, pas de nouvelles pendant une semaine. Le vélo a fini par arriver, carton abîmé.
3|t|Vélo génial, livraison lente|Presque un mois d'attente et aucune mise à jour du suivi. Une fois reçu, le vélo est parfait.
1|t|Arnaque ?|Payé il y a un mois, pas de vélo, pas de réponse. J'ai fini par contacter ma banque. Si quelqu'un de chez Velora lit ça, merci de me rappeler.
2|t|Trop de retard|Livraison décalée trois fois sans explication. Un simple mail pour prévenir aurait suffi.
1|t|Remboursement interminable|Vélo renvoyé dans les 30 jours, toujours pas remboursé six semaines après. Chaque mail reçoit une réponse automatique.
2|g||Retour d'un casque trop grand : étiquette reçue au bout de 5 jours, remboursement au bout d'un mois. Pour 60 €.
1|t|Où est mon argent ?|Colis retour réceptionné par leur entrepôt le 3 juin (j'ai la preuve). Remboursement le 15 juillet, après trois relances.|2026-07-15
2|w|Retours trop lents|Le site annonce un remboursement sous 5 à 7 jours. Dans mon cas : 5 semaines et quatre mails.
3|t|Produit bien, SAV lent|Très content du vélo, mais j'ai renvoyé des sacoches et j'ai attendu presque un mois pour être remboursé.
1|g||Commande annulée avant expédition, remboursement toujours pas reçu trois semaines plus tard. Inadmissible.
2|t|Remboursement : la galère|Renvoyer un article, c'est facile. Être remboursé, c'est une autre histoire. Comptez un mois minimum.
1|t|Jamais remboursé|Chargeur défectueux renvoyé en mai, on est en juillet. Rien. Je déconseille.|2026-07-01..2026-07-31
1|a|Plante à l'appairage|L'appli se ferme dès que j'essaie d'appairer la batterie. Désinstallée, réinstallée, rien à faire.
1|a|Impossible de se connecter|Le code par SMS n'arrive jamais. Compte bloqué après trois essais. Bravo.
2|a|Bugs en série|Plantage à l'appairage, déconnexions fréquentes, Bluetooth qui décroche en pleine sortie. Dommage, le vélo est top.
1|a|Inutilisable depuis la mise à jour|Depuis la dernière mise à jour, l'application plante au démarrage. Plus moyen de changer le mode d'assistance.
2|a|Connexion compliquée|Le lien de connexion par mail arrive au bout de 20 minutes et a déjà expiré. Il faut recommencer à chaque fois.
1|a|Appli à revoir|Impossible d'appairer la batterie de mon Urbano. L'appli crashe systématiquement. Samsung S23, Android à jour.
3|a|Correct quand ça marche|Pratique pour voir la batterie et les trajets. Mais l'appairage a pris une soirée entière et elle me déconnecte souvent.
1|a|Déconnexion permanente|L'application me déconnecte tous les deux jours et il faut tout refaire. Pénible quand on a besoin du verrouillage moteur.
2|a|Nouveau téléphone = galère|Changé de téléphone, impossible de me reconnecter : « compte déjà actif sur un autre appareil ». Il a fallu appeler le support.
1|g||Le vélo est bien, l'appli est une catastrophe. Elle plante dès qu'on veut connecter la batterie.
2|a|Appairage laborieux|Huit tentatives pour appairer la batterie. Ça a fini par marcher sans que je sache pourquoi.
1|t|Un robot qui tourne en rond|Le chatbot me redemande mon numéro de commande, puis m'envoie la FAQ, puis me redemande mon numéro de commande. Aucun moyen de parler à un humain.
2|t|SAV injoignable|Chat = robot, téléphone = 45 min d'attente, mail = une semaine pour une réponse. Pour un vélo à 2000 €, c'est léger.
1|g||J'ai écrit « parler à un conseiller » cinq fois. Le robot m'a proposé cinq articles d'aide. J'ai abandonné.
2|t|Service client robotisé|Avant l'achat, un vrai conseiller au chat. Après l'achat, un robot qui ne comprend rien. Drôle de stratégie.
3|t|Super vélo, SAV à revoir|Le vélo est excellent, mais dès qu'il y a un souci on se retrouve face à un chatbot qui boucle.
1|t|Injoignable|Ma batterie ne charge plus. Le robot me dit d'éteindre et de rallumer. Trois fois. Pas de conseiller disponible.
1|t|Prélevé deux fois|Deux prélèvements Velora Care le même mois, et un mois de mails pour être remboursé.
1|t|Résiliation impossible|Impossible de résilier Velora Care en ligne : le bouton dans l'appli mène à une page blanche. Il faut appeler, et on est quand même prélevé le mois suivant.
2|w|Abonnement pas clair|Je paie 9,90 € par mois et j'ai découvert des « frais d'adhésion annuels » de 59 € que personne ne m'avait annoncés.
1|g||Velora Care+ prélevé deux fois en juin, puis encore après ma résiliation. Il a fallu faire opposition.|2026-07-05
2|t|Facturation confuse|Trois noms différents pour le même abonnement : relevé bancaire, facture, appli. On ne sait jamais ce qu'on paie.
1|t|Le piège de l'abonnement|S'abonner : un clic. Se désabonner : trois appels et un recommandé. Honteux.
3|w|Bon vélo, abonnement inutile|Le vélo me plaît, mais je regrette d'avoir pris Velora Care : prélèvements pas clairs et rendez-vous introuvables.
2|t|Care+ ne tient pas ses promesses|Le vélo de prêt n'était jamais disponible et j'ai été débité deux fois. Je résilie.
2|w|Notice incompréhensible|Que des dessins, aucun texte. Trois heures pour monter le porte-bagages avant du vélo cargo.
3|g||Montage plus long que prévu, la notice est vraiment mal faite. Le vélo est très bien sinon.
2|t|Attention à la pédale gauche|Personne ne dit que la pédale gauche se visse à l'envers. J'ai failli abîmer le filetage. La notice devrait l'indiquer clairement.
2|w|Il manquait une vis|Sachet de vis sans étiquette, une vis manquante, notice illisible. J'ai dû aller en acheter une au magasin de bricolage.
3|w|Montage ok grâce à YouTube|La notice papier n'aide pas beaucoup, heureusement il y a des vidéos faites par des clients.
2|t|Un mois pour une révision|Premier entretien à l'atelier partenaire : premier créneau dans 4 semaines. En attendant mes freins couinent.
3|g||Bon atelier, mais trois semaines d'attente pour un rendez-vous en mai. Trop long quand on roule tous les jours.|2026-05-20
2|t|Pas assez d'ateliers|Un seul atelier partenaire dans ma ville, complet pendant des semaines. À quoi sert Velora Care dans ces conditions ?
3|w|Attente puis bon service|Le mécanicien a fait du bon travail, mais il a fallu attendre presque un mois pour avoir un créneau.
2|g||Code erreur moteur sur mon VTT, atelier partenaire pas dispo avant 3 semaines. En pleine saison, c'est dur.
5|g||Mécanicien au top à l'atelier partenaire de la Guillotière. Il prend le temps d'expliquer, on sent le passionné.
5|t|Atelier partenaire génial|Révision faite en une heure, conseils pour l'hiver, aucun supplément. Accueil très chaleureux.
5|g||L'équipe de l'atelier d'Échirolles connaît parfaitement les VTT électriques. Réparation rapide et bien expliquée.
4|g||Mécanicien très sympa et compétent. Le rendez-vous a été un peu long à obtenir, mais la visite était parfaite.
5|t|Merci à l'atelier !|Crevaison sur le trajet du boulot, l'atelier partenaire m'a dépanné pendant que je prenais un café. Au top.
5|t|Livraison express|Commandé le lundi, livré le mercredi. Suivi mis à jour à chaque étape. Impeccable.
5|w|Rapide et soigné|Livré en 48 h, emballage parfait, vélo presque entièrement monté. J'ai roulé le soir même.
4|g||Livraison rapide, le livreur a appelé avant de passer. Carton énorme mais vélo bien protégé.
5|t|Livreur adorable|Le livreur m'a monté le carton au 3e étage sans ascenseur. Et livré un jour en avance !
5|w|Dans les temps|Livré exactement le jour prévu, dans le créneau. Communication parfaite.
5|t|Un vrai coup de cœur|Le vélo est magnifique et tellement agréable à conduire. Je vais au travail avec le sourire.
5|g||Le VTT Crest E9 grimpe partout, le moteur est incroyable. Meilleur achat de l'année.
5|w|Vélo de qualité|Cadre solide, freins efficaces, finitions soignées. On sent la qualité.
4|t|Très satisfait|Confortable, autonomie d'environ 70 km. Je retire une étoile pour l'appli, mais le vélo est parfait.
5|t|Le vélo cargo a changé notre vie|Les deux enfants à l'arrière, les courses, les côtes : aucun problème. On a vendu la deuxième voiture.
5|g||À 70 ans, j'avais peur de l'électrique. Ce vélo m'a rendu ma liberté, je monte les côtes sans effort.
5|w|Très agréable|Assistance douce et naturelle, pas d'à-coups. Je redécouvre le plaisir de rouler.
4|g||Tres bon velo, bonne autonomie. 5 etoiles si l'appli etait meilleure.
5|t|Rien à redire|Beau, solide, confortable. Mes collègues m'en demandent tous les jours des nouvelles.
5|w|Ravi|Je fais 30 km par jour depuis trois mois sans aucun souci. Très bon vélo.
5|t|Appel de prise en main génial|Premier vélo électrique. L'appel vidéo de prise en main m'a tout expliqué avec une patience incroyable. Je me suis sentie en confiance tout de suite.
5|w|Accompagnement au top|L'appel vidéo gratuit pour la mise en route est une super idée. La conseillère a vérifié la hauteur de ma selle à l'écran.
4|g||Séance vidéo de prise en main très utile pour une débutante comme moi. Dommage qu'il faille attendre quelques jours pour l'avoir.
5|w|Guide des tailles parfait|Jamais acheté de vélo en ligne. Le guide des tailles est simple et le vélo me va parfaitement.
4|w|Taille facile à choisir|Deux questions, une recommandation claire. Le M était le bon choix.
5|t|Pile à ma taille|Je mesure 1,58 m et j'ai toujours du mal avec les tailles. Le guide de Velora a vu juste du premier coup.
3|t|Vélo excellent, service moyen|Le vélo est parfait. Mais livraison en retard, appli qui plante et chat robotisé. Trois étoiles, c'est généreux.
3|w|Mitigé|Livraison rapide et super appel de prise en main, mais double prélèvement Velora Care qu'il a fallu trois semaines pour régulariser.
4|g||Très bon vélo, mécanicien sympa. La livraison a eu un peu de retard.
3|t|Bien mais perfectible|J'adore le vélo, je déteste l'appli. L'appairage de la batterie m'a rendu fou.
2|t|Vélo 5 étoiles, entreprise 1 étoile|Retard de livraison, remboursement lent, SAV robotisé. Je fais la moyenne.
4|w|Content malgré tout|Le vélo est top, l'appel vidéo aussi. Par contre pour résilier Velora Care il faut appeler, c'est pénible.
3|g||Bon vélo, un peu cher. Les accessoires sont hors de prix.
4|t|Conseillé par une amie|Une amie m'a prêté le sien pendant un week-end, j'ai commandé le lundi. Aucun regret.
3|w|Couleur différente|Le vert est beaucoup plus gris qu'en photo. Sinon rien à dire.
5|g||Conseiller au téléphone très patient avant l'achat, il m'a orientée vers le bon modèle sans pousser au plus cher.
4|t|Bon choix|Longtemps hésité entre plusieurs marques. Deux mois plus tard, aucun regret.
3|g||Vélo lourd à porter dans l'escalier. À savoir si vous habitez en appartement.
5|w|Paiement en 4 fois pratique|Le paiement en plusieurs fois sans frais m'a permis de sauter le pas. Vélo génial.
2|t|Batterie HS après 9 mois|La batterie ne tient plus la charge. Demande de garantie en cours, mais aucune nouvelle depuis trois semaines.
4|g||Vu sur Instagram, essayé chez un ami, acheté. Très content.
"""
