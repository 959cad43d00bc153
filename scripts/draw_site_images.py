"""Draws the site's icons and default social card into static/ (run again after changing them).

    .venv/bin/python scripts/draw_site_images.py

The icon is a film reel (static/icons/icon.svg is the same drawing as a vector); the social card,
shown when a page without a picture of its own is shared, is drawn like the demo posters.
"""

import io
import sys
from pathlib import Path

from PIL import Image, ImageDraw

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from demo.posters import draw_centred_lines  # noqa: E402

RED, CREAM, INK = "#7a1f1f", "#f3e3b5", "#1d1b18"
HOLES = [(32, 19), (44.4, 28), (39.6, 42.5), (24.4, 42.5), (19.6, 28)]


def draw_icon(size, padding=0):
    """The reel on a red square; `padding` (a fraction) leaves room for maskable icons' crop."""
    scale = size / 64
    image = Image.new("RGB", (size, size), RED) if padding else Image.new("RGBA", (size, size))
    draw = ImageDraw.Draw(image)
    if not padding:
        draw.rounded_rectangle((0, 0, size - 1, size - 1), radius=12 * scale, fill=RED)
    reel = 22 * scale * (1 - padding)

    def circle(x, y, radius, fill):
        cx = size / 2 + (x - 32) * scale * (1 - padding)
        cy = size / 2 + (y - 32) * scale * (1 - padding)
        draw.ellipse((cx - radius, cy - radius, cx + radius, cy + radius), fill=fill)

    circle(32, 32, reel, CREAM)
    for x, y in HOLES:
        circle(x, y, 6 * scale * (1 - padding), RED)
    circle(32, 32, 2.5 * scale * (1 - padding), RED)
    return image


def draw_social_card(site_name, tagline):
    width, height = 1200, 630
    image = Image.new("RGB", (width, height), INK)
    draw = ImageDraw.Draw(image)
    draw.rectangle((30, 30, width - 30, height - 30), outline=CREAM, width=4)
    draw.ellipse((width / 2 - 110, 80, width / 2 + 110, 300), outline=CREAM, width=6)
    bottom = draw_centred_lines(draw, [site_name.upper()], 350, 76, CREAM, width)
    draw_centred_lines(draw, [tagline], bottom + 30, 34, CREAM, width)
    return image


def main():
    icons = ROOT / "static/icons"
    for size, name in ((32, "icon-32.png"), (180, "apple-touch-icon.png"), (192, "icon-192.png")):
        draw_icon(size).save(icons / name, optimize=True)
    draw_icon(512).save(icons / "icon-512.png", optimize=True)
    draw_icon(512, padding=0.2).save(icons / "icon-maskable-512.png", optimize=True)
    ico = io.BytesIO()
    draw_icon(48).save(ico, format="ICO", sizes=[(16, 16), (32, 32), (48, 48)])
    (icons / "favicon.ico").write_bytes(ico.getvalue())
    tagline = "Film reviews with the spoilers kept behind a door."
    card = draw_social_card("The Projection Booth", tagline)
    card.save(ROOT / "static/images/social-card.png", optimize=True)


if __name__ == "__main__":
    main()
