#!/usr/bin/env python3
"""Reads the logs of one benchmarks/run-all and writes benchmarks/RESULTS.md with one table of
every side-by-side ratio, plus two plots drawn as hand-written SVG (no packages needed):
results-throughput.svg (ours / Node per work item) and results-rss.svg (peak RSS as input grows).

Usage: results.py LOG_DIR SIZES_NAME SIZES_DETAIL
Each extractor reads one script's printed output; a script whose figures it cannot find gets
one row saying so, with its exit status.
"""
import datetime
import math
import os
import platform
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


class Row:
    def __init__(self, bench, work, ours, ref, ratio, goal="–", met=None, node=False):
        self.bench, self.work, self.ours, self.ref, self.ratio, self.goal = bench, work, ours, ref, ratio, goal
        self.met, self.node = met, node


def num(text):
    m = re.search(r"-?[\d,]*\.?\d+", text or "")
    return float(m.group(0).replace(",", "")) if m else None


def judge(ratio, goal):
    """'>= 3x' / '<= 1.3' / '-' against a ratio: True, False or None (no goal)."""
    m = re.match(r"\s*(>=|<=|≥|≤)\s*([\d.]+)", goal or "")
    if not m or ratio is None:
        return None
    bound = float(m.group(2))
    return ratio >= bound if m.group(1) in (">=", "≥") else ratio <= bound


def md_tables(text):
    """Markdown tables in text: (the line before the table, its rows as lists of cells, header first)."""
    tables, current, caption, previous = [], [], "", ""
    for line in text.splitlines() + [""]:
        if line.strip().startswith("|"):
            if not current:
                caption = previous
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            if not all(re.fullmatch(r":?-+:?", c) for c in cells):
                current.append(cells)
        else:
            if current:
                tables.append((caption, current))
                current = []
            previous = line
    return tables


def from_tables(bench, text, prefix=""):
    """Rows of every table with an 'ours / X' column: ours, reference, ratio and goal."""
    rows = []
    for caption, table in md_tables(text):
        what = prefix + ("CPU time: " if "CPU" in caption else "")
        head = [h.lower() for h in table[0]]
        ratio_col = next((i for i, h in enumerate(head) if re.search(r"ours ?/ ?\w", h) or h.startswith("ratio")), None)
        if ratio_col is None or len(head) < 4:
            continue
        goal_col = next((i for i, h in enumerate(head) if h == "goal"), None)
        ref_name = table[0][2]
        for cells in table[1:]:
            if len(cells) != len(head):
                continue
            ratio = num(cells[ratio_col]) if "infinity" not in cells[ratio_col].lower() else None
            in_head = re.search(r"goal ([<>]= ?[\d.]+)", head[ratio_col])
            goal = cells[goal_col] if goal_col is not None else (in_head.group(1) if in_head else "–")
            rows.append(Row(bench, what + cells[0], cells[1], cells[2] + " (" + ref_name + ")",
                            ratio, goal, judge(ratio, goal), node="node" in ref_name.lower()))
    return rows


SEGMENT = re.compile(r"^\s*(?:(?P<label>[^:/]+):\s*)?(?P<a>[^=\[]+?) / (?P<b>[^=\[]+?)(?: wall)?(?: =)? "
                     r"(?P<r>\d*\.\d+)(?: \[(?P<goal>[<>]= ?[\d.]+)\])?\s*$")
SIZE = re.compile(r"^\s*size (?P<r>\d*\.\d+)(?: \[(?P<goal>[<>]= ?[\d.]+)\])?\s*$")


