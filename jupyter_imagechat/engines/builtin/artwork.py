"""Which picture stands for which noun, and loading it.

:data:`ARTWORK` maps a canonical noun (lowercase, singular, as the planner writes it)
to the stem of a Noto Emoji PNG shipped in ``assets/noto-emoji/``. The 80 GenEval
(COCO) class names come first, spelled exactly as GenEval spells them. Nouns with no
fitting emoji (``"fire hydrant"``, ``"oven"``...) are drawn by simple painters in
:mod:`.shapes`; any other noun becomes a labelled placeholder card.
``scripts/build_artwork.py`` copies the PNGs this table uses.

The artwork is Noto Emoji by Google (OFL-1.1); see ``assets/ATTRIBUTION.md``.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from .shapes import SHAPES, drawn_artwork

if TYPE_CHECKING:
    from PIL import Image

ASSET_DIR = Path(__file__).parent / "assets" / "noto-emoji"
"""Folder of the shipped PNGs (256 px, RGBA)."""

ARTWORK: dict[str, str] = {
    # -- the 80 GenEval / COCO classes ------------------------------------------------
    "person": "emoji_u1f9cd",  # standing person
    "bicycle": "emoji_u1f6b2",
    "car": "emoji_u1f697",
    "motorcycle": "emoji_u1f3cd",
    "airplane": "emoji_u2708",
    "bus": "emoji_u1f68c",
    "train": "emoji_u1f682",  # steam locomotive, side view
    "truck": "emoji_u1f69a",
    "boat": "emoji_u26f5",  # sailboat
    "traffic light": "emoji_u1f6a6",
    "stop sign": "emoji_u1f6d1",
    "bird": "emoji_u1f426",
    "cat": "emoji_u1f408",
    "dog": "emoji_u1f415",
    "horse": "emoji_u1f40e",
    "sheep": "emoji_u1f411",
    "cow": "emoji_u1f404",
    "elephant": "emoji_u1f418",
    "bear": "emoji_u1f43b",  # face only
    "zebra": "emoji_u1f993",  # face only
    "giraffe": "emoji_u1f992",
    "backpack": "emoji_u1f392",
    "umbrella": "emoji_u2602",
    "handbag": "emoji_u1f45c",
    "tie": "emoji_u1f454",
    "suitcase": "emoji_u1f9f3",
    "frisbee": "emoji_u1f94f",
    "skis": "emoji_u1f3bf",
    "snowboard": "emoji_u1f3c2",  # snowboarder
    "sports ball": "emoji_u26bd",
    "ball": "emoji_u26bd",
    "kite": "emoji_u1fa81",
    "baseball bat": "emoji_u1f3cf",  # cricket bat and ball
    "baseball glove": "emoji_u1f9e4",  # gloves
    "skateboard": "emoji_u1f6f9",
    "surfboard": "emoji_u1f3c4",  # surfer
    "tennis racket": "emoji_u1f3be",
    "bottle": "emoji_u1f37e",
    "wine glass": "emoji_u1f377",
    "cup": "emoji_u2615",
    "fork": "emoji_u1f374",  # fork and knife
    "knife": "emoji_u1f52a",
    "spoon": "emoji_u1f944",
    "bowl": "emoji_u1f963",
    "banana": "emoji_u1f34c",
    "apple": "emoji_u1f34e",
    "sandwich": "emoji_u1f96a",
    "orange": "emoji_u1f34a",
    "broccoli": "emoji_u1f966",
    "carrot": "emoji_u1f955",
    "hot dog": "emoji_u1f32d",
    "pizza": "emoji_u1f355",
    "donut": "emoji_u1f369",
    "cake": "emoji_u1f382",
    "chair": "emoji_u1fa91",
    "couch": "emoji_u1f6cb",
    "potted plant": "emoji_u1fab4",
    "bed": "emoji_u1f6cf",
    "toilet": "emoji_u1f6bd",
    "tv": "emoji_u1f4fa",
    "laptop": "emoji_u1f4bb",
    "computer mouse": "emoji_u1f5b1",
    "computer keyboard": "emoji_u2328",
    "cell phone": "emoji_u1f4f1",
    "book": "emoji_u1f4d5",
    "clock": "emoji_u23f0",
    "vase": "emoji_u1f3fa",
    "scissors": "emoji_u2702",
    "teddy bear": "emoji_u1f9f8",
    "toothbrush": "emoji_u1faa5",
    # -- people -------------------------------------------------------------------------
    "man": "emoji_u1f9cd_200d_2642",
    "woman": "emoji_u1f9cd_200d_2640",
    "child": "emoji_u1f9d2",
    "boy": "emoji_u1f466",
    "girl": "emoji_u1f467",
    "baby": "emoji_u1f476",
    "runner": "emoji_u1f3c3",
    "police officer": "emoji_u1f46e",
    "astronaut": "emoji_u1f9d1_200d_1f680",
    "chef": "emoji_u1f9d1_200d_1f373",
    "doctor": "emoji_u1f9d1_200d_2695",
    "teacher": "emoji_u1f9d1_200d_1f3eb",
    "farmer": "emoji_u1f9d1_200d_1f33e",
    "firefighter": "emoji_u1f9d1_200d_1f692",
    "student": "emoji_u1f9d1_200d_1f393",
    "scientist": "emoji_u1f9d1_200d_1f52c",
    "artist": "emoji_u1f9d1_200d_1f3a8",
    "pilot": "emoji_u1f9d1_200d_2708",
    "princess": "emoji_u1f478",
    "prince": "emoji_u1f934",
    "santa": "emoji_u1f385",
    "wizard": "emoji_u1f9d9",
    "fairy": "emoji_u1f9da",
    "ghost": "emoji_u1f47b",
    "alien": "emoji_u1f47d",
    "robot": "emoji_u1f916",
    # -- animals ------------------------------------------------------------------------
    "mouse": "emoji_u1f401",
    "rabbit": "emoji_u1f407",
    "pig": "emoji_u1f416",
    "chicken": "emoji_u1f414",
    "chick": "emoji_u1f424",
    "duck": "emoji_u1f986",
    "owl": "emoji_u1f989",
    "eagle": "emoji_u1f985",
    "parrot": "emoji_u1f99c",
    "penguin": "emoji_u1f427",
    "swan": "emoji_u1f9a2",
    "flamingo": "emoji_u1f9a9",
    "fish": "emoji_u1f41f",
    "shark": "emoji_u1f988",
    "whale": "emoji_u1f40b",
    "dolphin": "emoji_u1f42c",
    "octopus": "emoji_u1f419",
    "crab": "emoji_u1f980",
    "turtle": "emoji_u1f422",
    "snake": "emoji_u1f40d",
    "frog": "emoji_u1f438",
    "lion": "emoji_u1f981",
    "tiger": "emoji_u1f405",
    "monkey": "emoji_u1f412",
    "fox": "emoji_u1f98a",
    "panda": "emoji_u1f43c",
    "koala": "emoji_u1f428",
    "kangaroo": "emoji_u1f998",
    "camel": "emoji_u1f42b",
    "deer": "emoji_u1f98c",
    "goat": "emoji_u1f410",
    "squirrel": "emoji_u1f43f",
    "hedgehog": "emoji_u1f994",
    "bee": "emoji_u1f41d",
    "butterfly": "emoji_u1f98b",
    "ladybug": "emoji_u1f41e",
    "ant": "emoji_u1f41c",
    "snail": "emoji_u1f40c",
    "spider": "emoji_u1f577",
    "dinosaur": "emoji_u1f996",
    "dragon": "emoji_u1f409",
    "unicorn": "emoji_u1f984",
    "crocodile": "emoji_u1f40a",
    # -- food and drink -----------------------------------------------------------------
    "pear": "emoji_u1f350",
    "peach": "emoji_u1f351",
    "cherry": "emoji_u1f352",
    "strawberry": "emoji_u1f353",
    "grape": "emoji_u1f347",
    "watermelon": "emoji_u1f349",
    "lemon": "emoji_u1f34b",
    "pineapple": "emoji_u1f34d",
    "tomato": "emoji_u1f345",
    "potato": "emoji_u1f954",
    "corn": "emoji_u1f33d",
    "mushroom": "emoji_u1f344",
    "eggplant": "emoji_u1f346",
    "cucumber": "emoji_u1f952",
    "avocado": "emoji_u1f951",
    "hamburger": "emoji_u1f354",
    "bread": "emoji_u1f35e",
    "cheese": "emoji_u1f9c0",
    "egg": "emoji_u1f95a",
    "cookie": "emoji_u1f36a",
    "ice cream": "emoji_u1f366",
    "cupcake": "emoji_u1f9c1",
    "pie": "emoji_u1f967",
    "croissant": "emoji_u1f950",
    "pancake": "emoji_u1f95e",
    "taco": "emoji_u1f32e",
    "sushi": "emoji_u1f363",
    "french fries": "emoji_u1f35f",
    "popcorn": "emoji_u1f37f",
    "candy": "emoji_u1f36c",
    "lollipop": "emoji_u1f36d",
    "chocolate": "emoji_u1f36b",
    "milk": "emoji_u1f95b",
    "salad": "emoji_u1f957",
    "spaghetti": "emoji_u1f35d",
    "soup": "emoji_u1f372",
    "coffee": "emoji_u2615",
    "teapot": "emoji_u1fad6",
    "mug": "emoji_u1f37a",
    "plate": "emoji_u1f37d",
    # -- vehicles -----------------------------------------------------------------------
    "taxi": "emoji_u1f695",
    "ambulance": "emoji_u1f691",
    "fire truck": "emoji_u1f692",
    "police car": "emoji_u1f693",
    "van": "emoji_u1f690",
    "tractor": "emoji_u1f69c",
    "helicopter": "emoji_u1f681",
    "rocket": "emoji_u1f680",
    "ship": "emoji_u1f6a2",
    "canoe": "emoji_u1f6f6",
    "scooter": "emoji_u1f6f4",
    "tram": "emoji_u1f68b",
    "sled": "emoji_u1f6f7",
    "wheelchair": "emoji_u1f9bd",
    "ufo": "emoji_u1f6f8",
    # -- school, home and play ------------------------------------------------------------
    "pencil": "emoji_u270f",
    "pen": "emoji_u1f58a",
    "crayon": "emoji_u1f58d",
    "paintbrush": "emoji_u1f58c",
    "ruler": "emoji_u1f4cf",
    "notebook": "emoji_u1f4d3",
    "globe": "emoji_u1f30d",
    "microscope": "emoji_u1f52c",
    "telescope": "emoji_u1f52d",
    "magnifying glass": "emoji_u1f50d",
    "computer": "emoji_u1f5a5",
    "camera": "emoji_u1f4f7",
    "guitar": "emoji_u1f3b8",
    "piano": "emoji_u1f3b9",
    "violin": "emoji_u1f3bb",
    "trumpet": "emoji_u1f3ba",
    "drum": "emoji_u1f941",
    "headphones": "emoji_u1f3a7",
    "microphone": "emoji_u1f3a4",
    "trophy": "emoji_u1f3c6",
    "gift": "emoji_u1f381",
    "balloon": "emoji_u1f388",
    "candle": "emoji_u1f56f",
    "light bulb": "emoji_u1f4a1",
    "flashlight": "emoji_u1f526",
    "key": "emoji_u1f511",
    "lock": "emoji_u1f512",
    "hammer": "emoji_u1f528",
    "wrench": "emoji_u1f527",
    "axe": "emoji_u1fa93",
    "ladder": "emoji_u1fa9c",
    "bucket": "emoji_u1faa3",
    "broom": "emoji_u1f9f9",
    "basket": "emoji_u1f9fa",
    "shopping cart": "emoji_u1f6d2",
    "envelope": "emoji_u2709",
    "newspaper": "emoji_u1f4f0",
    "map": "emoji_u1f5fa",
    "bell": "emoji_u1f514",
    "crown": "emoji_u1f451",
    "hat": "emoji_u1f3a9",
    "cap": "emoji_u1f9e2",
    "glasses": "emoji_u1f453",
    "shirt": "emoji_u1f455",
    "dress": "emoji_u1f457",
    "shoe": "emoji_u1f45f",
    "boot": "emoji_u1f97e",
    "sock": "emoji_u1f9e6",
    "scarf": "emoji_u1f9e3",
    "coat": "emoji_u1f9e5",
    "ring": "emoji_u1f48d",
    "watch": "emoji_u231a",
    "basketball": "emoji_u1f3c0",
    "football": "emoji_u1f3c8",
    "baseball": "emoji_u26be",
    "volleyball": "emoji_u1f3d0",
    "dice": "emoji_u1f3b2",
    "anchor": "emoji_u2693",
    "flag": "emoji_u1f6a9",
    "diamond": "emoji_u1f48e",
    "coin": "emoji_u1fa99",
    "bone": "emoji_u1f9b4",
    "rock": "emoji_u1faa8",
    "log": "emoji_u1fab5",
    "feather": "emoji_u1fab6",
    "shell": "emoji_u1f41a",
    "heart": "emoji_u2764",
    # -- furniture and rooms ----------------------------------------------------------------
    "bathtub": "emoji_u1f6c1",
    "door": "emoji_u1f6aa",
    "window": "emoji_u1fa9f",
    "mirror": "emoji_u1fa9e",
    "picture": "emoji_u1f5bc",
    "trash can": "emoji_u1f5d1",
    "radio": "emoji_u1f4fb",
    "telephone": "emoji_u260e",
    # -- weather and sky ------------------------------------------------------------------
    "sun": "emoji_u2600",
    "cloud": "emoji_u2601",
    "rain": "emoji_u1f327",
    "snowflake": "emoji_u2744",
    "snowman": "emoji_u2603",
    "rainbow": "emoji_u1f308",
    "lightning": "emoji_u26a1",
    "star": "emoji_u2b50",
    "moon": "emoji_u1f319",
    "fire": "emoji_u1f525",
    "water drop": "emoji_u1f4a7",
    "planet": "emoji_u1fa90",
    # -- plants -----------------------------------------------------------------------------
    "tree": "emoji_u1f333",
    "pine tree": "emoji_u1f332",
    "palm tree": "emoji_u1f334",
    "christmas tree": "emoji_u1f384",
    "cactus": "emoji_u1f335",
    "flower": "emoji_u1f33c",
    "rose": "emoji_u1f339",
    "tulip": "emoji_u1f337",
    "sunflower": "emoji_u1f33b",
    "bouquet": "emoji_u1f490",
    "leaf": "emoji_u1f343",
    "maple leaf": "emoji_u1f341",
    "clover": "emoji_u1f340",
    "sprout": "emoji_u1f331",
    "plant": "emoji_u1fab4",  # potted plant
    # -- buildings and landscape --------------------------------------------------------------
    "house": "emoji_u1f3e0",
    "school": "emoji_u1f3eb",
    "castle": "emoji_u1f3f0",
    "building": "emoji_u1f3e2",
    "hospital": "emoji_u1f3e5",
    "church": "emoji_u26ea",
    "tent": "emoji_u26fa",
    "hut": "emoji_u1f6d6",
    "mountain": "emoji_u26f0",
    "volcano": "emoji_u1f30b",
    "fountain": "emoji_u26f2",
}
"""Canonical noun -> Noto Emoji file stem (``emoji_u<code points>``)."""

IN_THE_AIR: frozenset[str] = frozenset(
    {
        "airplane",
        "bird",
        "kite",
        "helicopter",
        "rocket",
        "ufo",
        "balloon",
        "butterfly",
        "bee",
        "eagle",
        "ghost",
        "fairy",
        "sun",
        "cloud",
        "rain",
        "snowflake",
        "rainbow",
        "lightning",
        "star",
        "moon",
        "planet",
    }
)
"""Nouns drawn without a ground shadow (they fly or hang in the sky)."""


MAIN_HUE: dict[str, tuple[float, float, float]] = {
    "person": (25.0, 7.0, 0.3),  # the orange shirt, not the yellow skin or brown hair
    "runner": (25.0, 7.0, 0.3),
    "man": (175.0, 20.0, 0.3),  # teal shirt
    "woman": (255.0, 20.0, 0.3),  # purple shirt
    "tie": (22.0, 20.0, 0.3),  # the tie, not the blue shirt behind it
    "bottle": (95.0, 40.0, 0.1),  # the dark green glass, not the foil
}
"""Noun -> ``(hue, half width, least chroma)`` of the part a colour attribute repaints,
where the picture's most common hue is the wrong part (hue in degrees, chroma 0..1)."""


