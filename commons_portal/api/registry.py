"""The shared router the kernel and the domains register their viewsets on (`/api/v1/`)."""

from rest_framework.routers import DefaultRouter


class PortalRouter(DefaultRouter):
    include_format_suffixes = False


router = PortalRouter(trailing_slash="/")


def register_viewset(prefix: str, viewset, basename: str | None = None) -> None:
    """Register `viewset` under `/api/v1/<prefix>/`; registering the same prefix twice is a no-op, so an
    autodiscovered module imported again does not duplicate routes."""
    if any(existing_prefix == prefix for existing_prefix, _viewset, _basename in router.registry):
        return
    router.register(prefix, viewset, basename=basename)
