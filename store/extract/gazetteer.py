"""Find the crossings a text names, with the side (country) each mention points at.

A post name that is also a town ("Al Qaim", "Rabia") only counts as the crossing when a
crossing word stands beside it ("the Al Qaim border crossing", "Albu Kamal/Al Qaim crossing",
"the crossings ... Al-Qaim and Rabia"); "the town of Al Qaim" never does.

The side a named mention points at: "the Iraqi side of ..." gives Iraq; a post word ("the
Al-Waleed border post", "the Albu Kamal checkpoint") gives the named post's country, since a
post is one side. A crossing is mostly called by one post's name (the gazetteer's
`named_after`: Al Qaim, not Albu Kamal), so that name, bare or with "crossing"/"gate", says
nothing about the side (null); a name belonging only to the other post ("the Albu Kamal
crossing", "the Tanf crossing") points at that post. Both posts named together: null. A
reference placed in a province ("the border crossing in western Anbar") is on that
province's side when nothing else gives one (`region_side`).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from store.datafiles import load
from store.extract.fold import fold_name, word_regex
from store.extract.spelling import skeleton_table, variant_hits


@dataclass(frozen=True)
class Post:
    crossing: str
    country: str
    is_town: bool


@dataclass
class Mention:
    """A reference to a crossing: named, or (filled in later) an anaphor resolved to one."""
    start: int
    end: int
    crossing: str
    side: str | None
    kind: str = "name"          # name | anaphor | it | pair | ordinal | town-crossing
    list_id: int | None = None  # mentions named together ("Al-Qaim and Rabia") share an id
    named_post: str | None = None  # the country of the post whose name was used, when only one was


@dataclass
class Town:
    """A crossing's town named as a town ("the town of Al Qaim"): not the crossing itself."""
    start: int
    end: int
    crossing: str
    country: str


@dataclass
class Gazetteer:
    regex: re.Pattern
    posts: dict            # folded name -> tuple[Post, ...]
    countries: dict        # crossing id -> tuple of post countries, in data order
    names: dict            # crossing id -> display name
    named_after: dict      # crossing id -> countries whose post names are the crossing's common name
    side_words: dict       # folded adjective -> country code
    side_regex: re.Pattern
    regions: dict          # folded province or region -> country code
    region_regex: re.Pattern   # " in (western) Anbar": after a reference
    another_region: re.Pattern  # " and Iraq's Anbar province": a second one right after the first
    skeletons: dict        # spelling skeleton -> posts (as town names: they need a crossing word)
    authorities: dict      # (crossing id, country) -> faction that runs the post, where not the state's government
    closers: dict          # crossing id -> who closes and reopens it whichever post is named ('closed_and_opened_by')
    provinces: dict        # crossing id -> pattern of the provinces its posts lie in
    country_regex: re.Pattern   # any side word ("iraqi", "jordan"), as a whole word
    regions_regex: re.Pattern   # any region word ("anbar", "khuzestan"), as a whole word
    skeleton_memo: dict    # capitalised run -> its spelling windows (spelling.variant_hits fills it)
    known_words: frozenset = frozenset()  # country and region words: never part of a spelling variant
    informal: frozenset = frozenset()     # crossings one of their states does not recognise ('informal')


