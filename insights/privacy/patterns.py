"""Pattern detectors: e-mail addresses, phone numbers, IBANs and card numbers.

Rules (language independent):
    EMAIL  local@domain.tld, and spelled-out forms such as `jane (at) example (dot) com`.
    PHONE  international `+CC …` / `00CC …` (8-15 digits, E.164); French national
           `0X XX XX XX XX` with one separator (space, dot, dash or none); UK national
           `020 7946 0958`, `07700 900123`, `(0121) 496 0123`; North American
           `(415) 555-0132`, `415-555-0132`, `1-800-555-0199`.
    IBAN   a country code, two check digits and the BBAN (spaces or dashes allowed),
           accepted when its length is the country's (40 European and Maghreb countries
           that use IBANs) and the ISO 13616 mod-97 check passes; the
           longest valid prefix of a run of groups wins (`FR76 … 189 OK` stops before OK).
    CARD   13-19 digits starting 2-6 (Visa, Mastercard, Amex, Discover, JCB, UnionPay…),
           in one run or in groups starting with four digits, passing the Luhn check.
Dates, times, prices, order and tracking numbers do not take these shapes.
"""

from __future__ import annotations

import re

from insights.privacy.spans import Found, PiiType

__all__ = ["find_patterns", "iban_ok", "luhn_ok"]

_S = r"[ \u00a0.\-]"  # one separator inside a phone number
_END = r"(?![\w@]|[.,\-]\d)"  # not followed by more of a word or number
_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]*\w@[\w-]+(?:\.[\w-]+)*\.[^\W\d_]{2,}(?![\w-])")
_EMAIL_SPELLED = re.compile(
    r"(?<![\w.+-])[\w.+-]+\s*[(\[{]\s*(?:at|arobase|@)\s*[)\]}]\s*[\w-]+"
    r"(?:\s*(?:[(\[{]\s*(?:dot|point)\s*[)\]}]|\.)\s*[\w-]+)+",
    re.IGNORECASE,
)
_INTL = re.compile(rf"(?<![\w+])(?:\+|00)[1-9]\d*(?:{_S}?\(0\){_S}?\d+)?(?:{_S}\(?\d+\)?|\(\d+\))*")
_NATIONAL = (
    # French: 0X then four pairs, one separator throughout
    re.compile(rf"(?<![\w+.,\-])0[1-9](?P<s>{_S}?)\d{{2}}(?:(?P=s)\d{{2}}){{3}}{_END}"),
    # UK: area code (optionally bracketed) then two groups
    re.compile(
        rf"(?<![\w+.,\-])(?:\(0\d{{2,4}}\)|0\d{{2,4}})"
        rf"[ \u00a0\-]?\d{{3,4}}[ \u00a0\-]?\d{{3,4}}{_END}"
    ),
    # North American: (415) 555-0132, 415-555-0132, 415.555.0132, 1-800-555-0199
    re.compile(
        rf"(?<![\w+.,\-])(?:1{_S})?(?:\(\d{{3}}\)[ \u00a0]?|\d{{3}}(?P<u>{_S}))\d{{3}}"
        rf"(?(u)(?P=u)|{_S})\d{{4}}{_END}"
    ),
)
_PHONE_DIGITS = (8, 15)
_DIGIT = re.compile(r"\d")  # IBANs, cards and phones hold digits
_BRACKET = re.compile(r"[(\[{]")  # a spelled-out e-mail brackets its "at"
_IBAN = re.compile(r"(?<![\w])[A-Za-z]{2}\d{2}(?:[ \u00a0\-]?[A-Za-z0-9]){11,32}")
_CARD = re.compile(r"(?<![\w.,+\-])[2-6]\d*(?:[ \u00a0\-]\d+)*")
_IBAN_LENGTHS = {
    "AD": 24, "AT": 20, "BE": 16, "BG": 22, "CH": 21, "CY": 28, "CZ": 24, "DE": 22, "DK": 18,
    "EE": 20, "ES": 24, "FI": 18, "FR": 27, "GB": 22, "GI": 23, "GR": 27, "HR": 21, "HU": 28,
    "IE": 22, "IS": 26, "IT": 27, "LI": 21, "LT": 20, "LU": 20, "LV": 21, "MA": 28, "MC": 27,
    "MT": 31, "NL": 18, "NO": 15, "PL": 28, "PT": 25, "RO": 24, "SE": 24, "SI": 19, "SK": 24,
    "SM": 27, "TN": 24, "TR": 26, "VA": 22,
}  # fmt: skip


