package rules

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/shopspring/decimal"
	yaml "go.yaml.in/yaml/v3"
)

// Parse reads a ruleset from YAML. name is used in diagnostics. It returns
// every problem found, each with file:line:col and a hint; the ruleset is
// nil when there is an error-level diagnostic.
func Parse(name string, src []byte) (*Ruleset, Diagnostics) {
	d := &decoder{file: name}
	var doc yaml.Node
	dec := yaml.NewDecoder(bytes.NewReader(src))
	if err := dec.Decode(&doc); err != nil && !errors.Is(err, io.EOF) {
		d.syntax(err)
		return nil, d.diags
	}
	if len(doc.Content) == 0 {
		d.errorf(&doc, "在文件中写出 ruleset、entity、year 和 indicators", "规则文件是空的")
		return nil, d.diags
	}
	rs := d.ruleset(doc.Content[0])
	rs.File = name
	if !d.diags.HasErrors() {
		d.diags = append(d.diags, Validate(rs)...)
	}
	d.diags.Sort()
	if d.diags.HasErrors() {
		return nil, d.diags
	}
	return rs, d.diags
}

type decoder struct {
	file  string
	diags Diagnostics
}

func (d *decoder) pos(n *yaml.Node) Pos {
	return Pos{File: d.file, Line: n.Line, Col: n.Column}
}

func (d *decoder) errorf(n *yaml.Node, hint, format string, args ...any) {
	d.diags.Errorf(d.pos(n), hint, format, args...)
}

// syntax turns a YAML syntax error into a positioned diagnostic.
func (d *decoder) syntax(err error) {
	msg := err.Error()
	line := 0
	var te *yaml.TypeError
	if errors.As(err, &te) && len(te.Errors) > 0 {
		msg = te.Errors[0]
	}
	// yaml.v3 reports "yaml: line N: message".
	if rest, ok := strings.CutPrefix(msg, "yaml: line "); ok {
		if i := strings.Index(rest, ":"); i > 0 {
			if n, err := strconv.Atoi(rest[:i]); err == nil {
				line = n
				msg = strings.TrimSpace(rest[i+1:])
			}
		}
	} else {
		msg = strings.TrimPrefix(msg, "yaml: ")
	}
	d.diags.Add(Diagnostic{
		Pos:     Pos{File: d.file, Line: line, Col: 1},
		Summary: "YAML 语法错误: " + msg,
		Hint:    "检查缩进（只用空格）、冒号后的空格和引号是否成对",
	})
}

// fields checks a mapping node and returns its values by key. Unknown keys
// get a diagnostic with a "did you mean" suggestion.
func (d *decoder) fields(n *yaml.Node, what string, known ...string) map[string]*yaml.Node {
	out := map[string]*yaml.Node{}
	if n.Kind != yaml.MappingNode {
		d.errorf(n, "写成 键: 值 的形式", "%s应当是一个映射（键: 值），这里是%s", what, kindName(n))
		return out
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if !contains(known, k.Value) {
			hint := "可用的键: " + strings.Join(known, ", ")
			if s := suggest(k.Value, known); s != "" {
				hint = "是不是 " + s + "？"
			}
			d.errorf(k, hint, "%s中有未知的键 %q", what, k.Value)
			continue
		}
		if _, dup := out[k.Value]; dup {
			d.errorf(k, "删除重复的一项", "%s中的键 %q 重复出现", what, k.Value)
			continue
		}
		out[k.Value] = v
	}
	return out
}

func kindName(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "映射"
	case yaml.SequenceNode:
		return "列表"
	case yaml.ScalarNode:
		return fmt.Sprintf("标量 %q", n.Value)
	case yaml.AliasNode:
		return "别名"
	}
	return "空"
}

func (d *decoder) str(n *yaml.Node, key string) string {
	if n == nil {
		return ""
	}
	if n.Kind != yaml.ScalarNode {
		d.errorf(n, "写成一个文本值", "%s 应当是文本，这里是%s", key, kindName(n))
		return ""
	}
	if n.Tag == "!!null" {
		return ""
	}
	return n.Value
}

