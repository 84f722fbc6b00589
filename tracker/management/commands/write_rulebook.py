"""Write the phone's rulebook module from tracker/rules.py (``--check``: only compare)."""

from django.core.management.base import BaseCommand, CommandError

from tracker.rulebook_js import PATH, render


class Command(BaseCommand):
    help = "Write frontend/static/frontend/js/tracker/rulebook.js from tracker/rules.py."

    def add_arguments(self, parser):
        parser.add_argument(
            "--check", action="store_true", help="Fail if the file differs; write nothing."
        )

    def handle(self, *args, check=False, **options):
        wanted = render()
        current = PATH.read_text(encoding="utf-8") if PATH.exists() else None
        if check:
            if current != wanted:
                raise CommandError(f"{PATH.name} is out of date: run manage.py write_rulebook.")
            self.stdout.write(f"{PATH.name} is up to date.")
            return
        if current != wanted:
            PATH.write_text(wanted, encoding="utf-8")
        self.stdout.write(f"Wrote {PATH.name}.")
