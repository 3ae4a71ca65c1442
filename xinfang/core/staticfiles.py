"""Static files in production: WhiteNoise serves them from STATIC_ROOT with hashed, compressed names.

``collectstatic`` (the container build, ``make setup-prod``) writes each file under a content-hashed name
plus a gzip copy, so WhiteNoise can tell browsers to cache them forever. A checkout on which collectstatic
has not run (a test of production mode) still renders its pages: a name missing from the manifest, or a
file not yet collected, falls back to its plain name instead of failing the page.
"""

from __future__ import annotations

from whitenoise.storage import CompressedManifestStaticFilesStorage


class StaticStorage(CompressedManifestStaticFilesStorage):
    manifest_strict = False

    def stored_name(self, name: str) -> str:
        try:
            return super().stored_name(name)
        except ValueError:  # not collected: the plain name (WhiteNoise then answers 404, not a 500)
            return name
