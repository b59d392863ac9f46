package web

import (
	"fmt"
	"html/template"
	"strconv"

	"github.com/attain-tool/attain/eval"
	"github.com/attain-tool/attain/rules"
	"github.com/attain-tool/attain/templates/view"
)

// The page's model: everything the template shows, as text. Figures are the
// strings templates/view makes for the scorecard, so the page shows the
// scorecard's digits.

type pageModel struct {
	Version  string
	Rulesets []option
	Periods  []option
	Modes    []option
	Rules    *rulesModel
	File     string // the data file of the result, when there is one
	Error    *errorModel
	Result   *resultModel
	Legend   []legendItem
}

type option struct {
	Value, Label string
	Selected     bool
}

type rulesModel struct {
	ID, Title, Entity, Source string
	Year                      int
	Uploaded                  bool
	Draft                     bool
	// TemplateURL downloads the template of an embedded ruleset; an
	// uploaded one is sent again by the form.
	TemplateURL string
	Count       int
	Groups      []rulesGroup
	Problems    []problemModel
	Omitted     int
	Errors      bool
}

type rulesGroup struct {
	Name       string
	Indicators []rulesIndicator
}

type rulesIndicator struct {
	ID, Name, Category, Unit, Target, Weight string
	Veto                                     bool
}

type problemModel struct {
	Unit, Position, Level, Summary, Hint string
	Error                                bool
}

type errorModel struct {
	Message  string
	Problems []problemModel
	// Omitted counts the problems past maxShown.
	Omitted int
}

type legendItem struct {
	Status, Class string
}

type countModel struct {
	Status, Class string
	Count         int
}

type resultModel struct {
	File     string
	Mode     Mode
	Detected bool
	Period   string
	Unit     *unitModel
	City     *cityModel
	// Duties is the 分解表 the run took, when one was uploaded.
	Duties *dutiesModel
}

type unitModel struct {
	Title, Ruleset             string
	Total, FullMarks, Percent  string
	Grade, Veto                string
	Counts                     []countModel
	Groups                     []groupModel
	ChartTitle                 string
	Chart                      template.HTML
	Parts                      []partModel
	Problems                   []problemModel
	Omitted                    int
	Review                     []string
	CanReview                  bool
	Judged, Indicators, Misses int
	// Depts is the department view, when indicators have leads.
	Depts *deptModel
	// InYear is a run over part of the year: its progress words are
	// counted in Progress, and the 督查通报 can be downloaded.
	InYear   bool
	Progress []countModel
	Elapsed  string
}

type groupModel struct {
	Name, Total, FullMarks, Percent, Grade string
	Counts                                 []countModel
}

type partModel struct {
	Group, Sheet, Anchor string
	Total, FullMarks     string
	Rows                 []rowModel
}

type rowModel struct {
	No                                            int
	ID, Name, Category, TargetText, Target        string
	Actual, Gap, Completion, Status, Class, Score string
	Weight, Explanation, Source                   string
	Veto                                          bool
	// Lead is the indicator's 牵头单位; Progress, its class and its texts
	// the in-year verdict of a run over part of the year.
	Lead                                        string
	Progress, ProgressClass, ProgressText, Rest string
}

type cityModel struct {
	Title                          string
	Units, Vetoed                  int
	Mean, Max, Min                 string
	Statuses                       []countModel
	Grades                         []gradeModel
	Rows                           []cityRow
	Chart                          template.HTML
	Problems                       []problemModel
	ProblemsShown, ProblemsOmitted int
}

type gradeModel struct {
	Grade, Class string
	Count        int
}

type cityRow struct {
	Rank                        int
	Unit, Total, Percent, Grade string
	Veto                        string
	// Counts are aligned with cityModel.Statuses.
	Counts []countModel
}

// statusClass names each status word's colour in the stylesheet; the
// colours are the scorecard's.
var statusClass = map[eval.Status]string{
	eval.Exceeded:   "exceeded",
	eval.Met:        "met",
	eval.NearlyMet:  "nearly",
	eval.Missed:     "missed",
	eval.NoData:     "nodata",
	eval.Suspect:    "suspect",
	eval.InProgress: "progress",
}

func classOf(s eval.Status) string {
	if c, ok := statusClass[s]; ok {
		return c
	}
	return "other"
}

func legend() []legendItem {
	var out []legendItem
	for _, s := range eval.Statuses {
		out = append(out, legendItem{Status: string(s), Class: classOf(s)})
	}
	return out
}

func counts(cs []eval.StatusCount) []countModel {
	out := make([]countModel, 0, len(cs))
	for _, c := range cs {
		out = append(out, countModel{Status: string(c.Status), Class: classOf(c.Status), Count: c.Count})
	}
	return out
}

