from . import test_fonaes_security
