#!/usr/bin/python3
"""The peer of attain's city scorecard, written the way a careful analyst
would write it with openpyxl (Debian's python3-openpyxl and python3-yaml):

    /usr/bin/python3 peer_openpyxl.py RULES.yaml UNITS.xlsx OUT.xlsx

It reads the long table of a city (a row per unit and indicator: 单位,
指标编码, 本年增速(%), 本年实际值, 名次, 是否完成 …) in openpyxl's read-only
mode, judges every indicator the table reports against the ruleset attain
is given (exact decimals; 左右, 以上, 以内, 超过, 区间, 稳定增长, 前列 and 是/否
targets; ratio, pass/fail, points, rank points and efficacy scoring; 一票
否决; grades), ranks the units on each indicator and on their totals
(ties share a rank: 1, 2, 2, 4), and writes a styled workbook in
write-only mode: 总览, 排名 (a row per unit, the status and rank of every
indicator of the ruleset), 明细 (a row per reported figure, one line per
indicator no unit reported) and 数据问题, with named styles, number
formats, status colours, frozen panes and filters.

The benchmark (BenchmarkPeer, templates/scorecard/bench_peer_test.go)
times it beside attain and the excelize floor; TestPeerAgrees checks that
it reaches attain's statuses, totals and ranks on the headline targets.
"""

import sys
from decimal import Decimal, ROUND_HALF_EVEN, ROUND_HALF_UP
from fractions import Fraction

import openpyxl
import yaml
from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Side
from openpyxl.cell import WriteOnlyCell

HUNDRED = Decimal(100)
STATUSES = ["超额完成", "完成", "基本完成", "未完成", "无数据", "进行中"]
COLOURS = {"超额完成": ("1E7B34", "FFFFFF"), "完成": ("A9D08E", "1B4D1B"), "基本完成": ("FFC000", "5A3E00"),
           "未完成": ("E06666", "FFFFFF"), "无数据": ("BFBFBF", "262626"), "进行中": ("9DC3E6", "1F3864")}
TITLES = {"单位": "unit", "单位名称": "unit", "县区": "unit", "指标编码": "code", "指标": "name", "指标名称": "name",
          "上年实际值": "prev", "本年实际值": "level", "本年增速(%)": "growth", "名次": "rank", "是否完成": "done"}


def dec(v):
    if v is None or v == "" or v in ("-", "—", "/", "无"):
        return None
    if isinstance(v, float):
        return Decimal(format(v, ".15g"))
    return Decimal(str(v).strip().replace(",", "").rstrip("%"))


class Rules:
    def __init__(self, path):
        with open(path, encoding="utf-8") as f:
            doc = yaml.safe_load(f)
        conv = doc.get("conventions") or {}
        self.tol = Decimal(str(conv.get("approx_tolerance", "0.5")))
        self.near_points = Decimal(str(conv.get("near_miss_points", "1")))
        self.near_ratio = Decimal(str(conv.get("near_miss_ratio", "0.9")))
        self.top_n = int(conv.get("top_n", 3))
        # The verdict conventions of issue 11 (rules.Conventions).
        self.near_ceiling = bool(conv.get("ceiling_near_miss", False))
        self.near_strict = bool(conv.get("strict_near_miss", False))
        self.near_positive = bool(conv.get("positive_near_miss", False))
        self.near_from_band = conv.get("near_miss_from") == "band"
        self.approx_band = conv.get("approx_lower") == "band"
        self.rounding = ROUND_HALF_UP if conv.get("rounding") == "half_up" else ROUND_HALF_EVEN
        self.grades = [(g["name"], Decimal(str(g["min"]))) for g in conv.get("grades") or
                       [{"name": "优秀", "min": 90}, {"name": "良好", "min": 80}, {"name": "合格", "min": 60},
                        {"name": "不合格", "min": 0}]]
        self.year = doc.get("year")
        self.inds = doc["indicators"]
        self.by_key = {}
        for ind in self.inds:
            t = ind.get("target") or {}
            for k in ("value", "low", "high"):
                if k in t:
                    t[k] = Decimal(str(t[k]))
            ind["target"] = t
            ind["weight"] = Decimal(str(ind.get("weight", 0)))
            ind["scoring"] = {k: (Decimal(str(v)) if k != "method" else v) for k, v in (ind.get("scoring") or {}).items()}
            ind["places"] = Decimal(1).scaleb(-int(ind.get("precision", 1)))
            for key in [ind["id"], ind["name"]] + list(ind.get("aliases") or []):
                self.by_key.setdefault(str(key), ind)

    def round(self, d, places):
        return d.quantize(places, rounding=self.rounding)


