package seeds

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/attain-tool/attain/rules"
	"github.com/shopspring/decimal"
)

// The todo items every drafted indicator carries.
const (
	TodoWeight  = "权重待定"
	TodoScoring = "计分方法待定"
	TodoCat     = "类别待确认"
	// TodoLead asks for the department that leads the work (牵头单位):
	// the report does not name it, the 任务分解表 does.
	TodoLead = "牵头单位待定"
)

func decimals(s string) int32 {
	if i := strings.IndexByte(s, '.'); i >= 0 {
		return int32(len(s) - i - 1)
	}
	return 0
}

// indicator builds the drafted indicator of a target and its Found record.
func (x *extractor) indicator(f found, id, gdp string) (*rules.Indicator, Found) {
	ind := &rules.Indicator{
		ID:       id,
		Name:     f.name,
		Category: f.category,
		Group:    f.group,
		Measure:  f.measure,
		Unit:     f.unit,
		Polarity: f.polarity,
		Weight:   decimal.Zero,
		// A text that is not valid UTF-8 (a GBK file read as UTF-8) cannot
		// go into YAML as it is; Extract reports it.
		Quote: strings.ToValidUTF8(x.t.quote(f.quote), "\uFFFD"),
	}
	tg := rules.Target{Kind: f.kind, N: f.n, Due: f.due, Years: f.years, Text: f.text}
	num := func(s string) decimal.Decimal {
		v, err := decimal.NewFromString(s)
		if err != nil {
			return decimal.Zero
		}
		return v
	}
	var prec int32
	switch f.kind {
	case rules.Between:
		tg.Low, tg.High = num(f.low), num(f.high)
		prec = max(decimals(f.low), decimals(f.high))
	case rules.AtLeast, rules.AtMost, rules.Above, rules.Below, rules.Approx:
		tg.Value = num(f.value)
		prec = decimals(f.value)
	}
	if f.kind == rules.InStep {
		tg.With = gdp
	}
	switch {
	case ind.Unit == "%" || ind.Unit == "‰":
		prec = max(prec, 1)
	case strings.HasPrefix(ind.Unit, "万") || strings.HasPrefix(ind.Unit, "亿"):
		prec = max(prec, 2)
	}
	ind.Precision = prec
	ind.Target = tg

	todo := []string{TodoWeight, TodoScoring, TodoLead}
	todo = append(todo, f.todo...)
	if f.guessed {
		todo = append(todo, TodoCat)
	}
	if f.years > 0 {
		todo = append(todo, fmt.Sprintf("%d年内的目标：当年进度如何计分待定", f.years))
	}
	ind.Todo = todo

	// Scoring: completion ratio where the target has a positive number to
	// reach, pass/fail otherwise. Both are placeholders (计分方法待定).
	ind.Scoring = rules.Scoring{Method: rules.PassFail}
	if numeric(f.kind) {
		ind.Scoring.Method = rules.Ratio
		tmp := &rules.Ruleset{Conventions: rules.DefaultConventions()}
		if tmp.Bound(ind).Sign() <= 0 {
			ind.Scoring.Method = rules.PassFail
		}
	}

	var note []string
	note = append(note, fmt.Sprintf("草稿：由报告原文第%d行第%d列自动识别，须人工核对", x.t.line[f.quote.s], x.t.col[f.quote.s]))
	if f.decline {
		note = append(note, "目标是降幅：实际值填下降的百分数（下降3.1%填3.1），降幅越大越好")
	}
	if strings.HasPrefix(ind.Unit, "万") || strings.HasPrefix(ind.Unit, "亿") {
		note = append(note, "数值和单位照原文，实际值按“"+ind.Unit+"”填报")
	}
	if f.kind == rules.Approx && f.polarity == rules.Lower {
		note = append(note, "控制性目标（越低越好）：“左右”按不超过目标数加容差计，低于目标数为完成，不算超额完成（conventions.approx_lower: ceiling）")
	}
	if f.kind == rules.InStep && gdp != "" {
		note = append(note, "与 "+gdp+" 的增速比较")
	}
	ind.Note = strings.Join(note, "；")

	fd := Found{
		ID:       id,
		Name:     f.name,
		Sentence: x.t.quote(f.quote),
		Line:     x.t.line[f.quote.s],
		Col:      x.t.col[f.quote.s],
		Offset:   x.t.off[f.quote.s],
		Section:  f.section,
		Group:    f.group,
		Category: string(f.category),
		Measure:  string(f.measure),
		Operator: string(f.kind),
		Unit:     f.unit,
		Polarity: string(f.polarity),
		With:     tg.With,
		N:        f.n,
		Due:      f.due,
		Years:    f.years,
		Text:     f.text,
		Effort:   f.effort,
		Todo:     todo,
	}
	switch f.kind {
	case rules.Between:
		fd.Low, fd.High = tg.Low.String(), tg.High.String()
	case rules.AtLeast, rules.AtMost, rules.Above, rules.Below, rules.Approx:
		fd.Value = tg.Value.String()
	}
	return ind, fd
}

func numeric(k rules.TargetKind) bool {
	switch k {
	case rules.AtLeast, rules.AtMost, rules.Above, rules.Below, rules.Approx, rules.Between:
		return true
	}
	return false
}

