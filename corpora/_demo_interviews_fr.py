# ruff: noqa: E501  (data file: one statement per line)
"""French interview scripts for the Velora demo corpus (fictional, CC BY 4.0).

Each script is one turn per line: ``I:`` is the interviewer, ``P:`` the participant.
A line starting with ``+`` continues the previous turn as a new paragraph.
"""

from __future__ import annotations

__all__ = ["AMELIE", "CLAIRE", "JULIEN"]

CLAIRE = """
I: Bonjour Claire, merci d'avoir accepté cet entretien. Est-ce que vous m'entendez bien ?
P: Oui, oui, très bien. Bonjour !
I: Parfait. Alors pour commencer, est-ce que vous pouvez vous présenter en quelques mots ?
P: Alors, euh, je m'appelle Claire, j'ai 34 ans, je suis pharmacienne. J'habite à Lyon, dans le 7e, près de la place Jean Macé, et je travaille à Villeurbanne.
I: D'accord. Et comment vous vous déplacez pour aller au travail ?
P: Maintenant, en vélo électrique, tous les jours. Avant je prenais le tram, le T1, mais bon, c'était bondé, les retards... et puis en voiture c'est même pas la peine, le périph' le matin c'est l'enfer.
I: Et votre vélo, c'est un Velora ?
P: Oui, c'est un Urbano E7. Je l'ai depuis, euh... mars ? Oui, début mars.
I: Comment est-ce que vous avez entendu parler de Velora la première fois ?
P: Alors c'est une collègue, en fait. Elle arrivait tous les matins avec son Velora, toute fraîche, pas du tout essoufflée, et moi j'arrivais du tram complètement, enfin, écrasée. [rires] Donc je lui ai demandé, elle m'a montré l'appli, tout ça. Et après j'ai commencé à voir les pubs sur Instagram, forcément.
I: Forcément. [rires] Et ensuite, comment vous avez choisi ? Vous avez comparé avec d'autres marques ?
P: Oui, un peu. J'ai regardé dans les grandes enseignes de sport et chez un vélociste du quartier. Franchement les prix étaient à peu près pareils. Ce qui m'a décidée chez Velora, c'est, euh, la garantie batterie de cinq ans et puis le fait qu'il y ait des ateliers partenaires à Lyon pour l'entretien.
I: D'accord. Et la commande en elle-même, ça s'est passé comment ?
P: Ça, très bien. Le guide des tailles est super simple, on met sa taille, la longueur d'entrejambe, et hop, il vous dit M. J'ai hésité entre M et L et il y a une petite bulle qui explique la différence, c'était clair. J'ai payé en trois fois, aucun souci.
I: Et la livraison ?
P: Ah. Alors la livraison... [soupir] C'est là que ça s'est gâté un peu.
I: Racontez-moi.
P: Sur le site c'était marqué livraison sous cinq jours ouvrés. Bon. Au bout de cinq jours, rien. Le suivi indiquait « en préparation », et ça n'a pas bougé pendant, quoi, une semaine ? Aucun mail, aucun SMS, rien. Je ne savais pas si le vélo était parti, s'il était perdu, s'il existait même. [rires]
I: Et qu'est-ce que vous avez fait ?
P: Ben j'ai essayé le chat sur le site. Et là c'est un robot, hein. Je tape « où est ma commande », il me répond avec un lien vers la FAQ livraison. Je retape « je veux parler à quelqu'un », il me redemande mon numéro de commande, et puis re-FAQ. Ça tournait en boucle. J'ai fini par fermer la fenêtre, j'étais, euh, franchement agacée.
I: Vous avez réussi à joindre quelqu'un au final ?
P: Par téléphone, oui. Quarante minutes d'attente, avec la petite musique. [rires] Mais la personne était gentille, elle m'a dit qu'il y avait eu un problème chez le transporteur et que le vélo arrivait le surlendemain. Et effectivement il est arrivé deux jours après. Donc douze jours au lieu de cinq, au total.
I: D'accord. Et quand le vélo est arrivé ?
P: Alors, le carton était un peu abîmé mais le vélo impeccable. Le montage, c'était juste le guidon et les pédales. La notice est, comment dire, un peu minimaliste. Des dessins, pas de texte. Pour les pédales j'ai mis du temps à comprendre qu'il y en a une qui se visse à l'envers. Mais bon, j'y suis arrivée.
I: Et ensuite, les premiers jours d'utilisation ?
P: Le premier trajet, waouh. Vraiment. J'ai fait Jean Macé – Villeurbanne en vingt-cinq minutes sans transpirer. Le moteur est très doux, il se déclenche pas brusquement. Franchement le vélo en lui-même, c'est un coup de cœur.
I: Vous utilisez l'application Velora ?
P: J'essaie. [rires] C'est un point un peu sensible.
I: C'est-à-dire ?
P: Pour appairer la batterie avec l'appli, il faut activer le Bluetooth, scanner le QR code sous la selle, et là... l'appli plantait. À chaque fois. Elle se fermait toute seule au moment de l'appairage. J'ai un Android, un Pixel, pas un vieux téléphone.
I: Combien de fois vous avez essayé ?
P: Oh, je sais pas, une dizaine de fois sur deux soirs ? J'ai désinstallé, réinstallé, redémarré le téléphone. Au bout du troisième soir ça a marché, sans que je sache pourquoi. Et depuis la mise à jour de juillet il faut de nouveau se reconnecter de temps en temps, et là parfois ça recrashe.
I: Et qu'est-ce que vous auriez besoin de faire dans l'application, au quotidien ?
P: Voir le niveau de batterie, surtout. Et le mode antivol, le verrouillage du moteur. C'est pratique quand ça marche. Mais quand je suis pressée le matin et que l'appli met trente secondes à se connecter au vélo, euh... j'ai juste envie de partir.
I: Je comprends. Vous avez souscrit à Velora Care ?
P: Oui, la formule de base, à 9,90 € par mois. On me l'a proposée au moment de la commande, avec la révision annuelle et l'assistance.
I: Et vous en êtes satisfaite ?
P: Alors... sur le principe oui. Mais en août j'ai été prélevée deux fois. Deux fois 9,90 € le même jour. Et sur le relevé c'est écrit un truc bizarre, genre « VLR CARE SUB », j'ai mis un moment à comprendre ce que c'était.
I: Comment ça s'est réglé ?
P: J'ai envoyé un mail au support. Pas de réponse pendant une semaine. J'en ai renvoyé un deuxième, puis un troisième, et là on m'a dit que c'était une erreur technique et que j'allais être remboursée. J'ai été remboursée, mais un mois après. Pour dix euros, c'est pas dramatique, mais c'est le principe, quoi. On se sent pas très considérée.
I: Et l'entretien, la révision, vous l'avez déjà faite ?
P: Oui, et ça par contre, alors là, rien à dire. Je suis allée à l'atelier partenaire à la Guillotière. Le mécanicien, Karim, il a pris le temps de tout m'expliquer, il m'a montré comment régler le frein arrière moi-même, comment vérifier la pression des pneus. Il était passionné, ça se voyait.
I: Le rendez-vous a été facile à obtenir ?
P: Euh, il a fallu attendre presque trois semaines. C'était en mai, tout le monde ressortait son vélo, j'imagine. Pendant ce temps-là mon frein couinait, ça m'énervait. [rires]
I: Et depuis, est-ce que vous avez recommandé Velora autour de vous ?
P: Oui ! Deux collègues ont acheté le même modèle. Mais je les ai prévenues : le vélo est top, l'appli c'est une autre histoire, et pour la livraison faut être patient.
+ Enfin je leur ai dit de prendre des captures d'écran de tout, au cas où. [rires]
I: Si vous deviez noter Velora sur 10 aujourd'hui, vous diriez combien ?
P: Hmm... 7. Le vélo c'est 10, le service c'est plutôt 5.
I: Qu'est-ce qui vous ferait passer à 9 ou 10 ?
P: Une appli qui ne plante pas, déjà. Et un vrai humain au chat, au moins quand le robot ne comprend pas. Et un suivi de livraison qui dit la vérité.
I: Est-ce que vous comptez garder Velora Care l'année prochaine ?
P: Je sais pas encore. Si c'est juste pour la révision, je peux la payer à part. Il faudrait que ce soit plus clair ce qu'on a en plus.
I: D'accord. Il fait beau à Lyon en ce moment ?
P: Oh, il fait super beau, oui, c'est l'été indien. Parfait pour rouler.
I: [rires] Tant mieux. Est-ce qu'il y a autre chose que vous aimeriez ajouter ?
P: Euh... non, je crois que j'ai tout dit. Ah si, peut-être : l'emballage. C'est énorme, ce carton, j'ai eu du mal à m'en débarrasser. Une reprise du carton à la livraison, ce serait bien.
I: C'est noté. Merci beaucoup Claire, c'était très utile.
P: Avec plaisir, bonne journée !
"""

