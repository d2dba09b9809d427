from . import md_cycle
from . import md_city
from . import res_users
from . import crm_lead
