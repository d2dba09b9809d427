from . import test_production_config
from . import test_external_access
