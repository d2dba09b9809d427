"""Draw the demo companies' logos.

One demo company per country, each with a logo of its own instead of Odoo's "Your logo"
placeholder on the portal's header and the reports' one:
addons/micro_base/static/img/demo_company_logo.png for the Mexican programs' company
(PRONAFIM, FONDESO, FONAES) and addons/md_micronegocios/static/img/demo_company_logo.png
for UNIMINUTO's, in Colombia.
Run again after a change: .venv/bin/python scripts/demo_logo.py
"""

import pathlib

from PIL import Image, ImageDraw, ImageFont

ROOT = pathlib.Path(__file__).resolve().parent.parent
TARGET = ROOT / "addons/micro_base/static/img/demo_company_logo.png"
TARGET_CO = ROOT / "addons/md_micronegocios/static/img/demo_company_logo.png"
FONTS = pathlib.Path("/usr/share/fonts/truetype/dejavu")
TEAL = (0, 105, 110, 255)
GOLD = (232, 163, 23, 255)
INK = (38, 50, 56, 255)
NAVY = (0, 51, 102, 255)
YELLOW = (255, 196, 0, 255)


def draw(scale=4, lines=("Programas de Apoyo", "a Micronegocios"), colors=(TEAL, GOLD)):
    width, height = 420 * scale, 90 * scale
    image = Image.new("RGBA", (width, height), (0, 0, 0, 0))
    pen = ImageDraw.Draw(image)
    # The emblem: three bars that grow (a micro-business that grows) in a rounded square.
    side = 80 * scale
    top = (height - side) // 2
    pen.rounded_rectangle(
        (5 * scale, top, 5 * scale + side, top + side), 16 * scale, fill=colors[0]
    )
    bar = 14 * scale
    base = top + side - 14 * scale
    for index, rise in enumerate((20, 34, 50)):
        left = 5 * scale + (15 + index * 19) * scale
        color = colors[1] if index == 2 else (255, 255, 255, 255)
        pen.rounded_rectangle((left, base - rise * scale, left + bar, base), 3 * scale, fill=color)
    # The name, in two lines.
    bold = ImageFont.truetype(str(FONTS / "DejaVuSans-Bold.ttf"), 23 * scale)
    regular = ImageFont.truetype(str(FONTS / "DejaVuSans.ttf"), 17 * scale)
    text_left = 98 * scale
    pen.text((text_left, 14 * scale), lines[0], font=bold, fill=INK)
    pen.text((text_left, 46 * scale), lines[1], font=regular, fill=colors[0])
    box = image.getbbox()
    image = image.crop((0, 0, box[2] + 4 * scale, height))
    return image.resize((image.width // scale, image.height // scale), Image.LANCZOS)


if __name__ == "__main__":
    colombian = draw(lines=("UNIMINUTO", "Acompañamiento a Micronegocios"), colors=(NAVY, YELLOW))
    for target, image in ((TARGET, draw()), (TARGET_CO, colombian)):
        target.parent.mkdir(parents=True, exist_ok=True)
        image.save(target, optimize=True)
        print(target)
