"""The shipped library loader (articles/loading.py, `manage.py load_guidance`)."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from articles.content_files import CONTENT_DIR
from articles.loading import Outcome, load_library
from articles.models import Article, Reference, ShippedContent, Topic


def snapshot() -> list:
    """Every stored value the loader could touch, including update times."""
    return [
        list(Topic.objects.order_by("slug").values()),
        list(Article.objects.order_by("slug").values()),
        list(Reference.objects.order_by("id").values()),
        sorted(Article.related.through.objects.values_list("from_article_id", "to_article_id")),
        list(ShippedContent.objects.order_by("kind", "slug").values()),
    ]


@pytest.fixture
def loaded(db):
    load_library()


def test_first_load_creates_the_shipped_library(loaded):
    assert Article.objects.published().count() >= 6
    assert Topic.objects.count() >= 3
    assert Reference.objects.count() > 0


def test_second_load_changes_nothing(loaded):
    before = snapshot()
    report = load_library()
    assert snapshot() == before
    assert report.count(Outcome.UNCHANGED) == Topic.objects.count() + Article.objects.count()


def test_command_twice_changes_nothing(db):
    call_command("load_guidance", stdout=StringIO())
    before = snapshot()
    call_command("load_guidance", stdout=StringIO())
    assert snapshot() == before


def test_editor_edit_is_kept_on_reload(loaded):
    article = Article.objects.get(slug="let-down")
    article.title = "An editor's better title"
    article.save()
    report = load_library()
    assert Article.objects.get(slug="let-down").title == "An editor's better title"
    assert "article let-down" in report.outcomes[Outcome.KEPT_EDITED.value]


def test_editor_reference_edit_is_kept_on_reload(loaded):
    reference = Reference.objects.filter(article__slug="let-down").first()
    reference.url = "https://example.org/book"
    reference.save()
    load_library()
    assert Reference.objects.filter(url="https://example.org/book").exists()


def test_editor_unpublishing_is_kept_on_reload(loaded):
    Article.objects.filter(slug="let-down").update(status=Article.Status.DRAFT)
    load_library()
    assert Article.objects.get(slug="let-down").status == Article.Status.DRAFT


def test_editor_topic_edit_is_kept_on_reload(loaded):
    Topic.objects.filter(slug="pumping").update(name="Pumping and expressing")
    load_library()
    assert Topic.objects.get(slug="pumping").name == "Pumping and expressing"


def test_deleted_article_is_not_brought_back(loaded):
    Article.objects.get(slug="more-than-one-let-down").delete()
    report = load_library()
    assert not Article.objects.filter(slug="more-than-one-let-down").exists()
    assert "article more-than-one-let-down" in report.outcomes[Outcome.KEPT_DELETED.value]


def test_force_overwrites_an_editor_edit(loaded):
    Article.objects.filter(slug="let-down").update(title="Edited")
    call_command("load_guidance", "--force", stdout=StringIO())
    assert Article.objects.get(slug="let-down").title != "Edited"


def test_force_restores_a_deleted_article_with_its_references(loaded):
    count = Reference.objects.filter(article__slug="let-down").count()
    Article.objects.get(slug="let-down").delete()
    load_library(force=True)
    assert Reference.objects.filter(article__slug="let-down").count() == count


def test_untouched_article_is_updated_when_shipped_content_changes(loaded, tmp_path):
    for source in CONTENT_DIR.iterdir():
        (tmp_path / source.name).write_text(source.read_text())
    path = tmp_path / "let-down.md"
    path.write_text(path.read_text().replace("how your milk starts to flow", "a new title"))
    report = load_library(tmp_path)
    assert Article.objects.get(slug="let-down").title == "The let-down: a new title"
    assert report.outcomes[Outcome.UPDATED.value] == ["article let-down"]


def test_admin_style_crlf_resave_is_not_an_edit(loaded):
    article = Article.objects.get(slug="let-down")
    article.body = article.body.replace("\n", "\r\n")
    article.save()
    assert load_library().count(Outcome.KEPT_EDITED) == 0


def test_malformed_content_file_fails_before_writing(db, tmp_path):
    (tmp_path / "topics.toml").write_text('[[topics]]\nslug = "a"\nname = "A"\n')
    (tmp_path / "broken.md").write_text("no front matter here")
    with pytest.raises(ValueError, match=r"broken\.md"):
        load_library(tmp_path)
    assert not Topic.objects.exists()


def test_command_reports_content_errors_as_command_errors(db, tmp_path):
    (tmp_path / "topics.toml").write_text("")
    (tmp_path / "x.md").write_text('+++\ntitle = "X"\n+++\nbody')
    with pytest.raises(CommandError, match=r"x\.md: missing"):
        call_command("load_guidance", "--content-dir", str(tmp_path), stdout=StringIO())
