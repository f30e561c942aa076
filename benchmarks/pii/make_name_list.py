"""Build insights/privacy/first_names.txt: given names in Latin script, from Faker's locales.

The redactor uses the list to find first names that spaCy's small NER models miss
(single first names: "I spoke to Manon", "Thanks to Chidi"). A name that is also an
ordinary English or French word ("Grace", "Rose", "Claire", "Martin") is marked `~`:
the redactor then wants more evidence (the NER model, a title, a surname after it).
English and French stop words are left out.

Needs Faker (MIT), which is not a dependency of insights (`pip install faker`), and
the Hunspell dictionaries in /usr/share/hunspell (Debian: `apt-get install
hunspell-en-us hunspell-en-gb hunspell-fr`), whose lower-case entries are the
ordinary words.

Usage:
    python benchmarks/pii/make_name_list.py
"""

from __future__ import annotations

import importlib
import pkgutil
import re
from collections.abc import Callable
from pathlib import Path

OUT = Path(__file__).resolve().parents[2] / "insights" / "privacy" / "first_names.txt"
LATIN = re.compile(r"^[A-Za-zÀ-ÖØ-öø-ɏḀ-ỿ][A-Za-zÀ-ÖØ-öø-ɏḀ-ỿ'’-]+$")
ATTRS = ("first_names", "first_names_male", "first_names_female", "first_names_nonbinary")
HEADER = """\
# Given names for PII redaction (one per line; `~` marks a name that is also an
# ordinary English or French word, which needs more evidence to be redacted).
# Built by benchmarks/pii/make_name_list.py from the person providers of Faker
# {version} (https://github.com/joke2k/faker), MIT License,
# Copyright (c) 2012 Daniele Faraglia.
"""


def faker_names() -> tuple[str, set[str]]:
    import faker
    import faker.providers.person as person

    names: set[str] = set()
    for module in pkgutil.iter_modules(person.__path__):
        provider = importlib.import_module(f"{person.__name__}.{module.name}").Provider
        for attr in ATTRS:
            value = provider.__dict__.get(attr)
            if isinstance(value, (list, tuple, dict, set)):
                for name in value:
                    names.update(part for part in str(name).split() if LATIN.match(part))
    return faker.VERSION, names


def ordinary_words() -> tuple[Callable[[str], bool], set[str]]:
    """A test for lower-case English or French words (Hunspell), and spaCy's stop words.

    Hunspell writes proper nouns capitalised, so its lower-case entries are ordinary
    words only ("rose", "grace", "romain"); spaCy's lemma tables are not used as they
    also hold proper nouns ("daniel", "julie").
    """
    import spacy

    stops: set[str] = set()
    for lang in ("en", "fr"):
        stops |= set(spacy.blank(lang).Defaults.stop_words)
    hunspell = _hunspell_words()

    def is_word(word: str) -> bool:
        return any(
            form in hunspell[lang]
            for lang, suffixes in _SUFFIXES.items()
            for form in [word] + [word[: -len(s)] for s in suffixes if word.endswith(s)]
        )

    return is_word, stops


_SUFFIXES = {"en": ("s", "es", "ed", "ing"), "fr": ("s", "x", "e", "es")}
HUNSPELL = Path("/usr/share/hunspell")


def _hunspell_words() -> dict[str, set[str]]:
    """Lower-case stems of the en_US, en_GB and fr Hunspell dictionaries, by language."""
    words: dict[str, set[str]] = {"en": set(), "fr": set()}
    for name in ("en_US.dic", "en_GB.dic", "fr.dic"):
        path = HUNSPELL / name
        if not path.exists():
            raise SystemExit(
                f"{path} is missing; apt-get install hunspell-en-us hunspell-en-gb hunspell-fr"
            )
        for line in path.read_text("utf-8", errors="replace").splitlines()[1:]:
            stem = line.split("/", 1)[0].split("\t", 1)[0].strip()
            if stem and stem[0].islower():
                words[name[:2]].add(stem)
    return words


def main() -> None:
    version, names = faker_names()
    is_word, stops = ordinary_words()
    keep = sorted({n for n in names if len(n) >= 2 and n.lower() not in stops}, key=str.casefold)
    lines = [f"{n} ~" if is_word(n.lower()) else n for n in keep]
    OUT.write_text(HEADER.format(version=version) + "\n".join(lines) + "\n", encoding="utf-8")
    ambiguous = sum(line.endswith("~") for line in lines)
    print(f"{OUT}: {len(lines)} names, {ambiguous} also ordinary words")


if __name__ == "__main__":
    main()
