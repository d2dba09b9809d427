from . import rules
from . import trust_xlsx
from . import prudential
from . import financial_statements
from . import input_rules
from . import eligibility
