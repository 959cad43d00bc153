"""Moving a WordPress site in: posts become reviews, pages standard pages, and the rest follows.

Each post or page is imported in a savepoint of its own, with its comments and redirects, so
an error leaves nothing half-written; posts commit in batches (`import_batch`). Every part of
the export is recorded in `ImportedItem`: a second run updates what changed in WordPress, leaves
alone what an editor has changed here since, and duplicates nothing.
"""

import contextlib
import csv
import hashlib
import html
import json
import re
import time
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import unquote, urlsplit

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.files.images import ImageFile
from django.db import transaction
from django.db.models import F, prefetch_related_objects
from django.db.models.signals import post_save
from django.utils import timezone
from django.utils.text import Truncator, slugify
from modelcluster.models import get_all_child_relations
from modelsearch.backends import get_search_backends
from modelsearch.signal_handlers import post_save_signal_handler as search_signal_handler
from taggit.models import Tag
from wagtail.contrib.frontend_cache.utils import purge_pages_from_cache
from wagtail.contrib.redirects.models import Redirect
from wagtail.images import get_image_model
from wagtail.log_actions import get_active_log_context
from wagtail.models import (
    Page,
    PageLogEntry,
    PageViewRestriction,
    ReferenceIndex,
    Revision,
    Site,
)
from wagtail.signal_handlers import disable_reference_index_auto_update

from core.prefetch import objects_known
from feedback.models import Comment
from feedback.protection import private_hash
from home.models import HomePage, StandardPage
from pagecache import tags as cache_tags
from pagecache.invalidation import changed_by
from reviews.conversion import REVIEW_BLOCKS, VerdictLabels
from reviews.models import Category, Critic, ReviewIndexPage, ReviewPage, ReviewPageTag

from . import content, wxr
from .models import ImportedItem

PAGE_BLOCKS = frozenset(StandardPage._meta.get_field("body").stream_block.child_blocks)
# Where an intro can come from when the post has no excerpt: the first of these blocks that has
# text (spoiler sections never).
INTRO_SOURCES = {
    "text": "text",
    "quote": "quote",
    "verdict": "summary",
    "image": "caption",
    "trailer": "caption",
}
# Imported pages are indexed for search in batches of this many, once their posts have committed.
SEARCH_BATCH = 200
# Posts commit together (each in a savepoint of its own) after this many, or this many seconds.
COMMIT_POSTS = 200
COMMIT_SECONDS = 1.0
IMAGE_EXTENSIONS = {".jpg", ".jpeg", ".png", ".gif", ".webp", ".avif"}
RESIZED = re.compile(r"-\d+x\d+(?=\.[A-Za-z]+$)")
COMMENT_STATUS = {
    "1": Comment.Status.APPROVED,
    "approve": Comment.Status.APPROVED,
    "0": Comment.Status.PENDING,
    "hold": Comment.Status.PENDING,
    "spam": Comment.Status.SPAM,
    "trash": Comment.Status.REJECTED,
}


class ImportRefused(Exception):
    """The import cannot start; nothing has been written."""


@dataclass
class Options:
    uploads: Path | None = None
    dry_run: bool = False
    parent: Page | None = None
    author_map: dict | None = None