// periodOptions are the periods of --period, the year first.
func periodOptions(selected string) []option {
	codes := []string{"year", "Q1", "H1", "Q3"}
	for m := 1; m <= 12; m++ {
		codes = append(codes, "M"+strconv.Itoa(m))
	}
	names := map[string]string{"year": "全年", "Q1": "一季度（1-3月）", "H1": "上半年（1-6月）", "Q3": "前三季度（1-9月）"}
	if selected == "" {
		selected = "year"
	}
	var out []option
	for _, c := range codes {
		label := names[c]
		if label == "" {
			p, _ := eval.ParsePeriod(c)
			label = p.Label() + "（" + c + "）"
		}
		out = append(out, option{Value: c, Label: label, Selected: c == selected})
	}
	return out
}

func modeOptions(selected string) []option {
	if selected == "" {
		selected = string(ModeAuto)
	}
	out := []option{{Value: "auto", Label: "自动识别"}, {Value: "0", Label: "一个单位"}, {Value: "1", Label: "多个单位（全市）"}}
	for i := range out {
		m, _ := ParseMode(out[i].Value)
		s, _ := ParseMode(selected)
		out[i].Selected = m == s
	}
	return out
}

func (s *Server) rulesetOptions(selected string) []option {
	out := make([]option, 0, len(s.rulesets))
	for _, ch := range s.rulesets {
		out = append(out, option{Value: ch.ID, Label: ch.Label, Selected: ch.ID == selected})
	}
	return out
}

// maxShown bounds the problems a page lists; the downloads and the API hold
// them all.
const maxShown = 200

func problemsOf(ds rules.Diagnostics) []problemModel {
	out := make([]problemModel, 0, min(len(ds), maxShown))
	for _, d := range ds[:min(len(ds), maxShown)] {
		out = append(out, problemModel{Position: d.Pos.String(), Level: levelWord(d), Summary: d.Summary, Hint: d.Hint,
			Error: d.Severity == rules.Error})
	}
	return out
}

// levelWord is a problem's severity in the page's words.
func levelWord(d rules.Diagnostic) string {
	if d.Severity == rules.Error {
		return "错误"
	}
	return "警告"
}

func rulesModelOf(c chosenRules) *rulesModel {
	m := &rulesModel{Uploaded: c.file != "", Problems: problemsOf(c.diags), Omitted: max(0, len(c.diags)-maxShown)}
	m.Errors = c.diags.HasErrors()
	if c.file != "" {
		m.Source = "上传的规则文件 " + c.file
	}
	rs := c.rs
	if rs == nil {
		return m
	}
	m.ID, m.Title, m.Entity, m.Year, m.Draft = rs.ID, rs.Title, rs.Entity, rs.Year, rs.IsDraft()
	if c.file == "" {
		m.Source = "内置规则集 " + rs.ID
		m.TemplateURL = "/api/template"
		if c.id != "" {
			m.TemplateURL += "?rules=" + c.id
		}
	}
	m.Count = len(rs.Indicators)
	byGroup := map[string]int{}
	for _, ind := range rs.Indicators {
		g := ind.Group
		if g == "" {
			g = rules.GroupHeadline
		}
		i, ok := byGroup[g]
		if !ok {
			i = len(m.Groups)
			byGroup[g] = i
			m.Groups = append(m.Groups, rulesGroup{Name: g})
		}
		text := ind.Target.Text
		if text == "" {
			text = string(ind.Target.Kind)
		}
		m.Groups[i].Indicators = append(m.Groups[i].Indicators, rulesIndicator{ID: ind.ID, Name: ind.Name,
			Category: string(ind.Category), Unit: ind.Unit, Target: text, Weight: view.Fixed(ind.Weight, 0), Veto: ind.Veto})
	}
	return m
}

