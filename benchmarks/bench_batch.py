"""storydiff batch on Dask: throughput on 1 and 2 workers, cost per version, memory, lineage accuracy.

Builds a seeded synthetic corpus (texts generated here, nothing downloaded): N clusters of 3-8
versions. The first version of a cluster is the wire story; each later one is either an unrelated
report of the same event (true parent: none) or a copy of an earlier version, chosen at random,
with known edits (a number or a word changed), omissions, rewordings (words swapped for
synonyms, clauses turned round) and additions of its own (which its descendants inherit). The
true parent of every version is recorded and compared with the lineage column of summary.parquet.

Prints figures; asserts nothing. Run: ``python benchmarks/bench_batch.py`` (1,000 clusters;
``--clusters 100`` for a quick run; ``--workers 1 2`` the worker counts to time). Goals: 2 workers
at least 1.6x the clusters/s of 1; lineage accuracy at least 0.95.
"""
from __future__ import annotations

import argparse
import csv
import json
import logging
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

FIRST = ["Ines", "Marek", "Olwen", "Dev", "Priya", "Tomas", "Hana", "Kwame", "Lucia", "Arjun", "Freya", "Yusuf",
         "Sina", "Pavel", "Nadia", "Emeka", "Carys", "Jonas", "Mei", "Rafael"]
LAST = ["Calder", "Novak", "Price", "Rana", "Okafor", "Lindqvist", "Moreau", "Tanaka", "Brennan", "Haddad",
        "Kowalski", "Osei", "Varga", "Delgado", "Achterberg", "Iyer", "Fenwick", "Maalouf", "Strand", "Quinn"]
BODIES = ["the regional transport board", "the county council", "the environment agency", "the port authority",
          "the health trust", "the fire service", "the water company", "the police", "the chamber of commerce",
          "the university", "the energy regulator", "the housing association"]
THINGS = ["bridge", "railway line", "hospital wing", "ferry route", "school", "factory", "power station",
          "harbour wall", "bus depot", "reservoir", "library", "market hall", "airport runway", "sports ground"]
EVENTS = ["flooding", "a fire", "a strike", "a landslide", "a power cut", "a burst main", "a storm",
          "a cyber attack", "a fuel shortage", "a collapse"]
VERBS = ["closed", "damaged", "disrupted", "halted", "shut down", "cut off", "threatened", "delayed"]

