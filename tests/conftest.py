import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # tests import their own helpers (regen_fixtures)
