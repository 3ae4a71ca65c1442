#!/bin/sh
# The container's entrypoint (Dockerfile). One image, two services (compose.yaml):
#   web     apply the migrations, create the first administrator when XINFANG_ADMIN_USERNAME is set
#           (it never resets an existing one), then gunicorn (config/gunicorn.conf.py)
#   worker  the Huey consumer: periodic deadline scans, warnings, notifications
# Anything else is run as given (e.g. `docker compose run --rm web python manage.py verify_timeline`).
set -eu
case "${1:-web}" in
  web)
    python manage.py migrate --noinput
    if [ -n "${XINFANG_ADMIN_USERNAME:-}" ]; then python manage.py bootstrap_admin; fi
    exec gunicorn -c config/gunicorn.conf.py config.wsgi
    ;;
  worker)
    exec python manage.py run_huey
    ;;
  *)
    exec "$@"
    ;;
esac
