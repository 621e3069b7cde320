"""Words the rules planner knows: nouns, plurals, synonyms, numbers, adjectives, phrases.

Pure data plus a few small word functions; no parsing happens here. Canonical nouns
are lowercase and singular; the 80 GenEval (COCO) class names are canonical exactly as
GenEval spells them (``"tv"``, ``"couch"``, ``"hair drier"``, ``"skis"``...).

Phrase tables are keyed by tuples of tokens so the planner can match them on a token
list without regular expressions.
"""

from __future__ import annotations

from ..scene import COLORS


def words(text: str) -> list[str]:
    """Split a space-separated word list (keeps the tables below short to read)."""
    return text.split()


# -- nouns ----------------------------------------------------------------------------------
COCO_NAMES: tuple[str, ...] = (
    "person", "bicycle", "car", "motorcycle", "airplane", "bus", "train", "truck", "boat",
    "traffic light", "fire hydrant", "stop sign", "parking meter", "bench", "bird", "cat",
    "dog", "horse", "sheep", "cow", "elephant", "bear", "zebra", "giraffe", "backpack",
    "umbrella", "handbag", "tie", "suitcase", "frisbee", "skis", "snowboard", "sports ball",
    "kite", "baseball bat", "baseball glove", "skateboard", "surfboard", "tennis racket",
    "bottle", "wine glass", "cup", "fork", "knife", "spoon", "bowl", "banana", "apple",
    "sandwich", "orange", "broccoli", "carrot", "hot dog", "pizza", "donut", "cake", "chair",
    "couch", "potted plant", "bed", "dining table", "toilet", "tv", "laptop", "computer mouse",
    "tv remote", "computer keyboard", "cell phone", "microwave", "oven", "toaster", "sink",
    "refrigerator", "book", "clock", "vase", "scissors", "teddy bear", "hair drier",
    "toothbrush",
)  # fmt: skip
"""The 80 GenEval class names, canonical spellings."""

_OTHER_NOUNS = words("""
circle square rectangle oval triangle rhombus pentagon hexagon octagon sphere cylinder cone
pyramid arrow
clothing clothes traffic goggles chopsticks maracas noodles
mouse rabbit pig chicken chick duck owl eagle parrot penguin swan flamingo fish shark whale
dolphin octopus crab turtle snake frog lion tiger monkey fox panda koala kangaroo camel deer
goat squirrel hedgehog bee butterfly ladybug ant snail spider dinosaur dragon unicorn
crocodile wolf goose hamster puppy kitten pony donkey bat owl lizard bunny
pear peach cherry strawberry grape watermelon lemon pineapple tomato potato corn mushroom
eggplant cucumber avocado hamburger bread cheese egg cookie ice cream cupcake pie croissant
pancake taco sushi french fries popcorn candy lollipop chocolate milk salad spaghetti soup
coffee tea teapot mug plate taxi ambulance fire truck police car van tractor helicopter
rocket ship canoe scooter tram sled wheelchair ufo pencil pen crayon paintbrush ruler
notebook globe microscope telescope magnifying glass computer camera guitar piano violin
trumpet drum headphones microphone trophy gift balloon candle light bulb flashlight key lock
hammer wrench axe ladder bucket broom basket shopping cart envelope newspaper map bell crown
hat cap glasses shirt dress shoe boot sock scarf coat ring watch basketball football
baseball volleyball dice anchor flag diamond coin bone rock log feather shell heart bathtub
door window mirror picture trash can radio telephone sun cloud rain snowflake snowman
rainbow lightning star moon fire planet tree pine tree palm tree christmas tree cactus
flower rose tulip sunflower bouquet leaf maple leaf clover sprout plant house school castle
building hospital church tent hut mountain volcano fountain lamp desk table sofa box bag
jar glass sign toy ball hat robot alien ghost fairy wizard princess prince santa
astronaut chef doctor teacher farmer firefighter student scientist artist pilot runner
police officer man woman child boy girl baby lamb calf leaf knife wife elf thief loaf
shelf scarf wolf hero tomato potato mango volcano cookie cube sphere cone pyramid cylinder
block brick stone pebble tower bridge road fence gate wall floor carpet rug pillow blanket
curtain shelf cabinet drawer stool bottle cup kettle pan pot spatula tray napkin towel
soap sponge brush comb toothpaste umbrella wallet purse belt jacket sweater hoodie skirt
pants jeans shorts trousers sunglasses binoculars sandal slipper glove mitten helmet
backpack tablet phone screen keyboard printer speaker battery cable clock watch
nest web hive island lake river pond waterfall cave hill field garden farm barn
rhinoceros can olive city wood
""")
_OTHER_MULTI = (
    "ice cream", "french fries", "fire truck", "police car", "magnifying glass",
    "light bulb", "shopping cart", "trash can", "pine tree", "palm tree", "christmas tree",
    "maple leaf", "police officer", "water drop", "soccer ball", "tennis ball", "teddy bear",
    "polar bear", "hot air balloon", "race car", "sports car", "school bus", "cell phone",
    "coffee cup", "coffee mug", "water bottle", "paper plane", "spider web", "birthday cake",
    "tea cup", "cowboy hat", "top hat", "baseball cap", "rubber duck", "video game",
    # nouns the built-in engine has artwork for (issue 4)
    "traffic cone", "watering can", "fishing pole", "hockey stick", "boxing glove",
    "diving mask", "petri dish", "safety pin", "sewing needle", "magic wand", "nesting doll",
    "money bag", "shopping bag", "musical note", "floppy disk", "shooting star", "full moon",
    "tropical fish", "toilet paper", "hiking boot", "military helmet", "satellite dish",
    "rugby ball", "bow and arrow", "statue of liberty",
    "fried egg", "crystal ball", "confetti ball", "curling stone", "framed picture",
    "leafless tree", "milky way", "old key", "party popper", "rice ball",
    "shaved ice", "snowy mountain", "wedding chapel", "wilted flower", "ping pong",
)  # fmt: skip

