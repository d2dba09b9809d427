from . import test_program_jobs
