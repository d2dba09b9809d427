from . import test_fonaes_security
from . import test_fonaes_rules
from . import test_fonaes_tables
from . import test_fonaes_application
from . import test_fonaes_access
from . import test_fonaes_agreement
from . import test_fonaes_concurrency