KNOWN_NOUNS: frozenset[str] = frozenset(COCO_NAMES + _OTHER_MULTI + tuple(_OTHER_NOUNS))
"""Canonical nouns the planner recognises as heads of noun phrases."""

SYNONYMS: dict[str, str] = {
    "television": "tv", "tv set": "tv", "telly": "tv",
    "sofa": "couch", "settee": "couch",
    "phone": "cell phone", "cellphone": "cell phone", "mobile phone": "cell phone",
    "smartphone": "cell phone", "mobile": "cell phone", "iphone": "cell phone",
    "smart phone": "cell phone",
    "doughnut": "donut",
    "hairdryer": "hair drier", "hair dryer": "hair drier", "hairdrier": "hair drier",
    "blow dryer": "hair drier", "blowdryer": "hair drier",
    "ball": "sports ball",
    "table": "dining table", "dinner table": "dining table", "kitchen table": "dining table",
    "plant": "potted plant", "houseplant": "potted plant", "pot plant": "potted plant",
    "plant pot": "potted plant",
    "remote": "tv remote", "remote control": "tv remote", "tv remote control": "tv remote",
    "keyboard": "computer keyboard",
    "fridge": "refrigerator", "freezer": "refrigerator",
    "motorbike": "motorcycle", "bike": "bicycle", "push bike": "bicycle",
    "plane": "airplane", "aeroplane": "airplane", "jet": "airplane", "airliner": "airplane",
    "automobile": "car", "sedan": "car",
    "lorry": "truck", "pickup truck": "truck",
    "puppy": "dog", "doggy": "dog", "doggo": "dog", "hound": "dog",
    "kitten": "cat", "kitty": "cat",
    "bunny": "rabbit",
    "racket": "tennis racket", "racquet": "tennis racket", "tennis racquet": "tennis racket",
    "bat glove": "baseball glove", "mitt": "baseball glove", "baseball mitt": "baseball glove",
    "ski": "skis", "pair of skis": "skis",
    "purse": "handbag", "hand bag": "handbag",
    "rucksack": "backpack", "knapsack": "backpack", "back pack": "backpack",
    "necktie": "tie", "bow tie": "tie",
    "luggage": "suitcase",
    "frisbe": "frisbee",
    "teddy": "teddy bear",
    "microwave oven": "microwave",
    "wineglass": "wine glass",
    "hotdog": "hot dog",
    "bench seat": "bench",
    "toilet bowl": "toilet",
    "couch potato": "couch",
    "burger": "hamburger", "cheeseburger": "hamburger",
    "fries": "french fries", "chips": "french fries",
    "cellular phone": "cell phone",
    "computer screen": "tv", "monitor": "tv",
    "notebook computer": "laptop",
    "mug": "mug", "teacup": "tea cup",
    "aircraft": "airplane",
    "sailboat": "boat", "rowboat": "boat", "yacht": "boat",
    "taxicab": "taxi", "cab": "taxi",
    "kid": "child", "toddler": "child", "infant": "baby",
    "parking metre": "parking meter",
    "stoplight": "traffic light", "traffic signal": "traffic light",
    "hydrant": "fire hydrant",
    "pc": "computer",
    "flower pot": "potted plant", "flowerpot": "potted plant",
    "ladybird": "ladybug",
    "soccer ball": "football",
    "bow-and-arrow": "bow and arrow", "bows-and-arrows": "bow and arrow",
    "statue-of-liberty": "statue of liberty", "tincan": "can", "tin can": "can",
    "soda can": "can", "rhino": "rhinoceros",
}  # fmt: skip
"""Word or phrase -> canonical noun."""

PERSON_WORDS: frozenset[str] = frozenset(
    words(
        "man woman boy girl child baby lady gentleman guy gal kid teenager adult grandma "
        "grandpa grandmother grandfather mother father mom dad son daughter someone somebody"
    )
)
"""Singular words drawn as ``"person"``; the word itself is kept as attribute ``kind``."""

MULTI_WORD_NOUNS: dict[tuple[str, ...], str] = {
    tuple(n.split()): n for n in KNOWN_NOUNS | set(SYNONYMS) if " " in n
}
"""Token tuple -> the noun phrase it spells (before synonym mapping)."""

MAX_NOUN_WORDS = max(len(k) for k in MULTI_WORD_NOUNS)