JULIEN = """
I: Bonjour Julien, on va commencer. Vous êtes à l'aise ?
P: Oui, c'est bon, allez-y.
I: Est-ce que vous pouvez vous présenter rapidement ?
P: Julien, 41 ans, je suis technicien chez un fabricant de semi-conducteurs à Grenoble. Et, euh, je fais beaucoup de VTT. Enfin, de VTT électrique maintenant.
I: Depuis combien de temps vous roulez en VTT électrique ?
P: Deux ans à peu près. Avant j'étais en musculaire. Et puis avec le boulot, les enfants, j'avais plus le temps de faire 1500 mètres de dénivelé le samedi matin. Avec l'électrique je monte à Chamrousse et je suis rentré pour midi.
I: Et vous roulez sur quel modèle ?
P: Le Crest E9. Le VTT tout-suspendu de Velora.
I: Comment est-ce que vous l'avez découvert ?
P: Sur YouTube, une vidéo de test d'une chaîne VTT que je suis. Le testeur le comparait avec des modèles qui coûtent mille euros de plus, et il disait que le moteur était au niveau. Ça m'a intrigué.
I: Et qu'est-ce qui vous a fait passer à l'achat ?
P: J'ai pu l'essayer chez un atelier partenaire à Échirolles. Ça, c'était vraiment un plus. Parce qu'acheter un VTT à 5000 balles sans l'avoir essayé, très peu pour moi.
I: Et l'essai s'est bien passé ?
P: Très bien. Le gars de l'atelier m'a réglé les suspensions à mon poids, on est partis une heure sur les coteaux. J'ai commandé le soir même sur le site.
I: La livraison s'est passée comment ?
P: Nickel. Livré à l'atelier en quatre jours, ils l'ont monté et je suis passé le chercher. Rien à redire là-dessus.
I: Et l'application ?
P: Bof. L'appli sert à voir la batterie, à mettre à jour le firmware du moteur et à changer les modes d'assistance. Au début ça allait. Mais après la mise à jour du printemps, impossible de réappairer la batterie. L'appli se fermait toute seule dès que j'appuyais sur « connecter ».
I: Qu'est-ce que vous avez fait ?
P: J'ai contacté le support. Par le chat, d'abord. Grosse erreur. [rires]
I: Pourquoi ?
P: Parce que c'est un bot. Et le bot, il me demande : « Avez-vous essayé d'éteindre et de rallumer votre batterie ? » Oui. « Avez-vous essayé de redémarrer l'application ? » Oui. Et il recommence. Trois fois la même question. Il n'y a pas de bouton pour parler à un conseiller, ou alors il est bien caché.
I: Vous avez fini par parler à quelqu'un ?
P: Par téléphone, au bout de, euh, vingt-cinq minutes d'attente. Le conseiller m'a dit que c'était un bug connu sur certains téléphones et qu'un correctif arrivait. Il est arrivé trois semaines plus tard. Pendant trois semaines, j'avais pas accès aux réglages du moteur.
I: Vous avez un abonnement Velora Care, c'est ça ?
P: J'avais. Velora Care+, à 19,90 par mois. Avec le vélo de prêt pendant les réparations et l'assurance vol. Sur le papier c'est bien.
I: Vous dites « j'avais ».
P: Oui, je l'ai résilié. Enfin, j'ai essayé de le résilier. C'est toute une histoire.
I: Je vous écoute.
P: Alors déjà, en juin, j'ai été prélevé deux fois. 19,90 et 19,90, à deux jours d'écart. Je me suis dit, bon, erreur. Ensuite je décide de résilier, parce que le vélo de prêt n'était jamais disponible. Dans l'appli il y a un bouton « gérer mon abonnement ». Je clique, page blanche. Sur le site, pareil, on vous renvoie vers l'appli. Au final, il fallait appeler.
P: Donc j'appelle, on me dit que c'est fait. Et en juillet : re-prélèvement. Là j'ai vraiment eu l'impression qu'on me prenait pour une vache à lait.
I: Et comment ça s'est terminé ?
P: J'ai fait opposition au prélèvement auprès de ma banque. Et puis j'ai écrit au service client en recommandé électronique, un truc un peu lourd. Ils ont remboursé les deux prélèvements en trop, mais il a fallu six semaines.
I: Et au-delà du remboursement, qu'est-ce que vous en avez retenu ?
P: Que la facturation est incompréhensible. Sur le relevé bancaire, ça s'appelle « VLR*CARE », sur la facture c'est « Service premium », dans l'appli c'est « Velora Care+ ». Trois noms pour le même truc. Et on ne sait jamais à quelle date ça tombe.
I: D'accord. Parlons de l'entretien. Vous allez toujours à l'atelier d'Échirolles ?
P: Oui. Et ça, honnêtement, c'est ce qui me retient chez Velora. Le mécano là-bas est top. Il connaît le Crest par cœur, il m'a changé les plaquettes en vingt minutes, il m'a montré comment purger les freins.
I: Et le délai pour avoir un rendez-vous ?
P: Ah, ça dépend de la saison. En avril, il m'a fallu attendre trois semaines. Trois semaines sans VTT au printemps, c'est long. [rires] En septembre, c'était deux jours. Mais bon, le vélo de prêt du Care+ était jamais dispo justement quand on en avait besoin.
I: Si un ami vous demandait votre avis sur Velora, qu'est-ce que vous lui diriez ?
P: Je lui dirais : le vélo, fonce, c'est un super VTT, le moteur est génial dans les montées. Le service client et l'abonnement, fuis. [rires] Non, je suis un peu dur. Mais prends pas le Care+.
I: Vous l'avez déjà recommandé ?
P: Oui, à deux potes du club. L'un a acheté le Crest, l'autre a pris une autre marque à cause des avis sur l'appli.
I: Est-ce que vous rachèteriez un Velora ?
P: Pour le vélo, oui, sans hésiter. Mais je vérifierais d'abord que l'appli a été corrigée. Et je ne prendrais pas d'abonnement.
I: Qu'est-ce que Velora pourrait faire pour vous reconquérir, sur le service ?
P: Un vrai conseiller joignable. Un numéro, un chat avec un humain, peu importe. Et une page où on résilie en deux clics. C'est la loi, d'ailleurs, non ? La résiliation en trois clics.
I: Oui, il me semble. Vous avez roulé ce week-end ?
P: Oui, Belledonne, samedi. Il faisait un temps magnifique. On a vu des chamois.
I: Superbe. Dernière question : un mot pour résumer votre expérience ?
P: « Frustrante » ? Non... « contrastée ». Voilà. Un vélo génial, un service à la traîne.
I: Merci Julien, c'était très clair.
P: Merci à vous. Bonne fin de journée.
"""

