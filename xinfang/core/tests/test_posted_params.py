"""posted_params: the one way a page's POST becomes the parameters of a workflow action."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import QueryDict
from django.utils.datastructures import MultiValueDict

from xinfang.core.workflow import posted_params


@pytest.mark.parametrize(("body", "expected"), [
    ("answer-text=ok&answer-unit=3", {"text": "ok", "unit": "3"}),           # prefix removed
    ("answer-units=1&answer-units=2", {"units": ["1", "2"]}),                # a multiple choice
    ("close-note=x&answer-text=ok&csrfmiddlewaretoken=t", {"text": "ok"}),   # other forms ignored
    ("answer-=empty&answerx-text=no", {"": "empty"}),                        # prefix and dash only
    ("", {}),
])
def test_only_the_prefixed_fields_of_the_action(body, expected):
    assert posted_params(QueryDict(body), "answer") == expected


def test_files_of_the_action_are_lists_of_uploads():
    # given a posted record with one material file for the action and one for another form
    mine = SimpleUploadedFile("a.pdf", b"%PDF-1.4")
    other = SimpleUploadedFile("b.pdf", b"%PDF-1.4")
    files = MultiValueDict({"record_progress-material": [mine], "close-material": [other]})
    # when the params are collected
    params = posted_params(QueryDict("record_progress-note=n"), "record_progress", files)
    # then the action gets its own file, as a list, beside its fields
    assert params == {"note": "n", "material": [mine]}