class Report:
    """What happened, by kind of thing and outcome, and what needs a person's attention."""

    def __init__(self):
        self.outcomes = Counter()  # (kind, outcome)
        self.warnings = Counter()
        self.examples = defaultdict(list)
        self.notes = []  # what was done to the site itself, e.g. a review index created
        self.fidelity = []  # content.PostFidelity of every post and page read

    def count(self, kind, outcome):
        self.outcomes[kind, outcome] += 1

    def warn(self, kind, detail=""):
        self.warnings[kind] += 1
        if detail and len(self.examples[kind]) < 5 and detail not in self.examples[kind]:
            self.examples[kind].append(detail)

    def merge(self, other):
        """Add what one post's import counted, once its transaction has committed."""
        self.outcomes.update(other.outcomes)
        self.fidelity += other.fidelity
        self.merge_warnings(other)

    def merge_warnings(self, other):
        self.warnings.update(other.warnings)
        for kind, examples in other.examples.items():
            for detail in examples:
                if len(self.examples[kind]) < 5 and detail not in self.examples[kind]:
                    self.examples[kind].append(detail)

    @property
    def losses(self):
        return [post for post in self.fidelity if post.lost]

    def totals(self):
        """Words, links and images in the export against those on the imported pages."""
        return {
            "posts": len(self.fidelity),
            "words_in": sum(p.words_in for p in self.fidelity),
            "words_out": sum(p.words_out for p in self.fidelity),
            "words_lost": sum(p.words_lost for p in self.fidelity),
            "images_in": sum(p.images_in for p in self.fidelity),
            "images_out": sum(p.images_out for p in self.fidelity),
            "links_lost": sum(len(p.links_missing) for p in self.fidelity),
            "videos_in": sum(p.videos_in for p in self.fidelity),
            "videos_out": sum(p.videos_out for p in self.fidelity),
        }

    def fidelity_lines(self):
        t = self.totals()
        lines = [
            f"fidelity: {t['posts']} posts and pages checked, {t['words_in']} words in the "
            f"export, {t['words_out']} on the imported pages, {t['words_lost']} lost; "
            f"images {t['images_out']} of {t['images_in']}, videos {t['videos_out']} of "
            f"{t['videos_in']}; links lost {t['links_lost']}"
        ]
        for post in self.losses:
            lost = [f"words «{passage}»" for passage in post.missing[:3]]
            lost += [f"link {url}" for url in post.links_missing[:3]]
            if post.images_out < post.images_in:
                lost.append(f"{post.images_in - post.images_out} image(s)")
            if post.videos_out < post.videos_in:
                lost.append(f"{post.videos_in - post.videos_out} video(s)")
            lines.append(f"LOST in “{post.title}”: {'; '.join(lost)}")
        return lines

    def lines(self, dry_run):
        verb = "would be " if dry_run else ""
        site = "site (dry run, not kept)" if dry_run else "site"
        lines = [f"{site}: {note}" for note in self.notes]
        kinds = sorted({kind for kind, _ in self.outcomes})
        for kind in kinds:
            parts = [
                f"{self.outcomes[kind, outcome]} {verb}{outcome}"
                for outcome in ("created", "updated", "unchanged", "skipped", "failed")
                if self.outcomes[kind, outcome]
            ]
            lines.append(f"{kind}: {', '.join(parts)}")
        for kind, number in sorted(self.warnings.items()):
            examples = "; ".join(self.examples[kind])
            suffix = f" (e.g. {examples})" if examples else ""
            lines.append(f"warning: {number} x {kind}{suffix}")
        return lines + self.fidelity_lines()


def read_author_map(path):
    """login,byline[,username] per line: the byline to show and the Wagtail user who owns it."""
    try:
        with open(path, newline="", encoding="utf-8") as handle:
            rows = [row for row in csv.reader(handle) if row and not row[0].startswith("#")]
    except OSError as exc:
        raise ImportRefused(f"The author map {path} cannot be read: {exc}") from exc
    mapping = {}
    for number, row in enumerate(rows, 1):
        if len(row) < 2 or not row[0].strip() or not row[1].strip():
            raise ImportRefused(f"{path}, line {number}: expected 'login,byline[,username]'.")
        mapping[row[0].strip()] = (row[1].strip(), row[2].strip() if len(row) > 2 else "")
    return mapping


class MediaLibrary:
    """Finds uploaded files and turns them into Wagtail images, once each."""

    def __init__(self, uploads, attachments, site_url, dry_run, report):
        self.uploads, self.site_url, self.dry_run = uploads, site_url, dry_run
        self.attachments = attachments  # WordPress attachment id -> (address, parent post id)
        self.report = report  # the importer points this at the current post's report
        self.found = {}

    def path_for(self, url):
        uploads = self.uploads
        if uploads is None:
            return None
        path = unquote(urlsplit(url).path)
        relative = path.split("/wp-content/uploads/", 1)[-1].lstrip("/")
        for candidate in (relative, RESIZED.sub("", relative)):
            file = (uploads / candidate).resolve()
            if file.is_file() and file.is_relative_to(uploads.resolve()):
                return file
        return None

    def image_for_url(self, url):
        if Path(urlsplit(url).path).suffix.lower() not in IMAGE_EXTENSIONS:
            return None
        file = self.path_for(url)
        if file is None:
            reason = "no --uploads folder" if self.uploads is None else url
            self.report.warn("image left as a link", reason)
            return None
        key = str(file)
        if key not in self.found:
            self.found[key] = self.image_from_file(file)
        return self.found[key]

    def image_for_attachment(self, wp_id):
        url = self.attachments.get(wp_id, ("", 0))[0]
        return self.image_for_url(url) if url else None

    def gallery_urls(self, ids, post_id):
        if not ids:  # an old-style gallery shows every image attached to the post
            ids = [wp_id for wp_id, (_, parent) in self.attachments.items() if parent == post_id]
        return [self.attachments[i][0] for i in ids if i in self.attachments]

    def image_from_file(self, file):
        key = f"file:{file.relative_to(self.uploads.resolve())}"
        record = ImportedItem.objects.filter(site_url=self.site_url, source_key=key).first()
        image_model = get_image_model()
        if record and (image := image_model.objects.filter(pk=record.object_id).first()):
            self.report.count("images", "unchanged")
            return image
        self.report.count("images", "created")
        if self.dry_run:
            return SimpleNamespace(pk=None, title=file.stem)
        with file.open("rb") as handle:
            image = image_model(title=file.stem.replace("-", " ")[:255])
            image.file = ImageFile(handle, name=file.name)
            image._set_image_file_metadata()
            image.save()
        ImportedItem.objects.update_or_create(
            site_url=self.site_url, source_key=key, defaults={"object_id": image.pk}
        )
        return image


