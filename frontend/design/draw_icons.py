"""Draw Letdown's app icons (PNG) into frontend/static/frontend/icons/.

Run once after changing the design, with Pillow in any throwaway environment
(Pillow is not a dependency of the app):

    python -m venv /tmp/icons && /tmp/icons/bin/pip install pillow
    /tmp/icons/bin/python frontend/design/draw_icons.py

The mark is a cream drop of milk, with a small warm heart inside, on the
terracotta of the app's primary colour. "any" icons are a rounded square;
"maskable" icons fill the square and keep the mark inside the central 80 %
safe zone, so Android's circle/squircle masks never cut it; the Apple touch
icon fills the square because iOS rounds the corners itself.
"""

from pathlib import Path

from PIL import Image, ImageDraw

OUT = Path(__file__).resolve().parents[1] / "static" / "frontend" / "icons"
TERRACOTTA = (138, 61, 43, 255)
CREAM = (255, 246, 236, 255)
HEART = (222, 120, 96, 255)
SUPERSAMPLE = 4


def _drop(draw: ImageDraw.ImageDraw, cx: float, cy: float, r: float) -> None:
    """A drop: a circle with a pointed top (a triangle tangent to it)."""
    draw.ellipse((cx - r, cy - r, cx + r, cy + r), fill=CREAM)
    tip_y = cy - 2.05 * r
    # Tangent points of lines from the tip to the circle.
    d = cy - tip_y
    sin_a = r / d
    cos_a = (1 - sin_a**2) ** 0.5
    tx = r * cos_a
    ty = cy - r * sin_a
    draw.polygon([(cx, tip_y), (cx - tx, ty), (cx + tx, ty)], fill=CREAM)


def _heart(draw: ImageDraw.ImageDraw, cx: float, cy: float, s: float) -> None:
    lobe = s * 0.52
    draw.ellipse((cx - s, cy - s * 0.75, cx - s + 2 * lobe, cy - s * 0.75 + 2 * lobe), fill=HEART)
    draw.ellipse((cx + s - 2 * lobe, cy - s * 0.75, cx + s, cy - s * 0.75 + 2 * lobe), fill=HEART)
    draw.polygon(
        [(cx - s * 0.97, cy - s * 0.12), (cx + s * 0.97, cy - s * 0.12), (cx, cy + s * 0.95)],
        fill=HEART,
    )


def draw_icon(size: int, *, rounded: bool, mark_scale: float) -> Image.Image:
    big = size * SUPERSAMPLE
    image = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    if rounded:
        draw.rounded_rectangle((0, 0, big - 1, big - 1), radius=big * 0.22, fill=TERRACOTTA)
    else:
        draw.rectangle((0, 0, big, big), fill=TERRACOTTA)
    r = big * 0.25 * mark_scale
    cx, cy = big / 2, big / 2 + r * 0.55
    _drop(draw, cx, cy, r)
    _heart(draw, cx, cy + r * 0.08, r * 0.42)
    return image.resize((size, size), Image.Resampling.LANCZOS)


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    variants = {
        "icon-192.png": (192, True, 1.0),
        "icon-512.png": (512, True, 1.0),
        "maskable-192.png": (192, False, 0.8),
        "maskable-512.png": (512, False, 0.8),
        "apple-touch-icon.png": (180, False, 0.9),
    }
    for name, (size, rounded, scale) in variants.items():
        icon = draw_icon(size, rounded=rounded, mark_scale=scale)
        if not rounded:
            icon = icon.convert("RGB")  # Opaque: masks and iOS expect no transparency.
        icon.save(OUT / name, optimize=True)
        print(f"wrote {OUT / name}")


if __name__ == "__main__":
    main()
