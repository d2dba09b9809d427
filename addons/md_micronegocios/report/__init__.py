from . import md_program_report
from . import md_program_report_xlsx
from . import md_research_xlsx
