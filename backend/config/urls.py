from __future__ import annotations

from django.contrib import admin
from django.urls import URLResolver, path, re_path
from django.urls.resolvers import RoutePattern

from core.views import health, spa_index

urlpatterns = [
    path("health/", health, name="health"),
    path("admin/", admin.site.urls),
    # A resolver given a module name imports it on first use, unlike include().
    URLResolver(RoutePattern("api/"), "config.api_urls"),
    # Client-side routes get the SPA's index.html; API, health, admin and static never do.
    re_path(r"^(?!api(/|$)|health(/|$)|admin(/|$)|static/)(?P<path>.*)$", spa_index, name="spa"),
]

handler400 = "core.errors.bad_request"
handler403 = "core.errors.permission_denied"
handler404 = "core.errors.not_found"
handler500 = "core.errors.server_error"