func (d *decoder) required(f map[string]*yaml.Node, parent *yaml.Node, what string, keys ...string) {
	for _, k := range keys {
		if _, ok := f[k]; !ok {
			d.errorf(parent, "添加 "+k+": …", "%s缺少必填项 %s", what, k)
		}
	}
}

// number reads a scalar exactly as written: "8.5" is 8.5, never a float.
func (d *decoder) number(n *yaml.Node, key string) (decimal.Decimal, bool) {
	if n == nil {
		return decimal.Zero, false
	}
	if n.Kind != yaml.ScalarNode || n.Tag == "!!null" || n.Tag == "!!bool" {
		d.errorf(n, "写成数字，如 8.5 或 \"8.5\"", "%s 应当是数字，这里是%s", key, kindName(n))
		return decimal.Zero, false
	}
	v, err := decimal.NewFromString(strings.TrimSpace(n.Value))
	if err != nil || strings.ContainsAny(n.Value, "xXoO_") {
		d.errorf(n, "写成十进制数字，如 8.5；不要带 % 或单位", "%s 的值 %q 不是数字", key, n.Value)
		return decimal.Zero, false
	}
	return v, true
}

func (d *decoder) nullNumber(n *yaml.Node, key string) decimal.NullDecimal {
	if n == nil || (n.Kind == yaml.ScalarNode && n.Tag == "!!null") {
		return decimal.NullDecimal{}
	}
	v, ok := d.number(n, key)
	return decimal.NullDecimal{Decimal: v, Valid: ok}
}

func (d *decoder) integer(n *yaml.Node, key string) (int, bool) {
	v, ok := d.number(n, key)
	if !ok {
		return 0, false
	}
	if !v.IsInteger() || v.Abs().GreaterThan(decimal.NewFromInt(1_000_000)) {
		d.errorf(n, "写成整数", "%s 应当是整数，这里是 %s", key, n.Value)
		return 0, false
	}
	return int(v.IntPart()), true
}

func (d *decoder) boolean(n *yaml.Node, key string) bool {
	if n == nil {
		return false
	}
	if n.Kind == yaml.ScalarNode {
		switch n.Value {
		case "true", "yes", "是":
			return true
		case "false", "no", "否":
			return false
		}
	}
	d.errorf(n, "写成 true 或 false", "%s 应当是 true 或 false，这里是%s", key, kindName(n))
	return false
}

func (d *decoder) strings(n *yaml.Node, key string) []string {
	if n == nil {
		return nil
	}
	if n.Kind == yaml.ScalarNode {
		return []string{n.Value}
	}
	if n.Kind != yaml.SequenceNode {
		d.errorf(n, "写成列表，如 [地区生产总值, GDP]", "%s 应当是文本列表，这里是%s", key, kindName(n))
		return nil
	}
	out := make([]string, 0, len(n.Content))
	for _, c := range n.Content {
		if s := d.str(c, key); s != "" {
			out = append(out, s)
		}
	}
	return out
}

// oneOf reads a word from a closed list.
func (d *decoder) oneOf(n *yaml.Node, key string, words ...string) string {
	s := d.str(n, key)
	if n == nil || s == "" {
		return s
	}
	if !contains(words, s) {
		hint := "可选: " + strings.Join(words, ", ")
		if g := suggest(s, words); g != "" {
			hint = "是不是 " + g + "？" + hint
		}
		d.errorf(n, hint, "%s 的值 %q 无效", key, s)
		return ""
	}
	return s
}

func (d *decoder) ruleset(n *yaml.Node) *Ruleset {
	rs := &Ruleset{Conventions: DefaultConventions()}
	f := d.fields(n, "规则集", rulesetKeys...)
	d.required(f, n, "规则集", "ruleset", "entity", "year", "indicators")
	rs.ID = d.str(f["ruleset"], "ruleset")
	rs.Title = d.str(f["title"], "title")
	rs.Entity = d.str(f["entity"], "entity")
	if y, ok := d.integer(f["year"], "year"); ok {
		rs.Year = y
	}
	rs.Source = d.str(f["source"], "source")
	if c := f["conventions"]; c != nil {
		d.conventions(c, &rs.Conventions)
	}
	if sch := f["schedule"]; sch != nil {
		rs.Schedule = d.schedule(sch)
	}
	if list := f["indicators"]; list != nil {
		if list.Kind != yaml.SequenceNode {
			d.errorf(list, "每个指标以 - 开头", "indicators 应当是列表，这里是%s", kindName(list))
		} else {
			for _, item := range list.Content {
				rs.Indicators = append(rs.Indicators, d.indicator(item))
			}
		}
	}
	return rs
}

