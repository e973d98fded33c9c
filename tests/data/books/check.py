"""Check a gold file: offsets match the raw text, types valid, dates carry ISO values.

usage: python3 check.py gold/NAME.json
"""
import json, re, sys
from pathlib import Path

ISO = re.compile(r"-?\d{4}(-\d{2}(-\d{2})?)?$")
def main(p):
    g = json.load(open(p, encoding="utf-8"))
    raw = (Path(p).parent.parent / "raw" / g["source"]).read_text(encoding="utf-8")
    bad = 0
    for key in ("entities", "dates"):
        items = g.get(key, [])
        if [x["start"] for x in items] != sorted(x["start"] for x in items):
            print(f"{key}: not sorted by start"); bad += 1
        for x in items:
            if raw[x["start"]:x["end"]] != x["text"]:
                print(f"{key}: offset mismatch {x['text']!r} vs raw {raw[x['start']:x['end']]!r}"); bad += 1
            if key == "entities" and x.get("type") not in ("person", "place", "org"):
                print(f"bad type {x}"); bad += 1
            if key == "dates":
                vals = {a: x[a] for a in ("when", "from", "to", "notBefore", "notAfter") if x.get(a)}
                if not vals or any(not ISO.match(v) for v in vals.values()):
                    print(f"date without ISO value: {x}"); bad += 1
                if "when" in vals and len(vals) > 1:
                    print(f"when with others: {x}"); bad += 1
    print(f"{p}: {len(g.get('entities', []))} entities, {len(g.get('dates', []))} dates, {bad} problems")
    return bad
if __name__ == "__main__":
    sys.exit(1 if sum(main(p) for p in sys.argv[1:]) else 0)
