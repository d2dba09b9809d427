#!/usr/bin/env python3
"""Build each addon's README.rst from its readme/*.md fragments (OCA layout).

Usage: gen_addon_readme.py [--check] ADDON_DIR...
With --check, exit 1 when a README.rst is missing or out of date.
"""

import ast
import pathlib
import sys

FRAGMENTS = [
    ("DESCRIPTION.md", None),
    ("CONFIGURE.md", "Configuration"),
    ("USAGE.md", "Usage"),
    ("ROADMAP.md", "Known issues / Roadmap"),
]


def render(addon):
    manifest = ast.literal_eval((addon / "__manifest__.py").read_text())
    title = manifest["name"]
    out = ["=" * len(title), title, "=" * len(title), ""]
    out += [
        f"*{manifest['summary']}*",
        "",
        f"Version {manifest['version']}, " f"license {manifest['license']}.",
        "",
    ]
    for name, heading in FRAGMENTS:
        path = addon / "readme" / name
        if not path.exists():
            continue
        if heading:
            out += [heading, "=" * len(heading), ""]
        out += [path.read_text().strip().replace("`", "``").replace("````", "``"), ""]
    return "\n".join(out)


def main(argv):
    check = "--check" in argv
    stale = []
    for arg in (a for a in argv if a != "--check"):
        addon = pathlib.Path(arg)
        text = render(addon)
        target = addon / "README.rst"
        if check:
            if not target.exists() or target.read_text() != text:
                stale.append(str(target))
        else:
            target.write_text(text)
    for path in stale:
        print(f"out of date: {path} (run scripts/gen_addon_readme.py)")
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
