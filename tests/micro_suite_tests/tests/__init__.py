from . import test_one_person
