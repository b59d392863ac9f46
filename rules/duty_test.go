package rules

import (
	"strings"
	"testing"
)

func TestSplitUnits(t *testing.T) {
	tests := []struct {
		name, in string
		want     []string
	}{
		{"dun hao", "区发改委、区统计局", []string{"区发改委", "区统计局"}},
		{"full-width comma and semicolon", "区财政局，区税务局；区人社局", []string{"区财政局", "区税务局", "区人社局"}},
		{"ascii punctuation", "区商务局,区工信局; 区科技局/区住建局", []string{"区商务局", "区工信局", "区科技局", "区住建局"}},
		{"spaces", "区教育局  区卫健委\u3000区民政局", []string{"区教育局", "区卫健委", "区民政局"}},
		{"brackets keep a name whole", "区委宣传部（区文明办、区网信办）、区文旅局", []string{"区委宣传部（区文明办、区网信办）", "区文旅局"}},
		{"trailing 等 and 。", "区发改委、区统计局等。", []string{"区发改委", "区统计局"}},
		{"collective kept", "区直各部门、各街道", []string{"区直各部门", "各街道"}},
		{"empty parts dropped", "、区发改委、、", []string{"区发改委"}},
		{"empty", "  ", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := SplitUnits(tt.in)
			if strings.Join(got, "|") != strings.Join(tt.want, "|") || len(got) != len(tt.want) {
				t.Errorf("SplitUnits(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestIsCollective(t *testing.T) {
	for name, want := range map[string]bool{
		"各街道": true, "区直各部门": true, "各乡镇": true, "各有关单位": true, "市直有关部门": true,
		"区发改委": false, "区生态环境分局": false, "区委宣传部（区文明办）": false,
	} {
		if got := IsCollective(name); got != want {
			t.Errorf("IsCollective(%q) = %v, want %v", name, got, want)
		}
	}
}

// dutyYAML is a one-indicator ruleset whose indicator ends with extra.
func dutyYAML(extra string) string {
	return `ruleset: t
entity: 红旗区
year: 2019
indicators:
  - id: signed_projects
    name: 签约项目
    category: 总量
    measure: level
    unit: 个
    target: {kind: at_least, value: 40}
    weight: 10
` + extra
}

func TestParseDuty(t *testing.T) {
	tests := []struct {
		name     string
		extra    string
		lead     string
		partners []string
		leaders  []string
		diag     string // a diagnostic that must be reported, with its position
		isErr    bool
	}{
		{name: "lists", extra: "    lead: 区商务局\n    partners: [区发改委, 各街道]\n    leaders: [王副区长]\n",
			lead: "区商务局", partners: []string{"区发改委", "各街道"}, leaders: []string{"王副区长"}},
		{name: "text split like a table cell", extra: "    lead: 区商务局\n    partners: 区发改委、区统计局\n",
			lead: "区商务局", partners: []string{"区发改委", "区统计局"}},
		{name: "no duty", extra: ""},
		{name: "two leads", extra: "    lead: 区商务局、区发改委\n", lead: "区商务局、区发改委",
			diag: "t.yaml:12:11: lead 写了 2 个单位: 区商务局、区发改委", isErr: true},
		{name: "collective lead", extra: "    lead: 各街道\n", lead: "各街道",
			diag: "t.yaml:12:11: 警告: 牵头单位 \"各街道\" 是统称"},
		{name: "lead among partners", extra: "    lead: 区商务局\n    partners: [区商务局, 区发改委]\n",
			lead: "区商务局", partners: []string{"区商务局", "区发改委"},
			diag: "t.yaml:13:15: 警告: \"区商务局\" 既是牵头单位又列在 partners 中"},
		{name: "duplicate partner", extra: "    partners: [区发改委, 区发改委]\n", partners: []string{"区发改委", "区发改委"},
			diag: "partners 中的 \"区发改委\" 重复"},
		{name: "lead not text", extra: "    lead: [区商务局]\n", diag: "t.yaml:12:11: lead 应当是文本", isErr: true},
		{name: "typo of a key", extra: "    partner: [区发改委]\n", diag: "是不是 partners？", isErr: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rs, ds := Parse("t.yaml", []byte(dutyYAML(tt.extra)))
			if ds.HasErrors() != tt.isErr {
				t.Fatalf("errors %v, want %v: %v", ds.HasErrors(), tt.isErr, ds)
			}
			if tt.diag != "" && !strings.Contains(ds.Error(), tt.diag) {
				t.Errorf("diagnostics lack %q:\n%v", tt.diag, ds)
			}
			if tt.diag == "" && len(ds) > 0 {
				t.Errorf("unexpected diagnostics: %v", ds)
			}
			if tt.isErr {
				return
			}
			ind := rs.Indicators[0]
			if ind.Lead != tt.lead || strings.Join(ind.Partners, "|") != strings.Join(tt.partners, "|") ||
				strings.Join(ind.Leaders, "|") != strings.Join(tt.leaders, "|") {
				t.Errorf("lead %q partners %q leaders %q, want %q %q %q", ind.Lead, ind.Partners, ind.Leaders,
					tt.lead, tt.partners, tt.leaders)
			}
		})
	}
}

func TestMarshalDuty(t *testing.T) {
	rs, ds := Parse("t.yaml", []byte(dutyYAML("    lead: 区商务局\n    partners: 区发改委、各街道\n    leaders: [王副区长]\n")))
	if ds.HasErrors() {
		t.Fatal(ds)
	}
	out, err := Marshal(rs)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{"lead: 区商务局", "partners: [区发改委, 各街道]", "leaders: [王副区长]"} {
		if !strings.Contains(string(out), s) {
			t.Errorf("output lacks %q:\n%s", s, out)
		}
	}
}

func TestWithDuties(t *testing.T) {
	rs, ds := Parse("t.yaml", []byte(dutyYAML("    lead: 区商务局\n    partners: [区发改委]\n")))
	if ds.HasErrors() {
		t.Fatal(ds)
	}
	at := Pos{File: "duties.xlsx", Sheet: "分解表", Cell: "B5"}
	tests := []struct {
		name                   string
		duty                   Duty
		lead, partners, leader string
		warn                   string
	}{
		{"the table's lead and partners", Duty{Lead: "区商务局", Partners: []string{"区统计局"}, Leaders: []string{"副区长"}, Pos: at},
			"区商务局", "区统计局", "副区长", ""},
		{"a conflict names both", Duty{Lead: "区发改委", Pos: at}, "区发改委", "区发改委", "",
			"duties.xlsx: 分解表!B5: 警告: 签约项目 的牵头单位：分解表为 区发改委，规则集为 区商务局"},
		{"no lead in the table keeps the ruleset's", Duty{Partners: []string{"各街道"}, Pos: at}, "区商务局", "各街道", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, ds := rs.WithDuties(map[string]Duty{"signed_projects": tt.duty})
			ind := out.Indicators[0]
			if ind.Lead != tt.lead || strings.Join(ind.Partners, "、") != tt.partners || strings.Join(ind.Leaders, "、") != tt.leader {
				t.Errorf("lead %q partners %q leaders %q", ind.Lead, ind.Partners, ind.Leaders)
			}
			if (tt.warn == "") != (len(ds) == 0) || tt.warn != "" && !strings.Contains(ds.Error(), tt.warn) {
				t.Errorf("diagnostics %v, want %q", ds, tt.warn)
			}
			if rs.Indicators[0].Lead != "区商务局" || rs.Indicators[0].Partners[0] != "区发改委" {
				t.Errorf("the ruleset itself changed: %+v", rs.Indicators[0])
			}
		})
	}
}
