"""Cast rows from lines of text, as an editor pastes them from a credits list.

    Theodore Twombly - Joaquin Phoenix
    Samantha - Scarlett Johansson (voice)
    Amy<TAB>Amy Adams
    Rooney Mara as Catherine

A dash (a hyphen between spaces, an en or em dash) or a tab puts the character first;
" as " puts the performer first. A parenthesis at the end of the line is the note.
"""

import re
from dataclasses import dataclass

# A tab, a hyphen between spaces, or an en or em dash with or without them.
CHARACTER_FIRST = re.compile("\t+|\\s+[-\u2013\u2014]+\\s+|\\s*[\u2013\u2014]\\s*")
PERFORMER_FIRST = re.compile(r"\s+as\s+", re.IGNORECASE)
NOTE = re.compile(r"\s*\(([^()]*)\)\s*$")
BULLET = re.compile(r"^\s*(?:[*•·]|\d+[.)])\s+")


@dataclass(frozen=True)
class CastLine:
    character: str
    performer: str
    note: str = ""


def read_line(line):
    """The row a line gives, or None if it names no character and performer."""
    text = BULLET.sub("", line).strip()
    note = ""
    if found := NOTE.search(text):
        note, text = found.group(1).strip(), text[: found.start()]
    if len(parts := CHARACTER_FIRST.split(text, maxsplit=1)) == 2:
        character, performer = parts
    elif len(parts := PERFORMER_FIRST.split(text, maxsplit=1)) == 2:
        performer, character = parts
    else:
        return None
    character, performer = " ".join(character.split()), " ".join(performer.split())
    return CastLine(character, performer, note) if character and performer else None


def read(text):
    """(rows, lines that are not rows) from `text`; blank lines are skipped."""
    rows, unread = [], []
    for line in (text or "").splitlines():
        if not line.strip():
            continue
        row = read_line(line)
        if row is None:
            unread.append(line)
        else:
            rows.append(row)
    return rows, unread
