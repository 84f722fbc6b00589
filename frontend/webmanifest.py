"""The web app manifest (served at /manifest.webmanifest).

Contract: the members Chromium, Safari and Firefox read for installing a PWA:
id, name, short_name, start_url, scope, display, colours, icons (192 and 512,
plus separate maskable ones), shortcuts into the tracker (hash routes of the
app at /), and a phone screenshot for the richer install dialog. Icon and
screenshot URLs are the hashed static URLs of this release.
"""

from django.templatetags.static import static

LIGHT_BACKGROUND = "#f7f1ea"
DARK_BACKGROUND = "#1d1a1f"

SHORTCUTS = [
    ("Start a feed", "Feed", "Start the feed timer", "/#/timer"),
    ("Log a pump", "Pump", "Log a pumping session", "/#/log/pump"),
    ("Log a bottle", "Bottle", "Log a bottle feed", "/#/log/bottle"),
]


def _icon(name: str, size: int, purpose: str) -> dict:
    return {
        "src": static(f"frontend/icons/{name}"),
        "sizes": f"{size}x{size}",
        "type": "image/png",
        "purpose": purpose,
    }


def _shortcut(name: str, short_name: str, description: str, url: str) -> dict:
    return {
        "name": name,
        "short_name": short_name,
        "description": description,
        "url": url,
        "icons": [_icon("icon-192.png", 192, "any")],
    }


def web_app_manifest() -> dict:
    return {
        "id": "/",
        "name": "Letdown: feeds and guidance",
        "short_name": "Letdown",
        "description": (
            "A calm feed tracker and breastfeeding guidance that work offline, "
            "one-handed, at 3 a.m."
        ),
        "lang": "en",
        "dir": "ltr",
        "start_url": "/",
        "scope": "/",
        "display": "standalone",
        "display_override": ["standalone", "minimal-ui"],
        "theme_color": LIGHT_BACKGROUND,
        "background_color": LIGHT_BACKGROUND,
        # Dark colours for browsers that read per-scheme overrides (Chromium's
        # "user_preferences" trial); others use the light ones above.
        "user_preferences": {
            "color_scheme_dark": {
                "theme_color": DARK_BACKGROUND,
                "background_color": DARK_BACKGROUND,
            }
        },
        "categories": ["health", "medical", "lifestyle"],
        "icons": [
            _icon("icon-192.png", 192, "any"),
            _icon("icon-512.png", 512, "any"),
            _icon("maskable-192.png", 192, "maskable"),
            _icon("maskable-512.png", 512, "maskable"),
        ],
        "shortcuts": [_shortcut(*shortcut) for shortcut in SHORTCUTS],
        "screenshots": [
            {
                "src": static("frontend/screenshots/home-390x844.png"),
                "sizes": "390x844",
                "type": "image/png",
                "form_factor": "narrow",
                "label": "The Letdown home screen on a phone",
            }
        ],
    }
