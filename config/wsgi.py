"""WSGI entry point."""
import os

from django.core.wsgi import get_wsgi_application

from config.settings import module_for

# the settings of XINFANG_MODE: config.settings.prod (the default) or config.settings.dev
os.environ.setdefault("DJANGO_SETTINGS_MODULE", module_for())
application = get_wsgi_application()
