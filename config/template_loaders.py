"""The project's own templates, served without the indentation that keeps their source readable.

Indentation was a fifth of a review page's bytes. Only whitespace at the start of a line of
template source goes, and the line break after a line that holds nothing but template tags or
comments (it would print an empty line, once per loop turn); the line break before such a line
stays, so no two words run together. Nothing a template outputs from a variable is touched, and
none of these templates holds a literal <pre> or <textarea> body where it would matter.
"""

import re

from django.template.loaders import filesystem

INDENTATION = re.compile(r"^[ \t]+", re.MULTILINE)
TAGS_ONLY_LINE_BREAK = re.compile(r"^((?:\{%.*?%\}|\{#.*?#\}|[ \t])+)\n", re.MULTILINE)


class Loader(filesystem.Loader):
    def get_contents(self, origin):
        contents = super().get_contents(origin)
        if not origin.name.endswith(".html"):
            return contents
        return TAGS_ONLY_LINE_BREAK.sub(r"\1", INDENTATION.sub("", contents))
