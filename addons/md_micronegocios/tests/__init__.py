from . import test_md_tools
from . import test_md_security
from . import test_md_program
from . import test_md_case
from . import test_md_diagnostic_plan
from . import test_md_performance
from . import test_md_ui
