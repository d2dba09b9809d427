from . import test_one_person
from . import test_program_data
from . import test_readonly_methods