TEMPLATES = [
    "{event_cap} {verb} the {thing} in {town} on {day}, {body} said.",
    "About {n1} people were affected by the closure, according to {body}.",
    "{first} {last}, a spokesperson for {body}, said the {thing} would stay closed until at least {day2}.",
    "Engineers began inspecting the {thing} shortly after {hour} o'clock.",
    "Residents of {town2} were advised to avoid the area and to check for updates.",
    "The {thing} was last closed in {year}, when repairs took {n2} days.",
    "Replacement services will run between {town} and {town2} every {n3} minutes.",
    "{first2} {last2}, who lives nearby, said the damage was worse than anyone had expected.",
    "Local councillor {first3} {last3} called for an inquiry into how {event} could happen twice in {n4} years.",
    "{body_cap} estimated the cost of the damage at {n5} million pounds.",
    "Police closed two roads near the {thing} and set up a cordon.",
    "A further update is expected from {body} on {day2}.",
    "Businesses in {town} reported losing trade as customers stayed away.",
    "The operator apologised for the disruption and promised a full review.",
    "Volunteers handed out water and blankets at the {town2} community centre.",
    "Schools in {town2} opened late on {day2} to let staff travel safely.",
    "Insurers said claims from {town} had risen sharply since {day}.",
    "Weather forecasters warned that more rain could fall over {town} by the weekend.",
    "The mayor of {town}, {first4} {last4}, thanked emergency crews for working through the night.",
    "An emergency meeting of {body} was held at {hour} o'clock to agree a plan.",
    "Around {n6} homes were left without power for several hours.",
    "Traffic on the main road into {town} was diverted through {town2}.",
    "Photographs shared online showed water pouring across the {thing}.",
    "The government said it was monitoring the situation closely.",
    "Repairs to the {thing} are expected to take {n2} weeks.",
    "Officials said the {thing} had passed a safety check only {n7} months ago.",
]
ADDITIONS = [
    "{first} {last} told reporters that {n} households had asked for help by {hour} o'clock.",
    "A charity in {town} opened a fund that raised {n} pounds in its first hour.",
    "Footage from {town} showed crews working under floodlights near the {thing}.",
    "{body_cap} said a second inspection at {town} would follow on {day}.",
    "Shopkeepers in {town} said they had sold out of torches and batteries by {hour} o'clock.",
    "A petition started by {first} {last} has gathered {n} signatures.",
    "Rail staff in {town} were moved to help at the {thing} for {n} hours.",
    "The local newspaper in {town} printed a special edition with {n} pages on the {thing}.",
    "{first} {last}, a nurse in {town}, worked a double shift as staff struggled to reach the {thing}.",
    "Two pensioners in {town} were rescued from a car by firefighters on {day}.",
    "The {town} food bank said demand had doubled since the {thing} closed.",
    "Students at the college in {town} were told to study from home until {day}.",
    "A wedding planned near the {thing} was moved to a hotel in {town} at short notice.",
    "{first} {last} posted a video of the {thing} that was watched {n} times by the evening.",
    "Taxi drivers in {town} said fares had risen as commuters looked for other ways in.",
    "The bishop of {town} offered the cathedral hall as a shelter for {n} people.",
]
# Once a cluster has used every addition above: a sentence no other version can have written.
OWN_ADDITION = "{first} {last} of {elsewhere} said the {thing} had cost them {n} pounds by {day}."
# Another outlet's own report of the same event: the same places and names, none of the wording.
OWN_REPORT = [
    "Life in {town} came to a standstill this week as {event} hit the {thing}.",
    "Our reporter spent {day} with families in {town2} waiting for news.",
    "{first} {last} runs a bakery a short walk from the {thing} and has lived there for {n} years.",
    "{first} told us {town} had never been so quiet, not even during the pandemic.",
    "Queues formed outside the only open shop in {town2} as neighbours stocked up on bread and milk.",
    "Some parents in {town} kept their children at home on {day}, unsure whether buses would run.",
    "Older residents of {town2} remembered a similar winter, when the valley was cut off for {n} days.",
    "A retired engineer, {first} {last}, questioned whether enough had been spent on the {thing}.",
    "At the {last} Arms in {town}, talk was of little else.",
    "Farmers on the edge of {town2} worried about getting feed to their {n} animals.",
    "The {town} football match on {day} was called off.",
    "By nightfall a few lights were back on along {town}'s high street.",
    "Many in {town2} say they simply want to know when the {thing} will open again.",
    "A community group in {town} has set up a chat for {n} neighbours to share lifts and supplies.",
]
SYNONYMS = {"said": "stated", "closed": "shut", "about": "roughly", "advised": "told", "expected": "due",
            "began": "started", "damage": "harm", "reported": "said they saw", "warned": "cautioned",
            "people": "residents", "cost": "bill", "shortly": "soon", "began inspecting": "started checking",
            "stay": "remain", "called for": "demanded", "area": "district", "several": "a number of"}
# Places and surnames are built from syllables, so stories rarely share them, as in a real crawl.
HEADS = ["Ash", "Wen", "Mill", "Tar", "Salt", "Holm", "Cad", "Brack", "Els", "Dun", "Kel", "Ruth", "Pen", "Or",
         "Stav", "Mar", "Ick", "Yar", "Fen", "Low", "Gran", "Hep", "Quar", "Bel", "Thorn", "Wick", "Alder", "Crom",
         "Dray", "Ember"]
TAILS = ["by", "low", "brook", "row", "mere", "firth", "don", "ley", "worth", "more", "ham", "in", "dle", "ford",
         "ton", "wick", "stead", "field", "gate", "bury", "combe", "dale", "ness", "hurst"]


def place(rng: random.Random) -> str:
    return rng.choice(HEADS) + rng.choice(TAILS)


DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def fill(template: str, story: dict, rng: random.Random) -> str:
    """A template with the story's names, places and numbers (some chosen afresh each time)."""
    values = dict(story)
    values.update(first=rng.choice(FIRST), last=rng.choice(LAST) + rng.choice(["", "s", "-" + place(rng)]),
                  n=rng.randint(12, 9000),
                  hour=rng.randint(1, 12), day=rng.choice(DAYS))
    for key in ("first", "last"):
        values.setdefault(key, rng.choice(FIRST if key == "first" else LAST))
    return template.format(**values)


