from . import md_program_report_wizard
from . import md_research_export_wizard