// conventionWords reads the conventions that are words or yes/no.
func (d *decoder) conventionWords(f map[string]*yaml.Node, c *Conventions) {
	flag := func(key string, dst *bool) {
		if f[key] != nil {
			*dst = d.boolean(f[key], key)
		}
	}
	flag("positive_near_miss", &c.PositiveNearMiss)
	flag("ceiling_near_miss", &c.CeilingNearMiss)
	flag("strict_near_miss", &c.StrictNearMiss)
	if v := d.oneOf(f["near_miss_from"], "near_miss_from", string(NearMissFromValue), string(NearMissFromBand)); v != "" {
		c.NearMissFrom = NearMissFrom(v)
	}
	if v := d.oneOf(f["approx_lower"], "approx_lower", string(ApproxCeiling), string(ApproxBand)); v != "" {
		c.ApproxLower = ApproxMode(v)
	}
	if v := d.oneOf(f["late_milestone"], "late_milestone", string(LateInYear), string(LateNever)); v != "" {
		c.LateMilestone = LateMilestone(v)
	}
	if v := d.oneOf(f["city_rank"], "city_rank", string(RankByPercent), string(RankByTotal)); v != "" {
		c.CityRank = CityRank(v)
	}
}

// PeriodCodes are the periods a schedule may name, in order.
var PeriodCodes = []string{"M1", "M2", "Q1", "M3", "M4", "M5", "H1", "M6", "M7", "M8", "Q3", "M9", "M10", "M11", "M12", "year"}

func (d *decoder) schedule(n *yaml.Node) map[string]decimal.Decimal {
	out := map[string]decimal.Decimal{}
	if n.Kind != yaml.MappingNode {
		d.errorf(n, "写成 Q1: 0.2 这样的映射", "schedule 应当是映射，这里是%s", kindName(n))
		return out
	}
	f := d.fields(n, "schedule", PeriodCodes...)
	for k, v := range f {
		share, ok := d.number(v, "schedule."+k)
		if !ok {
			continue
		}
		if share.IsNegative() || share.GreaterThan(decimal.NewFromInt(1)) {
			d.errorf(v, "写成 0 到 1 之间的比例，如 0.45", "schedule.%s 应在 0 到 1 之间", k)
			continue
		}
		out[k] = share
	}
	return out
}

func (d *decoder) conventions(n *yaml.Node, c *Conventions) {
	f := d.fields(n, "conventions", conventionKeys...)
	if v := d.oneOf(f["rounding"], "rounding", string(HalfEven), string(HalfUp)); v != "" {
		c.Rounding = Rounding(v)
	}
	d.conventionWords(f, c)
	set := func(key string, dst *decimal.Decimal) {
		if v, ok := d.number(f[key], key); ok {
			if v.IsNegative() {
				d.errorf(f[key], "写成 0 或正数", "%s 不能为负数", key)
				return
			}
			*dst = v
		}
	}
	set("approx_tolerance", &c.ApproxTolerance)
	set("near_miss_points", &c.NearMissPoints)
	set("near_miss_ratio", &c.NearMissRatio)
	set("in_step_tolerance", &c.InStepTolerance)
	set("plausible_growth", &c.PlausibleGrowth)
	set("plausible_ratio", &c.PlausibleRatio)
	set("progress_tolerance", &c.ProgressTolerance)
	set("plausible_target_ratio", &c.PlausibleTargetRatio)
	ratio := func(key string, v decimal.Decimal) {
		if f[key] != nil && v.LessThanOrEqual(decimal.NewFromInt(1)) {
			d.errorf(f[key], "写成大于 1 的倍数，如 10", "%s 必须大于 1", key)
		}
	}
	ratio("plausible_ratio", c.PlausibleRatio)
	ratio("plausible_target_ratio", c.PlausibleTargetRatio)
	if f["near_miss_ratio"] != nil && c.NearMissRatio.GreaterThan(decimal.NewFromInt(1)) {
		d.errorf(f["near_miss_ratio"], "写成 0 到 1 之间的比例，如 0.9", "near_miss_ratio 不能大于 1")
	}
	if f["top_n"] != nil {
		if v, ok := d.integer(f["top_n"], "top_n"); ok {
			if v < 1 {
				d.errorf(f["top_n"], "写成 1 或更大的整数", "top_n 必须至少为 1")
			} else {
				c.TopN = v
			}
		}
	}
	if g := f["grades"]; g != nil {
		if g.Kind != yaml.SequenceNode {
			d.errorf(g, "写成列表: - {name: 优秀, min: 90}", "grades 应当是列表")
			return
		}
		c.Grades = nil
		for _, item := range g.Content {
			gf := d.fields(item, "等级", gradeKeys...)
			d.required(gf, item, "等级", "name", "min")
			name := d.str(gf["name"], "name")
			min, _ := d.number(gf["min"], "min")
			c.Grades = append(c.Grades, Grade{Name: name, Min: min})
		}
		sort.SliceStable(c.Grades, func(i, j int) bool { return c.Grades[i].Min.GreaterThan(c.Grades[j].Min) })
		if len(c.Grades) == 0 || !c.Grades[len(c.Grades)-1].Min.IsZero() {
			d.errorf(g, "最后一档写 min: 0，如 {name: 不合格, min: 0}", "grades 必须有一档从 0 分起")
		}
	}
}

