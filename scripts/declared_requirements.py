"""Print the runtime and dev requirements declared in pyproject.toml, one per line.

Other optional groups (s3) are for deployments that choose them, so they stay out of the lock.
"""

import tomllib
from pathlib import Path

project = tomllib.loads((Path(__file__).parent.parent / "pyproject.toml").read_text())["project"]
dev = project.get("optional-dependencies", {}).get("dev", [])
print("\n".join([*project["dependencies"], *dev]))
