from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "xinfang.core"
    verbose_name = "核心"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in
        from django.core.signals import setting_changed

        from . import checks, crypto, middleware, security  # noqa: F401  (checks: registers them)

        security.check_production_keys()  # production mode: no start on missing or public keys
        user_logged_in.connect(middleware.mark_login, dispatch_uid="xinfang-login-at")
        setting_changed.connect(crypto.keys_changed, dispatch_uid="xinfang-crypto-keys")