@lru_cache(maxsize=4)
def _gazetteer(_key: int = 0) -> Gazetteer:
    data = load("gazetteer.json")
    posts: dict[str, list[Post]] = {}
    countries, names, named_after = {}, {}, {}
    for crossing in data["crossings"]:
        cid = crossing["id"]
        names[cid] = crossing.get("name", cid)
        countries[cid] = tuple(p["country"] for p in crossing["posts"])
        named_after[cid] = frozenset(crossing.get("named_after") or countries[cid])
        for post in crossing["posts"]:
            for name, is_town in [(n, False) for n in post.get("names", [])] + [(n, True) for n in post.get("town_names", [])]:
                key = fold_name(name)
                if key and all(p.crossing != cid or p.country != post["country"] for p in posts.get(key, [])):
                    posts.setdefault(key, []).append(Post(cid, post["country"], is_town))
    side_words = {fold_name(k): v for k, v in data.get("side_words", {}).items()}
    side_regex = re.compile(
        r"(?:(?:the|its|their) +)?(?<![a-z])(?P<country>" + "|".join(map(re.escape, side_words))
        + r") +(?:side|part|half|portion|section) +of +(?:the +)?$"
    )
    regions = {fold_name(k): v for k, v in data.get("region_words", {}).items()}
    region_name = (
        r"(?:(?:far +)?(?:north|south|east|west)[a-z]* +)?(?:(?:" + "|".join(map(re.escape, side_words)) + r")(?: s)? +)?"
        r"(?:(?:far +)?(?:north|south|east|west)[a-z]* +)?(?:(?:province|governorate) +of +)?("
        + ("|".join(sorted(map(re.escape, regions), key=len, reverse=True)) or "(?!)") + r")(?![a-z])"
    )
    region_regex = re.compile(r" +(?:in|inside) +(?:the +)?" + region_name)
    another_region = re.compile(r" *(?:provinces?|governorates?|regions?)? *(?:,|and|&|/) *(?:the +)?" + region_name)
    authorities = {(c["id"], p["country"]): p["authority"] for c in data["crossings"] for p in c["posts"] if p.get("authority")}
    closers = {c["id"]: c["closed_and_opened_by"] for c in data["crossings"] if c.get("closed_and_opened_by")}
    provinces = {}
    for c in data["crossings"]:
        names = [fold_name(p["province"]) for p in c["posts"] if p.get("province")]
        if names:
            provinces[c["id"]] = re.compile(r"(?<![a-z])(?:" + "|".join(map(re.escape, names)) + r")(?![a-z])")
    skeletons = {key: tuple(Post(p.crossing, p.country, True) for p in found)
                 for key, found in skeleton_table(posts).items()}
    return Gazetteer(word_regex(posts), {k: tuple(v) for k, v in posts.items()}, countries, names, named_after,
                     side_words, side_regex, regions, region_regex, another_region, skeletons, authorities,
                     closers, provinces, _whole_words(side_words), _whole_words(regions), {},
                     frozenset(w for name in [*side_words, *regions] for w in name.split()),
                     frozenset(c["id"] for c in data["crossings"] if c.get("informal")))


def _whole_words(words) -> re.Pattern:
    return re.compile(r"(?<![a-z])(?:" + ("|".join(sorted(map(re.escape, words), key=len, reverse=True)) or "(?!)") + r")(?![a-z])")


def gazetteer() -> Gazetteer:
    return _gazetteer()


_PERSON_BEFORE = re.compile(r"(?<![a-z])(?:ibn|bin|bint|abu|umm|khalid|sheikh|sheik|shaikh|mr|dr) +$")
_TOWN_BEFORE = re.compile(r"(?:town|city|village|district|towns|cities|villages|outskirts|area|areas|province|region) +of +(?:the +)?$")
_NOUN_AFTER = re.compile(
    r" *[\])]? *(?:s +)?(?:(?:international|land|desert|main|commercial|official) +)?(?:border +|frontier +|boundary +)?(?:crossing +points?|crossings?|border +posts?|posts?|gates?|outposts?|terminals?"
    r"|complex|border +points?|checkpoints?|stations?|ports?|passageways?|border +passages?|border(?! +(?:area|region|town|city|zone|strip|villages?|province|district|wall|fence|line|areas|regions)))(?![a-z])"
)
_POST_WORD = re.compile(r"(?<![a-z])(?:(?:out)?posts?|checkpoints?|terminals?|stations?)(?![a-z])")
_OTHER_PLACE_AFTER = re.compile(
    r" *(?:military +|air +|army +|us +|u s +|coalition +)?(?:base|garrison|airport|airbase|air +base|camp|district|province|governorate|town|city|area|region|dam|refinery"
    r"|river|valley|desert|road|highway|countryside|subdistrict|village|outskirts|front|deconfliction +zone|zone|pocket|plain|plains)s?(?![a-z])"
)
_NOUN_BEFORE = re.compile(
    r"(?:crossings?|crossing +points?|border +posts?|posts?|border +points?|gates?)(?: +with +(?:neighbou?ring +)?[a-z]+)? +(?:of|at|in|near|known +as|called|named) +(?:the +)?$"
)
_APPOSITION_BEFORE = re.compile(r"(?:crossings|posts|crossing +points|border +points|gates)(?![a-z])[^.;!?]{0,45}?[,:(\u2014\u2013-] *$")
_PLACE_PREP = re.compile(r"(?<![a-z])(?:in|at|near|from|to|into|of|outside|towards?|around|opposite|across|beyond|via|through|inside) +(?:the +)?$")
_SUBJECT_OF_STATE = re.compile(r"(?: *(?:,[^,.;]{1,80},|\([^()]{1,40}\)|(?:and|or|/) +[a-z' ]{2,30}?))? +(?:that +|which +)?"
                               r"(?:is|are|was|were|remains?|remained|has +been|have +been|had +been)(?: +(?:still|now|also|firmly|fully|\w+ly))* +"
                               r"(?:under|in +the +hands|held|controlled|run|seized|captured|taken|retaken|recaptured|in +control|occupied|back +under)\b")
