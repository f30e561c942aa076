"""Small talk in interviews: greetings, thanks, goodbyes, sound checks, back-channels.

An interviewee's "Thank you! Bye.", "Yep, loud and clear." or "Avec plaisir, bonne
journée !" is polite, so a sentiment model reads it as positive, and a run then
proposes a delight made of greetings. In an interview it says nothing about the
journey: such a statement is neutral.

A statement is small talk when nothing is left of it once transcript annotations
(``[laughs]``, ``[NAME 1]``, ``(rires)``; other parentheses are speech), punctuation
and the phrases below are taken away. One content word ("Thanks, the bike is
great"), a digit ("Ok, 2/10") or a symbol or letter the folding would drop ("Ok 👎")
keeps it a statement. Phrases that can carry a judgement are not on the list
("c'est bon", "no problem", "right", "well", "so"), and a bare "No." or "Non." is
an answer, read by its question (`sentiment_text.answer_valence`). Only
transcripts get this reading: in a survey answer or a tweet to an airline,
"Thanks!" is appreciation the respondent chose to write.
"""

from __future__ import annotations

import re
import unicodedata

from insights.analysis.sentiment_text import fold_text

__all__ = ["NON_SPEECH", "is_small_talk"]

# Written naturally, compared folded (lower case, no accents, words only).
_PHRASES = (
    # greetings and introductions
    "hi", "hello", "hey", "hi there", "hello there", "good morning", "good afternoon",
    "good evening", "nice to meet you", "nice to meet you too", "bonjour", "bonsoir", "salut",
    "coucou", "enchanté", "enchantée", "ravi de vous rencontrer", "ravie de vous rencontrer",
    # thanks and goodbyes
    "thank you", "thank you very much", "thank", "thanks", "thanks a lot", "many thanks", "cheers",
    "thank you for having me", "thanks for having me", "you're welcome", "my pleasure",
    "bye", "bye bye", "goodbye", "see you", "see you soon", "take care",
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
    "yes", "yeah", "yep", "yup", "ok", "okay", "sure", "alright", "all right",
    "go ahead", "go on", "please go ahead", "oui", "ouais", "d'accord", "bien sûr",
    "allez-y", "vas-y", "voilà", "ben", "bah", "um", "uh", "er", "erm",
    "hmm", "mm", "mhm", "mm-hmm", "uh-huh", "euh", "hein", "ah", "oh", "alors", "donc",
    # closings of an interview
    "that's all", "that's it", "i think that's everything", "i think that's it",
    "c'est tout", "je crois que j'ai tout dit", "je pense que j'ai tout dit",
)  # fmt: skip
# Non-speech events transcribers put in parentheses, English and French.
NON_SPEECH = frozenset(
    "laugh laughs laughing laughter chuckles sigh sighs sighing cough coughs pause silence "
    "inaudible unintelligible crosstalk overlapping noise music applause cries crying "
    "rire rires rit soupir soupire soupirs toux tousse silence inaudible incompréhensible "
    "bruit musique applaudissements pleurs".split()
)
_BRACKETS = re.compile(r"\[[^\]]{0,40}\]")
_PARENTHESES = re.compile(r"\(([^()]{0,40})\)")
_PHRASE_WORDS = frozenset(tuple(fold_text(p).split()) for p in _PHRASES)
_LONGEST = max(len(words) for words in _PHRASE_WORDS)


def _without_annotations(text: str) -> str:
    def speech(match: re.Match[str]) -> str:
        words = match[1].lower().split()
        return " " if words and all(w in NON_SPEECH for w in words) else match[0]

    return _PARENTHESES.sub(speech, _BRACKETS.sub(" ", text))


def _foldable(text: str) -> bool:
    """No digit, and no letter, number or symbol (emoji) that folding to a-z would drop."""
    for char in unicodedata.normalize("NFKD", text):
        if char.isdigit():
            return False
        if not char.isascii() and unicodedata.category(char)[0] in "LNS":
            return False
    return True


def is_small_talk(text: str) -> bool:
    """Whether `text` is nothing but small talk (see the module docstring).

    Example:
        >>> is_small_talk("Thank you! Bye."), is_small_talk("Yep, loud and clear.")
        (True, True)
        >>> is_small_talk("Thanks, the fitter was brilliant.")
        False
    """
    said = _without_annotations(text)
    words = fold_text(said).split()
    if not words or not _foldable(said):
        return False
    reached = [True] + [False] * len(words)  # reached[i]: words[:i] are phrases end to end
    for start in range(len(words)):
        if reached[start]:
            for length in range(1, min(_LONGEST, len(words) - start) + 1):
                if tuple(words[start : start + length]) in _PHRASE_WORDS:
                    reached[start + length] = True
    return reached[-1]