# -- plurals ----------------------------------------------------------------------------------
IRREGULAR_PLURALS: dict[str, str] = {
    "mice": "mouse", "geese": "goose", "people": "person", "persons": "person",
    "children": "child", "men": "man", "women": "woman", "gentlemen": "gentleman",
    "policemen": "policeman", "firemen": "fireman", "feet": "foot", "teeth": "tooth",
    "oxen": "ox", "cacti": "cactus", "fungi": "fungus", "octopi": "octopus", "dice": "dice",
    "knives": "knife", "wives": "wife", "lives": "life", "leaves": "leaf", "wolves": "wolf",
    "calves": "calf", "halves": "half", "loaves": "loaf", "shelves": "shelf",
    "thieves": "thief", "elves": "elf", "scarves": "scarf", "hooves": "hoof",
    "buses": "bus", "busses": "bus", "gases": "gas", "lenses": "lens", "quizzes": "quiz",
    "potatoes": "potato", "tomatoes": "tomato", "heroes": "hero", "mangoes": "mango",
    "volcanoes": "volcano", "echoes": "echo", "dominoes": "domino", "torpedoes": "torpedo",
    "ladies": "lady", "babies": "baby", "puppies": "puppy", "kitties": "kitty",
    "cookies": "cookie", "movies": "movie", "zombies": "zombie", "pies": "pie",
    "ties": "tie", "brownies": "brownie", "hippies": "hippie", "goalies": "goalie",
    "mongooses": "mongoose", "moose": "moose", "deer": "deer", "sheep": "sheep",
    "fish": "fish", "salmon": "salmon", "trout": "trout", "shrimp": "shrimp",
    "bison": "bison", "aircraft": "aircraft", "species": "species", "series": "series",
    "skis": "skis", "scissors": "scissors", "glasses": "glasses", "sunglasses": "sunglasses",
    "headphones": "headphones", "binoculars": "binoculars", "pants": "pants",
    "jeans": "jeans", "shorts": "shorts", "trousers": "trousers", "french fries": "french fries",
    "fries": "fries", "chips": "chips", "sheeps": "sheep", "fishes": "fish",
    "horses": "horse", "houses": "house", "vases": "vase", "roses": "rose", "noses": "nose",
    "cheeses": "cheese", "cases": "case", "suitcases": "suitcase", "purses": "purse",
    "bases": "base", "rhinoceroses": "rhinoceros", "rhinos": "rhinoceros",
    "goggles": "goggles", "chopsticks": "chopsticks", "maracas": "maracas",
    "noodles": "noodles",
}  # fmt: skip
"""Plural -> singular where the regular rules fail or a known noun looks plural."""

PAIR_NOUNS: frozenset[str] = frozenset(
    words("""skis scissors glasses sunglasses headphones binoculars pants jeans shorts trousers
    goggles chopsticks maracas""")
)
"""Nouns that name one thing made of a pair: "a pair of scissors" is one."""


def singular(word: str) -> str:
    """Return the singular of ``word`` (lowercase), or ``word`` if it looks singular.

    Known nouns win over the regular rules ("bus", "glass", "skis" stay as they are),
    so GenEval's made-up plurals ("benchs", "knifes", "sheeps") come out right too.
    """
    if word in IRREGULAR_PLURALS:
        return IRREGULAR_PLURALS[word]
    if _known(word) or len(word) < 3 or not word.endswith("s"):
        return word
    for cand in _candidates(word):
        if _known(cand):
            return cand
    if word.endswith(("ss", "us", "is", "'s")):
        return word
    if word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith(("sses", "xes", "zzes", "ches", "shes", "oes")):
        return word[:-2]
    return word[:-1]


def _candidates(word: str) -> list[str]:
    out = [word[:-1]]
    if word.endswith("es"):
        out.append(word[:-2])
    if word.endswith("ies"):
        out.append(word[:-3] + "y")
    if word.endswith("ves"):
        out += [word[:-3] + "f", word[:-3] + "fe"]
    return out


def _known(word: str) -> bool:
    return word in KNOWN_NOUNS or word in SYNONYMS or word in PERSON_WORDS


JOINED_PHRASES: dict[tuple[str, ...], str] = {
    ("bow", "and", "arrow"): "bow-and-arrow", ("bows", "and", "arrows"): "bows-and-arrows",
    ("statue", "of", "liberty"): "statue-of-liberty",
    ("upside", "down"): "upside-down", ("depth", "of", "field"): "depth-of-field",
    ("body", "of", "water"): "body-of-water", ("bodies", "of", "water"): "body-of-water",
}  # fmt: skip
SYNONYMS["body-of-water"] = "water"  # "a field near a body of water": the water
for _n in sorted(KNOWN_NOUNS):
    if _n.endswith(" can"):  # "a trash can": "can" alone would read as a verb
        JOINED_PHRASES[tuple(_n.split())] = _n.replace(" ", "-")
        SYNONYMS[_n.replace(" ", "-")] = _n