// The keys the decoder accepts, by where they stand; docs/rules.md
// documents each of them (see TestDocsListEveryKey).
var (
	rulesetKeys    = []string{"ruleset", "title", "entity", "year", "source", "conventions", "schedule", "indicators"}
	conventionKeys = []string{"rounding", "approx_tolerance", "near_miss_points", "near_miss_ratio",
		"in_step_tolerance", "top_n", "grades", "plausible_growth", "plausible_ratio", "plausible_target_ratio",
		"positive_near_miss", "ceiling_near_miss", "strict_near_miss", "near_miss_from", "approx_lower",
		"late_milestone", "city_rank", "progress_tolerance"}
	gradeKeys    = []string{"name", "min"}
	baselineKeys = []string{"level", "growth"}
	targetKeys   = []string{"kind", "value", "low", "high", "tolerance", "with", "n", "due", "years", "text"}
	scoringKeys  = []string{"method", "base", "per_point", "max", "min", "near_miss_share", "step",
		"satisfactory", "allowable"}
)

var indicatorKeys = []string{"id", "name", "aliases", "category", "group", "measure", "unit",
	"level_unit", "precision", "polarity", "target", "baseline", "derive_growth", "weight",
	"scoring", "quote", "note", "lead", "partners", "leaders", "todo", "veto", "period", "deflator"}

