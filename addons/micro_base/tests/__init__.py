from . import test_tools
from . import test_business_days
from . import test_identity
from . import test_loan_tools
from . import test_cat_tools
from . import test_cron_batch
from . import test_partner_identity
from . import test_tabular