// unitModelOf lays out one unit's assessment as the scorecard's sheets do.
func unitModelOf(a *eval.Assessment) *unitModel {
	m := &unitModel{Title: view.Title(a), Total: view.Fixed(a.Total, 2), FullMarks: view.Fixed(a.FullMarks, 0),
		Percent: view.Fixed(a.Percent, 1), Grade: a.Grade, Veto: a.Veto, Counts: counts(a.Counts),
		Problems: problemsOf(a.Problems), Omitted: max(0, len(a.Problems)-maxShown), Indicators: len(a.Results)}
	if a.Ruleset != nil {
		m.Ruleset = a.Ruleset.Title + "（" + a.Ruleset.ID + "）"
	}
	parts := view.Parts(a)
	for i, p := range parts {
		pm := partModel{Group: p.Group, Sheet: p.Sheet, Anchor: "part-" + strconv.Itoa(i+1),
			Total: view.Fixed(p.Score.Total, 2), FullMarks: view.Fixed(p.Score.FullMarks, 0)}
		if len(parts) > 1 {
			m.Groups = append(m.Groups, groupModel{Name: p.Group, Total: pm.Total, FullMarks: pm.FullMarks,
				Percent: view.Fixed(p.Score.Percent, 1), Grade: p.Score.Grade, Counts: counts(p.Score.Counts)})
		}
		for _, r := range p.Rows {
			pm.Rows = append(pm.Rows, rowModel{No: r.No, ID: r.Ind.ID, Name: r.Ind.Name, Category: string(r.Ind.Category),
				TargetText: r.Ind.Target.Text, Target: r.Target.String(), Actual: r.Actual.String(), Gap: r.Gap.String(),
				Completion: r.Completion.String(), Status: string(r.R.Status), Class: classOf(r.R.Status),
				Score: r.Score.String(), Weight: r.Weight.String(), Explanation: r.R.Explanation, Source: r.Source,
				Veto: r.Ind.Veto, Lead: r.Ind.Lead})
			if p := r.R.Progress; p != nil {
				row := &pm.Rows[len(pm.Rows)-1]
				row.Progress, row.ProgressClass = string(p.Status), wordClass(eval.Status(p.Status))
				row.ProgressText, row.Rest = p.Text, p.RemainingText
			}
			if r.R.Status == eval.Missed || r.R.Status == eval.NearlyMet {
				m.Misses++
			}
		}
		m.Parts = append(m.Parts, pm)
	}
	if len(parts) > 0 {
		m.ChartTitle = "各指标完成率（%，目标为100）"
		if len(parts) > 1 {
			m.ChartTitle = parts[0].Group + "完成率（%，目标为100）"
		}
		var bars []bar
		for _, r := range parts[0].Rows {
			if !r.Completion.Num {
				continue
			}
			bars = append(bars, bar{Label: r.Ind.Name, Value: r.Completion.D, Text: r.Completion.String(),
				Class: "st-" + classOf(r.R.Status), Title: r.Ind.Name + "：完成率 " + r.Completion.String() + "%，" + string(r.R.Status)})
		}
		m.Judged = len(bars)
		spec := chartSpec{Bars: bars, Mark: hundred, MarkLabel: "目标 100", Label: "完成率（%）"}
		m.Chart = barChart(spec)
		spec.Narrow = true
		m.Chart += barChart(spec)
	}
	m.CanReview = true
	m.Depts = deptModelOf(a)
	if !a.Period.IsYear() {
		m.InYear, m.Progress, m.Elapsed = true, progressCounts(a), view.ElapsedText(a)
	}
	for _, p := range view.ReviewText(a) {
		m.Review = append(m.Review, p.Text())
	}
	return m
}

func cityModelOf(c *eval.City) *cityModel {
	sum := c.Summary()
	m := &cityModel{Title: view.CityTitle(c), Units: sum.Units, Vetoed: sum.Vetoed, Mean: view.Fixed(sum.MeanTotal, 2),
		Max: view.Fixed(sum.MaxTotal, 2), Min: view.Fixed(sum.MinTotal, 2), Statuses: counts(sum.Statuses)}
	for _, g := range sum.Grades {
		m.Grades = append(m.Grades, gradeModel{Grade: g.Grade, Class: "grade-" + gradeClass(c, g.Grade), Count: len(g.Units)})
	}
	var bars []bar
	var full = c.Units[0].FullMarks
	for _, a := range c.Ranked() {
		row := cityRow{Rank: a.Rank, Unit: a.Entity, Total: view.Fixed(a.Total, 2), Percent: view.Fixed(a.Percent, 1),
			Grade: a.Grade, Veto: a.Veto}
		n := map[eval.Status]int{}
		for _, sc := range a.Counts {
			n[sc.Status] = sc.Count
		}
		for _, st := range m.Statuses {
			row.Counts = append(row.Counts, countModel{Status: st.Status, Class: st.Class, Count: n[eval.Status(st.Status)]})
		}
		m.Rows = append(m.Rows, row)
		bars = append(bars, bar{Label: a.Entity, Value: a.Total, Text: row.Total, Class: "grade-" + gradeClass(c, a.Grade),
			Title: fmt.Sprintf("第%d名 %s：%s 分，%s", a.Rank, a.Entity, row.Total, a.Grade)})
		if a.FullMarks.GreaterThan(full) {
			full = a.FullMarks
		}
	}
	spec := chartSpec{Bars: bars, Max: full, Label: "总分", Compact: len(bars) > 40}
	m.Chart = barChart(spec)
	if !spec.Compact {
		spec.Narrow = true
		m.Chart += barChart(spec)
	}
	probs := view.CityProblems(c)
	for i, p := range probs {
		if i == maxShown {
			m.ProblemsOmitted = len(probs) - i
			break
		}
		d := p.D
		m.Problems = append(m.Problems, problemModel{Unit: p.Unit, Position: d.Pos.String(), Level: levelWord(d),
			Summary: d.Summary, Hint: d.Hint, Error: d.Severity == rules.Error})
	}
	m.ProblemsShown = len(m.Problems)
	return m
}

// gradeClass numbers a grade by its band, the best 1, for its colour.
func gradeClass(c *eval.City, grade string) string {
	if len(c.Units) > 0 && c.Units[0].Ruleset != nil {
		for i, g := range c.Units[0].Ruleset.Conventions.Grades {
			if g.Name == grade {
				return strconv.Itoa(min(i+1, 4))
			}
		}
	}
	return "0"
}