func (d *decoder) indicator(n *yaml.Node) *Indicator {
	ind := &Indicator{Pos: d.pos(n), Polarity: Higher, Group: GroupHeadline}
	f := d.fields(n, "指标", indicatorKeys...)
	if n.Kind != yaml.MappingNode {
		return ind
	}
	d.required(f, n, "指标", "id", "name", "category", "measure", "unit", "target", "weight")
	ind.ID = d.str(f["id"], "id")
	ind.Name = d.str(f["name"], "name")
	ind.Aliases = d.strings(f["aliases"], "aliases")
	ind.Category = Category(d.oneOf(f["category"], "category", categoryWords...))
	if g := d.str(f["group"], "group"); g != "" {
		ind.Group = g
	}
	ind.Measure = Measure(d.oneOf(f["measure"], "measure", measureWords...))
	ind.Unit = d.str(f["unit"], "unit")
	ind.LevelUnit = d.str(f["level_unit"], "level_unit")
	if f["precision"] != nil {
		if p, ok := d.integer(f["precision"], "precision"); ok {
			if p < 0 || p > 6 {
				d.errorf(f["precision"], "发布精度一般为 0 到 2 位小数", "precision 应在 0 到 6 之间，这里是 %d", p)
			}
			ind.Precision = int32(p)
		}
	} else if ind.Unit == "%" {
		ind.Precision = 1
	}
	if p := d.oneOf(f["polarity"], "polarity", string(Higher), string(Lower)); p != "" {
		ind.Polarity = Polarity(p)
	}
	if t := f["target"]; t != nil {
		ind.Target = d.target(t)
	}
	if b := f["baseline"]; b != nil {
		bf := d.fields(b, "baseline", baselineKeys...)
		ind.Baseline.Level = d.nullNumber(bf["level"], "baseline.level")
		ind.Baseline.Growth = d.nullNumber(bf["growth"], "baseline.growth")
	}
	ind.DeriveGrowth = d.boolean(f["derive_growth"], "derive_growth")
	if w, ok := d.number(f["weight"], "weight"); ok {
		if w.IsNegative() {
			d.errorf(f["weight"], "写成 0 或正数", "weight 不能为负数")
		}
		ind.Weight = w
	}
	ind.Scoring = Scoring{Method: Ratio}
	if s := f["scoring"]; s != nil {
		d.scoring(s, &ind.Scoring)
	}
	ind.Quote = d.str(f["quote"], "quote")
	ind.Note = d.str(f["note"], "note")
	d.duty(f, ind)
	ind.Todo = d.strings(f["todo"], "todo")
	ind.Veto = d.boolean(f["veto"], "veto")
	ind.Period = PeriodKind(d.oneOf(f["period"], "period", string(Cumulative), string(RateTarget), string(YearEnd)))
	ind.Deflator = d.nullNumber(f["deflator"], "deflator")
	if f["polarity"] == nil {
		d.defaultPolarity(ind, f)
	}
	return ind
}

// defaultPolarity sets the polarity of an indicator whose rule does not
// say it (f), from what is measured: a rank and a ceiling (以内, 以下) are
// lower-is-better, anything else higher-is-better. Where units are ranked
// by a figure that is not itself a rank — a 前列 target, rank_points or
// efficacy scoring — the direction decides the ranks, and a warning says
// it is only a default.
func (d *decoder) defaultPolarity(ind *Indicator, f map[string]*yaml.Node) {
	switch {
	case ind.Measure == Rank, ind.Target.Kind == AtMost, ind.Target.Kind == Below:
		ind.Polarity = Lower
		return
	case ind.Target.Kind == Positive, ind.Target.Kind == InStep:
		return // growth is wanted: higher is better, whatever is written
	}
	at := f["target"]
	switch m := ind.Scoring.Method; {
	case ind.Target.Kind == TopN:
	case m == RankPoints, m == Efficacy:
		at = f["scoring"]
	default:
		return
	}
	if at != nil {
		d.diags.Warnf(d.pos(at), "越低越好的指标（如 PM2.5 浓度、能耗）写 polarity: lower；越高越好的写 polarity: higher",
			"指标 %s 按%s在各单位间排名：规则没有写 polarity，按越高越好排名（数值最大的为第1名）", ind.ID, ind.Name)
	}
}

var (
	categoryWords = []string{string(CatVolume), string(CatStructure), string(CatBenefit), string(CatLivelihood)}
	measureWords  = []string{string(Growth), string(Level), string(Rank), string(YesNo), string(Milestone)}
	kindWords     = []string{string(AtLeast), string(AtMost), string(Above), string(Below), string(Approx),
		string(Between), string(Positive), string(InStep), string(TopN), string(Verdict), string(ByDate)}
)

var duePattern = regexp.MustCompile(`^\d{4}-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?$`)

// GroupHeadline is the group of section 二's 主要预期目标.
const GroupHeadline = "主要预期目标"

// GroupTasks is the group of section 三's measurable tasks (重点工作任务).
const GroupTasks = "重点工作任务"

