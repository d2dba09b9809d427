from . import test_md_security
from . import test_md_program
from . import test_md_ui
