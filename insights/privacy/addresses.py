"""Postal addresses where their shape gives them away (French, UK and US).

Rules:
    FR  a number (`12`, `12 bis`, `12b`), a street type (`rue`, `avenue`, `bd`, `allée`,
        `chemin`, `quai`…, any case) and a street name (capitalised words and
        particles: `de la Paix`, `du Général Leclerc`), then optionally a postcode
        and a city (`75002 Paris`) or `, City`.
    UK/US  an optional `Flat 3,`, a number, one to three capitalised words and a
        street type (`Street`, `Road`, `Ave`, `Blvd`, `Close`…), then optionally
        `, Apt 4B`, `, City`, and a UK postcode or a US state and ZIP code.
    A UK postcode (`BS1 4DJ`) or a `City, ST 12345` US line is also redacted alone.
A street name without a number ("the shop on Oxford Street") and a bare French
postcode are places, not addresses, and are left alone.
"""

from __future__ import annotations

import re

from insights.privacy.spans import Found, PiiType, resolve

__all__ = ["find_addresses"]

_UP = r"[A-ZÀ-ÖØ-Þ]"
_WORD = rf"{_UP}[\w'’.\-]*"
_NUMBER_WORD = r"\d{1,4}(?:er|e)?"  # rue du 8 Mai 1945, place du 11 Novembre
_PARTICLE = r"(?:de|du|des|la|le|les|l['’]|d['’]|aux|au|en|sur|sous|et|à|saint|sainte)"
_FR_NAME = rf"(?:{_PARTICLE}\s*)*(?:{_WORD}|{_NUMBER_WORD})(?:[\s\-]+(?:{_PARTICLE}\s*)*{_WORD})*"
_FR_TYPES = (
    "rue|avenue|av\\.?|boulevard|bd|blvd|place|pl\\.|allée|allee|impasse|chemin|route|quai|"
    "cours|passage|square|voie|faubourg|fbg|rond-point|esplanade|sentier|hameau|lieu-dit|"
    "résidence|residence|cité|cite|parvis|promenade|villa|ruelle|montée|traverse"
)
_CITY_WORD = rf"{_UP}[a-zà-ÿ'’\-][\w'’\-]*"  # "Lyon", "Aix-en-Provence"; not "NW1", "IL"
_CITY = rf"{_CITY_WORD}(?:\s{_CITY_WORD}){{0,2}}"
_FR = re.compile(
    rf"(?<![\w,.])\d{{1,4}}(?:\s?(?:bis|ter|quater)\b|[a-dA-D]\b)?,?\s+"
    rf"(?i:{_FR_TYPES})\s+{_FR_NAME}"
    rf"(?:,?\s+\d{{5}}\s+{_CITY}|,\s*{_CITY}(?:\s+\d{{5}})?)?"
)
_EN_TYPES = (
    "Street|St|Road|Rd|Lane|Ln|Avenue|Ave|Close|Drive|Dr|Crescent|Cres|Way|Gardens|Gdns|"
    "Terrace|Place|Pl|Court|Ct|Square|Sq|Grove|Hill|Row|Mews|Walk|Park|Rise|Parade|"
    "Boulevard|Blvd|Green|Vale|View|Wharf|Yard|Quay|Highway|Hwy|Parkway|Pkwy|Circle|Cir|"
    "Trail|Plaza"
)
_UK_POSTCODE = r"[A-Z]{1,2}\d[A-Z\d]?\s?\d[A-Z]{2}"
_US_STATES = (
    "AL|AK|AZ|AR|CA|CO|CT|DE|DC|FL|GA|HI|ID|IL|IN|IA|KS|KY|LA|ME|MD|MA|MI|MN|MS|MO|MT|NE|"
    "NV|NH|NJ|NM|NY|NC|ND|OH|OK|OR|PA|RI|SC|SD|TN|TX|UT|VT|VA|WA|WV|WI|WY"
)
_US_ZIP = rf"(?:{_US_STATES})\s+\d{{5}}(?:-\d{{4}})?"
_EN = re.compile(
    rf"(?<![\w,.])(?:(?:Flat|Apartment|Apt|Unit|Suite)\s+\d+[A-Z]?,?\s+)?"
    rf"\d{{1,5}}[A-Z]?\s+(?:(?:N|S|E|W|NE|NW|SE|SW)\.?\s+)?(?:{_UP}[\w'’\-]*\s+){{1,3}}"
    rf"(?:{_EN_TYPES})\b\.?(?:\s+(?:N|S|E|W|NE|NW|SE|SW)\b\.?)?"
    rf"(?:,\s*(?:Apt|Apartment|Unit|Suite|Flat|#)\.?\s*\w+)?"
    rf"(?:,?\s+(?!{_US_ZIP}\b){_CITY})?(?:,?\s+(?:{_UK_POSTCODE}|{_US_ZIP})\b)?"
)
_DIGIT = re.compile(r"\d")
_ALONE = re.compile(rf"(?<![\w-])(?:{_UK_POSTCODE}|(?:{_CITY},\s+)?{_US_ZIP})(?![\w-])")


def find_addresses(text: str) -> list[Found]:
    """Find postal addresses (and lone UK postcodes or US state + ZIP lines) in `text`.

    Example:
        >>> t = "Livrez au 12 rue de la Paix, 75002 Paris merci"
        >>> [t[f.start : f.end] for f in find_addresses(t)]
        ['12 rue de la Paix, 75002 Paris']
    """
    found: list[Found] = []
    if not _DIGIT.search(text):  # every shape holds a number, postcode or ZIP code
        return found
    for pattern in (_FR, _EN, _ALONE):
        for match in pattern.finditer(text):
            end = match.end()
            while end > match.start() and text[end - 1] in " ,.-":
                end -= 1
            found.append(Found(match.start(), end, PiiType.ADDRESS))
    return resolve(found)
