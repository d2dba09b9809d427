from . import rules
from . import trust_xlsx
from . import prudential