func (d *decoder) target(n *yaml.Node) Target {
	var t Target
	f := d.fields(n, "target", targetKeys...)
	if n.Kind != yaml.MappingNode {
		return t
	}
	d.required(f, n, "target", "kind")
	t.Kind = TargetKind(d.oneOf(f["kind"], "target.kind", kindWords...))
	t.Text = d.str(f["text"], "target.text")
	need := func(keys ...string) {
		for _, k := range keys {
			if f[k] == nil {
				d.errorf(n, "添加 "+k+": …", "%s 目标缺少 %s", t.Kind, k)
			}
		}
	}
	switch t.Kind {
	case AtLeast, AtMost, Above, Below, Approx:
		need("value")
	case Between:
		need("low", "high")
	case InStep:
		need("with")
	case ByDate:
		need("due")
	}
	t.Due = d.str(f["due"], "target.due")
	if t.Due != "" && !duePattern.MatchString(t.Due) {
		d.errorf(f["due"], "写成 2019-04（月底前）或 2019-06-30", "target.due 的值 %q 不是日期", t.Due)
	}
	if f["years"] != nil {
		if v, ok := d.integer(f["years"], "target.years"); ok {
			if v < 1 || v > 50 {
				d.errorf(f["years"], "写成年数，如 5 表示5年内", "target.years 应在 1 到 50 之间")
			}
			t.Years = v
		}
	}
	if v, ok := d.number(f["value"], "target.value"); ok {
		t.Value = v
	}
	if v, ok := d.number(f["low"], "target.low"); ok {
		t.Low = v
	}
	if v, ok := d.number(f["high"], "target.high"); ok {
		t.High = v
	}
	if f["low"] != nil && f["high"] != nil && t.Low.GreaterThan(t.High) {
		d.errorf(f["high"], "把较小的数写在 low", "区间目标的 high (%s) 小于 low (%s)", t.High, t.Low)
	}
	t.Tolerance = d.nullNumber(f["tolerance"], "target.tolerance")
	if t.Tolerance.Valid && t.Tolerance.Decimal.IsNegative() {
		d.errorf(f["tolerance"], "写成 0 或正数", "tolerance 不能为负数")
	}
	t.With = d.str(f["with"], "target.with")
	if f["n"] != nil {
		if v, ok := d.integer(f["n"], "target.n"); ok {
			if v < 1 {
				d.errorf(f["n"], "写成 1 或更大的整数", "target.n 必须至少为 1")
			}
			t.N = v
		}
	}
	return t
}

func (d *decoder) scoring(n *yaml.Node, s *Scoring) {
	f := d.fields(n, "scoring", scoringKeys...)
	if m := d.oneOf(f["method"], "scoring.method", string(PassFail), string(Ratio), string(Points),
		string(RankPoints), string(Efficacy)); m != "" {
		s.Method = ScoreMethod(m)
	}
	s.Base = d.nullNumber(f["base"], "scoring.base")
	s.PerPoint = d.nullNumber(f["per_point"], "scoring.per_point")
	s.Max = d.nullNumber(f["max"], "scoring.max")
	s.Min = d.nullNumber(f["min"], "scoring.min")
	s.NearMissShare = d.nullNumber(f["near_miss_share"], "scoring.near_miss_share")
	s.Step = d.nullNumber(f["step"], "scoring.step")
	s.Satisfactory = d.nullNumber(f["satisfactory"], "scoring.satisfactory")
	s.Allowable = d.nullNumber(f["allowable"], "scoring.allowable")
	if s.Satisfactory.Valid != s.Allowable.Valid {
		d.errorf(n, "满意值和不允许值要么都写，要么都不写（取自同组单位）", "efficacy 计分的 satisfactory 和 allowable 只给出了一个")
	}
	if s.Satisfactory.Valid && s.Satisfactory.Decimal.Equal(s.Allowable.Decimal) {
		d.errorf(f["satisfactory"], "满意值与不允许值必须不同", "satisfactory 与 allowable 相同")
	}
	if s.Method == Points && !s.PerPoint.Valid {
		d.errorf(n, "添加 per_point: 0.3 之类的每个百分点加减分", "points 计分缺少 per_point")
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// Suggest returns the word of known closest to s (by edit distance, in
// runes), when it is close enough to be a typo; else "". Ties go to the
// word listed first.
func Suggest(s string, known []string) string {
	best, bestDist := "", len([]rune(s))/2+2
	for _, k := range known {
		if dist := editDistance(s, k); dist < bestDist {
			best, bestDist = k, dist
		}
	}
	return best
}

func suggest(s string, known []string) string { return Suggest(s, known) }

// editDistance is the Levenshtein distance between two strings, by rune.
// Very long strings are not compared: they are no typo of a short word.
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	if len(ra) > 200 || len(rb) > 200 {
		return max(len(ra), len(rb))
	}
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}
