from . import rules
from . import trust_xlsx
