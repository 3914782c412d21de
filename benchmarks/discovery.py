"""How well ``search-actions`` finds the action a person means, and how fast, on the sandbox's catalogue.

    python benchmarks/discovery.py                # top-1/top-3 for every set, latency, ratios
    python benchmarks/discovery.py --misses       # also print the misses of the development and training sets
    python benchmarks/discovery.py --tuning       # development and training sets only, with misses; no latency
    python benchmarks/discovery.py --latency      # development and training sets (not cross-validated), latency
    python benchmarks/discovery.py --quick        # small latency counts (a smoke run)
    python benchmarks/discovery.py --latency --rules-alone   # the latency of the rules without the re-ranking
    python benchmarks/discovery.py --accuracy     # every set and the summary (training vs held-out), no latency
    python benchmarks/discovery.py --latency --against ../before   # first search against another checkout's

Accuracy: every request of ``discovery_cases.py`` goes through ``SandboxBackend.search_actions``, the path the
``search-actions`` tool takes; top-1 counts a right key first, top-3 one among the first three. Each set is scored
twice: by the rules alone and with the learned re-ranking (``faktoora_mcp/ranking/learned.py``). The development
set is reported whole and in its three parts: the 256 requests of rounds 1-2 (``dev-256``), the two held-out sets
that round 3 retired into it (``retired-64``: held-out-2 and held-out-3, scored several times in rounds 1-2, their
final figures recorded, so no longer a fair test) and the one round 4 retired (``retired-held-out-4``: 64 written
in round 3 by someone who had not seen the ranker, scored once per ranker, its figures recorded). The re-ranking
is trained on the development set, so its figure there says only that it learned it. The training sets of round 5 and
those added since (``training-a`` .. ``training-ao``) are each scored by a model trained on all other training requests,
not on that set: leave-one-set-out cross-validation, what the re-ranking does with requests in a voice it never heard
(one training per set, on every core at once). The held-out sets (``held-out``, the first 64; ``held-out-5``, 64 written
in round 4, and ``held-out-6`` and ``held-out-7``, 64 each written in round 5, each by someone who had not seen the
ranker or any other set; issue 25's ``held-out-8`` to ``held-out-13``, 160 each, with their hard lines and, for 9 to 13,
the hard lines by kind) are scored, never listed: they stay unseen while the ranking is tuned. What a slip of the
keyboard costs: the held-out requests of earlier rounds (``spent``, never trained on) as written and with one slip
each in a word the vocabulary knows (``spent-slipped``; ``discovery_cases.slips``, seeded).

Latency, in-process (no MCP round trip), against a floor measured in the same run, interleaved:
- *cached*: a search for a request not seen before, with the catalogue's index already built (every search after
  the first one);
- *cold, catalogue new*: the first search over a catalogue not seen whose texts were (a live catalogue refreshed
  with one action more or less, an answer of Membrane's search): its index is built from memoised texts;
- *cold, from scratch*: the first search over a catalogue with nothing memoised (texts, words, stems), in a
  process that has the ranker imported and its vocabulary built;
- *first search of a process*: a fresh Python process imports the ranker and runs one search (the catalogue is
  listed before the clock starts), wall and CPU time; with ``--against DIR`` the same with the ranker of another
  checkout, interleaved, as its floor (both processes first import what this tree's listing imports);
- *floor*: a plain substring scan of the same catalogue for each word of the request, sorted by hits: the least a
  search can do.
Also prints the size of the tools/list answer, which the catalog tools' titles and descriptions make up.
Writes benchmarks/results/discovery.json (or --out PATH).
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict
from functools import partial
from pathlib import Path
from typing import Any

import anyio
from common import Comparison, Figure
from discovery_cases import (
    DEVELOPMENT,
    HELD_OUT,
    HELD_OUT_5,
    HELD_OUT_6,
    HELD_OUT_7,
    HELD_OUT_8,
    HELD_OUT_8_HARD,
    HELD_OUT_9,
    HELD_OUT_9_HARD,
    HELD_OUT_9_KINDS,
    HELD_OUT_10,
    HELD_OUT_10_HARD,
    HELD_OUT_10_KINDS,
    HELD_OUT_11,
    HELD_OUT_11_HARD,
    HELD_OUT_11_KINDS,
    HELD_OUT_12,
    HELD_OUT_12_HARD,
    HELD_OUT_12_KINDS,
    HELD_OUT_13,
    HELD_OUT_13_HARD,
    HELD_OUT_13_KINDS,
    ORIGINAL_DEVELOPMENT,
    RETIRED_ROUND_3,
    SPENT,
    TRAINING,
    Case,
    slips,
)

from faktoora_mcp.backends.base import ActionInfo
from faktoora_mcp.backends.sandbox import SandboxBackend
from faktoora_mcp.ranking import learned

HERE = Path(__file__).resolve().parent
TOOLS = HERE.parent / "tools" / "ranking"
TOP = 3


def trained_without(name: str, infos: Sequence[ActionInfo]) -> learned.Model:
    """A model trained on every training request but those of the training set ``name`` (cross-validation)."""
    if str(TOOLS) not in sys.path:
        sys.path.insert(0, str(TOOLS))
    import train_reranker  # the trainer lives outside the runtime package, in tools/ranking/

    return train_reranker.trained(train_reranker.training_cases(name), infos)


def cross_validation_models(infos: Sequence[ActionInfo]) -> dict[str, learned.Model]:
    """For each training set, the model trained without it: one training a process, on every core (each takes
    half a minute in pure Python)."""
    names = list(TRAINING)
    context = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else None)
    with ProcessPoolExecutor(os.cpu_count() or 1, mp_context=context) as pool:
        return dict(zip(names, pool.map(trained_without, names, [infos] * len(names)), strict=True))


async def ranked(backend: SandboxBackend, cases: Sequence[Case]) -> list[list[str]]:
    return [[info.key for info in await backend.search_actions(case.text, limit=TOP)] for case in cases]


def score(cases: Sequence[Case], results: Sequence[list[str]], language: str | None = None) -> dict[str, Any]:
    pairs = [(c, r) for c, r in zip(cases, results, strict=True) if language in (None, c.language)]
    top1 = sum(1 for case, keys in pairs if keys[:1] and keys[0] in case.answers)
    top3 = sum(1 for case, keys in pairs if set(keys[:TOP]) & set(case.answers))
    empty = sum(1 for _, keys in pairs if not keys)
    return {"n": len(pairs), "top1": top1 / len(pairs), "top3": top3 / len(pairs), "empty": empty}


def print_misses(cases: Sequence[Case], results: Sequence[list[str]]) -> None:
    for case, keys in zip(cases, results, strict=True):
        if not keys or keys[0] not in case.answers:
            mark = "top3" if set(keys) & set(case.answers) else "MISS"
            print(f"  {mark} [{case.language}] {case.text!r}: want {'/'.join(case.answers)}, got {keys}")


def substring_floor(intent: str, infos: Sequence[ActionInfo], limit: int) -> list[ActionInfo]:
    words = intent.lower().split()
    hits = [(sum(w in f"{i.key} {i.name} {i.description}".lower() for w in words), n) for n, i in enumerate(infos)]
    return [infos[n] for count, n in sorted(hits, key=lambda h: -h[0])[:limit] if count]


def reset_ranker(texts: bool = True) -> None:
    """Forget every index the ranker keeps and, with ``texts``, every text and word it analysed, so that the next
    search is a cold one (a no-op for a ranker without caches)."""
    try:
        from faktoora_mcp import ranking
    except ImportError:
        return
    try:
        ranking.clear_caches(texts=texts)
    except TypeError:  # a ranker from before the text memo: its indexes alone
        ranking.clear_caches() if texts else ranking._index.cache_clear()


def timed(run: Callable[[], object]) -> tuple[float, float]:
    """Wall and CPU milliseconds of one call: on a loaded machine the CPU time says what the search itself costs."""
    wall, cpu = time.perf_counter(), time.process_time()
    run()
    return (time.perf_counter() - wall) * 1000, (time.process_time() - cpu) * 1000


QUICK_REQUESTS = 16
"""A smoke run's latency requests: a spread of the development set, both languages, each through all four paths."""


