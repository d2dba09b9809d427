from . import micro_workflow_test_order