"""Nouns spelled with a joining word ("and", "of", a verb-like "can") that would split a
phrase: read as one token (see :func:`join_phrases`), which :data:`SYNONYMS` maps back."""
NOUN_CAN_BEFORE = frozenset(
    words("a an the this that one each every tin soda food drink metal empty old open paint")
)
"""Words after which "can" is the noun ("a can", "the red can"), not "can you draw"."""


def join_phrases(tokens: list[str]) -> list[str]:
    """Return ``tokens`` with :data:`JOINED_PHRASES` joined into one token and a noun
    "can" ("a can", "two red cans") spelled ``tincan`` so it is not read as a verb."""
    out: list[str] = []
    i, n = 0, len(tokens)
    while i < n:
        for key, joined in JOINED_PHRASES.items():
            if tuple(tokens[i : i + len(key)]) == key:
                out.append(joined)
                i += len(key)
                break
        else:
            word = tokens[i]
            prev = out[-1] if out else ""
            if word == "can" and (
                prev in NOUN_CAN_BEFORE or prev in NUMBER_WORDS or prev.isdigit()
                or color_of(prev) is not None or prev in ADJECTIVES
            ):  # fmt: skip
                word = "tincan"
            out.append(word)
            i += 1
    return out


def is_plural(word: str) -> bool:
    """Whether ``word`` is a plural form ("apples", "mice"; not "sheep" or "skis")."""
    return singular(word) != word


# -- numbers ----------------------------------------------------------------------------------
NUMBER_WORDS: dict[str, int] = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fourty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip
MULTIPLIERS: dict[str, int] = {
    "dozen": 12, "hundred": 100, "thousand": 1000, "million": 1_000_000,
    "billion": 1_000_000_000,
}  # fmt: skip

QUANTIFIERS: dict[tuple[str, ...], int] = {
    ("a", "pair", "of"): 2, ("pair", "of"): 2, ("a", "couple", "of"): 2, ("a", "couple"): 2,
    ("couple", "of"): 2, ("a", "dozen"): 12, ("dozens", "of"): 24, ("hundreds", "of"): 200,
    ("thousands", "of"): 2000, ("a", "few"): 3, ("few",): 3, ("several",): 3, ("some",): 3,
    ("multiple",): 3, ("a", "number", "of"): 4, ("many",): 6, ("lots", "of"): 6,
    ("a", "lot", "of"): 6,
    ("plenty", "of"): 6, ("numerous",): 6, ("a", "bunch", "of"): 5, ("a", "group", "of"): 5,
    ("a", "herd", "of"): 5, ("a", "flock", "of"): 5, ("a", "pack", "of"): 5,
    ("a", "crowd", "of"): 8, ("a", "school", "of"): 5, ("a", "swarm", "of"): 8,
    ("a", "row", "of"): 5, ("a", "line", "of"): 5, ("a", "pile", "of"): 5,
    ("a", "stack", "of"): 5, ("a", "set", "of"): 4, ("a", "team", "of"): 5, ("both",): 2,
    ("a", "single"): 1, ("single",): 1, ("a", "lone"): 1, ("lone",): 1, ("an",): 1, ("a",): 1,
    ("another",): 1, ("a", "piece", "of"): 1, ("a", "slice", "of"): 1,
    ("an", "assortment", "of"): 5, ("an", "arrangement", "of"): 5, ("a", "collection", "of"): 5,
    ("a", "variety", "of"): 5, ("a", "circle", "of"): 5, ("a", "cluster", "of"): 5,
    ("a", "heap", "of"): 5, ("a", "bundle", "of"): 5, ("a", "grid", "of"): 6,
    ("a", "family", "of"): 4, ("a", "litter", "of"): 5, ("a", "bouquet", "of"): 7,
}  # fmt: skip
"""Quantifier phrase -> count (the largest are capped later, with a note)."""

MAX_QUANTIFIER_WORDS = max(len(k) for k in QUANTIFIERS)
COLLECTIVES = frozenset(
    words("""group herd flock pack crowd school swarm row line pile stack bunch team assortment
    arrangement collection variety circle cluster heap bundle grid family litter bouquet""")
)
"""Quantifier nouns that also say how the things stand together ("a row of bottles"): kept
as the things' ``arrangement``."""

DEFAULT_PLURAL_COUNT = 3
PAIRED = frozenset(
    words("""hand arm leg foot eye ear wing knee elbow shoulder hip ankle wrist thigh cheek shoe
    boot glove sock sneaker earring antler horn pocket""")
)
"""Things that come in twos: "his hands", "blue wings" are two, not :data:`DEFAULT_PLURAL_COUNT`."""


def plural_count(name: str) -> int:
    """Return the count of a bare plural ``name``: 2 for :data:`PAIRED` things, else 3."""
    return 2 if name.rpartition(" ")[2] in PAIRED else DEFAULT_PLURAL_COUNT
"""Count for a bare plural ("apples") or "some"/"several"."""

DETERMINERS: frozenset[str] = frozenset(
    words("the this that these those its his her their my your our each every any")
)
"""Words that start a noun phrase; all but "each"/"every"/"any" make it definite."""

MORE_WORDS: frozenset[str] = frozenset(words("more another extra additional other"))
PRONOUNS: frozenset[str] = frozenset(words("it them they him she he one")) - {"one"}

