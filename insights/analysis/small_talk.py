"""Small talk in interviews: greetings, thanks, goodbyes, sound checks, back-channels.

An interviewee's "Thank you! Bye.", "Yep, loud and clear." or "Oui, c'est bon,
allez-y." is polite, so a sentiment model reads it as positive, and a run then
proposes a delight made of greetings. In an interview it says nothing about the
journey: such a statement is neutral.

A statement is small talk when nothing is left of it once transcript annotations
(``[laughs]``, ``(rires)``), punctuation and the phrases below are taken away;
one content word ("Thanks, the bike is great") keeps it a statement, and a bare
"No." or "Non." is an answer, read by its question (`sentiment_text.answer_valence`),
not small talk. Only
transcripts get this reading: in a survey answer or a tweet to an airline,
"Thanks!" is appreciation the respondent chose to write.
"""

from __future__ import annotations

import re

from insights.analysis.sentiment_text import fold_text

__all__ = ["is_small_talk"]

# Written naturally, compared folded (lower case, no accents, words only).
_PHRASES = (
    # greetings and introductions
    "hi", "hello", "hey", "hi there", "hello there", "good morning", "good afternoon",
    "good evening", "nice to meet you", "nice to meet you too", "bonjour", "bonsoir", "salut",
    "coucou", "enchanté", "enchantée", "ravi de vous rencontrer", "ravie de vous rencontrer",
    # thanks and goodbyes
    "thank you", "thank you very much", "thank", "thanks", "thanks a lot", "many thanks", "cheers",
    "thank you for having me", "thanks for having me", "you're welcome", "my pleasure",
    "no problem", "bye", "bye bye", "goodbye", "see you", "see you soon", "take care",
    "have a good day", "have a nice day", "you too", "merci", "merci beaucoup", "merci bien",
    "merci à vous", "merci à toi", "je vous remercie", "avec plaisir", "de rien",
    "au revoir", "bonne journée", "bonne soirée", "bonne fin de journée", "à bientôt",
    "à vous aussi", "vous aussi", "mademoiselle", "madame", "monsieur",
    # sound and video checks, pauses
    "can you hear me", "can you hear me okay", "i can hear you", "i can hear you fine",
    "i can hear you well", "loud and clear", "one second", "one moment", "hold on",
    "just a second", "sorry", "sorry about that", "vous m'entendez", "tu m'entends",
    "je vous entends", "je vous entends bien", "je vous entends très bien", "attendez",
    "attends", "un instant", "une seconde", "je monte le son", "je monte un peu le son",
    "pardon", "excusez-moi", "désolé", "désolée",
    # back-channels and fillers
    "yes", "yeah", "yep", "yup", "ok", "okay", "sure", "right", "alright", "all right",
    "go ahead", "go on", "please go ahead", "oui", "ouais", "d'accord", "bien sûr",
    "allez-y", "vas-y", "c'est bon", "voilà", "bon", "ben", "bah", "um", "uh", "er", "erm",
    "hmm", "mm", "mhm", "mm-hmm", "uh-huh", "euh", "hein", "ah", "oh", "well", "so",
    "alors", "donc",
    # closings of an interview
    "that's all", "that's it", "i think that's everything", "i think that's it",
    "c'est tout", "je crois que j'ai tout dit", "je pense que j'ai tout dit",
)  # fmt: skip
_ANNOTATION = re.compile(r"\[[^\]]{0,40}\]|\((?:[^()]{0,20})\)")


def _phrase_pattern() -> re.Pattern[str]:
    folded = sorted({fold_text(p) for p in _PHRASES}, key=len, reverse=True)  # longest first
    return re.compile(r"(?:\b(?:" + "|".join(re.escape(p) for p in folded) + r")\b\s*)+")


_SMALL_TALK = _phrase_pattern()


def is_small_talk(text: str) -> bool:
    """Whether `text` is nothing but small talk (see the module docstring).

    Example:
        >>> is_small_talk("Thank you! Bye."), is_small_talk("Oui, c'est bon, allez-y.")
        (True, True)
        >>> is_small_talk("Thanks, the fitter was brilliant.")
        False
    """
    folded = fold_text(_ANNOTATION.sub(" ", text))
    return bool(folded) and _SMALL_TALK.fullmatch(folded + " ") is not None
