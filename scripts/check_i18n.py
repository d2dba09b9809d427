#!/usr/bin/env python3
"""Check that each addon's i18n/es.po translates every term Odoo exports for it.

Usage: check_i18n.py EXPORTED.pot ADDONS_DIR ADDON...
EXPORTED.pot is ``odoo-bin --i18n-export`` of the addons (terms tagged per module).
A term is missing when its msgid is not in the addon's es.po or has an empty msgstr.
"""

import pathlib
import sys

import polib


def _modules(entry):
    """Addons an exported term belongs to ("#. module: a" or "#. modules: a, b")."""
    for line in entry.comment.splitlines():
        key, _sep, names = line.partition(":")
        if key.strip() in ("module", "modules"):
            return {name.strip() for name in names.split(",")}
    return set()


def main(pot_path, addons_dir, addons):
    pot = polib.pofile(pot_path)
    missing = 0
    for addon in addons:
        po_path = pathlib.Path(addons_dir) / addon / "i18n" / "es.po"
        terms = {entry.msgid for entry in pot if addon in _modules(entry)}
        if not po_path.exists():
            print(f"{addon}: no i18n/es.po ({len(terms)} terms to translate)")
            missing += len(terms)
            continue
        translated = {e.msgid for e in polib.pofile(str(po_path)) if e.msgstr and not e.obsolete}
        lacking = sorted(terms - translated)
        for msgid in lacking:
            print(f"{addon}: untranslated: {msgid[:100]!r}")
        missing += len(lacking)
        print(f"{addon}: {len(terms) - len(lacking)}/{len(terms)} terms translated")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2], sys.argv[3:]))
