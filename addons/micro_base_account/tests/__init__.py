from . import test_entries_held
