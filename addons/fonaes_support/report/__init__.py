from . import fonaes_trust_report_xlsx
from . import fonaes_financial_statement_xlsx
