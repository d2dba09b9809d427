from . import arrears, borrower_report, committee, complaints, emergency, mir, rules
