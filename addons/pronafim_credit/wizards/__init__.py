from . import pronafim_payment_wizard
