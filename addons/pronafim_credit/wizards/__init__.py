from . import pronafim_mir_compute_wizard, pronafim_payment_wizard