# -- adjectives -------------------------------------------------------------------------------
COLOR_SYNONYMS: dict[str, str] = {
    "grey": "gray", "golden": "gold", "violet": "purple", "lavender": "purple",
    "lilac": "purple", "crimson": "red", "scarlet": "red", "ruby": "red", "aqua": "cyan",
    "tan": "beige", "cream": "beige", "ivory": "white", "lime": "green", "olive": "green",
    "emerald": "green", "indigo": "navy", "amber": "orange", "azure": "blue",
    "fuchsia": "magenta", "rosy": "pink", "silvery": "silver", "khaki": "beige",
    "burgundy": "maroon", "sky-blue": "blue", "navy-blue": "navy", "jet-black": "black",
    "snow-white": "white", "blond": "gold", "blonde": "gold",
}  # fmt: skip


def color_of(word: str) -> str | None:
    """Return the canonical colour name for ``word`` ("grey" -> "gray"), or ``None``."""
    if word in COLORS:
        return word
    return COLOR_SYNONYMS.get(word)


SHADES = frozenset(words("light dark bright pale deep pastel neon vivid"))

ADJECTIVES: dict[str, tuple[str, str]] = {}
"""Word -> (attribute key, value) for adjectives other than colours."""
for _w in words("big large huge giant gigantic enormous small tiny little miniature tall short"):
    ADJECTIVES[_w] = ("size", {"giant": "huge", "gigantic": "huge", "enormous": "huge",
                               "little": "small", "miniature": "tiny"}.get(_w, _w))  # fmt: skip
for _w, _v in {
    "wooden": "wooden",
    "wood": "wooden",
    "metal": "metal",
    "metallic": "metal",
    "steel": "metal",
    "iron": "metal",
    "glass": "glass",
    "plastic": "plastic",
    "stone": "stone",
    "paper": "paper",
    "ceramic": "ceramic",
    "porcelain": "ceramic",
    "leather": "leather",
    "rubber": "rubber",
    "cardboard": "cardboard",
    "marble": "marble",
    "brick": "brick",
    "crystal": "glass",
    "woolen": "wool",
    "wool": "wool",
    "knitted": "wool",
    "fabric": "fabric",
    "clay": "clay",
    "concrete": "stone",
    "velvet": "fabric",
}.items():
    ADJECTIVES[_w] = ("material", _v)
for _w in words("striped spotted dotted checkered plaid polka-dot patterned floral"):
    ADJECTIVES[_w] = ("pattern", _w)
for _w in words(
    "cute fluffy furry shiny happy sad angry sleepy old young new ancient modern "
    "fat wet dry broken shiny sparkly glowing smiling hairy fuzzy cuddly "
    "beautiful pretty ugly scary funny friendly wild fancy simple rusty dirty clean empty "
    "full open closed wooly hot cold frozen fresh ripe rotten sliced vintage retro "
    "colorful colourful transparent giant-sized baby calm quiet busy crowded bare lone lonely "
    "dense sparse blind weak strong elegant different various assorted visible delicate sharp "
    "lifelike vivid intricate gothic surreal epic dramatic moody dreamy ethereal gorgeous "
    "minimal minimalist sleek abstract nice good bad great wrong best worst lovely adorable "
    "overcast morbid leftmost rightmost topmost starving skeletal sick healthy hungry thirsty "
    "tired lazy proud brave shy nervous excited bored confused surprised worried dark-haired "
    "elderly teenage rich poor famous local foreign strange weird odd unusual ordinary plain "
    "fake real rare upside-down inside-out cozy cosy messy neat tidy shabby luxurious cheap "
    "expensive heavy gentle fierce cruel evil wise silly crazy bald naked dim dull faded bold "
    "solid hollow loose"
):
    ADJECTIVES.setdefault(_w, ("detail", _w))
ADJECTIVES.pop("baby", None)
for _w in words(
    "long narrow wide broad round square rectangular triangular circular oval curved curvy "
    "pointy pointed spherical cylindrical hexagonal octagonal thick thin flat-topped chunky"
):
    ADJECTIVES.setdefault(_w, ("shape", _w))
for _w in words(
    "smooth rough matte glossy shiny fluffy furry fuzzy hairy silky velvety grainy bumpy "
    "wrinkled crinkled slimy sticky scaly feathery woolly wooly soft hard coarse polished "
    "textured jagged cracked sparkly glittery"
):
    ADJECTIVES.setdefault(_w, ("texture", _w))

ADJECTIVE_SUFFIXES = ("ful", "ous", "ish", "ive", "less", "ic", "ical", "able", "ible", "ary")
"""Endings of unknown words read as adjectives rather than nouns."""

ATTRIBUTE_ORDER = (
    "color", "color2", "color3", "shade", "size", "shape", "material", "pattern", "texture",
    "detail", "arrangement", "kind", "text",
)  # fmt: skip