class WordPressImport:
    def __init__(self, path, options, progress=None):
        self.path = Path(path)
        self.options = options
        self.progress = progress or (lambda total: _Silent())
        self.report = Report()
        self.authors = {}
        self.categories = {}
        # Categories, tags, critics and users found or made, kept across posts so that each is
        # looked up once per import; emptied when a post fails, as what it made was rolled back.
        self.lookups = {}
        self.records = {}  # source_key -> ImportedItem of this site, read once per import
        self.recorded = []  # keys of the records the post under way wrote
        self.unindexed = []  # pages saved but not yet indexed for search: (model, pk)
        self.unreferenced = []  # pages and comments not yet in the reference index
        # New pages of the batch: their creation logged and their cached copies refreshed
        # together once the batch's posts are in, in the batch's transaction.
        self.unlogged = []
        self.published = []
        # The path of each parent's last child, known while the batch's transaction holds the
        # parent's row locked (`add_live_child`).
        self.last_paths = {}

    # Checks before anything is written ----------------------------------------------------

    def check(self):
        uploads = self.options.uploads
        if uploads is not None and not (uploads.is_dir() and _readable(uploads)):
            raise ImportRefused(f"The uploads folder {uploads} does not exist or cannot be read.")
        try:
            return wxr.survey(self.path)
        except wxr.ExportError as exc:
            raise ImportRefused(str(exc)) from exc

    def run(self):
        survey = self.check()
        self.site_url = survey.site_url or "wordpress"
        if survey.note:
            self.report.warn("export read leniently", survey.note)
        self.media = MediaLibrary(
            self.options.uploads,
            survey.attachments,
            self.site_url,
            self.options.dry_run,
            self.report,
        )
        self.verdicts = VerdictLabels()
        self.records = {
            record.source_key: record
            for record in ImportedItem.objects.filter(site_url=self.site_url)
        }
        # A dry run happens in one transaction that is rolled back; a real one commits a batch
        # of posts at a time, so a long import never holds the database for the whole of its run.
        with transaction.atomic() if self.options.dry_run else contextlib.nullcontext():
            with transaction.atomic():
                self.prepare_site()
            bar = self.progress(survey.items)
            try:
                with contextlib.closing(wxr.read(self.path, survey.lenient)) as items:
                    while self.import_batch(items, bar):
                        if len(self.unindexed) >= SEARCH_BATCH:
                            self.index_for_search()
            finally:
                self.index_for_search()  # also what an interrupted import committed
            bar.close()
            if self.options.dry_run:
                transaction.set_rollback(True)
        return self.report

    def import_batch(self, items, bar):
        """Import items in one transaction until a commit is due; False once there are no more.

        Each post has a savepoint of its own (`in_transaction`), so a post that fails rolls back
        alone. A commit costs a disk flush on SQLite: posts commit together every
        `COMMIT_SECONDS` or `COMMIT_POSTS` posts, with their reference index. An interruption
        (Ctrl-C) rolls back the post under way and commits the whole posts before it.
        """
        started, done, more, interruption = time.monotonic(), 0, False, None
        self.last_paths.clear()  # the last batch's locks are gone
        with transaction.atomic():
            try:
                for kind, value in items:
                    self.handle(kind, value)
                    if kind == "item":
                        bar.update(1)
                        done += 1
                    if done >= COMMIT_POSTS or time.monotonic() - started >= COMMIT_SECONDS:
                        more = True
                        break
            except BaseException as exc:  # raised again once the whole posts have committed
                interruption = exc
            PageLogEntry.objects.bulk_create(self.unlogged)
            self.unlogged.clear()
            self.index_references()
            self.refresh_caches()
        if interruption is not None:
            raise interruption
        return more

    def index_references(self):
        """Wagtail's reference index for the pages and comments saved since the last call.

        What `ReferenceIndex.create_or_update_for_object` does for one object, for a batch of
        them: the pages' cluster relations are loaded together, their old references deleted
        and the new ones inserted in one query per model instead of five per object.
        """
        objects = defaultdict(dict)
        for obj in self.unreferenced:
            objects[type(obj)][obj.pk] = obj
        self.unreferenced.clear()
        for model, found in objects.items():
            relations = [r.get_accessor_name() for r in get_all_child_relations(model)]
            prefetch_related_objects(list(found.values()), *relations)
            types = [
                ContentType.objects.get_for_model(m, for_concrete_model=False)
                for m in [model, *model._meta.get_parent_list()]
            ]
            ReferenceIndex.objects.filter(
                base_content_type=types[-1], object_id__in=[str(pk) for pk in found]
            ).delete()
            ReferenceIndex.objects.bulk_create(
                [
                    ReferenceIndex(
                        content_type=types[0],
                        base_content_type=types[-1],
                        object_id=obj.pk,
                        to_content_type_id=to_type,
                        to_object_id=to_id,
                        model_path=model_path,
                        content_path=content_path,
                        content_path_hash=ReferenceIndex._get_content_path_hash(content_path),
                    )
                    for obj in found.values()
                    for to_type, to_id, model_path, content_path in set(
                        ReferenceIndex._extract_references_from_object(obj)
                    )
                ],
                ignore_conflicts=True,
            )

    def refresh_caches(self):
        """Refresh the cached copies of what the batch's new pages change, once per batch.

        What `page_published`'s receivers do for each page, for all of them at once: the tags
        each page's publication retires (`pagecache`) and its addresses purged from a frontend
        cache (Wagtail's). The third receiver, for the privacy page's link, acts only on a page
        with the privacy page at or below it, which a page just created cannot be.
        """
        if self.published:
            cache_tags.invalidate(*{tag for page in self.published for tag in changed_by(page)})
            purge_pages_from_cache(self.published)
            self.published.clear()

    def prepare_site(self):
        """The home page, its Site and a review index: made if the site has none yet."""
        home = HomePage.objects.first()
        if home is None:
            root = Page.get_first_root_node()
            home = root.add_child(instance=HomePage(title="Home", slug="home"))
            self.report.notes.append("created a home page (there was none)")
        if not Site.objects.exists():
            Site.objects.create(hostname="localhost", root_page=home, is_default_site=True)
            self.report.notes.append("created the Site record for the home page")
        self.page_parent = home
        self.review_parent = self.options.parent or ReviewIndexPage.objects.first()
        if self.review_parent is None:
            self.review_parent = home.add_child(instance=ReviewIndexPage(title="Reviews"))
            self.report.notes.append(
                f"created a review index, {self.review_parent.url or '/reviews/'} (there was none)"
            )

    def handle(self, kind, value):
        if kind == "author":
            self.authors[value["login"]] = value["display_name"] or value["login"]
        elif kind == "category":
            self.categories[value["slug"]] = value
            self.in_transaction(
                f"category {value['slug']}", "categories", self.channel_category, value
            )
        elif kind == "tag":
            self.in_transaction(f"tag {value['slug']}", "tags", self.channel_tag, value)
        elif value.post_type in ("post", "page"):
            kind = "reviews" if value.post_type == "post" else "pages"
            self.in_transaction(str(value.wp_id), kind, self.import_item, value)
        elif value.post_type == "attachment":
            self.import_attachment(value)
        else:
            self.report.count(f"{value.post_type} items", "skipped")

    def in_transaction(self, name, kind, action, value):
        """Do `action(value)` whole or not at all; count what it made only if it committed."""
        whole, self.report = self.report, Report()
        self.media.report = self.report
        pending = [self.unindexed, self.unreferenced, self.unlogged, self.published]
        sizes = [len(made) for made in pending]
        self.recorded = []  # keys of the import records this action writes
        try:
            with transaction.atomic():
                action(value)
        except BaseException as exc:
            # What the rolled-back savepoint made is gone: images, lookups, records, children.
            self.media.found.clear()
            self.lookups.clear()
            self.last_paths.clear()
            self.forget_records(self.recorded)
            for made, size in zip(pending, sizes, strict=True):
                del made[size:]
            if not isinstance(exc, Exception):
                raise  # an interruption: the batch commits the posts before this one
            # Reported; the other posts still come in.
            whole.count(kind, "failed")
            whole.merge_warnings(self.report)
            whole.warn("not imported because of an error", f"{name}: {exc}")
        else:
            whole.merge(self.report)
        finally:
            self.report = self.media.report = whole

    # Categories and tags, including those no post uses ---------------------------------------

    def channel_category(self, value):
        if value["slug"] or value["name"]:
            self.category(value["slug"], value["name"])

    def channel_tag(self, value):
        name = Truncator(html.unescape(value["name"] or value["slug"])).chars(100)
        if name:
            self.tag(name)

    # Posts and pages ----------------------------------------------------------------------

    def import_item(self, item):
        kind = "reviews" if item.post_type == "post" else "pages"
        key = f"{item.post_type}:{item.wp_id}"
        record = self.records.get(key)
        page = self.existing_page(record)
        checksum = item_checksum(item)
        shown = page
        if page and page.latest_revision_id != record.revision_id:
            self.report.count(kind, "skipped")
            self.report.warn("changed here since the import, left alone", page.title)
            shown = None  # an editor's changes are not the import's to check
        elif page and record.checksum == checksum:
            self.report.count(kind, "unchanged")
            shown = page.get_latest_revision_as_object() if page.latest_revision_id else page
        else:
            page = self.save_page(item, page)
            self.report.count(kind, "updated" if record else "created")
            record = record or ImportedItem(site_url=self.site_url, source_key=key)
            record.object_id, record.revision_id = page.pk, page.latest_revision_id
            record.checksum = checksum
            self.keep_records([record])
            record.save()
            self.add_redirects(item, page)
            shown = page
        self.import_comments(item, page)
        if shown is not None:
            self.report.fidelity.append(content.check(item, shown, self.media, self.verdicts.names))

    def keep_records(self, records):
        """Records just written, for the rest of the import to find."""
        for record in records:
            self.records[record.source_key] = record
            self.recorded.append(record.source_key)

    def forget_records(self, keys):
        """Read again the records of a post whose savepoint was rolled back."""
        if keys:
            for key in keys:
                self.records.pop(key, None)
            found = ImportedItem.objects.filter(site_url=self.site_url, source_key__in=keys)
            self.records.update((record.source_key, record) for record in found)

    @staticmethod
    def existing_page(record):
        if record is None:
            return None
        return Page.objects.filter(pk=record.object_id).specific().first()

    def save_page(self, item, page):
        is_review = item.post_type == "post"
        model = ReviewPage if is_review else StandardPage
        parent = self.review_parent if is_review else self.parent_page_for(item)
        conversion = content.convert(
            item.content,
            self.media,
            allowed=REVIEW_BLOCKS if is_review else PAGE_BLOCKS,
            verdicts=self.verdicts,
            post_id=item.wp_id,
            work_title=item.title,
        )
        for kind, detail in conversion.warnings:
            self.report.warn(kind, detail)
        title = item.title.strip()
        if not title:
            title = f"Untitled ({item.post_type} {item.wp_id})"
            self.report.warn("empty title", title)
        fields = {
            "title": Truncator(title).chars(255),
            "body": conversion.blocks,
            "intro": self.intro(item, conversion.blocks),
        }
        if is_review:
            fields.update(self.review_fields(item, conversion.blocks))
        # The body's verdict labels are those the converter chose from.
        with indexed_once(model), objects_known(self.verdicts.labels):
            if page is None and self.goes_live_now(item):
                page = model(slug=self.wanted_slug(item), **fields)
                page.owner = self.owner(item)
                self.create_published(parent, page, item)
            else:
                if page is None:
                    page = model(slug=self.free_slug(parent, item), live=False, **fields)
                    page.owner = self.owner(item)
                    parent.add_child(instance=page)
                    self.last_paths.pop(parent.pk, None)
                else:
                    for name, value in fields.items():
                        setattr(page, name, value)
                if is_review:
                    self.set_terms(page, item)
                self.save_status(page, item)
        self.unindexed.append((model, page.pk))
        self.unreferenced.append(page)
        return page

    def index_for_search(self):
        """Index the pages saved since the last call, in one pass per model.

        Indexing a page one by one costs queries of its own and, on SQLite, a pass over the
        whole index to weigh titles; one pass per batch does that once.
        """
        pages = defaultdict(set)
        for model, pk in self.unindexed:
            pages[model].add(pk)
        self.unindexed.clear()
        for model, pks in pages.items():
            found = list(model.get_indexed_objects().filter(pk__in=pks))
            for backend in get_search_backends(with_auto_update=True):
                with objects_known(self.verdicts.labels):
                    backend.add_bulk(model, found)

    def parent_page_for(self, item):
        if item.parent:
            parent = self.existing_page(self.records.get(f"page:{item.parent}"))
            if parent is not None:
                return parent
            self.report.warn("page parent not imported yet, placed under the home page")
        return self.page_parent

    def review_fields(self, item, blocks):
        thumbnail = item.meta.get("_thumbnail_id", "")
        poster = self.media.image_for_attachment(int(thumbnail)) if thumbnail.isdigit() else None
        return {
            "author": self.critic(item.creator),
            "date_published": (item.date or timezone.now()).date(),
            "poster": poster if getattr(poster, "pk", None) else None,
            "comments_open": True,
        }

    def intro(self, item, blocks, limit=300):
        """The excerpt, or the first words a reader sees (never spoilers), or the title."""
        text = plain_text(item.excerpt)
        if len(text) > limit:
            self.report.warn("excerpt shortened to fit the intro", item.title)
        for block in blocks:
            if text:
                break
            if name := INTRO_SOURCES.get(block["type"]):
                text = plain_text(block["value"][name])
        return Truncator(text or item.title.strip() or "Imported from WordPress").chars(limit)

    @staticmethod
    def wanted_slug(item):
        base = slugify(unquote(item.slug), allow_unicode=True) or slugify(
            item.title, allow_unicode=True
        )
        return (base or f"{item.post_type}-{item.wp_id}")[:200]

    def free_slug(self, parent, item):
        """The wanted slug, or the first of slug-2, slug-3… that no sibling has."""
        base = self.wanted_slug(item)
        taken = set(
            parent.get_children().filter(slug__startswith=base).values_list("slug", flat=True)
        )
        slug, number = base, 2
        while slug in taken:
            slug, number = f"{base}-{number}", number + 1
        return slug

    def remembered(self, key, find):
        """`find()`'s answer for `key`, asked once per import."""
        if key not in self.lookups:
            self.lookups[key] = find()
        return self.lookups[key]

    def owner(self, item):
        username = (self.options.author_map or {}).get(item.creator, ("", ""))[1]
        if not username:
            return None
        user = self.remembered(
            ("user", username),
            lambda: get_user_model().objects.filter(username=username).first(),
        )
        if user is None:
            self.report.warn("author map names a user who does not exist", username)
        return user

    def critic(self, login):
        mapped = (self.options.author_map or {}).get(login, ("", ""))[0]
        name = mapped or self.authors.get(login) or login
        if not name:
            return None
        return self.remembered(("critic", name), lambda: self.find_or_create_critic(name))

    def find_or_create_critic(self, name):
        critic, created = Critic.objects.get_or_create(name=Truncator(name).chars(120))
        if created:
            self.report.count("critics", "created")
        return critic

    def terms(self, item):
        """The post's categories and tags."""
        names = {Truncator(name).chars(100) for _, name in item.tags if name}
        return (
            list(dict.fromkeys(self.category(slug, name) for slug, name in item.categories)),
            [self.tag(name) for name in sorted(names)],
        )

    def set_terms(self, page, item):
        page.categories, tags = self.terms(item)
        page.tags.set(tags)

    def add_terms(self, page, item):
        """A new review's categories and tags, written as rows of their own.

        modelcluster would first read the rows a page just created cannot have. The rows are
        kept on the page as written, ids included, for its revision and cache tags.
        """
        categories, tags = self.terms(item)
        through = ReviewPage.categories.through
        through.objects.bulk_create(through(reviewpage=page, category=c) for c in categories)
        page.categories = categories
        page.tagged_items = ReviewPageTag.objects.bulk_create(
            ReviewPageTag(content_object=page, tag=tag) for tag in tags
        )

    def tag(self, name):
        return self.remembered(("tag", name), lambda: self.find_or_create_tag(name))

    def find_or_create_tag(self, name):
        tag = Tag.objects.filter(name=name).first()
        if tag is None:
            tag = Tag.objects.create(name=name)
            self.report.count("tags", "created")
        return tag

    def category(self, slug, name):
        """Categories by slug; WordPress's hierarchy is flattened (README explains why)."""
        slug = slugify(unquote(slug), allow_unicode=True)[:50] or slugify(name)[:50]
        return self.remembered(
            ("category", slug, name), lambda: self.find_or_create_category(slug, name)
        )

    def find_or_create_category(self, slug, name):
        found = (
            Category.objects.filter(slug=slug).first() or Category.objects.filter(name=name).first()
        )
        if found:
            return found
        described = self.categories.get(slug, {})
        self.report.count("categories", "created")
        return Category.objects.create(
            name=Truncator(html.unescape(name) or slug).chars(80),
            slug=slug,
            description=plain_text(described.get("description", "")),
        )

    @staticmethod
    def goes_live_now(item):
        """Published or private: live as soon as imported (scheduled posts take the long way)."""
        return item.status in ("publish", "private")

    def create_published(self, parent, page, item):
        """A new page inserted live with its first revision as the live one.

        What Wagtail's publishing does to a page that has never been saved, without saving it
        three times: one full save into the tree (which links the people it credits), its
        terms, its creation in the page's history, its revision, and what `page_published`
        does to refresh cached pages (for the whole batch, `refresh_caches`). The revision is
        what `save_revision()` writes, serialised from the relations in hand (a new page has
        no child rows but its terms), without what only an existing page has (comments of its
        own, an earlier revision), and made the latest and the live one in a single update.
        """
        now = timezone.now()
        page.live, page.has_unpublished_changes = True, False
        page.first_published_at = item.date or now
        page.last_published_at = now
        add_live_child(parent, page, self.last_paths, lambda: self.free_slug(parent, item))
        for relation in get_all_child_relations(page):
            setattr(page, relation.get_accessor_name(), [])
        if isinstance(page, ReviewPage):
            self.add_terms(page, item)
        self.unlogged.append(creation_log_entry(page))
        revision = Revision.objects.create(
            content_object=page,
            base_content_type=page.get_base_content_type(),
            content=page.serializable_data(),
            object_str=str(page),
        )
        page.latest_revision = page.live_revision = revision
        page.latest_revision_created_at, page.draft_title = revision.created_at, page.title
        Page.objects.filter(pk=page.pk).update(
            latest_revision=revision,
            live_revision=revision,
            latest_revision_created_at=revision.created_at,
            draft_title=page.title,
        )
        self.published.append(page)
        self.add_restriction(page, item)

    def save_status(self, page, item):
        """WordPress's status in Wagtail: live, draft, scheduled, or live for signed-in readers."""
        status = item.status
        if status == "future" and item.date and item.date > timezone.now():
            page.go_live_at = item.date
        if status in ("publish", "private"):
            page.first_published_at = page.first_published_at or item.date
        revision = page.save_revision(log_action=False, clean=False)
        if status in ("publish", "private", "future"):
            revision.publish(log_action=False, skip_permission_checks=True)
            page.refresh_from_db(fields=["live", "latest_revision"])
        self.restrict(page, item)

    def restrict(self, page, item):
        PageViewRestriction.objects.filter(page=page).delete()
        self.add_restriction(page, item)

    @staticmethod
    def add_restriction(page, item):
        if item.status == "private":
            PageViewRestriction.objects.create(page=page, restriction_type="login")
        elif item.password:
            PageViewRestriction.objects.create(
                page=page, restriction_type="password", password=item.password
            )

    def add_redirects(self, item, page):
        new_path = page.url or ""
        parts = urlsplit(item.link)
        old_paths = {f"/?p={item.wp_id}"}
        if item.post_type == "page":
            old_paths.add(f"/?page_id={item.wp_id}")
        if parts.path and (parts.path, parts.query) != ("/", ""):
            old_paths.add(parts.path + (f"?{parts.query}" if parts.query else ""))
        wanted = {Redirect.normalise_path(old) for old in old_paths}
        wanted = {path for path in wanted if path.rstrip("/") != new_path.rstrip("/")}
        found = {r.old_path: r for r in Redirect.objects.filter(site=None, old_path__in=wanted)}
        new = [
            Redirect(site=None, old_path=path, redirect_page=page, is_permanent=True)
            for path in sorted(wanted - found.keys())
        ]
        Redirect.objects.bulk_create(new)  # nothing listens to a redirect's saving
        for _ in new:
            self.report.count("redirects", "created")
        for existing in found.values():
            if existing.redirect_page_id != page.pk or existing.redirect_link:
                existing.redirect_page, existing.redirect_link = page, ""
                existing.save()
                self.report.count("redirects", "updated")

    # Comments -----------------------------------------------------------------------------

    def import_comments(self, item, page):
        keys = [f"comment:{c.wp_id}" for c in item.comments]
        known = {key: self.records[key].object_id for key in keys if key in self.records}
        made = {}  # this post's new comments, which replies below them may need
        for wp_comment in sorted(item.comments, key=lambda c: c.wp_id):
            if wp_comment.type in ("pingback", "trackback"):
                self.report.count(f"{wp_comment.type}s", "skipped")
                continue
            key = f"comment:{wp_comment.wp_id}"
            if key in known:
                self.report.count("comments", "unchanged")
                continue
            made[key] = self.new_comment(wp_comment, page, known, made)
            self.report.count("comments", "created")
        Comment.add_many(list(made.values()))
        self.unreferenced += made.values()
        self.keep_records(
            ImportedItem.objects.bulk_create(
                ImportedItem(site_url=self.site_url, source_key=key, object_id=comment.pk)
                for key, comment in made.items()
            )
        )

    def new_comment(self, wp_comment, page, known, made):
        parent = None
        parent_key = f"comment:{wp_comment.parent}"
        if parent_key in made:
            parent = made[parent_key]
        elif parent_pk := known.get(parent_key):
            parent = Comment.objects.filter(pk=parent_pk).first()
        if parent and parent.parent:  # replies here go one level deep
            parent = parent.parent
            self.report.warn("deeper reply attached to its thread", str(wp_comment.wp_id))
        name = wp_comment.author or "Anonymous"
        if len(name) > 80:
            self.report.warn("commenter name shortened", name[:40])
        website = wp_comment.url if wp_comment.url.startswith(("http://", "https://")) else ""
        return Comment(
            page=page,
            parent=parent,
            name=name[:80],
            email=wp_comment.email[:254] if "@" in wp_comment.email else "",
            website=website[:200],
            body=plain_text(wp_comment.content, paragraphs=True),
            status=COMMENT_STATUS.get(wp_comment.approved, Comment.Status.PENDING),
            ip_hash=private_hash("ip", wp_comment.ip) if wp_comment.ip else "",
            created_at=wp_comment.date or timezone.now(),
        )

    # Attachments --------------------------------------------------------------------------

    def import_attachment(self, item):
        if Path(urlsplit(item.attachment_url).path).suffix.lower() not in IMAGE_EXTENSIONS:
            self.report.count("attachments (not images)", "skipped")
            return
        if self.media.image_for_url(item.attachment_url) is None:
            self.report.count("images", "skipped")


