"""The project's own templates, served without the indentation that keeps their source readable.

Indentation was a fifth of a review page's bytes. Only whitespace at the start of a line of
template source goes; nothing a template outputs from a variable is touched, and none of these
templates holds a literal <pre> or <textarea> body where it would matter.
"""

import re

from django.template.loaders import filesystem

INDENTATION = re.compile(r"^[ \t]+", re.MULTILINE)


class Loader(filesystem.Loader):
    def get_contents(self, origin):
        contents = super().get_contents(origin)
        return INDENTATION.sub("", contents) if origin.name.endswith(".html") else contents
