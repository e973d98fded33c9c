"""Benchmark: where the time and memory of a build go (not a test; pytest does not collect it).

    .venv/bin/python tests/bench_pipeline.py [--repeat 3] [--scale 1 4 16]

For each seed: the median seconds of every stage over ``--repeat`` runs in one warm process
(model and stylesheets loaded once, as in ``tei build``), the one-off start-up costs, and
the peak resident memory of a fresh process converting the input.  ``--scale`` also times
seed 001 concatenated with itself N times, to show how the stages grow with input size.
Timings are wall-clock on a shared machine: compare runs made on the same machine, close in time.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tei.batch import convert  # noqa: E402
from tei.config import Config  # noqa: E402

_RSS_SCRIPT = """
import resource, sys
from tei.batch import convert
from tei.config import Config
convert(sys.argv[1], Config(build_date="1970-01-01"))
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def peak_rss_mb(path: Path) -> float:
    """Peak resident memory (MB) of a fresh process converting ``path``."""
    out = subprocess.run([sys.executable, "-c", _RSS_SCRIPT, str(path)], capture_output=True, text=True,
                         check=True, cwd=ROOT)
    return int(out.stdout.strip().splitlines()[-1]) / 1024


def stage_times(path: Path, repeat: int) -> dict[str, float]:
    runs: list[dict[str, float]] = []
    for _ in range(repeat):
        runs.append(convert(path, Config(build_date="1970-01-01")).seconds)
    return {k: statistics.median(r[k] for r in runs) for k in runs[0]}


def render_and_validate_times(path: Path) -> dict[str, float]:
    from tei.render import render
    from tei.validate import validate_many

    with tempfile.TemporaryDirectory() as tmp:
        xml = Path(tmp) / "doc.xml"
        convert(path, Config(build_date="1970-01-01"), out=xml)
        out: dict[str, float] = {}
        t0 = time.perf_counter()
        validate_many([xml], schemas=("rng", "xsd", "sch"))
        out["validate (rng+xsd+sch)"] = time.perf_counter() - t0
        t0 = time.perf_counter()
        validate_many([xml], schemas=("tei_all",))
        out["validate (tei_all)"] = time.perf_counter() - t0
        for to in ("html", "text"):
            t0 = time.perf_counter()
            render(xml, to=to)
            out[f"render {to}"] = time.perf_counter() - t0
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--scale", type=int, nargs="*", default=[])
    args = ap.parse_args()
    seeds = sorted((ROOT / "seeds").glob("*.txt"))

    t0 = time.perf_counter()
    convert(seeds[0], Config(build_date="1970-01-01"))
    print(f"first conversion in a process (loads lexicon and NER model): {time.perf_counter() - t0:.2f} s\n")

    rows = []
    for path in seeds:
        times = stage_times(path, args.repeat)
        times.update(render_and_validate_times(path))
        rows.append((path.stem[:3], path.stat().st_size, times, peak_rss_mb(path)))
    keys = list(rows[0][2])
    print("| seed | bytes | " + " | ".join(keys) + " | peak RSS MB |")
    print("|---|---:|" + "---:|" * len(keys) + "---:|")
    for stem, size, times, rss in rows:
        print(f"| {stem} | {size} | " + " | ".join(f"{times[k]:.3f}" for k in keys) + f" | {rss:.0f} |")

    if args.scale:
        base = (ROOT / "seeds" / "001_743ea2a93721c107.txt").read_text("utf-8")
        print("\n| seed 001 x N | chars | convert s | peak RSS MB |\n|---:|---:|---:|---:|")
        with tempfile.TemporaryDirectory() as tmp:
            for n in args.scale:
                p = Path(tmp) / f"scaled{n}.txt"
                p.write_text(base * n, encoding="utf-8")
                t0 = time.perf_counter()
                convert(p, Config(build_date="1970-01-01"))
                print(f"| {n} | {len(base) * n} | {time.perf_counter() - t0:.2f} | {peak_rss_mb(p):.0f} |")


if __name__ == "__main__":
    main()