# -- phrases ----------------------------------------------------------------------------------
RELATIONS: dict[tuple[str, ...], tuple[str, bool]] = {}
"""Token phrase -> (predicate, reversed). ``reversed`` means "A wearing B" is "B on A"."""
for _phr, _pred in {
    "to the left of|on the left of|left of|at the left of|to the left side of|"
    "on the left side of|left side of|leftward of|left to": "left of",
    "to the right of|on the right of|right of|at the right of|to the right side of|"
    "on the right side of|right side of|rightward of|right to": "right of",
    "above|over|higher than|up above": "above",
    "below|lower than|down below": "below",
    "on top of|on|upon|onto|atop|on the top of|sitting on|standing on|lying on|resting on": "on",
    "under|beneath|underneath|under the bottom of": "under",
    "in front of|in the front of|at the front of": "in front of",
    "behind|in back of|at the back of|in the back of": "behind",
    "next to|beside|besides|near|by|alongside|close to|near to|nearby|by the side of|"
    "at the side of|adjacent to|beside of|next|with|together with|on the side of|"
    "to the side of|on either side of|on both sides of|on each side of": "next to",
    "in|inside|within|inside of|into|in the middle of|filled with": "inside",
    "holding|holds|hold|carrying|carries|carry|grabbing|grips|gripping|clutching": "holding",
}.items():
    for _p in _phr.split("|"):
        RELATIONS[tuple(_p.split())] = (_pred, False)
# "with" and "filled with" are handled by the planner itself, not as relations.
for _drop in (("with",), ("together", "with"), ("filled", "with"), ("next",)):
    RELATIONS.pop(_drop, None)
for _p in ("wearing", "wears", "wear", "has on", "dressed in"):
    RELATIONS[tuple(_p.split())] = ("on", True)
for _p in ("riding", "rides", "ride", "riding on", "sitting in", "sitting inside"):
    RELATIONS[tuple(_p.split())] = ("on", False) if "rid" in _p else ("inside", False)
RELATIONS[("filled", "with")] = ("inside", True)
RELATIONS[("full", "of")] = ("inside", True)
for _p in ("contains", "containing", "contain", "holds inside"):  # "a jar that contains jam"
    RELATIONS[tuple(_p.split())] = ("inside", True)
RELATIONS[("at",)] = ("next to", False)  # "a man at a table" ("at night" is a background)
for _p in (
    "around",
    "surrounding",
    "surrounded by",
    "along",
    "past",
    "against",
    "leaning against",
    "across from",
    "opposite",
    "opposite to",
    "outside",
    "outside of",
    "toward",
    "towards",
):  # near it, side by side: "people around a table", "a bike against a wall"
    RELATIONS[tuple(_p.split())] = ("next to", False)
for _p in (
    "hanging from",
    "hangs from",
    "hung from",
    "hang from",
    "suspended from",
    "dangling from",
    "hanging under",
    "hangs under",
):  # "a lamp hanging from the ceiling"
    RELATIONS[tuple(_p.split())] = ("under", False)
for _p in ("down the", "down a", "up the", "up a"):  # "walking down the street"
    RELATIONS[tuple(_p.split())] = ("on", False)
for _p in ("through", "across", "throughout", "amid", "amidst"):
    RELATIONS[tuple(_p.split())] = ("inside", False)  # "a fox running through the grass"
for _p in ("topped with", "covered with", "covered in", "decorated with", "sprinkled with"):
    RELATIONS[tuple(_p.split())] = ("on", True)  # "a plate topped with broccoli"
MAX_RELATION_WORDS = max(len(k) for k in RELATIONS)

BETWEEN_WORDS = frozenset({"between", "among", "amongst", "amid"})

POSITIONS: dict[tuple[str, ...], str] = {}
"""Phrase naming a place in the picture -> ``left``/``right``/``top``/``bottom``/``center``."""
for _phr, _pos in {
    "on the left|to the left|at the left|in the left|on the left side|on the left hand side": (
        "left"
    ),
    "on the right|to the right|at the right|in the right|on the right side|"
    "on the right hand side": "right",
    "at the top|on top|in the top|up top|at the top of the picture": "top",
    "at the bottom|in the bottom|on the bottom": "bottom",
    "in the middle|in the center|in the centre|at the center|at the centre": "center",
}.items():
    for _p in _phr.split("|"):
        POSITIONS[tuple(_p.split())] = _pos
for _v, _vs in (("top", ("top", "upper")), ("bottom", ("bottom", "lower"))):
    for _h in ("left", "right"):
        for _word in _vs:
            for _lead in ("in the", "at the", "on the", "to the"):
                for _tail in ("", " corner", " hand corner", " side", " of the picture",
                              " of the image", " corner of the picture", " corner of the image"):
                    POSITIONS[tuple(f"{_lead} {_word} {_h}{_tail}".split())] = f"{_v} {_h}"
                POSITIONS[tuple(f"{_lead} {_word}-{_h}".split())] = f"{_v} {_h}"
for _frame in ("picture", "image", "frame", "scene"):  # "in the middle of the picture"
    for _lead in ("in the middle", "in the center", "in the centre", "at the center"):
        POSITIONS[tuple(f"{_lead} of the {_frame}".split())] = "center"
    for _side in ("left", "right", "top", "bottom"):
        for _lead in ("on the", "at the", "in the", "to the"):
            for _mid in ("", " side", " hand side", " edge", " part"):
                POSITIONS[tuple(f"{_lead} {_side}{_mid} of the {_frame}".split())] = _side
