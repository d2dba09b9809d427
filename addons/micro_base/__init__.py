from . import controllers
from . import models
from . import report
from . import rpc_guard
