from . import (
    test_arrears_tools,
    test_borrower_report_tools,
    test_committee_tools,
    test_credit_line_tools,
    test_emergency_tools,
    test_mir_tools,
    test_pronafim_accounting,
    test_pronafim_application,
    test_pronafim_borrowers,
    test_pronafim_committee,
    test_pronafim_complaints,
    test_pronafim_concurrency,
    test_pronafim_credit_line,
    test_pronafim_demo_line,
    test_pronafim_emergency,
    test_pronafim_emergency_concurrency,
    test_pronafim_emergency_portal,
    test_pronafim_imports,
    test_pronafim_mir,
    test_pronafim_personal_data,
    test_pronafim_registry,
    test_pronafim_security,
    test_pronafim_supports,
    test_pronafim_ui,
    test_pronafim_workflow_guard,
)
from . import test_pronafim_first_contact
from . import test_pronafim_bad_input
from . import test_pronafim_next_step
from . import test_pronafim_flow_tours
from . import test_pronafim_report_import
from . import test_pronafim_reference_rows
from . import test_pronafim_invalid_row
from . import test_pronafim_catalog_import_dialog
from . import test_pronafim_report_copy