MAX_POSITION_WORDS = max(len(k) for k in POSITIONS)

HAND_WORDS = frozenset({"hand", "hands", "paw", "paws", "mouth", "arms", "arm", "beak", "grip"})

CONTAINERS = frozenset(
    [
        *words("bowl basket box cup mug jar bag bucket glass vase plate tray pot pan crate bottle"),
        *("wine glass", "tea cup", "coffee cup", "coffee mug", "fish tank", "aquarium", "cage"),
    ]
)
"""Nouns for which "a bowl of apples" means the apples are inside the bowl."""
SURFACES = frozenset(words("plate tray platter dish board"))
"""Containers whose contents lie on them: "a plate of food" is food on a plate."""

# -- style and background -------------------------------------------------------------------
STYLES: dict[tuple[str, ...], str] = {}
"""Phrase -> style name; these words mean a style wherever they appear."""
for _phr, _style in {
    "watercolor|watercolour|watercolors|watercolours|water color|water colour|aquarelle|"
    "watercolor painting|watercolour painting": "watercolor",
    "pixel art|pixel-art|pixelated|pixel|8-bit|8 bit|pixel style|retro game": "pixel art",
    "pencil sketch|pencil drawing|sketched|charcoal|charcoal drawing|line drawing|"
    "line art|pencil": "pencil sketch",
    "cartoon|cartoonish|cartoony|comic|comic book|anime|manga|toon|animated": "cartoon",
    "oil painting|oil paint|oil painted|oil on canvas|impressionist|oil": "oil painting",
    "flat|flat illustration|flat design|flat style|flat vector|flat vector art|flat art|"
    "flat colour|flat color|flat colors|flat colours|flat drawing|flat image|flat picture|"
    "flat icon|flat graphic|flat cartoon": "flat",
    "outlined|outline of|outline drawing|outlined drawing|outline style|thick outlines|"
    "bold outlines": "outlined",
    "sticker|sticker of|a sticker of|sticker style|sticker art|die-cut sticker": "sticker",
}.items():
    for _p in _phr.split("|"):
        STYLES[tuple(_p.split())] = _style
# "pencil" and "oil" alone are nouns unless followed by "style" or used as "in pencil"
WEAK_STYLE_WORDS = frozenset(
    {("pencil",), ("oil",), ("pixel",), ("comic",), ("animated",), ("flat",), ("sticker",)}
)  # "a flat tire", "a sticker on a laptop": styles only as "in a flat style", "flat
# illustration", "a sticker of a cat"...
MAX_STYLE_WORDS = max(len(k) for k in STYLES)

GENERIC_STYLES: dict[str, str | None] = {
    "photo": None, "photograph": None, "picture": None, "image": None, "pic": None,
    "snapshot": None, "render": None, "rendering": None, "illustration": None,
    "artwork": None, "scene": None, "view": None, "shot": None, "close-up": None,
    "painting": "oil painting", "drawing": "pencil sketch", "sketch": "pencil sketch",
    "doodle": "pencil sketch", "cartoon": "cartoon",
}  # fmt: skip
"""Words meaning "a picture of" (only as "a photo of ..." or "in ... style")."""
STYLE_ADJECTIVES = frozenset(
    {"realistic", "photorealistic", "photo-realistic", "hyperrealistic", "detailed",
     "high-quality", "hd", "4k", "8k", "professional", "beautiful", "stunning"}
)  # fmt: skip

BACKGROUNDS: dict[tuple[str, ...], str] = {}
"""Place phrase (after "in"/"on"/"at"...) -> background name."""
for _phr, _bg in {
    "night|nighttime|night time|the night|midnight|dark night|starry night|night sky|"
    "starry sky|dark sky|night-sky": "night",
    "forest|woods|wood|jungle|rainforest|rain forest": "forest",
    "beach|seaside|shore|seashore|sand": "beach",
    "snow|snowy field|snowfield|winter": "snow",
    "space|outer space|the cosmos|cosmos|galaxy": "space",
    "sunset|dusk|twilight|evening|sunset sky|evening sky": "sunset",
    "sunrise|dawn|morning": "sunrise",
    "room|living room|bedroom|house|home": "room",
    "classroom|school|school room": "classroom",
    "grass|lawn|meadow|field|grassland|grassy field|pasture": "grass",
    "kitchen": "kitchen",
    "city|street|town|downtown|road": "city",
    "desert": "desert",
    "mountains|mountain|hills": "mountains",
    "park|garden": "park",
    "sky|clouds|air|blue sky|clear sky|cloudy sky|open sky": "sky",
    "farm|countryside": "farm",
    "day|daytime|daylight|the day|broad daylight|sunshine|sun": "day",
    "rain|the rain": "rain",
    "storm|thunderstorm|rainstorm|stormy weather|a storm": "storm",
    "autumn|fall|the fall|autumn time|the autumn": "autumn",
    "spring|springtime|the spring": "spring",
    "summer|summertime|the summer": "summer",
    "office": "office",
    "library": "library",
    "ocean|sea|lake|water|river": "ocean",
}.items():
    for _p in _phr.split("|"):
        BACKGROUNDS[tuple(_p.split())] = _bg
