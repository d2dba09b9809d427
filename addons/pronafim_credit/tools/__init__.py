from . import committee, rules
