"""How names are compared: the same person is written with or without accents, in any case.

"Greta Schröder", "GRETA SCHRODER" and "Greta  Schröder" all normalise to "greta schroder".
"""

import difflib
import re
import unicodedata

# Letters Unicode does not decompose into a base letter and an accent.
UNDECOMPOSED = str.maketrans(
    {
        "ø": "o",
        "Ø": "o",
        "æ": "ae",
        "Æ": "ae",
        "œ": "oe",
        "Œ": "oe",
        "đ": "d",
        "Đ": "d",
        "ł": "l",
        "Ł": "l",
        "ð": "d",
        "þ": "th",
    }
)
NOT_A_LETTER = re.compile(r"[^\w]+")
SIMILAR_RATIO = 0.85


def normalise(name):
    """`name` without accents, case, punctuation or repeated spaces."""
    decomposed = unicodedata.normalize("NFKD", name.translate(UNDECOMPOSED))
    plain = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(NOT_A_LETTER.sub(" ", plain.casefold()).replace("_", " ").split())


def sort_key(name, sort_name=""):
    """What an A-Z index orders by: the sort name, else the last word first ("schreck max")."""
    if sort_name:
        return normalise(sort_name)
    words = name.split()  # "O'Dea" stays one word: Judith O'Dea sorts under O
    return normalise(" ".join(words[-1:] + words[:-1]))


def similar(a, b):
    """Whether two normalised names are close enough to be one person spelt twice."""
    return a == b or difflib.SequenceMatcher(None, a, b).ratio() >= SIMILAR_RATIO