def read_units(path, rules):
    """The figures of every unit: unit → id → (figures, source cell)."""
    wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    ws = wb.worksheets[0]
    cols, units, order = None, {}, []
    unit = None
    for n, row in enumerate(ws.iter_rows(values_only=True), start=1):
        if cols is None:
            cols = {TITLES[str(v).strip()]: i for i, v in enumerate(row) if v is not None and str(v).strip() in TITLES}
            continue
        get = lambda k: row[cols[k]] if k in cols and cols[k] < len(row) else None
        if get("unit"):
            unit = str(get("unit")).strip()
        ind = rules.by_key.get(str(get("code") or "").strip()) or rules.by_key.get(str(get("name") or "").strip())
        if unit is None or ind is None:
            continue
        if unit not in units:
            units[unit] = {}
            order.append(unit)
        units[unit][ind["id"]] = {"prev": dec(get("prev")), "level": dec(get("level")), "growth": dec(get("growth")),
                                  "rank": get("rank"), "done": get("done"), "row": n, "cols": cols}
    wb.close()
    return order, units


def figure(ind, act):
    """The judged figure of one indicator, in its own direction, or None."""
    if act is None:
        return None
    m = ind.get("measure")
    if m == "growth":
        if act["growth"] is not None:
            return act["growth"]
        prev = act["prev"] or Decimal(str((ind.get("baseline") or {}).get("level", 0)))
        if ind.get("derive_growth") and act["level"] is not None and prev > 0:
            return (act["level"] - prev) * HUNDRED / prev
        return None
    if m == "level":
        return act["level"]
    if m == "rank":
        return Decimal(int(act["rank"])) if act["rank"] not in (None, "") else None
    return None


def rank_all(values, lower):
    """Ranks of the figures (None: no rank), best first; ties share."""
    have = sorted(((v if not lower else -v, i) for i, v in enumerate(values) if v is not None), key=lambda x: -x[0])
    ranks = [0] * len(values)
    for pos, (v, i) in enumerate(have):
        ranks[i] = pos + 1 if pos == 0 or v != have[pos - 1][0] else ranks[have[pos - 1][1]]
    return ranks, (have[0][0] if have else None), (have[-1][0] if have else None)


def judge(rules, ind, act, v, peer_rank, best, worst):
    """Status, gap, completion, score and explanation of one figure."""
    t, s, w = ind["target"], ind["scoring"], ind["weight"]
    lower = ind.get("polarity") == "lower" or ind.get("measure") == "rank"
    rate = ind.get("unit") == "%"
    kind, unit = t.get("kind"), ("%" if ind.get("unit") == "%" else ind.get("unit", ""))
    fav = (lambda a, b: (b - a) if lower else (a - b))
    bound = edge = ref = None
    if kind == "yes_no" or ind.get("measure") == "yes_no":
        done = act and act["done"]
        if done not in ("是", "否"):
            return "无数据", None, None, Decimal(0), "未填报是否完成"
        st = "完成" if done == "是" else "未完成"
        return st, None, None, (w if st == "完成" else Decimal(0)), "填报为" + ("已" if done == "是" else "未") + t.get("text", "完成")
    if kind == "top_n":
        n = int(t.get("n") or rules.top_n)
        r = int(act["rank"]) if act and act["rank"] not in (None, "") else (peer_rank if ind.get("measure") != "rank" else 0)
        if not r:
            return "无数据", None, None, Decimal(0), "未填报名次"
        st = "完成" if r <= n else "未完成"
        return st, None, None, (w if st == "完成" else Decimal(0)), "全市第%d名，%s前%d名" % (r, "在" if r <= n else "未进入", n)
    if v is None:
        return "无数据", None, None, Decimal(0), "未填报本年增速" if ind.get("measure") == "growth" else "未填报本年实际值"
    # near: whether a miss may be 基本完成; frm: what the near miss is measured from.
    if kind in ("at_least", "at_most", "above", "below"):
        bound = ref = frm = t["value"]
        edge = bound if kind == "at_least" else None
        met = fav(v, bound) > 0 if kind in ("above", "below") else fav(v, bound) >= 0
        near = {"at_least": True, "at_most": rules.near_ceiling}.get(kind, rules.near_strict)
    elif kind == "approx" and lower and not rules.approx_band:  # a ceiling at value + tolerance
        ref, bound, edge = t["value"], t["value"] + rules.tol, None
        frm, near = bound, rules.near_ceiling
        met = fav(v, bound) >= 0
    elif kind == "approx":
        tol = rules.tol if not lower else -rules.tol
        ref, bound, edge = t["value"], t["value"] - tol, t["value"] + tol
        frm, near = (bound if rules.near_from_band else ref), True
        met = fav(v, bound) >= 0
    elif kind in ("range", "between"):
        ref = bound = frm = t["high"] if lower else t["low"]
        edge = t["low"] if lower else t["high"]
        near = True
        met = fav(v, bound) >= 0
    elif kind == "positive":
        ref = bound = frm = Decimal(0)
        lower, near = False, rules.near_positive
        fav = (lambda a, b: a - b)
        met = v > 0
    else:
        return "无数据", None, None, Decimal(0), "此类目标不在对照脚本之内"
    completion = None
    if ref > 0 and kind != "positive":
        ratio = v * HUNDRED / ref
        completion = rules.round(2 * HUNDRED - ratio if lower else ratio, Decimal("0.01"))
    gap = (ref - v if lower else v - ref) if rate else completion
    if edge is not None and fav(v, edge) > 0:
        st = "超额完成"
    elif met:
        st = "完成"
    elif not near:
        st = "未完成"
    elif rate and fav(frm, v) <= rules.near_points:
        st = "基本完成"
    elif not rate and frm > 0 and (2 - v / frm if lower else v / frm) >= rules.near_ratio:
        st = "基本完成"
    else:
        st = "未完成"
    score = score_of(rules, ind, st, v, bound, lower, rate, peer_rank, best, worst)
    text = "%s%s%s，目标%s，%s" % ("增长" if ind.get("measure") == "growth" else "实际", v, unit, t.get("text", ""), st)
    return st, gap, completion, score, text