def new_story(rng: random.Random) -> dict:
    towns = [place(rng), place(rng)]
    body = rng.choice(BODIES).replace("the ", f"the {towns[0]} ", 1)
    story = {"town": towns[0], "town2": towns[1], "body": body, "body_cap": body[0].upper() + body[1:],
             "thing": rng.choice(THINGS), "event": rng.choice(EVENTS), "verb": rng.choice(VERBS),
             "day": rng.choice(DAYS), "day2": rng.choice(DAYS), "hour": rng.randint(1, 12),
             "year": rng.randint(1990, 2024)}
    story["event_cap"] = story["event"][0].upper() + story["event"][1:]
    story["unused_additions"] = rng.sample(ADDITIONS, len(ADDITIONS))
    story["unused_own"] = rng.sample(OWN_REPORT, len(OWN_REPORT))  # two outlets' reports share no sentence
    for k in range(1, 8):
        story[f"n{k}"] = rng.randint(2, 5000)
    for k in ("", "2", "3", "4"):
        story[f"first{k}"], story[f"last{k}"] = rng.choice(FIRST), rng.choice(LAST) + rng.choice(["", "s", "-" + place(rng)])
    return story


def reword(sentence: str, rng: random.Random) -> str:
    """Several words swapped for synonyms, and a trailing attribution moved to the front."""
    words = sentence
    for word, other in rng.sample(sorted(SYNONYMS.items()), len(SYNONYMS)):
        if f" {word} " in words:
            words = words.replace(f" {word} ", f" {other} ", 1)
    if ", " in words and words.endswith(" said."):
        head, tail = words[:-1].rsplit(", ", 1)
        words = f"{tail[0].upper()}{tail[1:]} that {head[0].lower()}{head[1:]}."
    return words if words != sentence else "In short, " + sentence[0].lower() + sentence[1:]


def edit(sentence: str, rng: random.Random) -> str:
    """One number changed, else one word dropped."""
    words = sentence.split(" ")
    numbers = [k for k, w in enumerate(words) if w.rstrip(".,").isdigit()]
    if numbers:
        k = rng.choice(numbers)
        tail = words[k][len(words[k].rstrip(".,")):]
        words[k] = str(int(words[k].rstrip(".,")) + rng.randint(1, 40)) + tail
    elif len(words) > 6:
        del words[rng.randrange(1, len(words) - 2)]
    return " ".join(words)


def derive(parent: list[str], story: dict, rng: random.Random) -> list[str]:
    """A copy of ``parent`` with known omissions, edits, rewordings and additions."""
    child = list(parent)
    for _ in range(rng.randint(0, 2)):  # omissions, never the headline
        if len(child) > 6:
            del child[rng.randrange(1, len(child))]
    for _ in range(rng.randint(1, 2)):
        k = rng.randrange(1, len(child))
        child[k] = edit(child[k], rng)
    for _ in range(rng.randint(0, 2)):
        k = rng.randrange(1, len(child))
        child[k] = reword(child[k], rng)
    for _ in range(rng.randint(1, 3)):
        # Each addition is new to the cluster: two outlets do not add the same sentence by chance.
        unused = story["unused_additions"]
        template = unused.pop() if unused else OWN_ADDITION
        child.insert(rng.randint(2, len(child)), fill(template, dict(story, elsewhere=place(rng)), rng))
    return child


