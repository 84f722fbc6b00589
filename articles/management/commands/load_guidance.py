"""
`python manage.py load_guidance [--force]`: load the shipped guidance library.

Safe to run on every start (`make run` does): it is idempotent, and it keeps
any topic or article an editor has changed or deleted since the last load,
unless `--force` is given. See articles/loading.py.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from articles.content_files import CONTENT_DIR, ContentError
from articles.loading import load_library


class Command(BaseCommand):
    help = "Load the shipped guidance articles; keeps editors' changes unless --force."

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="Overwrite editors' changes with the shipped version (and restore deleted ones).",
        )
        parser.add_argument(
            "--content-dir",
            type=Path,
            default=CONTENT_DIR,
            help="Folder with topics.toml and <slug>.md files (default: the shipped library).",
        )

    def handle(self, *args, force: bool = False, content_dir: Path = CONTENT_DIR, **options):
        try:
            report = load_library(content_dir, force=force)
        except ContentError as error:
            raise CommandError(str(error)) from error
        for outcome, labels in report.outcomes.items():
            self.stdout.write(f"{outcome}: {len(labels)}")
            if options["verbosity"] > 1 or outcome.startswith("kept"):
                for label in labels:
                    self.stdout.write(f"  {label}")