def ratio_lines(bench, text):
    """Ratios printed as text: 'level 6: ours p2 / pigz wall .91 [<= 0.95], size 1.003 [<= 1.005]; ...',
    '  ./pipeline cp / cp = 1.10', 'ratio (b) copy/cp = 1.06   goal <= 1.3', '..., ratio 0.95 (goal >= 0.90)'."""
    rows = []
    for line in text.splitlines():
        if line.startswith("cpu ratios: "):  # fs: 'cpu ratios: copy/cp = 1.20, stream/node = 0.44 (goal <= 0.5), ...'
            for part in line[len("cpu ratios: "):].split(", "):
                m = re.match(r"^(\S+)/(\S+) = ([\d.]+)(?: \(goal (<=|>=) ([\d.]+)\))?$", part.strip())
                if m:
                    goal = "%s %s" % (m.group(4), m.group(5)) if m.group(4) else "–"
                    r = float(m.group(3))
                    rows.append(Row(bench, "CPU time: %s/%s" % (m.group(1), m.group(2)), m.group(1), m.group(2),
                                    r, goal, judge(r, goal), node=m.group(2) == "node"))
            continue
        m = re.match(r"^ratio (.*?)(\S+)/(\S+)\s*= ([\d.]+)(?:\s+goal (<=|>=) ([\d.]+))?", line)
        if m:
            goal = "%s %s" % (m.group(5), m.group(6)) if m.group(5) else "–"
            r = float(m.group(4))
            rows.append(Row(bench, m.group(1).strip() + " " + m.group(2) + "/" + m.group(3), m.group(2), m.group(3),
                            r, goal, judge(r, goal), node=m.group(3) == "node"))
            continue
        m = re.match(r"^best of \d+: plain (.*?) ([\d.]+) records/s, loopstreams ([\d.]+) records/s, ratio ([\d.]+)"
                     r" \(goal (>=|<=) ([\d.]+)\)", line)
        if m:
            goal, r = "%s %s" % (m.group(5), m.group(6)), float(m.group(4))
            rows.append(Row(bench, "consume → map → produce, records/s", m.group(3), m.group(2) + " (" + m.group(1) + ")",
                            r, goal, judge(r, goal)))
            continue
        label, last = "", ""
        for part in re.split(r"[,;]", line):
            m, z = SEGMENT.match(part), SIZE.match(part)
            if m:
                label = (m.group("label") or label).strip()
                last = "%s / %s" % (m.group("a").strip(), m.group("b").strip())
                work, a, b = (label + ": " if label else "") + last + " (wall)", m.group("a").strip(), m.group("b").strip()
            elif z and last:
                m, work, a, b = z, (label + ": " if label else "") + last + " (output size)", "", ""
            else:
                continue
            goal, r = (m.group("goal") or "–"), float(m.group("r"))
            rows.append(Row(bench, work, a, b, r, goal, judge(r, goal), node="node" in b))
    return rows


def rss_series(text):
    """(GiB, peak RSS MiB) from lines 'gib=N ... vmHwmMiB=X'."""
    return [(float(g), float(r)) for g, r in re.findall(r"gib=([\d.]+).*?vmHwmMiB=([\d.]+)", text)]


def flat_row(bench, work, series):
    if len(series) < 2:
        return []
    (g0, r0), (g1, r1) = series[0], series[-1]
    ratio = r1 / r0
    return [Row(bench, "%s: peak RSS at %g GiB / at %g GiB" % (work, g1, g0), "%.1f MiB" % r1, "%.1f MiB" % r0,
                ratio, "<= 1.25", judge(ratio, "<= 1.25"))]


FS_MEDIANS = re.compile(r"^([\w-]+)\s+([\d.]+)s\s+([\d.]+)s$", re.M)  # fs: 'copy   0.626s   0.338s' (wall, CPU)


def walls(text):
    """Measured values by program name, to show next to a text ratio: fs's median table and
    cli's table ('| ./pipeline cp | 1.10 s | ...')."""
    found = {m.group(1): m.group(2) + " s" for m in FS_MEDIANS.finditer(text)}
    found.update({m.group(1).strip(): m.group(2) + " s" for m in re.finditer(r"^\|\s*(.+?)\s*\|\s*([\d.]+) s\s*\|", text, re.M)})
    return found


def cpus(text):
    """CPU seconds (user+system) by program name, from fs's median table."""
    return {m.group(1): m.group(3) + " s CPU" for m in FS_MEDIANS.finditer(text)}


def extract(name, text):
    if name in ("loop", "stream"):
        return from_tables(name, text)
    if name in ("memory", "javaio"):
        work = "3 PassThroughs, -Xmx64m" if name == "memory" else "InputStream → pipeline → OutputStream"
        return flat_row(name, work, rss_series(text))
    rows, measured, cpu = from_tables(name, text), walls(text), cpus(text)
    for r in ratio_lines(name, text):
        values = cpu if r.work.startswith("CPU time: ") else measured
        r.ours = "%s: %s" % (r.ours, values[r.ours]) if r.ours in values else r.ours
        r.ref = "%s: %s" % (r.ref, values[r.ref]) if r.ref in values else r.ref
        rows.append(r)
    return rows


def fmt_ratio(r):
    return "–" if r.ratio is None else ("%.2f" % r.ratio)


def sh(cmd):
    try:
        return subprocess.run(cmd, shell=True, capture_output=True, text=True, timeout=20).stdout.strip()
    except Exception:  # a missing tool: the field stays empty
        return ""