def build_corpus(folder: Path, clusters: int, seed: int) -> tuple[Path, dict]:
    """Write the corpus and its manifest; return the manifest and {cluster: {version: true parent}}."""
    rng = random.Random(seed)
    truth: dict[str, dict[str, str | None]] = {}
    lines = []
    start = datetime(2026, 1, 1, tzinfo=timezone.utc)
    for c in range(clusters):
        name = f"c{c:05d}"
        story = new_story(rng)
        (folder / name).mkdir(parents=True)
        versions: list[list[str]] = []
        parents: dict[str, str | None] = {}
        for v in range(rng.randint(3, 8)):
            if v == 0:  # the wire story
                sentences = [fill(t, story, rng) for t in rng.sample(TEMPLATES, rng.randint(10, 18))]
                parent = None
            elif v >= 2 and rng.random() < 0.12:  # another outlet's own report, in words of its own
                unused = story["unused_own"]
                count = rng.randint(6, 10)
                templates = [unused.pop() for _ in range(min(count, len(unused)))]
                templates += [OWN_ADDITION] * (count - len(templates))
                sentences = [fill(t, dict(story, elsewhere=place(rng)), rng) for t in templates]
                parent = None
            else:
                parent = rng.randrange(v)
                sentences = derive(versions[parent], story, rng)
            versions.append(sentences)
            file = f"v{v}.txt"
            parents[file] = None if parent is None else f"v{parent}.txt"
            (folder / name / file).write_text("\n\n".join(sentences) + "\n", encoding="utf-8")
            published = start + timedelta(days=c, minutes=37 * v)
            lines.append([name, f"{name}/{file}", published.isoformat(), f"outlet-{rng.randint(1, 22)}"])
        truth[name] = parents
    manifest = folder / "manifest.csv"
    with open(manifest, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["cluster", "path", "published", "source"])
        writer.writerows(lines)
    return manifest, truth


def peak_rss_mb() -> float:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def time_run(manifest: Path, workers: int, outdir: Path) -> dict:
    """One batch run on a fresh local cluster of ``workers`` processes (start-up not counted)."""
    from distributed import Client, LocalCluster

    from viewer.batch.inputs import read_input
    from viewer.batch.run import run
    from viewer.engine.params import Params

    clusters = read_input(manifest)
    shutil.rmtree(outdir, ignore_errors=True)
    outdir.mkdir(parents=True)
    with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, host="127.0.0.1",
                      dashboard_address="127.0.0.1:0", silence_logs=logging.ERROR) as cluster, \
            Client(cluster) as client:
        client.run(lambda: __import__("viewer.batch.work"))  # imports done before the clock starts
        cpu_before = client.run(time.process_time)
        driver_before = time.process_time()
        started = time.perf_counter()
        tally = run(client, clusters, outdir, Params(), force=True, extra_inputs=(str(manifest),),
                    stream=open(os.devnull, "w"))
        seconds = time.perf_counter() - started
        driver = time.process_time() - driver_before
        cpu = sum(t - cpu_before[w] for w, t in client.run(time.process_time).items())
        memory = sorted(client.run(peak_rss_mb).values())
    versions = sum(len(c.entries) for c in clusters)
    return {"workers": workers, "seconds": seconds, "clusters": len(clusters), "versions": versions,
            "failed": tally.failed, "rate": len(clusters) / seconds,
            "core_seconds_per_version": seconds * workers / versions, "worker_cpu_per_version": cpu / versions,
            "busy": cpu / (seconds * workers), "driver_cpu": driver, "peak_mb": memory}


def lineage_accuracy(outdir: Path, truth: dict) -> dict:
    import pyarrow.parquet as pq

    rows = pq.read_table(outdir / "summary.parquet").to_pylist()
    judged = [(r, truth[r["cluster"]][r["version"]]) for r in rows if r["version"] != "v0.txt"]
    right = [r["lineage_parent"] == parent for r, parent in judged]
    unrelated = [r["lineage_parent"] is None for r, parent in judged if parent is None]
    copies = [r["lineage_parent"] == parent for r, parent in judged if parent is not None]
    wrong = [(r["cluster"], r["version"], parent, r["lineage_parent"]) for r, parent in judged
             if r["lineage_parent"] != parent]
    return {"judged": len(judged), "accuracy": sum(right) / len(right), "copies": len(copies),
            "copies_right": sum(copies) / max(1, len(copies)), "unrelated": len(unrelated),
            "unrelated_right": sum(unrelated) / max(1, len(unrelated)),
            "errors": sum(bool(r["error"]) for r, _ in judged), "wrong_sample": wrong[:8]}


