"""Background work yields the processor to the web processes when they share a machine."""

import os

from django.conf import settings


def lower_cpu_priority() -> int:
    """Lower this process's CPU priority by `BACKGROUND_NICENESS` (inherited by the processes it starts);
    returns the resulting niceness."""
    return os.nice(max(int(getattr(settings, "BACKGROUND_NICENESS", 0)), 0))