def score_of(rules, ind, st, v, bound, lower, rate, peer_rank, best, worst):
    s, w = ind["scoring"], ind["weight"]
    met = st in ("完成", "超额完成")
    method = s.get("method", "ratio")
    if method == "pass_fail":
        score = w if met else (w * s["near_miss_share"] if st == "基本完成" and "near_miss_share" in s else Decimal(0))
    elif method == "ratio":
        if met:
            score = w
        elif bound is not None and bound > 0:
            att = 2 - v / bound if lower else v / bound
            score = w * min(max(att, Decimal(0)), Decimal(1))
        else:
            score = Decimal(0)
    elif method == "points":
        base, mx, mn = s.get("base", w), s.get("max", w), s.get("min", Decimal(0))
        over = (bound - v if lower else v - bound) if rate else ((2 - v / bound if lower else v / bound) - 1) * HUNDRED
        score = min(max(base + s["per_point"] * over, mn), mx)
    elif method == "rank_points":
        step = s.get("step", Decimal("0.05"))
        score = w * min(max(1 - step * (peer_rank - 1), Decimal(0)), Decimal(1)) if peer_rank else Decimal(0)
    elif method == "efficacy":
        sat, allow = s.get("satisfactory"), s.get("allowable")
        if sat is None:
            sat, allow = (best, worst) if not lower else (-best, -worst)
        coef = HUNDRED if sat == allow else 60 + 40 * (v - allow) / (sat - allow)
        score = w * min(max(coef, Decimal(0)), HUNDRED) / HUNDRED
    else:
        score = Decimal(0)
    score = rules.round(score, Decimal("0.01"))
    if not met and w > 0 and score >= w:  # below 完成 never earns full marks
        score = max(w - Decimal("0.01"), Decimal(0))
    return score


