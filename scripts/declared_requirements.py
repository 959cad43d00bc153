"""Print the runtime and dev requirements declared in pyproject.toml, one per line."""

import tomllib
from pathlib import Path

project = tomllib.loads((Path(__file__).parent.parent / "pyproject.toml").read_text())["project"]
extras = project.get("optional-dependencies", {})
print("\n".join([*project["dependencies"], *(req for group in extras.values() for req in group)]))