AMELIE = """
I: Bonjour madame, je suis Sarah, de l'équipe Velora. Merci de prendre ce temps avec moi. Vous m'entendez bien ?
P: Bonjour ! Oui, je vous entends. Attendez, je monte un peu le son... Voilà. C'est ma petite-fille qui m'a installé tout ça.
I: [rires] Très bien. Est-ce que vous pouvez vous présenter ?
P: Je m'appelle Amélie, j'ai 68 ans, je suis professeure des écoles à la retraite. J'habite à Annecy depuis trente ans, au-dessus du lac, à Sévrier.
I: C'est votre premier vélo électrique ?
P: Oh oui ! Le premier. J'avais un vieux vélo, mais avec la côte pour rentrer chez moi, je ne le sortais plus. Mes genoux, vous savez...
I: Comment avez-vous entendu parler de Velora ?
P: C'est ma fille. Elle a vu une publicité, je crois, et elle m'a envoyé le lien du site. Moi j'étais méfiante, acheter un vélo sur internet, sans le voir... Je n'étais pas rassurée.
I: Qu'est-ce qui vous a rassurée ?
P: J'ai appelé le numéro qui était sur le site. Et je suis tombée sur un monsieur très aimable, qui m'a expliqué les différences entre les modèles, sans me pousser à acheter le plus cher. Il m'a conseillé le City Step E3, avec le cadre bas, pour enjamber facilement.
I: Et pour la taille ?
P: Ah, le guide des tailles, c'était facile. Il suffit de donner sa taille, un mètre soixante-deux, et c'est tout. Même moi j'y suis arrivée ! [rires]
I: Et la commande sur le site ?
P: Ma fille m'a aidée, on l'a faite ensemble un dimanche. On a payé en quatre fois, sans frais. C'était simple, elle m'a dit.
I: Et la livraison ?
P: Alors là... C'était annoncé pour le mardi. Le mardi, personne. Le mercredi, personne. Le suivi sur internet disait toujours « en cours d'acheminement », sans date, rien. Personne ne m'a prévenue.
I: Qu'avez-vous fait ?
P: J'ai appelé trois fois. La première fois on m'a dit d'attendre, la deuxième fois que c'était le transporteur, la troisième fois que ça arrivait « dans les prochains jours ». Finalement il est arrivé dix jours après la date prévue. Je n'osais plus sortir de chez moi, de peur de rater le livreur.
I: Je comprends, c'est pénible.
P: Et le livreur l'a laissé dans le hall de l'immeuble, le carton debout. Heureusement que mon voisin était là pour m'aider à le monter.
I: Et le montage ?
P: Ça, c'est mon voisin qui s'en est occupé. La notice, je n'y comprenais rien. Des petits dessins, des flèches... Pour les pédales, il paraît qu'il y en a une qui se visse dans l'autre sens. Ce n'était pas écrit clairement. Mon voisin a cherché une vidéo sur internet.
I: Vous avez eu une séance de prise en main, je crois ?
P: Oui ! Alors ça, c'était formidable. Un appel vidéo avec une jeune femme de chez Velora, Inès. Elle a été d'une patience... Elle m'a montré les boutons, comment changer l'assistance, comment recharger la batterie, comment la retirer pour la mettre au chaud l'hiver. On est restées quarante minutes ensemble.
I: Qu'est-ce qui vous a plu dans cet appel ?
P: Qu'on ne me prenne pas pour une idiote. [rires] Elle répétait quand je ne comprenais pas, elle attendait que je trouve le bouton. À la fin, j'ai fait le tour du parking devant elle, avec la tablette posée sur le muret.
I: [rires] Et ensuite, vous avez utilisé l'application ?
P: J'ai essayé. Il fallait créer un compte, avec un mot de passe compliqué, des majuscules, des chiffres... Et puis on m'envoie un code par SMS, mais le code expirait avant que je le tape. Trois fois. Ensuite, le compte était bloqué.
I: Et vous avez réussi à débloquer le compte ?
P: Non, j'ai abandonné. Ma petite-fille doit regarder quand elle viendra à la Toussaint. Pour l'instant je fais sans l'application. Le vélo marche très bien sans, heureusement.
I: Comment se passent vos sorties à vélo ?
P: C'est un bonheur. Je fais le tour du lac, la piste cyclable jusqu'à Talloires. Je monte la côte de chez moi sans poser pied à terre. J'ai retrouvé le plaisir de rouler, à mon âge ! Mes amies n'en reviennent pas.
I: C'est formidable. Avez-vous eu besoin de faire réviser le vélo ?
P: Oui, la première révision, après trois mois. Et il a fallu attendre pour avoir un rendez-vous... quatre semaines, je crois. À l'atelier partenaire de Seynod. C'était en juin, c'est la pleine saison, bon.
I: Et à l'atelier, comment ça s'est passé ?
P: Très bien. Le mécanicien était charmant. Il m'a montré comment vérifier l'usure des freins. Il m'a même regonflé les pneus de mon vieux vélo que j'avais apporté, sans rien me faire payer.
I: Vous avez pris l'abonnement Velora Care ?
P: Oui, le conseiller au téléphone me l'avait recommandé. Mais je vous avoue que je ne comprends pas bien ce qu'on me prélève. Il y a 9,90 € tous les mois, et puis en juillet il y a eu 59 € en plus, qu'on m'a dit être les « frais d'adhésion annuels ». Ce n'était pas clair du tout quand j'ai souscrit.
I: Vous l'avez signalé ?
P: J'ai appelé, oui. La dame m'a expliqué, mais je n'ai pas tout compris. J'aimerais un papier simple, avec ce que je paie et pourquoi. Je suis de la vieille école, moi.
I: Tout à fait. Est-ce que vous avez parlé de Velora à votre entourage ?
P: Oh oui, à tout mon club de randonnée ! Deux amies ont commandé le même vélo. Je leur ai dit : prenez l'appel vidéo, c'est très bien, et soyez patientes pour la livraison.
I: Si vous deviez donner une note de 0 à 10 ?
P: Je dirais 8. Pour le vélo et pour la jeune femme de l'appel vidéo. J'enlève des points pour la livraison et l'application.
I: Qu'est-ce qu'on pourrait améliorer en priorité, selon vous ?
P: Prévenir les gens quand il y a un retard. Un simple coup de téléphone. Et une application plus simple pour les personnes âgées, avec des gros boutons.
I: C'est très clair. Vos petits-enfants viennent bientôt ?
P: À la Toussaint, oui. Ils veulent tous essayer le vélo de mamie ! [rires]
I: [rires] Merci beaucoup Amélie, c'était un plaisir.
P: Merci à vous, mademoiselle. Au revoir !
"""