def machine():
    cpu = sh("grep -m1 'model name' /proc/cpuinfo | cut -d: -f2").strip()
    mem = sh("awk '/MemTotal/ {printf \"%.1f GiB\", $2 / 1048576}' /proc/meminfo")
    java = sh("java -version 2>&1 | head -1")
    return [("cores (nproc)", sh("nproc")), ("CPU", cpu), ("memory", mem), ("OS", platform.platform()),
            ("java", java), ("node", sh("node --version")), ("load average at the end", sh("cut -d' ' -f1-3 /proc/loadavg"))]


def speedup(r):
    """How much faster than Node: the ratio when higher is better (throughput; a '>=' goal), else its
    inverse (times: a '<=' goal, or a wall-time ratio without goal)."""
    higher = r.goal.strip().startswith(">=") or (not r.goal.strip().startswith("<=") and r.bench in ("loop", "stream", "worker"))
    return r.ratio if higher else 1 / r.ratio


def svg_throughput(rows, path):
    rows = [r for r in rows if r.node and r.ratio and not re.search(r"RSS|size|successes", r.work)]
    width, left, bar, gap = 760, 330, 18, 8
    height = 60 + len(rows) * (bar + gap)
    lo, hi = 0.1, max(30.0, max((r.ratio for r in rows), default=1) * 1.2)
    x = lambda v: left + (math.log10(v) - math.log10(lo)) / (math.log10(hi) - math.log10(lo)) * (width - left - 70)
    out = ['<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" font-family="sans-serif" font-size="12">' % (width, height),
           '<text x="10" y="18" font-size="14" font-weight="bold">speed against Node per work item (log scale; right of 1×: faster than Node)</text>']
    for tick in (0.1, 0.3, 1, 3, 10, 30, 100):
        if tick <= hi:
            out.append('<line x1="%.1f" y1="30" x2="%.1f" y2="%d" stroke="%s"/>' % (x(tick), x(tick), height - 20,
                       "#333" if tick == 1 else "#ddd"))
            out.append('<text x="%.1f" y="%d" text-anchor="middle">%g×</text>' % (x(tick), height - 6, tick))
    for i, r in enumerate(rows):
        y = 36 + i * (bar + gap)
        v = min(max(speedup(r), lo), hi)
        x0, x1 = sorted((x(1), x(v)))
        colour = "#3a7" if speedup(r) >= 1 else "#c54"
        out.append('<text x="%d" y="%d" text-anchor="end">%s</text>' % (left - 6, y + 13, esc(r.bench + ": " + r.work)[:52]))
        out.append('<rect x="%.1f" y="%d" width="%.1f" height="%d" fill="%s"/>' % (x0, y, max(x1 - x0, 1), bar, colour))
        out.append('<text x="%.1f" y="%d">%.2f×</text>' % (x1 + 4, y + 13, speedup(r)))
    out.append("</svg>")
    write(path, "\n".join(out))


def svg_rss(series, path):
    width, height, left, bottom = 560, 320, 60, 40
    points = [p for s in series.values() for p in s]
    gmax = max((g for g, _ in points), default=1)
    rmax = max((r for _, r in points), default=1) * 1.2
    x = lambda g: left + g / gmax * (width - left - 70)
    y = lambda r: height - bottom - r / rmax * (height - bottom - 40)
    out = ['<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" font-family="sans-serif" font-size="12">' % (width, height),
           '<text x="10" y="18" font-size="14" font-weight="bold">peak RSS (MiB) as the input grows (GiB)</text>',
           '<line x1="%d" y1="%d" x2="%d" y2="%d" stroke="#333"/>' % (left, height - bottom, width - 10, height - bottom),
           '<line x1="%d" y1="30" x2="%d" y2="%d" stroke="#333"/>' % (left, left, height - bottom)]
    for i in range(5):
        r = rmax * i / 4
        out.append('<text x="%d" y="%.1f" text-anchor="end">%.0f</text>' % (left - 6, y(r) + 4, r))
    for g in sorted({g for g, _ in points}):
        out.append('<text x="%.1f" y="%d" text-anchor="middle">%g</text>' % (x(g), height - bottom + 16, g))
    colours = ["#37c", "#c73", "#3a7", "#a3c", "#c3a", "#777", "#3aa", "#aa3"]
    for k, (name, s) in enumerate(series.items()):
        c = colours[k % len(colours)]
        out.append('<polyline fill="none" stroke="%s" stroke-width="2" points="%s"/>' % (c, " ".join("%.1f,%.1f" % (x(g), y(r)) for g, r in s)))
        for g, r in s:
            out.append('<circle cx="%.1f" cy="%.1f" r="3" fill="%s"/>' % (x(g), y(r), c))
        out.append('<text x="%d" y="%d" fill="%s">%s</text>' % (left + 10, 40 + 16 * k, c, esc(name)))
    out.append("</svg>")
    write(path, "\n".join(out))


