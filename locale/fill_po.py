"""Write the English strings of locale/en_translations.py into locale/en/LC_MESSAGES/django.po."""

import re
import runpy
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
EN: dict[str, str] = {}
for path in sorted(HERE.glob("*_translations.py")) + sorted(HERE.parent.glob("xinfang/*/locale_en.py")):
    EN.update(runpy.run_path(str(path))["EN"])


def quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def unquote(lines: str) -> str:
    return "".join(bytes(s, "utf-8").decode("unicode_escape").encode("latin-1").decode("utf-8")
                   for s in re.findall(r'"((?:[^"\\]|\\.)*)"', lines))


def main(po: Path) -> None:
    blocks = po.read_text(encoding="utf-8").split("\n\n")
    out, filled, missing = [blocks[0]], 0, []
    for block in blocks[1:]:
        m = re.search(r'^msgid ((?:".*"\n?)+)', block, re.M)
        if not m:
            out.append(block)
            continue
        msgid = unquote(m.group(1))
        # makemessages guesses translations of new msgids from similar old ones ("#, fuzzy" with
        # "#| msgid ..."); a guess is never kept: EN is the only source of the English text.
        block = re.sub(r"^#\| .*\n", "", block + "\n", flags=re.M).rstrip("\n")
        block = re.sub(r"^#, fuzzy\n", "", block, flags=re.M)
        block = re.sub(r"^(#,.*?) ?\bfuzzy,? ?", r"\1 ", block, flags=re.M)
        block = re.sub(r"^#, *$\n?", "", block, flags=re.M)
        if msgid in EN:
            text = quote(EN[msgid])
            if "msgid_plural" in block:
                block = re.sub(r'^msgstr\[(\d)\] (?:".*"\n?)+',
                               lambda mm, t=text: f"msgstr[{mm.group(1)}] {t}\n",
                               block + "\n", flags=re.M).rstrip("\n")
            else:
                block = re.sub(r'^msgstr (?:".*"\n?)+', f"msgstr {text}\n", block + "\n",
                               flags=re.M).rstrip("\n")
            filled += 1
        elif msgid:
            missing.append(msgid)
            block = re.sub(r'^(msgstr(?:\[\d\])?) (?:".*"\n?)+', r'\1 ""\n', block + "\n",
                           flags=re.M).rstrip("\n")
        out.append(block)
    po.write_text("\n\n".join(out), encoding="utf-8")
    print(f"{filled} strings translated, {len(missing)} left in Chinese", file=sys.stderr)


if __name__ == "__main__":
    main(HERE / "en" / "LC_MESSAGES" / "django.po")
