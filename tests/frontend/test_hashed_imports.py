"""Every relative import in the collected JavaScript names a hashed file.

The static storage rewrites `import ... from "./x.js"`, `import "./x.js"`,
`export ... from "./x.js"` and `import("./x.js")` to hashed names
(letdown_project/static_storage.py), so each module is fetched and precached
under one name. Its regular expressions are Django's; this reads what they
produced with a broader pattern, so an import they missed fails here instead
of loading a second copy of a module (with its own state) on a phone.
"""

import re
from pathlib import Path

import pytest

# Any quoted relative path ending in .js: wider than any one import form.
RELATIVE_JS = re.compile(r"""["'](\.{1,2}/[^"'\s]+\.js)["']""")
HASHED = re.compile(r"\.[0-9a-f]{12}\.js$")


@pytest.fixture
def collected(_collected_static) -> Path:
    return Path(_collected_static) / "frontend" / "js"


def test_the_collected_modules_import_each_other_by_hashed_name(collected):
    hashed_files = [p for p in collected.rglob("*.js") if HASHED.search(p.name)]
    assert len(hashed_files) > 40  # the tracker's modules are all there
    unhashed = {
        f"{path.relative_to(collected)}: {target}"
        for path in hashed_files
        for target in RELATIVE_JS.findall(path.read_text(encoding="utf-8"))
        if not HASHED.search(target)
    }
    assert not unhashed, sorted(unhashed)


def test_the_rewritten_imports_point_at_files_that_exist(collected):
    main = next(collected.glob("tracker/main.*.js"))
    targets = RELATIVE_JS.findall(main.read_text(encoding="utf-8"))
    assert targets
    for target in targets:
        assert (main.parent / target).resolve().is_file(), target
