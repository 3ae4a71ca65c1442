# The platform in a container: `docker compose up -d` (compose.yaml; README, docs/security.md).
# One image for the web service (gunicorn) and the worker (Huey consumer).
FROM python:3.11-slim

# LibreOffice and Chinese fonts render the PDF notices (xinfang/documents/pdf.py); without them the
# platform still works and offers the .docx. Build with --build-arg WITH_OFFICE=0 for a smaller image.
ARG WITH_OFFICE=1
RUN apt-get update \
 && if [ "$WITH_OFFICE" = "1" ]; then \
      apt-get install -y --no-install-recommends libreoffice-writer-nogui fonts-noto-cjk; fi \
 && rm -rf /var/lib/apt/lists/*

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

WORKDIR /app
COPY requirements.txt ./
RUN pip install -r requirements.txt

COPY . .

# Static files are collected into the image, outside the data volume, with the production storage
# (hashed, gzipped names). collectstatic needs settings that load, so this one command runs in demo mode
# with a throw-away var directory: the variables are set for this RUN line only and do not exist in the
# image; the runtime is production mode (ENV below), which refuses to start without its own keys.
RUN XINFANG_MODE=demo XINFANG_VAR_DIR=/tmp/build-var XINFANG_STATIC_ROOT=/app/static \
    XINFANG_STATIC_STORAGE=manifest python manage.py collectstatic --noinput -v0 \
 && rm -rf /tmp/build-var

RUN useradd --system --uid 10001 --home-dir /app --shell /usr/sbin/nologin xinfang \
 && mkdir -p /var/lib/xinfang \
 && chown xinfang:xinfang /var/lib/xinfang

ENV XINFANG_MODE=production \
    XINFANG_VAR_DIR=/var/lib/xinfang \
    XINFANG_STATIC_ROOT=/app/static \
    XINFANG_BIND=0.0.0.0:8000 \
    HOME=/var/lib/xinfang

USER xinfang
VOLUME ["/var/lib/xinfang"]
EXPOSE 8000

# /healthz: 200 when the database answers and the migrations are applied (xinfang/core/health.py)
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["python", "-c", "import sys, urllib.request; sys.exit(0 if urllib.request.urlopen('http://127.0.0.1:8000/healthz', timeout=4).status == 200 else 1)"]

ENTRYPOINT ["/app/deploy/entrypoint.sh"]
CMD ["web"]
