from . import micro_xlsx_abstract
