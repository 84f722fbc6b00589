"""Write the phone's rulebook modules from tracker/rules.py (``--check``: only compare)."""

from django.core.management.base import BaseCommand, CommandError

from tracker import rulebook_js


class Command(BaseCommand):
    help = "Write js/tracker/rulebook.js and rulebook-violations.js from tracker/rules.py."

    def add_arguments(self, parser):
        parser.add_argument(
            "--check", action="store_true", help="Fail if a file differs; write nothing."
        )

    def handle(self, *args, check=False, **options):
        stale = [
            path
            for path, text in rulebook_js.render().items()
            if not path.exists() or path.read_text(encoding="utf-8") != text
        ]
        if check and stale:
            names = ", ".join(path.name for path in stale)
            raise CommandError(f"{names} out of date: run manage.py write_rulebook.")
        if not check:
            for path in stale:
                path.write_text(rulebook_js.render()[path], encoding="utf-8")
        self.stdout.write(
            "The rulebook is up to date." if check else f"Wrote {len(stale)} file(s)."
        )
