package scorecard

import (
	"bytes"
	"strings"
	"testing"

	"github.com/attain-tool/attain/templates/fixture"
	"github.com/xuri/excelize/v2"
)

func TestAppVersion(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"release", "v1.4.0", "1.0004"},
		{"without v", "2.13.1", "2.0013"},
		{"dev build", "dev", ""},
		{"commit", "3f2a9c1d", ""},
		{"empty", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := appVersion(tt.in); got != tt.want {
				t.Errorf("appVersion(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

// TestVersionInProperties: the scorecard says which attain wrote it.
func TestVersionInProperties(t *testing.T) {
	var buf bytes.Buffer
	opts := ScorecardOptions{Evaluated: fixture.Evaluated, Version: "v1.4.0"}
	if err := WriteScorecard(&buf, fixture.Assessment(t), opts); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	app, err := f.GetAppProps()
	if err != nil {
		t.Fatal(err)
	}
	doc, err := f.GetDocProps()
	if err != nil {
		t.Fatal(err)
	}
	if app.AppVersion != "1.0004" || !strings.Contains(doc.Description, "attain v1.4.0") {
		t.Errorf("AppVersion %q, description %q", app.AppVersion, doc.Description)
	}
}