def esc(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def write(path, text):
    with open(path, "w") as f:
        f.write(text + "\n")


def main():
    logs, sizes, detail = sys.argv[1], sys.argv[2], sys.argv[3]
    names = ["loop", "stream", "memory", "javaio", "fs", "zlib", "cli", "net", "kafka", "worker"]
    rows, notes, series = [], [], {}
    for name in names:
        status_file = os.path.join(logs, name + ".status")
        status = open(status_file).read().strip() if os.path.exists(status_file) else "not run"
        text = open(os.path.join(logs, name + ".log"), errors="replace").read() if os.path.exists(os.path.join(logs, name + ".log")) else ""
        found = extract(name, text)
        rows += found
        if name in ("memory", "javaio") and rss_series(text):
            series[{"memory": "3 PassThroughs (-Xmx64m)", "javaio": "Java I/O edges (-Xmx64m)"}[name]] = rss_series(text)
        if name == "fs" and "== peak RSS" in text:  # '(a) stream   370   496': 1 GiB and 4 GiB
            for m in re.finditer(r"^(.+?)\s+(\d+)\s+(\d+)$", text.split("== peak RSS", 1)[1], re.M):
                series["file copy, " + m.group(1).strip()] = [(1.0, float(m.group(2))), (4.0, float(m.group(3)))]
        if not found or not status.startswith("rc=0"):
            notes.append("`%s`: %s%s" % (name, status.replace("rc=124", "ran out of its time (rc=124)"),
                                                "" if found else "; no ratio found in its output"))
    commit = sh("git -C %s rev-parse --short HEAD" % HERE) + (" (with uncommitted changes)" if sh("git -C %s status --porcelain -uno -- ':(top)' ':(top,exclude)benchmarks/RESULTS.md'"
                " ':(top,exclude)benchmarks/results-*.svg'" % HERE) else "")
    load = float((sh("cut -d' ' -f1 /proc/loadavg") or "0"))
    cores = int(sh("nproc") or "1")
    loaded = ("The machine was loaded during this run (load average %.1f on %d cores at the end): other work "
              "shared the CPUs, so absolute figures are low and ratios noisy." % (load, cores)) if load > cores * 0.75 else \
        "The machine was quiet at the end of this run (load average %.1f on %d cores)." % (load, cores)
    lines = ["# Benchmark results", "",
             "Generated by `benchmarks/run-all` on %s, commit %s, with the **%s** sizes (%s)."
             % (datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"), commit, sizes, detail),
             "Every ratio compares two programs run side by side in the same run; absolute figures move with the",
             "machine's load, ratios much less. Sizes this small measure start-up and warm-up as much as",
             "steady state: the per-module pages in `docs/` hold the full-size runs.", loaded, "",
             "| | |", "|---|---|"] + ["| %s | %s |" % kv for kv in machine()] + ["",
             "| benchmark | work | ours | reference | ratio | goal | met? |", "|---|---|---|---|---:|---|---|"]
    for r in rows:
        met = "–" if r.met is None else ("met" if r.met else "**missed**")
        lines.append("| %s | %s | %s | %s | %s | %s | %s |" % (r.bench, r.work, r.ours, r.ref, fmt_ratio(r), r.goal, met))
    lines += ["", "Ratios are ours / reference as each script defines them: for throughput higher is better, for",
              "times and sizes lower is better (the goal's direction says which). The memory rows compare our own",
              "peak RSS at the largest input with the smallest; the goal there (≤ 1.25, flat memory) is this",
              "page's, the others are the scripts'.", ""]
    if notes:
        lines += ["Scripts with no figures or a non-zero exit:", ""] + ["* " + n for n in notes] + [""]
    svg_throughput(rows, os.path.join(HERE, "results-throughput.svg"))
    svg_rss(series, os.path.join(HERE, "results-rss.svg"))
    lines += ["![ours / Node per work item](results-throughput.svg)", "", "![peak RSS as the input grows](results-rss.svg)", "",
              "Raw logs of this run: `%s/` (git-ignored)." % os.path.relpath(logs, os.path.dirname(HERE))]
    write(os.path.join(HERE, "RESULTS.md"), "\n".join(lines))
    print("wrote benchmarks/RESULTS.md, benchmarks/results-throughput.svg, benchmarks/results-rss.svg")


if __name__ == "__main__":
    main()
