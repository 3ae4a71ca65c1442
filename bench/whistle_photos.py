"""The cost of checking and re-encoding one whistle photo (xinfang/whistle/photos.py), on synthetic
noisy pictures with EXIF and GPS (a worst case for the encoders): median of 5.

    XINFANG_MODE=demo .venv/bin/python manage.py shell -c "exec(open('bench/whistle_photos.py').read())"
"""

import io
import time

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from xinfang.whistle.photos import clean_photo

SIZES = (("JPEG", "jpg", (4000, 3000)), ("JPEG", "jpg", (1920, 1440)),
         ("PNG", "png", (1920, 1440)), ("WEBP", "webp", (1920, 1440)))


def make(fmt: str, w: int, h: int) -> bytes:
    noise = Image.effect_noise((w, h), 40)
    img = Image.merge("RGB", (noise, Image.linear_gradient("L").resize((w, h)), noise))
    exif = Image.Exif()
    exif[0x0110] = "Phone"
    exif.get_ifd(0x8825).update({1: "N", 2: (30.0, 15.0, 12.5)})
    out = io.BytesIO()
    img.save(out, format=fmt, quality=90, exif=exif.tobytes())
    return out.getvalue()


for fmt, ext, (w, h) in SIZES:
    data = make(fmt, w, h)
    walls, cpus = [], []
    for _ in range(5):
        upload = SimpleUploadedFile(f"a.{ext}", data)
        t0, c0 = time.perf_counter(), time.process_time()
        photo = clean_photo(upload)
        walls.append(time.perf_counter() - t0)
        cpus.append(time.process_time() - c0)
    walls.sort()
    cpus.sort()
    print(f"{fmt} {w}x{h} upload {len(data) / 1e6:.2f} MB -> stored {len(photo.data) / 1e6:.2f} MB,"
          f" thumb {len(photo.thumb) / 1e3:.1f} kB: median wall {walls[2] * 1000:.0f} ms,"
          f" CPU {cpus[2] * 1000:.0f} ms")
