"""Pure domain helpers of the suite: no ORM import, unit-tested without a database."""

from . import amount_words
from . import amounts
from . import business_days
from . import cat
from . import identity
from . import inputs
from . import loan
from . import periods
from . import tabular
