"""A copy of files between two stores lists the source, downloads each file, uploads each.

"copy every file from my Box folder 'Taxes 2025' to my Nextcloud", "把Dropbox里…文件夹下的所有
文件复制到Amazon S3的…桶里": the source is read (the clause reader picks one read of it: a
listing, a search or a download) and the target uploads. A listing alone gives names, not
file contents, and a download alone needs a file the start never named; so the source becomes
a listing of its files followed by a download of each listed file, then the upload.

Invariants: only top-level steps; only when a read of a catalog app that has a ``download``
operation is followed by an ``upload`` of another app, and the source's words say a folder or
a set of files; which operations list and download are the catalog's (a collection read or
search of a file or folder resource; the ``download`` of a file resource); the download takes
the listed item's id or path. Pure.
"""

from __future__ import annotations

import re
from dataclasses import replace

from flowsmith.core.catalog.apps import App
from flowsmith.core.services import verb_of
from flowsmith.planner import lexicon as lx
from flowsmith.planner.frame import ServiceStep, Step, Transform

# a folder or a set of files said of the source ("every file", "all files in", "文件夹下的所有文件")
_MANY_FILES = re.compile(
    r"\b(?:all|every|each)\b[^,.;]{0,20}\bfiles?\b|\bfiles\b|\bfolder\b|\bdirectory\b|"
    r"文件夹|目录|所有文件|全部文件|文件全部|所有的文件|每个文件",
    re.IGNORECASE,
)
# what a listed item carries that a download takes, by the download's required field
_ITEM_FIELD = {"path": "{{ $json.path }}", "key": "{{ $json.Key }}"}


def with_files_copied(steps: list[Step], apps: dict[str, App]) -> list[Step]:
    """``steps`` with a copy of files between two stores spelled out as list, download,
    upload (see the module's invariants); else ``steps`` unchanged."""
    for i, step in enumerate(steps):
        target = _upload_after(steps, i)
        if target is None or not isinstance(step, ServiceStep) or step.app not in apps:
            continue
        if step.app == target.app or not step.operation or "read" not in verb_of(step.operation):
            continue
        if not _MANY_FILES.search(step.phrase):
            continue
        spelled = _list_then_download(apps[step.app], step)
        if spelled is not None:
            return [*steps[:i], *spelled, *steps[i + 1 :]]
    return steps


def _upload_after(steps: list[Step], i: int) -> ServiceStep | None:
    """The upload step that follows step ``i`` with only transforms between, or None."""
    for later in steps[i + 1 :]:
        if isinstance(later, Transform):
            continue
        ok = isinstance(later, ServiceStep) and str(later.operation).lower().startswith("upload")
        return later if ok and isinstance(later, ServiceStep) else None
    return None


def _list_then_download(app: App, step: ServiceStep) -> list[ServiceStep] | None:
    """The listing and the per-file download of ``app`` replacing the read ``step``."""
    download = next(
        ((r, o) for r, res in app.resources.items() for o in res.operations if o == "download"),
        None,
    )
    listing = _listing(app)
    if download is None or listing is None:
        return None
    rkey, okey = download
    given = step.params if (step.resource, step.operation) == download else {}
    fetch = ServiceStep(
        app=step.app,
        resource=rkey,
        operation=okey,
        params={**_item_params(app, rkey, okey), **given},
        service=step.service,
        phrase=step.phrase,
    )
    if (step.resource, step.operation) == listing:
        first = step
    else:
        first = replace(step, resource=listing[0], operation=listing[1], params={})
    return [first, fetch]


def _listing(app: App) -> tuple[str, str] | None:
    """The catalog's read listing files: a collection read (getAll, list) of a folder or
    file resource before a search of one."""
    best: tuple[float, str, str] | None = None
    for rkey, res in app.resources.items():
        low = rkey.lower()
        if "file" not in low and "folder" not in low:
            continue
        for okey in res.operations:
            key = okey.lower()
            if "read" not in verb_of(okey) or key in lx.OP_ONE or key == "download":
                continue
            score = (2.0 if key.startswith(lx.OP_MANY) else 1.0) + (0.5 if "file" in low else 0)
            if best is None or score > best[0]:
                best = (score, rkey, okey)
    return (best[1], best[2]) if best else None


def _item_params(app: App, rkey: str, okey: str) -> dict[str, str]:
    """The download's required id or path, taken from each listed item."""
    op = app.operation(rkey, okey)
    if op is None:
        return {}
    out: dict[str, str] = {}
    for field in op.required:
        if field == "id" or field.endswith("_id"):
            out[field] = "{{ $json.id }}"
        elif field in _ITEM_FIELD:
            out[field] = _ITEM_FIELD[field]
    return out
