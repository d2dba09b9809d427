from . import (
    test_borrower_report_tools,
    test_committee_tools,
    test_pronafim_accounting,
    test_pronafim_application,
    test_pronafim_borrowers,
    test_pronafim_committee,
    test_pronafim_concurrency,
    test_pronafim_credit_line,
    test_pronafim_registry,
    test_pronafim_security,
    test_pronafim_supports,
    test_pronafim_ui,
)
