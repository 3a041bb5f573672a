"""``--find-clusters``: a flat folder of articles grouped into story clusters by shared wording.

As passim does: each text becomes a set of word n-gram shingles and a MinHash signature of them;
LSH bands of the signatures give candidate pairs; each candidate is checked on its real shingles
(the share of the smaller text's shingles found in the other), and the pairs that pass are joined
into clusters. Texts that share wording with no other are left out. The shingles are made on the
Dask workers, a chunk of files per task; shingles found in very many texts are dropped (as passim's
``--max-df``), then signatures and pairs are made here.
"""
from __future__ import annotations

import os
import re
import zlib
from collections import defaultdict
from pathlib import Path

import numpy as np

from viewer.batch.inputs import BadInput, Cluster, Entry
from viewer.engine.loading import LoadError, load_file, printable
from viewer.engine.params import Params

_PRIME = np.uint64((1 << 61) - 1)
_WORD = re.compile(r"\w+")
CHUNK = 200  # files per task


def shingles(text: str, size: int) -> np.ndarray:
    """Sorted distinct 32-bit hashes of the text's ``size``-word shingles (lower case)."""
    words = _WORD.findall(text.lower())
    grams = [" ".join(words[k:k + size]) for k in range(max(1, len(words) - size + 1))] if words else []
    return np.unique(np.array([zlib.crc32(g.encode("utf-8")) for g in grams], dtype=np.uint64))


def permutations(count: int, seed: int = 14) -> tuple[np.ndarray, np.ndarray]:
    """The ``a`` and ``b`` of ``count`` hash functions (a x + b) mod 2^61 - 1."""
    rng = np.random.default_rng(seed)
    # Drawn below the prime, as datasketch does: with small factors a x + b would hardly wrap, and
    # its order would follow x instead of shuffling it.
    return (rng.integers(1, _PRIME, count, dtype=np.uint64), rng.integers(0, _PRIME, count, dtype=np.uint64))


def signature(hashes: np.ndarray, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """The MinHash signature of a set of shingle hashes (all ones for an empty set)."""
    if not len(hashes):
        return np.full(len(a), np.iinfo(np.uint64).max, dtype=np.uint64)
    with np.errstate(over="ignore"):  # a x + b wraps at 2^64 before the modulo, as in datasketch
        return ((a[:, None] * hashes[None, :] + b[:, None]) % _PRIME).min(axis=1)


def shingle_files(paths: list[str], params: Params) -> list[tuple[str, np.ndarray | None, str]]:
    """(path, shingle hashes, error) of each file: a task for one worker (reading is the slow part)."""
    shingled = []
    for path in paths:
        try:
            version = load_file(path, params)
        except LoadError as error:
            shingled.append((path, None, str(error)))
            continue
        shingled.append((path, shingles(version.text, params.find_shingle_words), ""))
    return shingled


def drop_common(sets: list[np.ndarray], most: int) -> list[np.ndarray]:
    """The sets without shingles found in more than ``most`` texts (boilerplate, stock phrases)."""
    if not sets:
        return sets
    values, counts = np.unique(np.concatenate(sets), return_counts=True)
    common = values[counts > most]
    return [np.setdiff1d(s, common, assume_unique=True) for s in sets] if len(common) else sets


def candidate_pairs(signatures: list[np.ndarray], params: Params) -> set[tuple[int, int]]:
    """Pairs of texts whose signatures agree on at least one whole band."""
    rows = params.find_permutations // params.find_bands
    pairs = set()
    for band in range(params.find_bands):
        buckets: dict[bytes, list[int]] = defaultdict(list)
        for k, sig in enumerate(signatures):
            buckets[sig[band * rows:(band + 1) * rows].tobytes()].append(k)
        for members in buckets.values():
            # A bucket of very many texts is boilerplate every page carries, not a story.
            if 1 < len(members) <= params.find_bucket_limit:
                pairs.update((x, y) for i, x in enumerate(members) for y in members[i + 1:])
    return pairs


def containment(x: np.ndarray, y: np.ndarray) -> float:
    """The share of the smaller set's shingles found in the other."""
    if not len(x) or not len(y):
        return 0.0
    return len(np.intersect1d(x, y, assume_unique=True)) / min(len(x), len(y))


def group(count: int, pairs: list[tuple[int, int]]) -> list[list[int]]:
    """Connected groups of two or more among ``count`` items (union-find), in order of their first."""
    parent = list(range(count))

    def root(k: int) -> int:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    for x, y in pairs:
        rx, ry = root(x), root(y)
        if rx != ry:
            parent[max(rx, ry)] = min(rx, ry)
    groups: dict[int, list[int]] = defaultdict(list)
    for k in range(count):
        groups[root(k)].append(k)
    return [members for _, members in sorted(groups.items()) if len(members) > 1]


def find_clusters(client, folder: str | os.PathLike, params: Params) -> tuple[list[Cluster], list[str], list[str]]:
    """Clusters of the folder's files (named after their first file), the files that matched no
    other, and one line per file that could not be read."""
    folder = Path(folder)
    if not folder.is_dir():
        raise BadInput(f"{printable(str(folder))}: is not a folder")
    paths = sorted(os.path.abspath(p) for p in folder.iterdir() if p.is_file() and not p.name.startswith("."))
    if not paths:
        raise BadInput(f"{printable(str(folder))}: holds no files")
    futures = client.map(shingle_files, [paths[k:k + CHUNK] for k in range(0, len(paths), CHUNK)],
                         params=params, pure=False)
    shingled = [item for chunk in client.gather(futures) for item in chunk]
    errors = [error for _, _, error in shingled if error]
    good = [(path, hashes) for path, hashes, error in shingled if not error]
    sets = drop_common([hashes for _, hashes in good], params.find_max_texts)
    a, b = permutations(params.find_permutations)
    signatures = [signature(s, a, b) for s in sets]
    pairs = [(x, y) for x, y in sorted(candidate_pairs(signatures, params))
             if containment(sets[x], sets[y]) >= params.find_min_containment]
    groups = group(len(good), pairs)
    clusters, names = [], set()
    for members in groups:
        name = stem = Path(good[members[0]][0]).stem
        for n in range(2, len(groups) + 2):  # a.txt and a.html may start two clusters
            if name not in names:
                break
            name = f"{stem}-{n}"
        names.add(name)
        clusters.append(Cluster(name, tuple(Entry(good[k][0]) for k in members)))
    grouped = {k for members in groups for k in members}
    alone = [path for k, (path, _) in enumerate(good) if k not in grouped]
    return clusters, alone, errors
