#!/usr/bin/env python3
"""Create/refresh each addon's i18n/es.po from its .pot, keeping existing translations.

Usage: i18n_fill.py ADDON_DIR... [--terms FILE.py]
FILE.py defines ``ES = {msgid: msgstr}`` with new translations to add. Terms with no
translation are listed (and left with an empty msgstr, which `make test` reports).
"""

import pathlib
import runpy
import sys

import polib


def main(argv):
    terms = {}
    if "--terms" in argv:
        i = argv.index("--terms")
        terms = runpy.run_path(argv[i + 1])["ES"]
        argv = argv[:i] + argv[i + 2 :]
    rc = 0
    for arg in argv:
        addon = pathlib.Path(arg)
        pot = polib.pofile(str(addon / "i18n" / f"{addon.name}.pot"))
        po_path = addon / "i18n" / "es.po"
        old = {}
        if po_path.exists():
            old = {e.msgid: e.msgstr for e in polib.pofile(str(po_path)) if e.msgstr}
        po = polib.POFile(wrapwidth=78)
        po.metadata = dict(
            pot.metadata, Language="es", **{"Plural-Forms": "nplurals=2; plural=(n != 1);"}
        )
        for entry in pot:
            entry.msgstr = old.get(entry.msgid) or terms.get(entry.msgid, "")
            if not entry.msgstr:
                print(f"{addon.name}: untranslated: {entry.msgid!r}")
                rc = 1
            po.append(entry)
        po.save(str(po_path))
    return rc


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
