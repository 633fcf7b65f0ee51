"""Production: everything comes from the environment (see README). Nothing here has a default secret."""

from .base import *  # noqa: F403
