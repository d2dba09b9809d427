from . import emergency, portal
