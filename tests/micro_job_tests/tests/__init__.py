from . import test_micro_job
