"""cProfile of hot-issue clustering on one district's 60 days at the 1M-case bench's scale.

    XINFANG_MODE=demo .venv/bin/python bench/warning_hotissues_profile.py [N=16500]

N messages bootstrapped from the real board (random.Random(7)): title and text of a random real
message, a random writer, a day in the 60 days up to 2020-01-07; prints the wall time, the peak
RSS and the 35 most expensive functions by cumulative time (docs/benchmarks.md, issue 17).
"""

import cProfile
import datetime as dt
import os
import pstats
import random
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
import django  # noqa: E402

django.setup()
from xinfang.warning import hotissues as h  # noqa: E402

msgs = h.load_messages(h.shared_data_dir())
rng = random.Random(7)
N = int(sys.argv[1]) if len(sys.argv) > 1 else 16500
end = dt.date(2020, 1, 7)
sample = [h.Message(id=str(i), user=str(rng.randrange(10**6)), title=m.title, body=m.body,
                    time=end - dt.timedelta(days=rng.randrange(60)))
          for i, m in ((i, msgs[rng.randrange(len(msgs))]) for i in range(N))]
t = time.perf_counter()
pr = cProfile.Profile()
pr.enable()
r = h.find_hot_issues(sample, as_of=end, top=20)
pr.disable()
print(f"wall {time.perf_counter() - t:.1f} s, {len(r)} issues, peak RSS "
      f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB")
pstats.Stats(pr).sort_stats("cumulative").print_stats(35)
