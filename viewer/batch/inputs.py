"""What ``storydiff batch`` reads: a folder of clusters or a CSV manifest, as a list of Clusters.

A folder holds one sub-folder per story; every file in it (hidden ones aside) is a version. A
manifest has the columns ``cluster`` and ``path`` and optionally ``published`` (ISO 8601) and
``source`` (the outlet); relative paths resolve against the manifest's folder.
"""
from __future__ import annotations

import csv
import hashlib
import os
import re
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from viewer.engine.loading import printable


class BadInput(Exception):
    """The input as a whole cannot be used (one line naming the file and the reason)."""


@dataclass(frozen=True)
class Entry:
    """One version of a cluster: its file, and what the manifest says about it."""

    path: str  # absolute, so a worker with another working folder reads the same file
    published: datetime | None = None  # aware, UTC
    source: str = ""


@dataclass(frozen=True)
class Cluster:
    """One story: its versions in the order of the comparison (see ``read_manifest``)."""

    name: str
    entries: tuple[Entry, ...]

    @property
    def base(self) -> int:
        """The earliest published version, else the first."""
        dated = [(e.published, k) for k, e in enumerate(self.entries) if e.published is not None]
        return min(dated)[1] if dated else 0


def read_input(source: str | os.PathLike, skip: str | os.PathLike | None = None) -> list[Cluster]:
    """The clusters of a folder or a ``.csv`` manifest; ``skip`` is a folder to leave out (the output)."""
    path = Path(source)
    if path.is_dir():
        return read_folder(path, skip)
    if not path.exists():
        raise BadInput(f"{printable(str(path))}: does not exist")
    if path.suffix.lower() != ".csv":
        raise BadInput(f"{printable(str(path))}: is neither a folder of clusters nor a .csv manifest")
    return read_manifest(path)


def read_folder(folder: Path, skip: str | os.PathLike | None = None) -> list[Cluster]:
    """One cluster per sub-folder, named after it; its non-hidden files are its versions."""
    skipped = os.path.abspath(skip) if skip is not None else None
    clusters = []
    for sub in sorted(folder.iterdir(), key=lambda p: p.name):
        if not sub.is_dir() or sub.name.startswith("."):
            continue
        files = sorted((f for f in sub.iterdir() if not f.name.startswith(".") and not f.is_dir()),
                       key=lambda p: p.name)
        if os.path.abspath(sub) == skipped and all(_is_output(f.name) for f in files):
            continue  # the output folder, made inside the input folder
        clusters.append(Cluster(sub.name, tuple(Entry(os.path.abspath(f)) for f in files)))
    if not clusters:
        raise BadInput(f"{printable(str(folder))}: holds no sub-folders (one per story, holding its versions)")
    return clusters


def _is_output(name: str) -> bool:
    return name.endswith(".json") or name in ("summary.parquet", "summary.csv", "clusters.csv")


def read_manifest(manifest: Path) -> list[Cluster]:
    """The manifest's clusters in order of first appearance. Versions run from the earliest
    published (those without a time last), then by file name: the base is the first, and the
    lineage in the JSON report, which reads version order as publication order, agrees with the
    summary's, which is given the times."""
    where = printable(str(manifest))
    try:
        with open(manifest, encoding="utf-8-sig", newline="") as handle:
            lines = list(csv.DictReader(handle))
            fields = set(lines[0]) if lines else set()
    except UnicodeDecodeError:
        raise BadInput(f"{where}: is not UTF-8 text") from None
    except (OSError, csv.Error) as error:
        raise BadInput(f"{where}: cannot be read: {getattr(error, 'strerror', None) or error}") from None
    missing = [c for c in ("cluster", "path") if c not in fields]
    if not lines:
        raise BadInput(f"{where}: has no rows (columns cluster, path[, published, source])")
    if missing:
        raise BadInput(f"{where}: has no column {' or '.join(missing)} (columns cluster, path[, published, source])")
    folder = manifest.parent
    grouped: dict[str, list[tuple[str, Entry]]] = {}
    for number, line in enumerate(lines, start=2):  # line 1 is the header
        cluster, path = (line.get("cluster") or "").strip(), (line.get("path") or "").strip()
        if not cluster or not path:
            raise BadInput(f"{where} line {number}: needs both a cluster and a path")
        published = _published(line.get("published") or "", f"{where} line {number}")
        entry = Entry(os.path.abspath(folder / path), published, (line.get("source") or "").strip())
        grouped.setdefault(cluster, []).append((Path(path).name, entry))
    def order(item: tuple[str, Entry]):
        name, entry = item
        return (entry.published is None, entry.published or datetime.min.replace(tzinfo=timezone.utc), name)

    return [Cluster(name, tuple(e for _, e in sorted(items, key=order))) for name, items in grouped.items()]


def _published(text: str, where: str) -> datetime | None:
    text = text.strip()
    if not text:
        return None
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00") if text.endswith("Z") else text)
    except ValueError:
        raise BadInput(f"{where}: published {printable(text)!r} is not an ISO 8601 time") from None
    # A time without a zone is taken as UTC, so every time of a manifest compares with every other.
    return (moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)).astimezone(timezone.utc)


_UNSAFE = re.compile(r"[^\w.-]+", re.ASCII)


def file_stem(cluster: str) -> str:
    """A file name for the cluster's outputs: the name itself when it is plain, else a plain form
    of it with a short hash, so two different clusters never share one."""
    plain = _UNSAFE.sub("_", cluster)[:100].lstrip(".") or "cluster"
    if plain == cluster:
        return plain
    return f"{plain}-{hashlib.sha256(cluster.encode('utf-8')).hexdigest()[:10]}"
