"""The API docs page (Swagger UI) under the Content-Security-Policy: its files come from
drf-spectacular-sidecar (static files of the platform, no CDN: bureau networks are often closed),
its start-up script is a separate request (split view) and its styles a static file, so the page
needs no inline script or style. Who may see it: SPECTACULAR_SETTINGS["SERVE_PERMISSIONS"]."""

from __future__ import annotations

from drf_spectacular.views import SpectacularSwaggerSplitView


class SwaggerDocsView(SpectacularSwaggerSplitView):
    template_name = "api/swagger_ui.html"