def has_artwork(name: str) -> bool:
    """Return True if ``name`` (a canonical noun) has a picture; else it gets a placeholder.

    Pictures are an emoji (:data:`ARTWORK`) or a drawn shape (:data:`.shapes.SHAPES`).
    """
    return name in ARTWORK or name in SHAPES


def artwork_names() -> list[str]:
    """Return the nouns that have a picture (emoji or drawn), sorted."""
    return sorted(set(ARTWORK) | set(SHAPES))


@lru_cache(maxsize=256)
def load_artwork(name: str) -> Image.Image:
    """Return the artwork of ``name`` as RGBA, cropped to its visible pixels.

    The result is cached and shared: callers must not modify it.

    Raises
    ------
    KeyError
        If ``name`` has no artwork (see :func:`has_artwork`).
    FileNotFoundError
        If the package was installed without its assets.
    """
    from PIL import Image

    if name not in ARTWORK and name in SHAPES:
        art = drawn_artwork(name)
        return art.crop(art.getbbox())
    path = ASSET_DIR / f"{ARTWORK[name]}.png"
    if not path.is_file():
        raise FileNotFoundError(
            f"artwork file {path} is missing; reinstall jupyter-imagechat or run "
            "scripts/build_artwork.py"
        )
    with Image.open(path) as im:
        art = im.convert("RGBA")
    bbox = art.getchannel("A").point(lambda a: 255 if a > 8 else 0).getbbox()
    return art.crop(bbox) if bbox else art


def artwork_aspect(name: str) -> float | None:
    """Return width / height of the picture of ``name``, or None if it has none.

    Layout code may use it to give each thing a box of its natural shape.
    """
    if not has_artwork(name):
        return None
    art = load_artwork(name)
    return art.width / art.height
