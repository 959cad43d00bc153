"""Posters and title cards drawn for the demo reviews, so the demo needs no outside images."""

import textwrap

from PIL import Image, ImageDraw, ImageFont

POSTER_SIZE = (600, 900)
CARD_SIZE = (1200, 675)


def font(size):
    return ImageFont.load_default(size=size)


def draw_centred_lines(draw, lines, top, size, fill, width):
    for line in lines:
        draw.text((width / 2, top), line, font=font(size), fill=fill, anchor="ma")
        top += int(size * 1.2)
    return top


def draw_poster(title, year, director, background, ink):
    width, height = POSTER_SIZE
    image = Image.new("RGB", POSTER_SIZE, background)
    draw = ImageDraw.Draw(image)
    draw.rectangle((24, 24, width - 24, height - 24), outline=ink, width=4)
    draw.ellipse((width / 2 - 150, 150, width / 2 + 150, 450), outline=ink, width=6)
    lines = textwrap.wrap(title.upper(), width=14)
    bottom = draw_centred_lines(draw, lines, 500, 58, ink, width)
    draw.text((width / 2, bottom + 20), str(year), font=font(40), fill=ink, anchor="ma")
    draw.text((width / 2, height - 90), director, font=font(28), fill=ink, anchor="ma")
    return image


def draw_card(text, background, ink):
    width, height = CARD_SIZE
    image = Image.new("RGB", CARD_SIZE, background)
    draw = ImageDraw.Draw(image)
    draw.rectangle((40, 40, width - 40, height - 40), outline=ink, width=3)
    lines = textwrap.wrap(text, width=22)
    top = (height - len(lines) * 86) / 2
    draw_centred_lines(draw, lines, top, 72, ink, width)
    return image
