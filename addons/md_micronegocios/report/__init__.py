from . import md_program_report
