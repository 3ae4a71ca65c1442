"""The demo seed, and the training command (tiny data: the real run is in bench/ and the docs)."""

from __future__ import annotations

import csv
import random

import pytest
from django.core.management import call_command
from django.test import override_settings

from xinfang.cases.scenarios import drive_to
from xinfang.cases.states import Status
from xinfang.orgs.models import Role
from xinfang.triage import shipped
from xinfang.triage.demo import seed
from xinfang.triage.models import TriageCorrection, TriageProposal
from xinfang.triage.services import triage_accept, triage_propose
from xinfang.triage.textmodel import TextClassifier

from .helpers import petition, taxonomy

pytestmark = pytest.mark.django_db

ROWS = [("小区停车位被占用", "城乡建设"), ("楼道漏水物业不管", "城乡建设"), ("老旧小区改造进度慢", "城乡建设"),
        ("公司拖欠工资三个月", "劳动和社会保障"), ("社保断缴无法补缴", "劳动和社会保障"),
        ("工伤待遇迟迟不发", "劳动和社会保障")]


def test_demo_seed_proposes_accepts_and_corrects(county) -> None:
    cases = [drive_to(county, s) for s in (Status.REGISTERED, Status.ACCEPTED)]
    summary = seed(county=county, cases=cases, rng=random.Random(1))
    assert summary.startswith("研判17件")
    assert TriageProposal.objects.count() == len(cases) + 15
    assert TriageCorrection.objects.filter(accepted=True).exists()
    assert TriageCorrection.objects.filter(accepted=False).exists()
    assert TriageProposal.objects.filter(group_petitioners__gte=5).exists()
    assert TriageProposal.objects.filter(repeat_kind="repeat").exists()


def test_train_triage_uses_shared_data_and_corrections(county, tmp_path) -> None:
    data = tmp_path / "teddy2020"
    data.mkdir()
    with (data / "messages_labelled.csv").open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["留言编号", "留言主题", "留言详情", "一级标签"])
        for i, (text, label) in enumerate(ROWS * 3):
            w.writerow([i, "", f"{text}，请尽快处理{i}", label])
    cats = taxonomy()
    case = petition(county, "学校食堂饭菜质量差", "请求整改学校食堂。", "城关中学食堂饭菜经常变质，学生吃坏肚子。")
    triage_propose(case=case)
    triage_accept(case=case, actor=county.user(county.bureau, Role.REGISTRAR),
                  corrections={"category": cats["教育文体"], "legal_route": "petition"})
    out = tmp_path / "model"
    call_command("train_triage", data_dir=str(data), output=str(out))
    model = TextClassifier.load(out / shipped.CATEGORY_FILE)
    assert "教育文体" in model.classes  # learnt from the stored correction
    assert model.metadata["n"] == len(ROWS) * 3 + 1
    with override_settings(XINFANG_TRIAGE_MODEL_DIR=str(out)):
        assert shipped.load().version.startswith("charsvm-")