def luhn_ok(digits: str) -> bool:
    """Whether a string of digits passes the Luhn check."""
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch)
        if i % 2 == 1:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0


def iban_ok(candidate: str) -> bool:
    """Whether `candidate` (separators allowed) is an IBAN of the right length and checksum."""
    compact = re.sub(r"[\s\-]", "", candidate).upper()
    if not (compact[:2].isalpha() and compact[2:4].isdigit() and compact.isalnum()):
        return False
    if len(compact) != _IBAN_LENGTHS.get(compact[:2]):
        return False
    moved = compact[4:] + compact[:4]
    return int("".join(str(int(ch, 36)) for ch in moved)) % 97 == 1


def find_patterns(text: str) -> list[Found]:
    """Find e-mails, phone numbers, IBANs and card numbers in `text` (may overlap).

    Each pattern needs a character most texts lack (an `@`, a bracket, a digit), so a
    text without it skips that pattern's search.
    """
    found = []
    if "@" in text:
        found += [Found(m.start(), m.end(), PiiType.EMAIL) for m in _EMAIL.finditer(text)]
    if _BRACKET.search(text):
        found += [Found(m.start(), m.end(), PiiType.EMAIL) for m in _EMAIL_SPELLED.finditer(text)]
    if _DIGIT.search(text):
        found += _ibans(text)
        found += _cards(text)
        found += _phones(text)
    return found


def _group_ends(match: re.Match[str], separators: str = " \u00a0-") -> list[int]:
    """Offsets (in the text) where a group of the match ends, longest first."""
    body = match.group(0)
    ends = [match.start() + i for i, ch in enumerate(body) if ch in separators]
    return [match.end(), *reversed(ends)]


def _ibans(text: str) -> list[Found]:
    found = []
    for match in _IBAN.finditer(text):
        for end in _group_ends(match):
            if iban_ok(text[match.start() : end]) and not _continues(text, end):
                found.append(Found(match.start(), end, PiiType.IBAN))
                break
    return found


def _cards(text: str) -> list[Found]:
    found = []
    for match in _CARD.finditer(text):
        for end in _group_ends(match):
            piece = text[match.start() : end]
            if _card_ok(piece) and not _continues(text, end):
                found.append(Found(match.start(), end, PiiType.CARD))
                break
    return found


def _card_ok(piece: str) -> bool:
    groups = re.split(r"[ \u00a0\-]", piece)
    digits = "".join(groups)
    if not 13 <= len(digits) <= 19 or (len(groups) > 1 and len(groups[0]) != 4):
        return False
    return luhn_ok(digits)


def _phones(text: str) -> list[Found]:
    found = []
    for match in _INTL.finditer(text):
        for end in _group_ends(match, separators=" \u00a0.-"):
            if _digits_ok(text[match.start() : end]) and not _continues(text, end):
                found.append(Found(match.start(), end, PiiType.PHONE))
                break
    for pattern in _NATIONAL:
        for match in pattern.finditer(text):
            if sum(ch.isdigit() for ch in match.group(0)) in (10, 11):
                found.append(Found(match.start(), match.end(), PiiType.PHONE))
    return found


def _digits_ok(number: str) -> bool:
    body = number.replace("(0)", "")
    digits = sum(ch.isdigit() for ch in body) - 2 * body.startswith("00")
    return _PHONE_DIGITS[0] <= digits <= _PHONE_DIGITS[1]


def _continues(text: str, end: int) -> bool:
    """Whether a number ending at `end` runs on into a word or another number."""
    return re.match(r"[\w@]|[.,\-]\d", text[end : end + 2]) is not None
