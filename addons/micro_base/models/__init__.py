from . import resource_calendar
from . import resource_calendar_leaves
from . import res_partner
from . import base_partner_merge
from . import micro_workflow_mixin
