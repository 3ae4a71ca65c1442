#!/usr/bin/env python
"""Django's command-line utility for the xinfang platform."""
import os
import sys

if __name__ == "__main__":
    from config.settings import module_for

    # the settings of XINFANG_MODE: config.settings.prod (the default) or config.settings.dev
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", module_for())
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
