from . import research_export
