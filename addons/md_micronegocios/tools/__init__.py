"""Pure helpers of the program (no ORM), tested without a database."""

from . import cycle
from . import diagnostic
from . import plan
from . import services
from . import analytics
from . import research
from . import input_rules
from . import stages