def add_live_child(parent, page, last_paths, free_slug):
    """`parent.add_child(instance=page)` for a live page, without the queries that ask the
    database what the importer already knows, nor Wagtail's log entry (`creation_log_entry`).

    Treebeard's insert and Wagtail's `full_clean()` cost eight queries on top of the inserts:
    the parent read again, each foreign key checked to exist (the importer took them from the
    database), the new path and translation key checked to be unique (the database's unique
    constraints refuse them anyway) and whether a fresh translation key is a site's root. The
    fields are still validated, the slug still checked against its siblings (by Wagtail's
    clean: `free_slug()` is asked for another only if it is taken); the parent's row
    is locked first, as treebeard does, by updating its count of children. While that lock
    is held (until the transaction ends) no one else adds a child, so `last_paths` (parent
    id: its last child's path) is read once per parent and kept up to date here.
    """
    Page.objects.filter(pk=parent.pk).update(numchild=F("numchild") + 1)
    if parent.pk not in last_paths:
        children = Page.objects.filter(path__startswith=parent.path, depth=parent.depth + 1)
        last_paths[parent.pk] = children.order_by("-path").values_list("path", flat=True).first()
    last = last_paths[parent.pk]
    page.depth = parent.depth + 1
    page.path = Page(path=last)._inc_path() if last else Page._get_path(parent.path, page.depth, 1)
    last_paths[parent.pk] = page.path
    parent.numchild += 1
    page._cached_parent_obj = parent
    page.locale_id = parent.locale_id
    page._is_site_root = False  # what Wagtail's own listings annotate; no site has its new key
    relations = [field.name for field in page._meta.concrete_fields if field.is_relation]
    try:
        page.full_clean(exclude=relations, validate_unique=False)
    except ValidationError as error:
        if "slug" not in error.message_dict:
            raise
        page.slug = free_slug()
        page.full_clean(exclude=relations, validate_unique=False)
    page.save(clean=False, log_action=None)


