from . import res_users
from . import fonaes_partner_member
from . import res_partner
from . import fonaes_support_type
from . import fonaes_document_type
from . import fonaes_budget
from . import fonaes_application