_LIST_HEAD = re.compile(r" *:")
_LINE_START = re.compile(r"(?:^|\n)[ \t]*(?:[-*\u2022\u2013][ \t]*)?$")
_KNOWN_AS = re.compile(r" *,? +(?:also +)?(?:known|named|called) +(?:in +[a-z]+ +)?as +")
_APPOSITION_AFTER = re.compile(r" *, +(?:the +|a +|an +|its +)?(?:[a-z]+ +){0,3}?(?:border +|frontier +)?(?:crossing|post|gate|crossing +point)(?![a-z])")
# "Shalamcheh and Chazzabeh border crossings": listed with a crossing the gazetteer lacks
_LISTED_WITH_UNKNOWN = re.compile(r" *(?:,|and|or|, +and) +(?:(?:al|el|ar|as|ash) +)?[a-z]{3,}(?: +[a-z]{3,})? +(?:border +|frontier +)?(?:crossings|crossing +points|border +posts|posts|gates)(?![a-z])")
_SIDE_AFTER = re.compile(r" *,? +(?:on|at|from) +(?:the +|its +)?([a-z]+) +(?:side|part|end)(?![a-z])")
_EXAMPLE_BEFORE = re.compile(r",? *\b(?:notably|including|such +as|namely|especially|particularly|like) +(?:the +)?$")
# "the Jarablus, Al-Rai, Bab al-Salama and Al-Hamam crossings": names the gazetteer lacks between two it knows
_UNKNOWN_BETWEEN = re.compile(r"\s*,\s*(?:(?:[Aa]l|[Ee]l)-)?[A-Z][\w'\u2019-]*(?:\s+[A-Z][\w'\u2019-]*)?\s*,?\s*(?:and\s+)?$")
_CHAIN_GAP = re.compile(r"^\s*(?:/|-|\u2013|,|and|or|, *and|, *or|\(|\[)?\s*$")  # "Jaber [Nasib] border crossing"
_LEAD_IN = re.compile(r"(?:(?<![a-z0-9])(?:the|a) +)?(?:(?<![a-z])(?:nearby|strategic|key|main|vital|official|important|remote|desert|sole|only|major|western|eastern|northern|southern|busy|border|frontier) +){0,2}(?:(?<![a-z])(?:al|el|ar|ash) +)?$")


