"""English for the importer's strings added with the deferred place step and past opinions
(see locale/fill_po.py; the importer's earlier strings are in locale/en_translations.py)."""

EN = {
    "，问题属地待导入后批量推定": "; place to be derived in batch after the import",
    "推定问题属地": "Place derived",
    "导入后批量推定问题属地：%(unit)s（依据：%(place_derived)s）":
        "Place derived in batch after the import: %(unit)s (evidence: %(place_derived)s)",
    "导入后批量推定问题属地：%(reason)s，暂按导入单位辖区":
        "Place derived in batch after the import: %(reason)s; filed under the importing unit's area for now",
    "答复单位": "Answering unit",
    "导入的原系统答复": "Imported answer from the old system",
}