def evaluate(rules, order, units):
    ids = [ind["id"] for ind in rules.inds]
    figs = {ind["id"]: [figure(ind, units[u].get(ind["id"])) for u in order] for ind in rules.inds}
    figs = {i: [None if v is None else rules.round(v, ind["places"]) for v in vs]
            for ind in rules.inds for i, vs in [(ind["id"], figs[ind["id"]])]}
    # A reported rank ranks the units the other way round: first is best.
    peer = {ind["id"]: rank_all(figs[ind["id"]], ind.get("polarity") == "lower" or ind.get("measure") == "rank")
            for ind in rules.inds}
    reported = {i for i in ids if any(i in units[u] for u in order)}
    out = []
    for k, u in enumerate(order):
        res, total, full, veto, groups = [], Decimal(0), Decimal(0), [], {}
        for ind in rules.inds:
            i = ind["id"]
            act = units[u].get(i)
            ranks, best, worst = peer[i]
            st, gap, comp, score, text = judge(rules, ind, act, figs[i][k], ranks[k], best, worst)
            years = int(ind["target"].get("years") or 1)
            scored = True
            if years > 1 and st not in ("完成", "超额完成"):  # a goal of several years, not yet due
                st, score, scored, text = "进行中", Decimal(0), False, "%d年内目标，尚未到期，不计分" % years
            res.append((ind, act, figs[i][k], ranks[k], st, gap, comp, score, text))
            g = groups.setdefault(ind.get("group", ""), [Decimal(0), Decimal(0), False])
            g[0] += score
            g[1] += ind["weight"] if scored else 0
            g[2] = g[2] or act is not None
            if ind.get("veto") and st == "未完成":
                veto.append(ind["name"])
        for tot, fl, rep in groups.values():
            if rep or len(groups) == 1:
                total += tot
                full += fl
        if veto:
            total = Decimal(0)
        pct = rules.round(total * HUNDRED / full, Decimal("0.1")) if full > 0 else Decimal(0)
        grade = next((n for n, m in rules.grades if pct >= m), "")
        out.append({"unit": u, "results": res, "total": total, "full": full, "percent": pct, "grade": grade,
                    "veto": ("一票否决: " + "、".join(veto) + "未完成，总分计为0") if veto else ""})
    # Units are ranked by score rate, total ÷ full marks, compared exactly.
    totals, _, _ = rank_all([Fraction(r["total"]) / Fraction(r["full"]) if r["full"] > 0 else Fraction(0)
                             for r in out], False)
    for r, t in zip(out, totals):
        r["rank"] = t
    return out, reported


def styles(wb):
    thin = Side(style="thin", color="808080")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    def add(name, **kw):
        ns = NamedStyle(name=name, border=kw.pop("border", border), **kw)
        wb.add_named_style(ns)
        return name
    st = {
        "title": add("title", font=Font(name="黑体", size=14, bold=True), border=Border()),
        "head": add("head", font=Font(name="黑体", bold=True), fill=PatternFill("solid", fgColor="D9E1F2"),
                    alignment=Alignment(horizontal="center", vertical="center", wrap_text=True)),
        "body": add("body", font=Font(name="宋体"), alignment=Alignment(vertical="center")),
        "wrap": add("wrap", font=Font(name="宋体"), alignment=Alignment(vertical="center", wrap_text=True)),
        "n1": add("n1", font=Font(name="宋体"), number_format="0.0", alignment=Alignment(horizontal="right")),
        "n2": add("n2", font=Font(name="宋体"), number_format="0.00", alignment=Alignment(horizontal="right")),
        "rank": add("rank", font=Font(name="宋体"), number_format='"第"0"名"', alignment=Alignment(horizontal="center")),
    }
    for s, (fill, font) in COLOURS.items():
        st[s] = add("st-" + s, font=Font(name="宋体", bold=True, color=font), fill=PatternFill("solid", fgColor=fill),
                    alignment=Alignment(horizontal="center", vertical="center"))
    return st


def cell(ws, value, style):
    c = WriteOnlyCell(ws, value=value)
    c.style = style
    return c


