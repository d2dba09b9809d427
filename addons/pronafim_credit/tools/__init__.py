from . import borrower_report, committee, complaints, emergency, rules
