package view

import (
	"bytes"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/attain-tool/attain/templates/fixture"
)

// TestGoldenDepartments: the department view of the fixed figures under
// the 2019 分解表, as JSON (its departments, and each indicator's lead and
// partners) and as the table's section 责任单位.
func TestGoldenDepartments(t *testing.T) {
	a := fixture.DutiesAssessment(t)
	var buf bytes.Buffer
	if err := WriteJSON(&buf, a); err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Indicators []struct {
			ID       string   `json:"id"`
			Lead     string   `json:"lead"`
			Partners []string `json:"partners"`
		} `json:"indicators"`
		Departments     json.RawMessage `json:"departments"`
		CollectiveUnits json.RawMessage `json:"collective_units"`
		Unassigned      json.RawMessage `json:"unassigned"`
	}
	if err := json.Unmarshal(buf.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	part := map[string]any{"departments": doc.Departments, "collective_units": doc.CollectiveUnits,
		"unassigned": doc.Unassigned, "indicators": doc.Indicators}
	out, err := json.MarshalIndent(part, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	fixture.Golden(t, filepath.Join("testdata", "golden", "departments.json"), string(out)+"\n", *update)

	buf.Reset()
	if err := WriteTable(&buf, a); err != nil {
		t.Fatal(err)
	}
	table := buf.String()
	start := strings.Index(table, "【责任单位】")
	end := strings.Index(table, "\n主要预期目标: ")
	if start < 0 || end < start {
		t.Fatalf("no section 责任单位 after the indicators:\n%s", table)
	}
	fixture.Golden(t, filepath.Join("testdata", "golden", "departments_table.txt"), table[start:end+1], *update)
}

// TestDepartmentsAbsent: without leads the JSON and the table are as they
// were: no departments, no lead or partners.
func TestDepartmentsAbsent(t *testing.T) {
	a := fixture.Assessment(t)
	var js, table bytes.Buffer
	if err := WriteJSON(&js, a); err != nil {
		t.Fatal(err)
	}
	if err := WriteTable(&table, a); err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{`"departments"`, `"lead"`, `"partners"`, `"collective_units"`} {
		if strings.Contains(js.String(), s) {
			t.Errorf("JSON without duties has %s", s)
		}
	}
	if strings.Contains(table.String(), "责任单位") {
		t.Error("table without duties has a section 责任单位")
	}
}
