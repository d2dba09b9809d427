from . import micro_job_test_batch