def latency(
    infos: Sequence[ActionInfo], rank: Callable[..., Any], rounds: int, note: str = "", requests: int | None = None
) -> list[Comparison]:
    """Each round times every development request (or ``requests`` of them, spread over the set) four ways."""
    texts = [case.text for case in DEVELOPMENT]
    texts = texts[:: max(1, len(texts) // requests)] if requests else texts
    cached, cold, scratch, floor = [], [], [], []
    for _ in range(rounds):
        for n, text in enumerate(texts):  # interleaved, so the machine's load hits all four alike
            floor.append(timed(lambda t=text: substring_floor(t, infos, 10)))
            reset_ranker()
            scratch.append(timed(lambda t=text: rank(t, infos, 10)))
            other = texts[(n + 1) % len(texts)]  # another request, over the index the first search built
            cached.append(timed(lambda t=other: rank(t, infos, 10)))
            # A catalogue not seen whose texts were: a live catalogue refreshed with one action more or less,
            # an answer of Membrane's search
            refreshed = [info for m, info in enumerate(infos) if m != n % len(infos)]
            reset_ranker(texts=False)
            cold.append(timed(lambda t=text, c=refreshed: rank(t, c, 10)))

    def figure(name: str, samples: list[tuple[float, float]], which: int) -> Figure:
        return Figure(name, "ms", [sample[which] for sample in samples])

    wall_floor, cpu_floor = figure("substring scan", floor, 0), figure("substring scan, CPU", floor, 1)
    return [
        Comparison("discovery: cached search", figure("ranker", cached, 0), wall_floor, "< 1 ms", note),
        Comparison("discovery: cold search, catalogue new", figure("ranker", cold, 0), wall_floor, "< 5 ms"),
        Comparison("discovery: cold search, from scratch", figure("ranker", scratch, 0), wall_floor, "< 5 ms"),
        Comparison("discovery: from scratch, CPU time", figure("ranker, CPU", scratch, 1), cpu_floor, "< 5 ms"),
    ]


FIRST_SEARCH = """
import asyncio, importlib, sys, tempfile, time
from pathlib import Path
for name in sys.argv[3].split(","):  # what another tree's catalogue listing imports: processes of one weight
    try:
        importlib.import_module(name)
    except Exception:  # noqa: S112 - a built-in's internals (cython_runtime) or an empty list
        continue
from faktoora_mcp.backends.sandbox import SandboxBackend
infos = asyncio.run(SandboxBackend(Path(tempfile.mkdtemp()) / "x.sqlite3").list_actions())
start, cpu = time.perf_counter(), time.process_time()
try:
    from faktoora_mcp.ranking import rank
except ImportError:  # before the ranker
    from faktoora_mcp.backends.sandbox.discovery import rank
if sys.argv[2] == "rules-alone":
    from faktoora_mcp.ranking import learned
    learned.use(None)
rank(sys.argv[1], infos, 10)
print((time.perf_counter() - start) * 1000, (time.process_time() - cpu) * 1000)
"""
"""A fresh process: the catalogue listed (not timed), then the ranker imported and the first search run; prints
wall and CPU milliseconds."""

LISTING_IMPORTS = """
import asyncio, sys, tempfile
from pathlib import Path
before = set(sys.modules)
from faktoora_mcp.backends.sandbox import SandboxBackend
asyncio.run(SandboxBackend(Path(tempfile.mkdtemp()) / "x.sqlite3").list_actions())
print(",".join(sorted(m for m in set(sys.modules) - before if not m.startswith("faktoora"))))
"""
"""The modules listing the sandbox's catalogue imports (PDF, fonts, crypto since issue 22)."""


def _child_env(tree: Path | None) -> dict[str, str]:
    # As installed: bytecode compiled (pip does it at install), so the first run, not timed, writes it
    env = {name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"}
    return env | {"PYTHONPATH": str(tree)} if tree else env


def first_search(
    runs: int, rules_alone: bool = False, against: Path | None = None
) -> tuple[Figure, Figure, Figure | None, Figure | None]:
    """Milliseconds of the first search of a process, ranker import, vocabulary and index included, wall and CPU;
    with ``against`` (another checkout's root), the same in processes running that tree's ranker, interleaved. Both
    then import first what this tree's catalogue listing imports, so that the two processes weigh the same: the
    listing, not timed, has grown heavier than the ranker (588 modules, 231 before issue 22)."""
    texts = [case.text for case in DEVELOPMENT]
    preload = ""
    if against:
        listed = [sys.executable, "-c", LISTING_IMPORTS]
        preload = subprocess.run(listed, capture_output=True, text=True, check=True, env=_child_env(None)).stdout
    trees: list[Path | None] = [None, against] if against else [None]
    samples: dict[Path | None, list[tuple[float, float]]] = {tree: [] for tree in trees}
    for n in range(runs + 1):
        for tree in trees:
            argv = [sys.executable, "-c", FIRST_SEARCH, texts[n % len(texts)], "rules-alone" if rules_alone else "-"]
            done = subprocess.run(
                [*argv, preload.strip()],
                capture_output=True,
                text=True,
                check=True,
                timeout=FIRST_SEARCH_TIMEOUT,
                env=_child_env(tree),
                cwd=tree or None,
            )
            if n:  # the first run of each writes the bytecode
                samples[tree].append(tuple(map(float, done.stdout.split()[-2:])))  # type: ignore[arg-type]

    def figures(tree: Path | None) -> tuple[Figure, Figure]:
        found = samples[tree]
        return Figure("wall", "ms", [s[0] for s in found]), Figure("CPU", "ms", [s[1] for s in found])

    wall, cpu = figures(None)
    other_wall, other_cpu = figures(against) if against else (None, None)
    return wall, cpu, other_wall, other_cpu


FIRST_SEARCH_TIMEOUT = 60
"""One child process: a second or two of Python start-up and imports, much longer on a loaded machine."""


def rank_function() -> Callable[..., Any]:
    """The function ``SandboxBackend.search_actions`` ranks with: (intent, infos, limit) -> infos."""
    try:
        from faktoora_mcp.ranking import rank
    except ImportError:
        from faktoora_mcp.backends.sandbox.discovery import rank  # type: ignore[no-redef]  # before the ranker
    return rank


def by_language(cases: Sequence[Case], results: Sequence[list[str]]) -> dict[str, Any]:
    return {lang or "all": score(cases, results, lang) for lang in (None, "de", "en")}


def development_parts(cases: Sequence[Case], results: Sequence[list[str]]) -> dict[str, Any]:
    """The development set's three parts: the 256 of rounds 1-2, the 64 retired from held-out in round 3 and the
    64 of held-out-4, retired in round 4."""
    parts = {"dev-256": (0, ORIGINAL_DEVELOPMENT), "retired-64": (ORIGINAL_DEVELOPMENT, RETIRED_ROUND_3)}
    parts["retired-held-out-4"] = (RETIRED_ROUND_3, len(cases))
    return {name: by_language(cases[a:b], results[a:b]) for name, (a, b) in parts.items()}


POOLS = {"training-": "training (each set cross-validated)", "held-out": "held-out 1, 5, 6, 7 (pooled)"}
POOLS |= {f"held-out-{n}": POOLS["held-out"] for n in (5, 6, 7)}
"""Sets reported together in the summary, by name (a training set's name without its letter)."""
SUMMARY = (
    POOLS["training-"],
    POOLS["held-out"],
    "held-out-8",
    "held-out-8-hard",
    "held-out-9",
    "held-out-9-hard",
    "held-out-10",
    "held-out-10-hard",
    "held-out-11",
    "held-out-11-hard",
    "held-out-10+11",
    "held-out-10+11-hard",
    "held-out-12",
    "held-out-12-hard",
    "held-out-13",
    "held-out-13-hard",
    "spent",
    "spent-slipped",
)
"""The summary's rows: what the re-ranking was trained on (each set scored by a model trained without it), the
earlier held-out sets (scored round after round, so a little less unseen each time), issue 25's blind sets of
rounds 6 and 7 (each used for one keep-or-revert decision since), round 8's two, round 9's held-out-12 and round
10's held-out-13, each scored once at the end of its round, with their hard lines; then the held-out requests of
rounds before this one (``SPENT``) as written and with one slip of the keyboard each (``slips``), the same requests:
what a typo costs."""
RANKERS = ("rules", "learned")


def pool_of(name: str) -> str:
    """The summary row a set is reported in (its own name when it is pooled with no other)."""
    return POOLS.get("training-" if name.startswith("training-") else name, name)


"""The rules alone, and the rules' candidates reordered by the learned model (the shipped one, or for a training
set the model trained without that set)."""


async def accuracy(
    show_misses: bool, tuning: bool = False, cross_validate: bool = True
) -> tuple[dict[str, Any], list[ActionInfo]]:
    """Top-1/top-3 of every set under both rankers: ``figures[set][ranker][language]``. With ``tuning`` the
    held-out sets are left unscored; with ``cross_validate`` each training set is scored by a model trained on all
    the other training requests (what the model does with requests it was not trained on)."""
    with tempfile.TemporaryDirectory() as tmp:
        backend = SandboxBackend(Path(tmp) / "discovery.sqlite3")
        try:
            infos = await backend.list_actions()
            sets = {"development": DEVELOPMENT} | {f"training-{name}": cases for name, cases in TRAINING.items()}
            if not tuning:
                sets |= {
                    "held-out": HELD_OUT,
                    "held-out-5": HELD_OUT_5,
                    "held-out-6": HELD_OUT_6,
                    "held-out-7": HELD_OUT_7,
                    "held-out-8": HELD_OUT_8,
                    "held-out-8-hard": HELD_OUT_8_HARD,
                    "held-out-9": HELD_OUT_9,
                    "held-out-9-hard": HELD_OUT_9_HARD,
                }
                sets |= {f"held-out-9-kind-{kind}": cases for kind, cases in HELD_OUT_9_KINDS.items()}
                sets |= {
                    "held-out-10": HELD_OUT_10,
                    "held-out-10-hard": HELD_OUT_10_HARD,
                    "held-out-11": HELD_OUT_11,
                    "held-out-11-hard": HELD_OUT_11_HARD,
                    "held-out-10+11": HELD_OUT_10 + HELD_OUT_11,
                    "held-out-10+11-hard": HELD_OUT_10_HARD + HELD_OUT_11_HARD,
                }
                sets |= {
                    f"held-out-10+11-kind-{kind}": cases + HELD_OUT_11_KINDS.get(kind, [])
                    for kind, cases in HELD_OUT_10_KINDS.items()
                }
                sets |= {"held-out-12": HELD_OUT_12, "held-out-12-hard": HELD_OUT_12_HARD}
                sets |= {f"held-out-12-kind-{kind}": cases for kind, cases in HELD_OUT_12_KINDS.items()}
                sets |= {"held-out-13": HELD_OUT_13, "held-out-13-hard": HELD_OUT_13_HARD}
                sets |= {f"held-out-13-kind-{kind}": cases for kind, cases in HELD_OUT_13_KINDS.items()}
                as_written, slipped = zip(*slips(SPENT), strict=True)
                sets |= {"spent": list(as_written), "spent-slipped": list(slipped)}
            models = cross_validation_models(infos) if cross_validate else {}
            figures: dict[str, Any] = {}
            pooled: dict[str, dict[str, tuple[list[Case], list[list[str]]]]] = {}
            for name, cases in sets.items():
                figures[name] = {}
                for ranker in RANKERS:
                    if ranker == "rules":
                        learned.use(None)
                    elif name.startswith("training-") and cross_validate:
                        learned.use(models[name.removeprefix("training-")])
                    elif name.startswith("training-"):
                        continue
                    results = await ranked(backend, cases)
                    learned.use_shipped()
                    figures[name][ranker] = by_language(cases, results)
                    pool = pooled.setdefault(pool_of(name), {})
                    pool_cases, pool_results = pool.setdefault(ranker, ([], []))
                    pool_cases += cases
                    pool_results += results
                    if name == "development":
                        figures |= {part: {**figures.get(part, {}), ranker: row}
                                    for part, row in development_parts(cases, results).items()}  # fmt: skip
                    if show_misses and (name.startswith("training-") or name == "development"):
                        print(f"{name}, {ranker}:")
                        print_misses(cases, results)
        finally:
            learned.use_shipped()
            await backend.aclose()
    figures["summary"] = {
        name: {ranker: by_language(*found) for ranker, found in rankers.items()}
        for name, rankers in pooled.items()
        if name in SUMMARY
    }
    return figures, infos


MODEL_READS = ("name", "title", "description", "inputSchema")
"""What a host puts in its model's context from each tool (issue 14 counts these characters / 4 as tokens)."""


async def tools_list_bytes(fields: tuple[str, ...] | None = None, *, characters: bool = False) -> int:
    """The size of the tools/list answer (compact JSON) of a sandbox server with every toolset: what each host
    reads at the start of a conversation; with ``fields``, only those of each tool (e.g. ``MODEL_READS``); in
    characters rather than UTF-8 bytes with ``characters`` (tokens are counted from characters)."""
    from mcp import Client

    from faktoora_mcp.app import build_app
    from faktoora_mcp.config import Config

    with tempfile.TemporaryDirectory() as tmp:
        app = build_app(Config(backend="sandbox", sandbox_db=str(Path(tmp) / "size.sqlite3")))
        try:
            async with Client(app.server, mode="legacy") as client:
                listed = await client.list_tools()
        finally:
            await app.backend.aclose()
    tools = [tool.model_dump(mode="json", by_alias=True, exclude_none=True) for tool in listed.tools]
    if fields:
        tools = [{k: v for k, v in tool.items() if k in fields} for tool in tools]
    text = json.dumps({"tools": tools}, ensure_ascii=False, separators=(",", ":"))
    return len(text) if characters else len(text.encode("utf-8"))


def report(figures: dict[str, Any], comparisons: list[Comparison]) -> None:
    print(f"{'':<29} {'rules alone':>15}  {'learned':>15}")
    print(f"{'set':<18} {'lang':<4} {'n':>3}   {'top-1':>6} {'top-3':>6}   {'top-1':>6} {'top-3':>6}")
    for name, rankers in figures.items():
        if name == "summary":
            continue
        for language, row in rankers["rules"].items():
            cells = [f"{r[language]['top1']:>6.1%} {r[language]['top3']:>6.1%}" if r else f"{'':>13}"
                     for r in (rankers["rules"], rankers.get("learned"))]  # fmt: skip
            print(f"{name:<18} {language:<4} {row['n']:>3}   {cells[0]}   {cells[1]}")
    report_summary(figures.get("summary", {}))
    for c in comparisons:
        floor = c.floor.median if c.floor else 0.0
        print(
            f"{c.name:<42} median {c.ours.median:.4f} ms [{c.ours.low:.4f}..{c.ours.high:.4f}]"
            f"  floor {floor:.4f} ms  ratio {c.ratio or 0:.1f}  target {c.target}"
        )


def report_summary(summary: dict[str, Any]) -> None:
    """Training and held-out side by side, with the learned ranking (what search-actions serves), and the answers
    that came back empty."""
    if not summary:
        return
    print("\nsummary, as search-actions ranks (rules and learned re-ranking):")
    print(f"{'':<38} {'all':>22}   {'de':>13}   {'en':>13}")
    pair = f"{'top-1':>6} {'top-3':>6}"
    print(f"{'':<38} {'n':>4} {pair} {'empty':>5}   {pair}   {pair}")
    for name, rankers in summary.items():
        row = rankers.get("learned") or rankers["rules"]
        every, de, en = row["all"], row["de"], row["en"]
        print(
            f"{name:<38} {every['n']:>4} {every['top1']:>6.1%} {every['top3']:>6.1%} {every['empty']:>5}"
            f"   {de['top1']:>6.1%} {de['top3']:>6.1%}   {en['top1']:>6.1%} {en['top3']:>6.1%}"
        )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--misses", action="store_true", help="print the development set's misses")
    parser.add_argument("--tuning", action="store_true", help="the development set only, with misses; no latency")
    parser.add_argument("--quick", action="store_true", help="small latency counts (numbers meaningless)")
    parser.add_argument("--latency", action="store_true", help="the development set and latency; no held-out")
    parser.add_argument("--rules-alone", action="store_true", help="time the rules without the learned re-ranking")
    parser.add_argument("--accuracy", action="store_true", help="every set, cross-validated; no latency")
    parser.add_argument(
        "--against",
        type=Path,
        help="another checkout's root: time its ranker's first search too, interleaved, as the floor (e.g. a "
        "`git worktree add` of the commit before a change)",
    )
    parser.add_argument("--out", type=Path, default=HERE / "results" / "discovery.json")
    args = parser.parse_args(argv)
    figures, infos = anyio.run(accuracy, args.misses or args.tuning, args.tuning or args.latency, not args.latency)
    if args.tuning or args.accuracy:
        report(figures, [])
        return 0
    if args.rules_alone:
        learned.use(None)
    requests = QUICK_REQUESTS if args.quick else None
    comparisons = latency(infos, rank_function(), 1 if args.quick else 20, requests=requests)
    wall, cpu, before_wall, before_cpu = first_search(2 if args.quick else 15, args.rules_alone, args.against)
    versus = f"the ranker of {args.against}, same process weight" if args.against else ""
    comparisons += [
        Comparison("discovery: first search of a process", wall, before_wall, "", versus),
        Comparison("discovery: first search, CPU time", cpu, before_cpu, "", versus),
    ]
    report(figures, comparisons)
    size = anyio.run(tools_list_bytes)
    read = anyio.run(partial(tools_list_bytes, MODEL_READS, characters=True))
    print(f"tools/list: {size:,} bytes (compact JSON, every toolset); what the model reads of it (name, title,")
    print(f"  description, inputSchema): {read:,} characters, about {read // 4:,} tokens at 4 characters a token")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    payload = {"accuracy": figures, "latency": [asdict(c) | {"ratio": c.ratio} for c in comparisons]}
    payload["python"] = sys.version.split()[0]
    payload["tools_list_bytes"] = size
    payload["tools_list_model_reads_characters"] = read
    payload["cases"] = {
        name: next(iter(rankers.values()))["all"]["n"] for name, rankers in figures.items() if name != "summary"
    }
    payload["medians_ms"] = {c.name: statistics.median(c.ours.samples) for c in comparisons}
    args.out.write_text(json.dumps(payload, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