TIMELESS = frozenset({"space", "sky", "underwater"})
"""Places a time of day does not change (the time replaces them instead)."""


SEASONS = frozenset({"autumn", "spring", "summer"})
"""Backgrounds read only after "in" or "during" ("a park in spring", not "on a spring")."""
UNDERWATER_AFTER = frozenset({("sea",), ("ocean",), ("water",), ("the", "sea"), ("lake",)})
BACKGROUND_PREPOSITIONS = frozenset(
    {"in", "on", "at", "during", "by", "inside", "within", "through", "across", "along"}
)
MAX_BACKGROUND_WORDS = max(len(k) for k in BACKGROUNDS)
STANDALONE_BACKGROUNDS: dict[tuple[str, ...], str] = {
    ("underwater",): "underwater", ("under", "water"): "underwater",
    ("under", "the", "sea"): "underwater", ("under", "the", "ocean"): "underwater",
    ("nighttime",): "night", ("at", "night"): "night", ("by", "night"): "night",
    ("outdoors",): "grass", ("indoors",): "room",
    ("the", "sun", "setting"): "sunset", ("sun", "setting"): "sunset",
    ("the", "sun", "sets"): "sunset", ("the", "sun", "is", "setting"): "sunset",
    ("the", "setting", "sun"): "sunset", ("a", "setting", "sun"): "sunset",
    ("the", "sun", "rising"): "sunrise", ("sun", "rising"): "sunrise",
    ("the", "sun", "rises"): "sunrise", ("the", "rising", "sun"): "sunrise",
}  # fmt: skip
BACKGROUND_WORDS = frozenset({"background", "backdrop", "setting", "scenery", "bg"})
COMPARATIVES: dict[str, tuple[str, str]] = {
    "taller": ("big", "small"), "bigger": ("big", "small"), "larger": ("big", "small"),
    "huger": ("huge", "small"), "longer": ("big", "small"), "smaller": ("small", "big"),
    "shorter": ("small", "big"), "tinier": ("tiny", "big"), "littler": ("small", "big"),
}  # fmt: skip
"""Comparative -> sizes of the two things ("a giraffe taller than a tree": big, small)."""

# -- typical sizes ------------------------------------------------------------------------------
TYPICAL_SIZE: dict[str, float] = {}
"""Canonical noun -> relative drawn size (1.0 = the biggest things; default 0.55)."""
for _size, _words in {
    1.0: "elephant giraffe bus train truck airplane boat ship house castle building tree "
    "whale dinosaur dragon helicopter rocket tram church hospital school mountain tent barn "
    "volcano tower lighthouse fire truck ambulance tractor palm tree pine tree christmas tree",
    0.85: "car taxi van police car horse cow bear zebra camel couch bed dining table "
    "refrigerator person lion tiger kangaroo shark dolphin polar bear piano motorcycle "
    "deer pony donkey tv sun moon",
    0.7: "bicycle sheep goat pig dog chair bench toilet sink oven desk table umbrella "
    "snowboard surfboard skis kite wolf panda crocodile monkey robot alien ghost fairy "
    "wizard snowman scooter wheelchair guitar parking meter fire hydrant stop sign "
    "traffic light potted plant suitcase microwave laptop cloud rainbow",
    0.55: "cat fox penguin owl eagle turtle backpack handbag vase lamp teddy bear "
    "skateboard tennis racket baseball bat toaster computer keyboard bird duck chicken "
    "rabbit koala basket bucket box cake pizza watermelon pineapple bag clock book hat "
    "flower",
    0.4: "apple orange banana pear peach lemon tomato potato sandwich donut hot dog "
    "broccoli carrot cupcake bowl cup mug bottle wine glass plate hamburger cookie "
    "frisbee sports ball basketball football baseball volleyball tv remote cell phone "
    "computer mouse hair drier scissors knife fork spoon toothbrush tie baseball glove "
    "shoe sock glove squirrel hedgehog frog crab snake mouse hamster chick candle egg "
    "croissant avocado corn mushroom",
    0.28: "cherry strawberry grape bee butterfly ladybug ant snail spider coin key ring "
    "dice feather leaf pen pencil crayon candy lollipop egg star snowflake",
}.items():
    for _w in _words.split():
        TYPICAL_SIZE.setdefault(_w, _size)
    for _multi in _OTHER_MULTI + COCO_NAMES:
        if " " in _multi and f" {_multi} " in f" {_words} ":
            TYPICAL_SIZE[_multi] = _size
DEFAULT_SIZE = 0.55

SIZE_FACTORS: dict[str, float] = {
    "tiny": 0.6, "small": 0.8, "short": 0.9, "big": 1.25, "large": 1.25, "tall": 1.15,
    "huge": 1.5,
}  # fmt: skip
"""Attribute ``size`` value -> factor on the typical size."""


def typical_size(name: str) -> float:
    """Relative drawn size of a canonical noun (an elephant ~1.0, a mouse ~0.4)."""
    return TYPICAL_SIZE.get(name, DEFAULT_SIZE)
