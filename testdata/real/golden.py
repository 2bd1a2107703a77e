#!/usr/bin/env python3
"""Expected results for the real exports in this folder, computed without CSAT Desk.

Reads spec.json (written by a person reading each file) and every file it
lists, and writes golden.json: per file the rows a correct import keeps, the
main satisfaction question's header, its number of valid answers (n), CSAT %
and the NPS of the 0-10 recommend question. Python 3 standard library only,
plus openpyxl for the .xlsx files (Debian: python3-openpyxl).

    python3 testdata/real/golden.py          # writes testdata/real/golden.json
    python3 testdata/real/golden.py --check  # fails when golden.json is stale
"""

import csv
import io
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


def cell_text(v):
    """An XLSX cell as the text a person sees for our purposes."""
    if v is None:
        return ""
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v)


def read_rows(name, spec):
    """All rows of the file, header rows included, as lists of strings."""
    path = os.path.join(HERE, name)
    if spec["format"] == "xlsx":
        try:
            import openpyxl  # only needed for .xlsx
        except ImportError:
            sys.exit("golden.py needs openpyxl to read .xlsx files: apt-get install python3-openpyxl (Debian) or pip install openpyxl")

        wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
        ws = wb.worksheets[spec.get("sheet", 0)]
        return [[cell_text(v) for v in row] for row in ws.iter_rows(values_only=True)]
    with open(path, "rb") as f:
        text = f.read().decode(spec["encoding"])
    if text.startswith("\ufeff"):
        text = text[1:]
    # newline="" keeps line breaks inside quoted answers; csv reads \r\n,
    # \n and a lone \r as line ends.
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=spec.get("delimiter", ","))
    return list(reader)


def blank(row):
    return not any(c.strip() for c in row)


def score(value, q):
    """The scale point of one answer, or None for no answer, or the string
    'invalid' for an answer that is not on the scale."""
    v = value.strip()
    if v == "" or v in q.get("na", []):
        return None
    labels = q.get("labels")
    if labels:
        if v in labels:
            return labels[v]
        return "invalid"
    try:
        f = float(v.replace(",", "."))
    except ValueError:
        return "invalid"
    lo, hi = q.get("scale", [0, 10])
    if not f.is_integer() or not lo <= f <= hi:
        return "invalid"
    return int(f)


def answers(rows, q):
    points, invalid = [], []
    for r in rows:
        s = score(r[q["col"]] if q["col"] < len(r) else "", q)
        if s is None:
            continue
        if s == "invalid":
            invalid.append(r[q["col"]])
        else:
            points.append(s)
    return points, invalid


def golden_for(name, spec):
    rows = read_rows(name, spec)
    hr = spec.get("header_rows", 1)
    header = rows[spec.get("text_row", 0)]
    data = [r for r in rows[hr:] if not blank(r)]
    if "row_filter" in spec:
        c = spec["row_filter"]
        data = [r for r in data if c < len(r) and r[c].strip()]
    out = {
        "rows": 0 if spec.get("refuse") else len(data),
        "refuse": bool(spec.get("refuse")),
        "main_header": "",
        "n": 0,
        "csat_pct": None,
        "nps_header": "",
        "nps_n": 0,
        "nps": None,
    }
    nm = []
    for c in spec.get("not_main", []):
        for r in rows[:hr]:
            h = r[c].strip() if c < len(r) else ""
            if h and h not in nm:
                nm.append(h)
    if nm:
        out["not_main_headers"] = nm
    q = spec.get("main")
    if q:
        points, invalid = answers(data, q)
        sat = sum(1 for p in points if p >= q["cutoff"])
        out["main_header"] = header[q["col"]]
        out["scale"] = q["scale"]
        out["cutoff"] = q["cutoff"]
        out["n"] = len(points)
        out["csat_pct"] = round(100.0 * sat / len(points), 1) if points else None
        if invalid:
            out["main_invalid"] = len(invalid)
    p = spec.get("nps")
    if p:
        pq = dict(p, scale=[0, 10])
        points, invalid = answers(data, pq)
        n = len(points)
        out["nps_header"] = header[p["col"]]
        out["nps_n"] = n
        if n:
            prom = sum(1 for x in points if x >= 9)
            det = sum(1 for x in points if x <= 6)
            out["nps"] = round(100.0 * prom / n - 100.0 * det / n, 1)
        if invalid:
            out["nps_invalid"] = len(invalid)
    return out


def main():
    with open(os.path.join(HERE, "spec.json"), encoding="utf-8") as f:
        spec = json.load(f)["files"]
    golden = {name: golden_for(name, s) for name, s in sorted(spec.items())}
    text = json.dumps(golden, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    path = os.path.join(HERE, "golden.json")
    if "--check" in sys.argv:
        with open(path, encoding="utf-8") as f:
            if f.read() != text:
                sys.exit("golden.json is stale: run testdata/real/golden.py")
        return
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    for name, g in golden.items():
        print(f"{name:40} rows {g['rows']:5}  n {g['n']:4}  csat {g['csat_pct']}  nps {g['nps']}  main {g['main_header'][:50]!r}")


if __name__ == "__main__":
    main()