def write(path, rules, city, reported, source_name):
    wb = openpyxl.Workbook(write_only=True)
    st = styles(wb)
    ranked = sorted(city, key=lambda r: r["rank"])
    overview = wb.create_sheet("总览")
    overview.append([cell(overview, "%s年各单位主要预期目标完成情况评估" % rules.year, st["title"])])
    counts = {s: 0 for s in STATUSES}
    for r in city:
        for res in r["results"]:
            counts[res[4]] = counts.get(res[4], 0) + 1
    totals = [r["total"] for r in city]
    for label, value in [("单位数", len(city)), ("平均总分", float(rules.round(sum(totals) / len(totals), Decimal("0.01")))),
                         ("最高总分", float(max(totals))), ("最低总分", float(min(totals)))]:
        overview.append([cell(overview, label, st["head"]), cell(overview, value, st["n2"])])
    for s in STATUSES:
        overview.append([cell(overview, s, st[s]), cell(overview, counts[s], st["body"])])
    for g, _ in rules.grades:
        names = [r["unit"] for r in ranked if r["grade"] == g]
        overview.append([cell(overview, g, st["head"]), cell(overview, len(names), st["body"]),
                         cell(overview, "、".join(names[:40]), st["wrap"])])

    rank = wb.create_sheet("排名")
    rank.freeze_panes = "C4"
    rank.column_dimensions["B"].width = 14
    rank.append([cell(rank, "%s年各单位主要预期目标完成情况排名" % rules.year, st["title"])])
    rank.append([cell(rank, "规则集与数据：" + source_name, st["body"])])
    head = ["名次", "单位", "总分", "得分率(%)", "等级"] + [ind["name"] for ind in rules.inds] + ["说明"]
    rank.append([cell(rank, h, st["head"]) for h in head])
    for r in ranked:
        row = [cell(rank, r["rank"], st["rank"]), cell(rank, r["unit"], st["body"]), cell(rank, float(r["total"]), st["n2"]),
               cell(rank, float(r["percent"]), st["n1"]), cell(rank, r["grade"], st["body"])]
        for res in r["results"]:
            text = res[4] + (" (%d)" % res[3] if res[3] else "")
            row.append(cell(rank, text, st[res[4]]))
        row.append(cell(rank, r["veto"], st["wrap"]))
        rank.append(row)
    rank.auto_filter.ref = "A3:%s%d" % (openpyxl.utils.get_column_letter(len(head)), len(ranked) + 3)

    detail = wb.create_sheet("明细")
    detail.freeze_panes = "C3"
    for col, width in zip("ABCDEFGHIJ", [12, 22, 22, 12, 14, 10, 8, 8, 50, 26]):
        detail.column_dimensions[col].width = width
    detail.append([cell(detail, "%s年各单位主要预期目标完成情况明细" % rules.year, st["title"])])
    detail.append([cell(detail, h, st["head"]) for h in ["单位", "指标", "目标", "实际值", "差距", "完成情况", "名次", "得分",
                                                         "判定依据", "数据来源"]])
    letters = {k: openpyxl.utils.get_column_letter(v + 1) for k, v in (city and next(
        (res[1]["cols"] for r in city for res in r["results"] if res[1]), {}) or {}).items()}
    n = 2
    for r in ranked:
        for ind, act, v, prank, status, gap, comp, score, text in r["results"]:
            if act is None:
                continue
            src = "%s: 数据!%s%d" % (source_name, letters.get("growth" if ind.get("measure") == "growth" else "level", "E"), act["row"])
            detail.append([cell(detail, r["unit"], st["body"]), cell(detail, ind["name"], st["wrap"]),
                           cell(detail, ind["target"].get("text", ""), st["wrap"]),
                           cell(detail, float(v) if v is not None else "-", st["n1"]),
                           cell(detail, float(gap) if gap is not None else "-", st["n2"]), cell(detail, status, st[status]),
                           cell(detail, prank or "-", st["rank"]), cell(detail, float(score), st["n2"]),
                           cell(detail, text, st["wrap"]), cell(detail, src, st["wrap"])])
            n += 1
    for j, ind in enumerate(rules.inds):
        if ind["id"] not in reported:
            status = city[0]["results"][j][4]
            detail.append([cell(detail, "全部单位", st["body"]), cell(detail, ind["name"], st["wrap"]),
                           cell(detail, ind["target"].get("text", ""), st["wrap"]), cell(detail, "-", st["body"]),
                           cell(detail, "-", st["body"]), cell(detail, status, st[status]), cell(detail, "-", st["body"]),
                           cell(detail, 0.0, st["n2"]), cell(detail, "各单位均未填报，不逐个列出", st["wrap"]),
                           cell(detail, "-", st["body"])])
            n += 1
    detail.auto_filter.ref = "A2:J%d" % n

    problems = wb.create_sheet("数据问题")
    problems.append([cell(problems, h, st["head"]) for h in ["序号", "单位", "位置", "级别", "指标", "问题"]])
    k = 0
    for ind in rules.inds:
        if ind["id"] not in reported:
            k += 1
            problems.append([cell(problems, k, st["body"]), cell(problems, "-", st["body"]), cell(problems, source_name, st["wrap"]),
                             cell(problems, "警告", st["body"]), cell(problems, ind["name"], st["wrap"]),
                             cell(problems, "所有单位都没有指标 %s（%s）的数据，按无数据处理" % (ind["id"], ind["name"]), st["wrap"])])
    wb.save(path)


def main():
    if len(sys.argv) != 4:
        sys.exit("usage: peer_openpyxl.py RULES.yaml UNITS.xlsx OUT.xlsx")
    rules = Rules(sys.argv[1])
    order, units = read_units(sys.argv[2], rules)
    city, reported = evaluate(rules, order, units)
    write(sys.argv[3], rules, city, reported, sys.argv[2].rsplit("/", 1)[-1])
    print("%d units, %d indicators" % (len(city), len(rules.inds)))


if __name__ == "__main__":
    main()