def find_crossings(text: str, folded: str) -> tuple[list[Mention], list[Town]]:
    """Every named crossing mention (and every crossing town named as a town) in `text`."""
    gaz = gazetteer()
    hits = []
    for m in gaz.regex.finditer(folded):
        if _PERSON_BEFORE.search(folded, max(0, m.start() - 12), m.start()):
            continue  # "Khalid ibn al-Walid" is a man (and a brigade), not the crossing
        hits.append((m.start(), m.end(), gaz.posts[" ".join(m.group().split())]))
    hits += variant_hits(text, folded, gaz.skeletons, [(a, b) for a, b, _ in hits], gaz.skeleton_memo, gaz.known_words)
    hits.sort(key=lambda h: h[0])
    mentions: list[Mention] = []
    towns: list[Town] = []
    bare: list[Town] = []  # post names alone as the subject of a state, not told as places
    list_counter = 0
    i = 0
    while i < len(hits):
        chain = [hits[i]]
        while i + 1 < len(hits) and (_CHAIN_GAP.match(text[chain[-1][1]:hits[i + 1][0]])
                                     or _UNKNOWN_BETWEEN.match(text[chain[-1][1]:hits[i + 1][0]])):
            i += 1
            chain.append(hits[i])
        i += 1
        first, last = chain[0][0], chain[-1][1]
        before = folded[max(0, first - 70):first]
        after = folded[last:last + 50]
        noun_after = _NOUN_AFTER.match(after) or _LISTED_WITH_UNKNOWN.match(after)
        if (_TOWN_BEFORE.search(before) or _OTHER_PLACE_AFTER.match(after)) and not noun_after:  # not "their Arar desert crossing"
            for start, end, posts in chain:
                towns.extend(Town(start, end, p.crossing, p.country) for p in posts)
            continue
        lowered = text[max(0, first - 70):first].lower()
        example = _EXAMPLE_BEFORE.search(lowered)  # "the crossings with Syria, notably al-Qaim"
        if example:
            lowered = lowered[:example.start()] + ","
        apposition = _APPOSITION_BEFORE.search(lowered)
        context = bool(noun_after or _NOUN_BEFORE.search(before) or gazetteer().side_regex.search(before)
                       or _APPOSITION_AFTER.match(after)  # "Qaim, key border crossing"; "Kasab, the last border gate"
                       or _KNOWN_AS.match(after)  # "al-Tanf, known as al-Waleed in Iraq": a name of the crossing
                       or (_LIST_HEAD.match(after) and _LINE_START.search(text, max(0, first - 8), first))  # "- Tal Abyad: held by ..."
                       or (apposition and (len(chain) > 1 or example)))
        by_crossing: dict[str, list] = {}
        for start, end, posts in chain:
            usable = [p for p in posts if context or not p.is_town]
            if not usable and not _TOWN_BEFORE.search(before) and not _PLACE_PREP.search(before) and _SUBJECT_OF_STATE.match(folded, end):
                bare.extend(Town(start, end, p.crossing, p.country) for p in posts)
                continue
            if not usable:
                towns.extend(Town(start, end, p.crossing, p.country) for p in posts)
                continue
            for p in usable:
                by_crossing.setdefault(p.crossing, []).append((start, end, p.country))
        if not by_crossing:
            continue
        list_id = None
        if len(by_crossing) > 1:
            list_counter += 1
            list_id = list_counter
        explicit_side = gaz.side_regex.search(before)
        side_start = first - (len(before) - explicit_side.start()) if explicit_side else None
        noun_before = _NOUN_BEFORE.search(before)
        one_post = any(_POST_WORD.search(noun.group()) for noun in (noun_after, noun_before) if noun)
        for cid, spans in by_crossing.items():
            start, end = spans[0][0], spans[-1][1]
            post_countries = {country for _s, _e, country in spans}
            side = _side_named(cid, post_countries, one_post)
            if len(by_crossing) == 1 or cid == chain[0][2][0].crossing:
                if explicit_side:
                    side = gaz.side_words[explicit_side.group("country")]
                    start = side_start
                elif len(by_crossing) == 1:
                    if noun_before and "\n" not in text[first - len(before) + noun_before.start():first]:
                        start = first - len(before) + noun_before.start()  # "the border crossing at Tal Abyad"
                    lead = _LEAD_IN.search(folded[max(0, start - 40):start])
                    if lead and "\n" not in text[start - len(lead.group()):start]:
                        start -= len(lead.group())
            if len(by_crossing) == 1 and not explicit_side:
                side_after = _SIDE_AFTER.match(after[noun_after.end():] if noun_after else after)
                if side_after and gaz.side_words.get(side_after.group(1)) in gaz.countries.get(cid, ()):
                    side = gaz.side_words[side_after.group(1)]  # "the Al-Waleed border crossing on the Iraqi side"
            if side is None and len(by_crossing) == 1 and len(post_countries) == 1:  # "al Yarobiyyi/Rabia": both posts
                side = _side_from_countries(gaz, cid, before, after[noun_after.end():] if noun_after else None)
            if len(by_crossing) == 1 and noun_after:
                end = last + noun_after.end()
            named_post = next(iter(post_countries)) if len(post_countries) == 1 else None
            mentions.append(Mention(start, end, cid, side, "name", list_id, named_post))
    mentions.sort(key=lambda m: m.start)
    return _named_alone(mentions, towns, bare, folded)


_CROSSINGS_TOPIC = re.compile(r"(?<![a-z])(?:border +)?crossings?(?![a-z])")


def _named_alone(mentions: list[Mention], towns: list[Town], bare: list[Town], folded: str) -> tuple[list[Mention], list[Town]]:
    """ "The Albu Kamal crossing ... Only Abu Kamal is under rebel control": a post's name used alone as
    the subject of a state ("is under the control of", "is held by", "was seized by"), where the article
    names that crossing as a crossing or has just spoken of crossings ("the three main crossings between
    Iraq and Syria ... Only Abu Kamal is under rebel control"), is the crossing; told as a place it stays a town."""
    named = {m.crossing for m in mentions}
    for t in bare:
        if t.crossing in named or _CROSSINGS_TOPIC.search(folded, max(0, t.start - 400), t.start):
            mentions.append(Mention(t.start, t.end, t.crossing, _side_named(t.crossing, {t.country}, False), "name", None, t.country))
        else:
            towns.append(t)
    mentions.sort(key=lambda m: m.start)
    towns.sort(key=lambda t: t.start)
    return mentions, towns


