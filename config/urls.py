"""URL map: staff web UI, admin, REST API with its OpenAPI schema, language switch."""

from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path, reverse_lazy
from django.utils.translation import gettext_lazy
from drf_spectacular.views import SpectacularAPIView

from xinfang.api.docs import SwaggerDocsView
from xinfang.orgs import unittree
from xinfang.web import twofactor
from xinfang.web.auth import AdminLoginForm, LoginForm

admin.site.login_form = AdminLoginForm  # the admin login asks for the second factor too
admin.site.login_template = "web/admin_login.html"
# the admin speaks as the platform, not as "Django 管理" (issue 15 item 9)
admin.site.site_header = gettext_lazy("智慧信访平台 · 系统管理")
admin.site.site_title = gettext_lazy("智慧信访平台系统管理")
admin.site.index_title = gettext_lazy("系统管理")

urlpatterns = [
    path("admin/", admin.site.urls),
    path("accounts/login/", auth_views.LoginView.as_view(authentication_form=LoginForm),
         name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/password/", auth_views.PasswordChangeView.as_view(
        template_name="web/password_change.html", success_url=reverse_lazy("password_change_done"),
        extra_context={"min_length": settings.XINFANG_PASSWORD_MIN_LENGTH}),
        name="password_change"),
    path("accounts/password/done/", auth_views.PasswordChangeDoneView.as_view(
        template_name="web/password_change_done.html"), name="password_change_done"),
    path("accounts/two-factor/", twofactor.setup, name="two-factor"),
    path("accounts/two-factor/verify/", twofactor.verify, name="two-factor-verify"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/v1/", include("xinfang.api.urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    path("api/docs/", SwaggerDocsView.as_view(url_name="schema"), name="api-docs"),
    path("units/tree/", unittree.units_json, name="unit-tree"),
    path("units/tree/all/", unittree.all_units_json, name="unit-tree-all"),
    path("triage/", include("xinfang.triage.urls")),
    path("resolution/", include("xinfang.resolution.urls")),
    path("documents/", include("xinfang.documents.urls")),
    path("warning/", include("xinfang.warning.urls")),
    path("suggestions/", include("xinfang.suggestions.urls")),
    path("whistle/", include("xinfang.whistle.urls")),
    path("xborder/", include("xinfang.xborder.urls")),
    path("deliberation/", include("xinfang.deliberation.urls")),
    path("servicepoints/", include("xinfang.servicepoints.urls")),
    path("riskreview/", include("xinfang.riskreview.urls")),
    path("messages/", include("xinfang.notifications.urls")),
    path("portal/", include("xinfang.portal.urls")),
    path("imports/", include("xinfang.imports.urls")),
    path("institutions/", include("xinfang.institutions.urls")),
    path("reviewboard/", include("xinfang.reviewboard.urls")),
    path("reception/", include("xinfang.reception.urls")),
    path("joint/", include("xinfang.joint.urls")),
    path("", include("xinfang.web.urls")),
]
# No route serves MEDIA_URL, not even with DEBUG on: uploaded material (Art. 30 accusations too) is
# sent only by the permission-checked views (web:case-attachment, resolution:document).
