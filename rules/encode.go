package rules

import (
	"bytes"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/shopspring/decimal"
	yaml "go.yaml.in/yaml/v3"
)

// Marshal writes rs as YAML in the format Parse reads, so that Parse gives
// back an equal ruleset. Every number is written as its exact decimal text
// (decimal.Decimal.String), never through a float. Keys that Parse fills
// with a default (precision, polarity, group, scoring) are always written,
// so that the file says what it means.
func Marshal(rs *Ruleset) ([]byte, error) {
	return MarshalOptions{}.Marshal(rs)
}

// MarshalOptions adds comments to the YAML that Marshal writes.
type MarshalOptions struct {
	// Header is written as comment lines above the document.
	Header string
	// Comments maps an indicator id to comment lines written above it.
	Comments map[string]string
}

// Marshal writes rs as YAML with the options' comments.
func (o MarshalOptions) Marshal(rs *Ruleset) ([]byte, error) {
	if rs == nil {
		return nil, errors.New("marshal ruleset: nil ruleset")
	}
	root := encMap(false)
	root.add("ruleset", encStr(rs.ID))
	if rs.Title != "" {
		root.add("title", encStr(rs.Title))
	}
	root.add("entity", encStr(rs.Entity))
	root.add("year", encInt(rs.Year))
	if rs.Source != "" {
		root.add("source", encStr(rs.Source))
	}
	root.add("conventions", conventionsNode(rs.Conventions))
	if len(rs.Schedule) > 0 {
		sm := encMap(true)
		for _, code := range PeriodCodes {
			if v, ok := rs.Schedule[code]; ok {
				sm.add(code, encNum(v))
			}
		}
		root.add("schedule", sm.Node)
	}
	list := &yaml.Node{Kind: yaml.SequenceNode}
	for _, ind := range rs.Indicators {
		n := indicatorNode(ind)
		if c := o.Comments[ind.ID]; c != "" {
			n.HeadComment = c
		}
		list.Content = append(list.Content, n)
	}
	root.add("indicators", list)

	doc := &yaml.Node{Kind: yaml.DocumentNode, Content: []*yaml.Node{root.Node}}
	if o.Header != "" {
		doc.HeadComment = o.Header
	}
	var b bytes.Buffer
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(2)
	if err := enc.Encode(doc); err != nil {
		return nil, fmt.Errorf("marshal ruleset %s: %w", rs.ID, err)
	}
	if err := enc.Close(); err != nil {
		return nil, fmt.Errorf("marshal ruleset %s: %w", rs.ID, err)
	}
	return encSpaceOut(b.Bytes()), nil
}

// encSpaceOut puts a blank line before the conventions and indicators keys and
// between indicators, as the hand-written rule files have them.
func encSpaceOut(src []byte) []byte {
	lines := strings.Split(string(src), "\n")
	out := make([]string, 0, len(lines)+64)
	inList := false
	for i, line := range lines {
		prev := ""
		if i > 0 {
			prev = lines[i-1]
		}
		switch {
		case line == "conventions:" || line == "indicators:":
			out = append(out, "")
			inList = line == "indicators:"
		case inList && (strings.HasPrefix(line, "  - ") || strings.HasPrefix(line, "  # ")) &&
			prev != "indicators:" && !strings.HasPrefix(prev, "  # "):
			out = append(out, "")
		}
		out = append(out, line)
	}
	return []byte(strings.Join(out, "\n"))
}

// encMapping is a mapping under construction.
type encMapping struct{ *yaml.Node }

func encMap(flow bool) encMapping {
	n := &yaml.Node{Kind: yaml.MappingNode}
	if flow {
		n.Style = yaml.FlowStyle
	}
	return encMapping{n}
}

func (n encMapping) add(key string, v *yaml.Node) {
	n.Content = append(n.Content, encStr(key), v)
}

// encStr is a text scalar; the encoder quotes it when it would otherwise read
// as a number, a boolean or null (in YAML 1.2 or 1.1).
func encStr(s string) *yaml.Node {
	n := &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s}
	switch strings.ToLower(s) {
	case "y", "n", "yes", "no", "on", "off":
		// Booleans in YAML 1.1: quoted for the sake of other readers.
		n.Style = yaml.DoubleQuotedStyle
	}
	return n
}

// encNum writes a decimal exactly as its decimal text.
func encNum(d decimal.Decimal) *yaml.Node {
	s := d.String()
	tag := "!!float"
	if !strings.Contains(s, ".") {
		tag = "!!int"
	}
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: tag, Value: s}
}

func encInt(i int) *yaml.Node {
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!int", Value: strconv.Itoa(i)}
}

func encBool(b bool) *yaml.Node {
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!bool", Value: strconv.FormatBool(b)}
}

func encList(list []string, flow bool) *yaml.Node {
	n := &yaml.Node{Kind: yaml.SequenceNode}
	if flow {
		n.Style = yaml.FlowStyle
	}
	for _, s := range list {
		n.Content = append(n.Content, encStr(s))
	}
	return n
}