_WITH_COUNTRY = re.compile(r" +(?:with|into|to|from) +(?:neighbou?ring +|the +)?([a-z]+)(?![a-z])")
_COUNTRY_OWNS = re.compile(r"(?<![a-z])([a-z]+)(?: s)? +(?:(?:main|key|vital|strategic|only|official|northern|southern|eastern|western) +)?$")


def _side_from_countries(gaz: Gazetteer, crossing: str, before: str, after_noun: str | None) -> str | None:
    """ "Syria's Nasib crossing": the owner's post; "the Nasib border crossing with Jordan": the post that
    is not in the country named after "with" (the country across the border)."""
    countries = gaz.countries.get(crossing, ())
    owner = _COUNTRY_OWNS.search(before)  # "Syria's Nasib crossing", "the Jordanian Jaber crossing"
    if owner and gaz.side_words.get(owner.group(1)) in countries and (owner.group(0).startswith(owner.group(1) + " s")
                                                                    or owner.group(1) not in ("iraq", "syria", "jordan", "turkey", "lebanon", "iran", "kuwait")):
        return gaz.side_words[owner.group(1)]
    across = _WITH_COUNTRY.match(after_noun) if after_noun is not None else None
    if across and gaz.side_words.get(across.group(1)) in countries and len(countries) == 2:
        return next(c for c in countries if c != gaz.side_words[across.group(1)])
    return None


def _side_named(crossing: str, post_countries: set, one_post: bool) -> str | None:
    """The side a name points at (explicit "<country> side of" is handled by the caller)."""
    if len(post_countries) != 1:
        return None  # "the Albu Kamal/Al Qaim crossing": both posts
    country = next(iter(post_countries))
    if one_post or len(crossing_countries(crossing)) == 1 or country not in gazetteer().named_after.get(crossing, ()):
        return country
    return None  # the crossing's common name: the text does not say which side


def side_phrase(folded: str, start: int, floor: int = 0) -> tuple[str | None, int]:
    """An explicit "the Syrian side of" just before `start`: (its country, where it starts)."""
    gaz = gazetteer()
    lo = max(floor, start - 40)
    m = gaz.side_regex.search(folded[lo:start])
    if not m:
        return None, start
    return gaz.side_words[m.group("country")], lo + m.start()


def region_side(folded: str, end: int, crossing: str) -> str | None:
    """ "the border crossing in western Anbar": the country of a province named right after a
    reference, when it is one of the crossing's (a province lies on one side of the border)."""
    gaz = gazetteer()
    m = gaz.region_regex.match(folded, end, end + 80)
    if not m:
        return None
    if gaz.another_region.match(folded, m.end(), m.end() + 80):
        return None  # "in Syria's Deir al Zour and Iraq's Anbar province": both sides
    country = gaz.regions.get(" ".join(m.group(1).split()))
    return country if country in gaz.countries.get(crossing, ()) else None



def post_authority(crossing: str, country: str | None) -> str | None:
    """Who runs a post when it is not the state's government (gazetteer 'authority')."""
    return gazetteer().authorities.get((crossing, country))


def crossing_closer(crossing: str) -> str | None:
    """Who closes and reopens the crossing whichever post a report names (gazetteer 'closed_and_opened_by')."""
    return gazetteer().closers.get(crossing)


def countries_near(folded: str, start: int, end: int, reach: int = 40) -> set[str]:
    """The countries whose names or adjectives stand within `reach` characters of [start, end)."""
    gaz = gazetteer()
    return {gaz.side_words[m.group()] for m in gaz.country_regex.finditer(folded, max(0, start - reach), end + reach)}


def regions_near(folded: str, pos: int, reach: int = 200) -> set[str]:
    """The countries of the provinces named within `reach` characters of `pos`."""
    gaz = gazetteer()
    return {gaz.regions[" ".join(m.group().split())] for m in gaz.regions_regex.finditer(folded, max(0, pos - reach), pos + reach)}


def province_named(folded: str, crossing: str, start: int, end: int) -> bool:
    """Whether a province one of the crossing's posts lies in is named near [start, end)."""
    pattern = gazetteer().provinces.get(crossing)
    return bool(pattern and pattern.search(folded, max(0, start - 60), end + 80))


def crossing_countries(crossing: str) -> tuple[str, ...]:
    return gazetteer().countries.get(crossing, ())
