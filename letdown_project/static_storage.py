"""
The static files storage: whitenoise's compressed, hashed names, with the
imports inside JavaScript modules rewritten to hashed names too.

Native ES modules import each other by relative path (`./store.js`,
`import("./views/home.js")`). Django rewrites those to the hashed names at
collectstatic (`support_js_module_import_aggregation`, Django 4.2+), so the
browser asks for every module under one name, the one that changes with its
content: each file is downloaded and precached once per release, and served
with a far-future cache lifetime.
"""

from whitenoise.storage import CompressedManifestStaticFilesStorage


class StaticFilesStorage(CompressedManifestStaticFilesStorage):
    support_js_module_import_aggregation = True
    # One pass per level of imports: the module graph is deeper than the default 5.
    max_post_process_passes = 20
