"""Draw the demo company's logo (addons/micro_base/static/img/demo_company_logo.png).

The demo's operator, "Programas de Apoyo a Micronegocios (demo)", gets a logo of its own
instead of Odoo's "Your logo" placeholder on the portal's header and the reports' one.
Run again after a change: .venv/bin/python scripts/demo_logo.py
"""

import pathlib

from PIL import Image, ImageDraw, ImageFont

ROOT = pathlib.Path(__file__).resolve().parent.parent
TARGET = ROOT / "addons/micro_base/static/img/demo_company_logo.png"
FONTS = pathlib.Path("/usr/share/fonts/truetype/dejavu")
TEAL = (0, 105, 110, 255)
GOLD = (232, 163, 23, 255)
INK = (38, 50, 56, 255)


def draw(scale=4):
    width, height = 420 * scale, 90 * scale
    image = Image.new("RGBA", (width, height), (0, 0, 0, 0))
    pen = ImageDraw.Draw(image)
    # The emblem: three bars that grow (a micro-business that grows) in a rounded square.
    side = 80 * scale
    top = (height - side) // 2
    pen.rounded_rectangle((5 * scale, top, 5 * scale + side, top + side), 16 * scale, fill=TEAL)
    bar = 14 * scale
    base = top + side - 14 * scale
    for index, rise in enumerate((20, 34, 50)):
        left = 5 * scale + (15 + index * 19) * scale
        color = GOLD if index == 2 else (255, 255, 255, 255)
        pen.rounded_rectangle((left, base - rise * scale, left + bar, base), 3 * scale, fill=color)
    # The name, in two lines.
    bold = ImageFont.truetype(str(FONTS / "DejaVuSans-Bold.ttf"), 23 * scale)
    regular = ImageFont.truetype(str(FONTS / "DejaVuSans.ttf"), 17 * scale)
    text_left = 98 * scale
    pen.text((text_left, 14 * scale), "Programas de Apoyo", font=bold, fill=INK)
    pen.text((text_left, 46 * scale), "a Micronegocios", font=regular, fill=TEAL)
    box = image.getbbox()
    image = image.crop((0, 0, box[2] + 4 * scale, height))
    return image.resize((image.width // scale, image.height // scale), Image.LANCZOS)


if __name__ == "__main__":
    TARGET.parent.mkdir(parents=True, exist_ok=True)
    draw().save(TARGET, optimize=True)
    print(TARGET)
