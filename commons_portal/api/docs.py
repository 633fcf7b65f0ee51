"""The interactive documentation pages, served from this server only (drf-spectacular's sidecar).

Swagger UI runs with the site's strict policy (its script is a separate file: the split view). Redoc
styles itself with <style> elements and renders in a blob: worker, so its page alone allows those two;
neither page allows an inline script."""

from csp.decorators import csp_update


def redoc_csp(view):
    return csp_update({"style-src": ["'unsafe-inline'"], "worker-src": ["blob:"]})(view)