func conventionsNode(c Conventions) *yaml.Node {
	m := encMap(false)
	if c.Rounding != "" {
		m.add("rounding", encStr(string(c.Rounding)))
	}
	m.add("approx_tolerance", encNum(c.ApproxTolerance))
	m.add("near_miss_points", encNum(c.NearMissPoints))
	m.add("near_miss_ratio", encNum(c.NearMissRatio))
	m.add("in_step_tolerance", encNum(c.InStepTolerance))
	if c.TopN > 0 {
		m.add("top_n", encInt(c.TopN))
	}
	m.add("plausible_growth", encNum(c.PlausibleGrowth))
	m.add("plausible_ratio", encNum(c.PlausibleRatio))
	m.add("progress_tolerance", encNum(c.ProgressTolerance))
	m.add("plausible_target_ratio", encNum(c.PlausibleTargetRatio))
	m.add("positive_near_miss", encBool(c.PositiveNearMiss))
	m.add("ceiling_near_miss", encBool(c.CeilingNearMiss))
	m.add("strict_near_miss", encBool(c.StrictNearMiss))
	for _, w := range []struct{ key, v string }{{"near_miss_from", string(c.NearMissFrom)},
		{"approx_lower", string(c.ApproxLower)}, {"late_milestone", string(c.LateMilestone)},
		{"city_rank", string(c.CityRank)}} {
		if w.v != "" {
			m.add(w.key, encStr(w.v))
		}
	}
	if len(c.Grades) > 0 {
		grades := &yaml.Node{Kind: yaml.SequenceNode}
		for _, g := range c.Grades {
			gm := encMap(true)
			gm.add("name", encStr(g.Name))
			gm.add("min", encNum(g.Min))
			grades.Content = append(grades.Content, gm.Node)
		}
		m.add("grades", grades)
	}
	return m.Node
}

func indicatorNode(ind *Indicator) *yaml.Node {
	m := encMap(false)
	m.add("id", encStr(ind.ID))
	m.add("name", encStr(ind.Name))
	if len(ind.Aliases) > 0 {
		m.add("aliases", encList(ind.Aliases, true))
	}
	m.add("category", encStr(string(ind.Category)))
	if ind.Group != "" {
		m.add("group", encStr(ind.Group))
	}
	m.add("measure", encStr(string(ind.Measure)))
	m.add("unit", encStr(ind.Unit))
	if ind.LevelUnit != "" {
		m.add("level_unit", encStr(ind.LevelUnit))
	}
	m.add("precision", encInt(int(ind.Precision)))
	if ind.Polarity != "" {
		m.add("polarity", encStr(string(ind.Polarity)))
	}
	m.add("target", targetNode(ind.Target))
	if b := ind.Baseline; b.Level.Valid || b.Growth.Valid {
		bm := encMap(true)
		if b.Level.Valid {
			bm.add("level", encNum(b.Level.Decimal))
		}
		if b.Growth.Valid {
			bm.add("growth", encNum(b.Growth.Decimal))
		}
		m.add("baseline", bm.Node)
	}
	if ind.DeriveGrowth {
		m.add("derive_growth", encBool(true))
	}
	if ind.Deflator.Valid {
		m.add("deflator", encNum(ind.Deflator.Decimal))
	}
	m.add("weight", encNum(ind.Weight))
	m.add("scoring", scoringNode(ind.Scoring))
	if ind.Quote != "" {
		m.add("quote", encStr(ind.Quote))
	}
	if ind.Note != "" {
		m.add("note", encStr(ind.Note))
	}
	dutyNode(m, ind)
	if ind.Veto {
		m.add("veto", encBool(true))
	}
	if ind.Period != "" {
		m.add("period", encStr(string(ind.Period)))
	}
	if len(ind.Todo) > 0 {
		m.add("todo", encList(ind.Todo, false))
	}
	return m.Node
}

// targetNode writes the fields a target kind needs, and any other field
// that is set, so that nothing is lost on the way back.
func targetNode(t Target) *yaml.Node {
	m := encMap(true)
	m.add("kind", encStr(string(t.Kind)))
	switch t.Kind {
	case AtLeast, AtMost, Above, Below, Approx:
		m.add("value", encNum(t.Value))
	default:
		if !t.Value.IsZero() {
			m.add("value", encNum(t.Value))
		}
	}
	if t.Kind == Between || !t.Low.IsZero() || !t.High.IsZero() {
		m.add("low", encNum(t.Low))
		m.add("high", encNum(t.High))
	}
	if t.Tolerance.Valid {
		m.add("tolerance", encNum(t.Tolerance.Decimal))
	}
	if t.With != "" {
		m.add("with", encStr(t.With))
	}
	if t.N != 0 {
		m.add("n", encInt(t.N))
	}
	if t.Due != "" {
		m.add("due", encStr(t.Due))
	}
	if t.Years != 0 {
		m.add("years", encInt(t.Years))
	}
	if t.Text != "" {
		m.add("text", encStr(t.Text))
	}
	return m.Node
}

func scoringNode(s Scoring) *yaml.Node {
	m := encMap(true)
	method := s.Method
	if method == "" {
		method = Ratio
	}
	m.add("method", encStr(string(method)))
	for _, f := range []struct {
		key string
		v   decimal.NullDecimal
	}{
		{"base", s.Base}, {"per_point", s.PerPoint}, {"max", s.Max}, {"min", s.Min},
		{"near_miss_share", s.NearMissShare}, {"step", s.Step},
		{"satisfactory", s.Satisfactory}, {"allowable", s.Allowable},
	} {
		if f.v.Valid {
			m.add(f.key, encNum(f.v.Decimal))
		}
	}
	return m.Node
}