def find_accuracy(corpus: Path, truth: dict, workers: int) -> dict:
    """--find-clusters on the corpus laid flat, against the true families (versions joined by
    derivation; another outlet's own report starts a family of its own): pairwise precision and
    recall of "same cluster"."""
    from distributed import Client, LocalCluster

    from viewer.batch.find import find_clusters
    from viewer.engine.params import Params

    flat = corpus.parent / "flat"
    shutil.rmtree(flat, ignore_errors=True)
    flat.mkdir()
    family = {}
    for cluster, parents in truth.items():
        for version, parent in parents.items():
            name = f"{cluster}-{version}"
            shutil.copyfile(corpus / cluster / version, flat / name)
            family[name] = family[f"{cluster}-{parent}"] if parent else name
    with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, host="127.0.0.1",
                      dashboard_address="127.0.0.1:0", silence_logs=logging.ERROR) as cluster, \
            Client(cluster) as client:
        started = time.perf_counter()
        found, alone, errors = find_clusters(client, flat, Params())
        seconds = time.perf_counter() - started
    label = {Path(e.path).name: c.name for c in found for e in c.entries}
    label.update({Path(p).name: Path(p).name for p in alone})
    names = sorted(family)
    true_pairs = {(x, y) for i, x in enumerate(names) for y in names[i + 1:] if family[x] == family[y]}
    found_pairs = {(x, y) for i, x in enumerate(names) for y in names[i + 1:] if label[x] == label[y]}
    hit = len(true_pairs & found_pairs)
    return {"files": len(names), "seconds": seconds, "clusters": len(found), "alone": len(alone),
            "families": len(set(family.values())), "precision": hit / max(1, len(found_pairs)),
            "recall": hit / max(1, len(true_pairs)), "errors": len(errors)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--clusters", type=int, default=1000)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--repeat", type=int, default=1, help="runs per worker count (the median is shown)")
    parser.add_argument("--seed", type=int, default=14)
    parser.add_argument("--find", action="store_true", help="also time --find-clusters on the corpus laid flat")
    parser.add_argument("--keep", help="build the corpus and outputs in this folder and keep them")
    args = parser.parse_args()
    folder = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="bench-batch-"))
    try:
        started = time.perf_counter()
        manifest, truth = build_corpus(folder / "corpus", args.clusters, args.seed)
        versions = sum(len(v) for v in truth.values())
        print(f"corpus: {args.clusters} clusters, {versions} versions "
              f"({time.perf_counter() - started:.1f} s to write); load average {os.getloadavg()[0]:.2f}")
        results = {}
        for workers in args.workers:
            runs = [time_run(manifest, workers, folder / f"out-{workers}") for _ in range(args.repeat)]
            best = sorted(runs, key=lambda r: r["seconds"])[len(runs) // 2]
            results[workers] = best
            print(f"{workers} worker(s): {best['seconds']:.1f} s (median of {len(runs)}), "
                  f"{best['rate']:.2f} clusters/s, {1000 * best['core_seconds_per_version']:.0f} ms per version "
                  f"(wall x workers), {1000 * best['worker_cpu_per_version']:.0f} ms CPU per version in the "
                  f"workers (busy {100 * best['busy']:.0f}% of their wall time), driver CPU "
                  f"{best['driver_cpu']:.1f} s, peak memory per worker {', '.join(f'{m:.0f}' for m in best['peak_mb'])} MB, "
                  f"clusters with errors {best['failed']}; load average {os.getloadavg()[0]:.2f}")
        if 1 in results and 2 in results:
            print(f"speed-up of 2 workers over 1: {results[2]['rate'] / results[1]['rate']:.2f}x (goal 1.6x)")
        accuracy = lineage_accuracy(folder / f"out-{args.workers[-1]}", truth)
        print(f"lineage: {accuracy['accuracy']:.3f} of {accuracy['judged']} versions (goal 0.95); copies "
              f"{accuracy['copies_right']:.3f} of {accuracy['copies']}, unrelated reports "
              f"{accuracy['unrelated_right']:.3f} of {accuracy['unrelated']}; error rows {accuracy['errors']}")
        for cluster, version, parent, found in accuracy["wrong_sample"]:
            print(f"  {cluster}/{version}: true parent {parent}, found {found}")
        if args.find:
            found = find_accuracy(folder / "corpus", truth, args.workers[-1])
            print(f"find-clusters on {found['files']} files laid flat ({args.workers[-1]} worker(s)): "
                  f"{found['seconds']:.1f} s, {found['clusters']} clusters and {found['alone']} alone for "
                  f"{found['families']} true families; same-cluster pairs: precision {found['precision']:.3f}, "
                  f"recall {found['recall']:.3f}")
        print(json.dumps({"results": {str(k): v for k, v in results.items()}, "lineage": accuracy}, default=str))
    finally:
        if not args.keep:
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
