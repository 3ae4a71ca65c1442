"""Train the triage models: content category (shipped) and, with enough history, handling unit.

    manage.py train_triage                      # shared labelled messages + own closed cases + corrections
    manage.py train_triage --no-shared          # a bureau's own closed cases and corrections only
    manage.py train_triage --output /srv/models # then set XINFANG_TRIAGE_MODEL_DIR=/srv/models
"""

from __future__ import annotations

import time
from collections import Counter
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from xinfang.cases.models import Case
from xinfang.cases.states import Status
from xinfang.triage import shipped
from xinfang.triage.models import TriageCorrection
from xinfang.triage.services import case_text, level1
from xinfang.triage.textdata import load_labelled_messages
from xinfang.triage.textmodel import train

#: cases whose category and handling unit are settled enough to learn from
SETTLED = (Status.ANSWERED, Status.CLOSED, Status.REVIEW_REQUESTED, Status.REVIEWED,
           Status.RECHECK_REQUESTED, Status.RECHECKED)


class Command(BaseCommand):
    help = "训练分类研判模型（内容分类；历史案件足够时另训练承办单位模型）"

    def add_arguments(self, parser) -> None:  # noqa: ANN001
        parser.add_argument("--data-dir", help="teddy2020 目录（默认 XINFANG_SHARED_DATA/teddy2020）")
        parser.add_argument("--no-shared", action="store_true", help="不使用公开留言数据")
        parser.add_argument("--no-cases", action="store_true", help="不使用本单位已办结案件和研判反馈")
        parser.add_argument("--output", help=f"输出目录（默认 {shipped.model_dir()}）")
        parser.add_argument("--min-unit-cases", type=int, default=5,
                            help="承办单位模型：每个单位至少多少件历史案件")

    def handle(self, *args, **opts) -> None:  # noqa: ANN002, ANN003
        out = Path(opts["output"]) if opts["output"] else shipped.model_dir()
        texts: list[str] = []
        labels: list[str] = []
        sources = []
        if not opts["no_shared"]:
            data_dir = opts["data_dir"] or Path(settings.XINFANG_SHARED_DATA) / "teddy2020"
            try:
                t, y = load_labelled_messages(data_dir)
            except FileNotFoundError as err:
                raise CommandError(f"{err}（或使用 --no-shared 只用本单位案件训练）") from None
            texts += t
            labels += y
            sources.append(f"teddy2020/messages_labelled.csv ({len(t)})")
        unit_texts: list[str] = []
        unit_labels: list[str] = []
        if not opts["no_cases"]:
            by_case: dict[int, tuple[str, str, str]] = {}
            cases = (Case.objects.filter(status__in=SETTLED, category__isnull=False)
                     .select_related("category__parent__parent", "handling_unit"))
            for case in tqdm(cases.iterator(), desc="closed cases", unit="case"):
                top = level1(case.category)
                unit = case.handling_unit.code if case.handling_unit else ""
                by_case[case.pk] = (case_text(case), top.name if top else "", unit)
            corrections = (TriageCorrection.objects.order_by("at", "pk")
                           .select_related("case", "unit"))
            n_corr = 0
            for c in tqdm(corrections.iterator(), desc="corrections", unit="row"):
                old = by_case.get(c.case_id, (case_text(c.case), "", ""))
                by_case[c.case_id] = (old[0], c.category_label or old[1],
                                      c.unit.code if c.unit else old[2])
                n_corr += 1
            n_cat = 0
            for text, label, unit in by_case.values():
                if label:
                    texts.append(text)
                    labels.append(label)
                    n_cat += 1
                if unit:
                    unit_texts.append(text)
                    unit_labels.append(unit)
            sources.append(f"own cases and corrections ({n_cat} categorised, {n_corr} corrections)")
        if len(set(labels)) < 2:
            raise CommandError("训练数据不足：至少需要两个不同的内容分类。")
        t0 = time.perf_counter()
        model = train(texts, labels, progress=True, data_source="; ".join(sources))
        path = model.save(out / shipped.CATEGORY_FILE)
        self.stdout.write(self.style.SUCCESS(
            f"内容分类模型：{len(texts)} 条，{len(model.classes)} 类，"
            f"{time.perf_counter() - t0:.1f} 秒，{path.stat().st_size / 2**20:.1f} MiB → {path}"))
        counts = Counter(unit_labels)
        keep = {u for u, n in counts.items() if n >= opts["min_unit_cases"]}
        if len(keep) >= 2:
            pairs = [(t, u) for t, u in zip(unit_texts, unit_labels, strict=True) if u in keep]
            unit_model = train([t for t, _ in pairs], [u for _, u in pairs], progress=True,
                               data_source="own cases and corrections (handling unit)")
            upath = unit_model.save(out / shipped.UNIT_FILE)
            self.stdout.write(self.style.SUCCESS(
                f"承办单位模型：{len(pairs)} 件，{len(keep)} 个单位 → {upath}"))
        else:
            self.stdout.write(f"承办单位模型：历史案件不足（需至少两个单位各 {opts['min_unit_cases']} 件），"
                              f"未训练；承办单位按清单和历史同类案件建议。")
