"""Random fictional values for the template slots, in the formats people write them."""

from __future__ import annotations

import random

import pools

Made = tuple[str, int, int]  # the value, and the planted part's start and end in it


def iban(country: str, bban: str) -> str:
    """A valid IBAN (ISO 13616 check digits) from a country code and a BBAN."""
    number = "".join(str(int(ch, 36)) for ch in bban + country + "00")
    return f"{country}{98 - int(number) % 97:02d}{bban}"


def luhn_complete(partial: str) -> str:
    """Append the Luhn check digit to `partial`."""
    total = 0
    for i, ch in enumerate(reversed(partial)):
        d = int(ch)
        if i % 2 == 0:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return partial + str((10 - total % 10) % 10)


class Values:
    """Makes slot values from one random generator and pools of given names and surnames."""

    def __init__(
        self,
        rng: random.Random,
        first: dict[str, list[str]],
        last: dict[str, list[str]],
    ) -> None:
        self.rng = rng
        self.first, self.last = first, last

    def digits(self, n: int) -> str:
        """`n` random digits."""
        return "".join(self.rng.choice("0123456789") for _ in range(n))

    def value(self, slot: str, lang: str, *, sentence_start: bool) -> Made:
        """A value for `slot`, capitalised when it opens the sentence."""
        maker = getattr(self, f"_make_{slot.lower()}")
        made: Made = maker(lang)
        text, start, end = made
        if sentence_start and slot not in ("EMAIL", "TERM") and text[:1].islower():
            text = text[:1].upper() + text[1:]
        return text, start, end

    # -- names ------------------------------------------------------------------
    def _make_first(self, lang: str) -> Made:
        name = self.rng.choice(self.first[lang])
        if self.rng.random() < 0.04:
            name = name.lower()
        return name, 0, len(name)

    def _make_full(self, lang: str) -> Made:
        name = f"{self.rng.choice(self.first[lang])} {self.rng.choice(self.last[lang])}"
        return name, 0, len(name)

    def _make_name(self, lang: str) -> Made:
        form = self.rng.random()
        if form < 0.35:
            return self._make_first(lang)
        if form < 0.7:
            return self._make_full(lang)
        if form < 0.88:
            title = self.rng.choice(pools.TITLES_EN if lang == "en" else pools.TITLES_FR)
            last = self.rng.choice(self.last[lang])
            return f"{title} {last}", len(title) + 1, len(title) + 1 + len(last)
        name = f"{self.rng.choice(self.first[lang])} {self.rng.choice(self.last[lang])[0]}."
        return name, 0, len(name)

    # -- contact ----------------------------------------------------------------
    def _make_email(self, lang: str) -> Made:
        first = self.rng.choice(self.first[lang]).lower().replace("é", "e").replace("ï", "i")
        last = self.rng.choice(self.last[lang]).lower().replace(" ", "").replace("'", "")
        last = last.replace("é", "e").replace("è", "e")
        local = self.rng.choice(
            [
                f"{first}.{last}",
                f"{first[0]}{last}",
                f"{first}_{last}",
                f"{first}{last}",
                f"{first}.{last}{self.digits(2)}",
                f"{first}{self.digits(4)}",
                f"{last}.{first}+velora",
                f"{first}-{last}",
            ]
        )
        address = f"{local}@{self.rng.choice(pools.MAIL_DOMAINS)}"
        if self.rng.random() < 0.1:
            address = address[:1].upper() + address[1:]
        if self.rng.random() < 0.05:
            user, domain = address.split("@")
            address = f"{user} (at) {domain.replace('.', ' (dot) ')}"
        return address, 0, len(address)

    def _make_phone(self, lang: str) -> Made:
        r = self.rng.random()
        if lang == "fr":
            number = self._phone_fr() if r < 0.85 else self._phone_intl()
        else:
            number = (
                self._phone_uk()
                if r < 0.45
                else self._phone_us()
                if r < 0.8
                else (self._phone_intl() if r < 0.92 else self._phone_fr())
            )
        return number, 0, len(number)

    def _phone_fr(self) -> str:
        groups = self.rng.choice(pools.FR_FICTION).split() + [self.digits(2), self.digits(2)]
        style = self.rng.random()
        if style < 0.4:
            return " ".join(groups)
        if style < 0.55:
            return ".".join(groups)
        if style < 0.62:
            return "-".join(groups)
        if style < 0.72:
            return "".join(groups)
        rest = [groups[0][1]] + groups[1:]
        if style < 0.85:
            return "+33 " + " ".join(rest)
        if style < 0.9:
            return "+33 (0)" + " ".join(rest)
        if style < 0.95:
            return "+33" + "".join(rest)
        return "0033 " + " ".join(rest)

    def _phone_uk(self) -> str:
        area, local = self.rng.choice(pools.UK_FICTION)
        local += self.digits(3)
        style = self.rng.random()
        if style < 0.5:
            return f"{area} {local}"
        if style < 0.75:
            return f"+44 {area[1:]} {local}"
        if style < 0.85:
            return f"+44 (0){area[1:]} {local}"
        if style < 0.93:
            return f"({area}) {local}"
        return (area + local).replace(" ", "")

    def _phone_us(self) -> str:
        area, line = self.rng.choice(pools.US_AREAS), "01" + self.digits(2)
        return self.rng.choice(
            [
                f"({area}) 555-{line}",
                f"{area}-555-{line}",
                f"{area}.555.{line}",
                f"+1 {area} 555 {line}",
                f"+1 ({area}) 555-{line}",
                f"1-{area}-555-{line}",
                f"+1-{area}-555-{line}",
            ]
        )

    def _phone_intl(self) -> str:
        code, area, n = self.rng.choice(pools.INTL)
        rest = self.digits(n)
        if self.rng.random() < 0.4:
            return f"+{code}{area}{rest}"
        half = len(rest) // 2
        return f"+{code} {area} {rest[:half]} {rest[half:]}"

    # -- bank -------------------------------------------------------------------
    def _make_iban(self, lang: str) -> Made:
        country = (
            "FR"
            if lang == "fr" and self.rng.random() < 0.7
            else self.rng.choice(list(pools.IBAN_BANKS))
        )
        value = iban(country, pools.IBAN_BANKS[country](self.digits))
        style = self.rng.random()
        if style < 0.7:
            value = " ".join(value[i : i + 4] for i in range(0, len(value), 4))
        elif style < 0.8:
            value = "-".join(value[i : i + 4] for i in range(0, len(value), 4))
        return value, 0, len(value)

    def _make_card(self, lang: str) -> Made:
        prefix, length = self.rng.choice(pools.CARD_PREFIXES)
        number = luhn_complete(prefix + self.digits(length - len(prefix) - 1))
        if length == 15:
            groups = [number[:4], number[4:10], number[10:]]
        else:
            groups = [number[i : i + 4] for i in range(0, 16, 4)]
        sep = self.rng.choice([" ", " ", " ", "-", ""])
        value = sep.join(groups)
        return value, 0, len(value)

    # -- addresses --------------------------------------------------------------
    def _make_address(self, lang: str) -> Made:
        if lang == "fr":
            value = self._address_fr()
        else:
            value = self._address_uk() if self.rng.random() < 0.55 else self._address_us()
        return value, 0, len(value)

    def _address_fr(self) -> str:
        number = str(self.rng.randint(1, 180)) + self.rng.choice(["", "", "", "", " bis", "ter"])
        kind = self.rng.choice(pools.STREET_TYPES_FR)
        street = f"{number} {kind} {self.rng.choice(pools.STREETS_FR)}"
        code, city = self.rng.choice(pools.CITIES_FR)
        return self.rng.choice(
            [
                f"{street}, {code} {city}",
                f"{street} {code} {city}",
                f"{street}, {code} {city}",
                street,
                f"{street}, {city}",
            ]
        )

    def _address_uk(self) -> str:
        street = (
            f"{self.rng.randint(1, 240)} {self.rng.choice(pools.STREETS_UK)} "
            f"{self.rng.choice(pools.STREET_TYPES_UK)}"
        )
        city, postcode = self.rng.choice(pools.CITIES_UK)
        flat = f"Flat {self.rng.randint(1, 12)}, " if self.rng.random() < 0.2 else ""
        return flat + self.rng.choice(
            [
                f"{street}, {city} {postcode}",
                f"{street}, {city}, {postcode}",
                street,
                f"{street}, {postcode}",
            ]
        )

    def _address_us(self) -> str:
        street = (
            f"{self.rng.randint(10, 9800)} {self.rng.choice(pools.STREETS_US)} "
            f"{self.rng.choice(pools.STREET_TYPES_US)}"
        )
        city, state, zipcode = self.rng.choice(pools.CITIES_US)
        apt = (
            f", Apt {self.rng.randint(1, 30)}{self.rng.choice('ABC')}"
            if self.rng.random() < 0.2
            else ""
        )
        return self.rng.choice(
            [
                f"{street}{apt}, {city}, {state} {zipcode}",
                f"{street}{apt}, {city} {state} {zipcode}",
                f"{street}{apt}",
            ]
        )

    # -- user terms -------------------------------------------------------------
    def _make_term(self, lang: str) -> Made:
        value = (
            f"VEL-{self.digits(6)}"
            if self.rng.random() < 0.6
            else (f"SAV-{self.digits(4)}-{self.digits(3)}")
        )
        return value, 0, len(value)

    # -- fillers (never planted) -------------------------------------------------
    def _make_product(self, lang: str) -> Made:
        value = self.rng.choice(pools.PRODUCTS)
        return value, 0, len(value)

    def _make_brand(self, lang: str) -> Made:
        value = self.rng.choice(pools.BRANDS)
        return value, 0, len(value)

    def _make_city(self, lang: str) -> Made:
        value = self.rng.choice(pools.CITIES)
        return value, 0, len(value)

    def _make_staff(self, lang: str) -> Made:
        value = self.rng.choice(pools.STAFF_EN if lang == "en" else pools.STAFF_FR)
        return value, 0, len(value)

    def _make_date(self, lang: str) -> Made:
        day, month, year = (
            self.rng.randint(1, 28),
            self.rng.randint(1, 12),
            self.rng.randint(2021, 2026),
        )
        months = (
            [
                "January",
                "February",
                "March",
                "April",
                "May",
                "June",
                "July",
                "August",
                "September",
                "October",
                "November",
                "December",
            ]
            if lang == "en"
            else [
                "janvier",
                "février",
                "mars",
                "avril",
                "mai",
                "juin",
                "juillet",
                "août",
                "septembre",
                "octobre",
                "novembre",
                "décembre",
            ]
        )
        value = self.rng.choice(
            [
                f"{day:02d}/{month:02d}/{year}",
                f"{year}-{month:02d}-{day:02d}",
                f"{day} {months[month - 1]}",
                f"{months[month - 1]} {day}"
                if lang == "en"
                else f"{day} {months[month - 1]} {year}",
                f"{day}.{month:02d}.{year}",
            ]
        )
        return value, 0, len(value)

    def _make_order(self, lang: str) -> Made:
        value = self.rng.choice(
            [
                f"#{self.digits(7)}",
                f"VLR-2024-{self.digits(5)}",
                self.digits(8),
                f"CMD-{self.digits(6)}",
                f"6A{self.digits(11)}",
                f"XY{self.digits(9)}FR",
                f"0{self.digits(13)}",
                f"1Z{self.digits(16)}",
                f"{self.digits(3)}-{self.digits(7)}-{self.digits(7)}",
            ]
        )
        return value, 0, len(value)

    def _make_price(self, lang: str) -> Made:
        euros = self.rng.randint(40, 4200)
        value = self.rng.choice(
            [
                f"{euros:,} €".replace(",", " "),
                f"£{euros:,}",
                f"${euros:,}.00",
                f"{euros} euros",
                f"{euros},90 €",
                f"€{euros}",
            ]
        )
        return value, 0, len(value)

    def _make_time(self, lang: str) -> Made:
        hour = self.rng.randint(8, 19)
        value = self.rng.choice(
            [
                f"{hour}:{self.rng.choice(['00', '15', '30', '45'])}",
                f"{hour}h30" if lang == "fr" else f"{hour % 12 or 12}pm",
                "midi" if lang == "fr" else "noon",
            ]
        )
        return value, 0, len(value)

    def _make_n(self, lang: str) -> Made:
        value = str(self.rng.randint(5, 120))
        return value, 0, len(value)
