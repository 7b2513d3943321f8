"""List the admin strings Wagtail leaves untranslated in Vietnamese, as a .po skeleton.

Wagtail's `vi` catalogues hold only the strings someone translated; its `en` catalogues hold
every msgid. A msgid counts as missing when no `vi` catalogue (Wagtail's, Django's or ours in
locale/vi/LC_MESSAGES/django.po) translates it, since Django merges all catalogues into one.

    .venv/bin/python locale/untranslated.py > /tmp/missing.po      # then translate, append
    .venv/bin/python locale/untranslated.py djangojs                # the admin's JavaScript

Only the Wagtail apps whose screens our users touch are read (APPS below).
"""

import ast
import sys
from pathlib import Path

import django
import wagtail

APPS = ["admin", "", "users", "images", "documents", "snippets", "contrib/settings", "sites"]
# Django's own messages the admin shows (form errors, "3 minutes ago", password rules).
DJANGO_CATALOGUES = ["conf", "contrib/auth"]
DOMAIN = sys.argv[1] if len(sys.argv) > 1 else "django"
OURS = Path(__file__).resolve().parent / "vi" / "LC_MESSAGES" / f"{DOMAIN}.po"


def entries(path: Path):
    """Yield (msgctxt, msgid, msgid_plural, msgstrs) from a .po file (gettext syntax)."""
    entry: dict[str, list[str]] = {}
    key = None

    def done():
        if "msgid" in entry:
            strs = [v for k, v in sorted(entry.items()) if k.startswith("msgstr")]
            yield (
                "".join(entry.get("msgctxt", [])) or None,
                "".join(entry["msgid"]),
                "".join(entry.get("msgid_plural", [])) or None,
                ["".join(s) for s in strs],
            )

    for raw in path.read_text(encoding="utf-8").splitlines() + [""]:
        line = raw.strip()
        if not line or line.startswith("#"):
            if not line and entry:
                yield from done()
                entry, key = {}, None
            continue
        if line.startswith('"'):
            entry[key].append(ast.literal_eval(line))
            continue
        key, _, rest = line.partition(" ")
        entry[key] = [ast.literal_eval(rest)]


def po_quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def main() -> None:
    root = Path(wagtail.__file__).parent
    if DOMAIN == "djangojs":
        apps, django_catalogues = ["admin"], []
    else:
        apps, django_catalogues = APPS, DJANGO_CATALOGUES
    vi_catalogues = [*root.rglob(f"locale/vi/LC_MESSAGES/{DOMAIN}.po")]
    django_root = Path(django.__file__).parent
    vi_catalogues += [
        django_root / name / "locale/vi/LC_MESSAGES/django.po" for name in django_catalogues
    ]
    if OURS.exists():
        vi_catalogues.append(OURS)
    translated = {
        (ctx, msgid)
        for path in vi_catalogues
        for ctx, msgid, _plural, strs in entries(path)
        if msgid and any(strs)
    }
    seen = set()
    english = [root / app / f"locale/en/LC_MESSAGES/{DOMAIN}.po" for app in apps]
    english += [
        django_root / name / "locale/en/LC_MESSAGES/django.po" for name in django_catalogues
    ]
    for en in english:
        for ctx, msgid, plural, _strs in entries(en):
            if not msgid or (ctx, msgid) in translated or (ctx, msgid) in seen:
                continue
            seen.add((ctx, msgid))
            if ctx:
                print(f"msgctxt {po_quote(ctx)}")
            print(f"msgid {po_quote(msgid)}")
            if plural:
                print(f"msgid_plural {po_quote(plural)}")
                print('msgstr[0] ""')
            else:
                print('msgstr ""')
            print()
    print(f"# {len(seen)} missing", file=sys.stderr)


if __name__ == "__main__":
    main()
