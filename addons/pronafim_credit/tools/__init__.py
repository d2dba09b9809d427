from . import borrower_report, committee, rules
