"""Make this folder's helper modules importable (tests/ is not a package):
``from linkedin_fixtures import ...``."""

import sys
from pathlib import Path

_HERE = str(Path(__file__).resolve().parent)
if _HERE not in sys.path:
    sys.path.insert(0, _HERE)