// YAML writes the draft as a rule file (see rules.Marshal), with the place
// of each target in the report as a comment above its indicator.
func (d *Draft) YAML() ([]byte, error) {
	comments := map[string]string{}
	for _, f := range d.Targets {
		c := fmt.Sprintf("%s:%d:%d", d.Name, f.Line, f.Col)
		if f.Section != "" {
			c += " " + f.Section
		}
		comments[f.ID] = c
	}
	header := "由 attain extract 从 " + d.Name + " 生成的规则草稿。\n" +
		"权重均为 0，计分方法只是占位：逐项核对原文、填上权重、处理 todo 后删除 todo。"
	out, err := rules.MarshalOptions{Header: header, Comments: comments}.Marshal(d.Ruleset)
	if err == nil && d.Ruleset.Year == 0 {
		out = yearTodo(out)
	}
	return out, err
}

// jsonDraft is the JSON form of a draft: every number a decimal string.
type jsonDraft struct {
	Ruleset     string          `json:"ruleset"`
	Title       string          `json:"title"`
	Entity      string          `json:"entity"`
	Year        int             `json:"year"`
	Source      string          `json:"source"`
	Conventions jsonConventions `json:"conventions"`
	Indicators  []jsonIndicator `json:"indicators"`
	Targets     []Found         `json:"targets"`
	Todo        []string        `json:"todo,omitempty"`
}

type jsonConventions struct {
	Rounding        string      `json:"rounding"`
	ApproxTolerance string      `json:"approx_tolerance"`
	NearMissPoints  string      `json:"near_miss_points"`
	NearMissRatio   string      `json:"near_miss_ratio"`
	InStepTolerance string      `json:"in_step_tolerance"`
	TopN            int         `json:"top_n"`
	Grades          []jsonGrade `json:"grades"`
}

type jsonGrade struct {
	Name string `json:"name"`
	Min  string `json:"min"`
}

type jsonIndicator struct {
	ID        string     `json:"id"`
	Name      string     `json:"name"`
	Category  string     `json:"category"`
	Group     string     `json:"group"`
	Measure   string     `json:"measure"`
	Unit      string     `json:"unit"`
	Precision int32      `json:"precision"`
	Polarity  string     `json:"polarity"`
	Target    jsonTarget `json:"target"`
	Weight    string     `json:"weight"`
	Scoring   string     `json:"scoring"`
	Quote     string     `json:"quote"`
	Note      string     `json:"note,omitempty"`
	Todo      []string   `json:"todo,omitempty"`
}

type jsonTarget struct {
	Kind  string `json:"kind"`
	Value string `json:"value,omitempty"`
	Low   string `json:"low,omitempty"`
	High  string `json:"high,omitempty"`
	With  string `json:"with,omitempty"`
	N     int    `json:"n,omitempty"`
	Due   string `json:"due,omitempty"`
	Years int    `json:"years,omitempty"`
	Text  string `json:"text,omitempty"`
}

// JSON writes the same draft as JSON: the ruleset's fields, the indicators
// and the targets found. Numbers are decimal strings, never floats.
func (d *Draft) JSON() ([]byte, error) {
	rs := d.Ruleset
	c := rs.Conventions
	out := jsonDraft{
		Ruleset: rs.ID, Title: rs.Title, Entity: rs.Entity, Year: rs.Year, Source: rs.Source,
		Conventions: jsonConventions{
			Rounding:        string(c.Rounding),
			ApproxTolerance: c.ApproxTolerance.String(),
			NearMissPoints:  c.NearMissPoints.String(),
			NearMissRatio:   c.NearMissRatio.String(),
			InStepTolerance: c.InStepTolerance.String(),
			TopN:            c.TopN,
		},
		Indicators: []jsonIndicator{},
		Targets:    d.Targets,
		Todo:       d.Todo,
	}
	if out.Targets == nil {
		out.Targets = []Found{}
	}
	for _, g := range c.Grades {
		out.Conventions.Grades = append(out.Conventions.Grades, jsonGrade{g.Name, g.Min.String()})
	}
	for _, ind := range rs.Indicators {
		t := ind.Target
		jt := jsonTarget{Kind: string(t.Kind), With: t.With, N: t.N, Due: t.Due, Years: t.Years, Text: t.Text}
		switch t.Kind {
		case rules.Between:
			jt.Low, jt.High = t.Low.String(), t.High.String()
		case rules.AtLeast, rules.AtMost, rules.Above, rules.Below, rules.Approx:
			jt.Value = t.Value.String()
		}
		out.Indicators = append(out.Indicators, jsonIndicator{
			ID: ind.ID, Name: ind.Name, Category: string(ind.Category), Group: ind.Group,
			Measure: string(ind.Measure), Unit: ind.Unit, Precision: ind.Precision,
			Polarity: string(ind.Polarity), Target: jt, Weight: ind.Weight.String(),
			Scoring: string(ind.Scoring.Method), Quote: ind.Quote, Note: ind.Note, Todo: ind.Todo,
		})
	}
	b, err := json.MarshalIndent(out, "", "  ")
	if err != nil {
		return nil, fmt.Errorf("draft json: %w", err)
	}
	return append(b, '\n'), nil
}
