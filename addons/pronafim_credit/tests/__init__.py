from . import test_pronafim_security