def creation_log_entry(page):
    """The `wagtail.create` entry of a page's history, as `page.save()` logs a new page, to be
    written in bulk: without the entry's own `full_clean()`, whose foreign-key checks ask the
    database for the page and content type just used."""
    context = get_active_log_context()
    return PageLogEntry(
        content_type=ContentType.objects.get_for_model(page, for_concrete_model=False),
        label=page.get_admin_display_title(),
        action="wagtail.create",
        timestamp=timezone.now(),
        data={},
        user=page.owner or context.user,
        uuid=context.uuid,
        content_changed=True,
        page=page,
    )


@contextlib.contextmanager
def indexed_once(model):
    """Saves of a `model` page that are not indexed for search or references as they happen.

    Importing a page saves it more than once (into the tree, its revision, publishing it); the
    importer indexes its references once afterwards, in the same transaction, and its text for
    search in batches of pages once their transactions have committed.
    """
    post_save.disconnect(search_signal_handler, sender=model)
    try:
        with disable_reference_index_auto_update():
            yield
    finally:
        post_save.connect(search_signal_handler, sender=model)


class _Silent:
    def update(self, n):
        pass

    def close(self):
        pass


def _readable(folder):
    try:
        next(folder.iterdir(), None)
    except OSError:
        return False
    return True


def item_checksum(item):
    source = {
        "title": item.title,
        "content": item.content,
        "excerpt": item.excerpt,
        "status": item.status,
        "slug": item.slug,
        "date": item.date.isoformat() if item.date else "",
        "categories": item.categories,
        "tags": item.tags,
        "thumbnail": item.meta.get("_thumbnail_id", ""),
        "password": item.password,
    }
    return hashlib.sha256(json.dumps(source, sort_keys=True).encode()).hexdigest()


def plain_text(markup, paragraphs=False):
    """Text of some HTML: paragraphs and line breaks kept as blank lines and newlines."""
    if not markup:
        return ""
    text = re.sub(r"(?i)<br\s*/?>", "\n", markup)
    text = re.sub(r"(?i)</p\s*>", "\n\n", text)
    text = html.unescape(re.sub(r"<[^>]+>", "", text))
    if paragraphs:
        return re.sub(r"\n{3,}", "\n\n", text).strip()
    return " ".join(text.split())
