package view

import (
	"bytes"
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/attain-tool/attain/eval"
	"github.com/attain-tool/attain/rules"
	"github.com/attain-tool/attain/templates/docx"
	"github.com/attain-tool/attain/templates/fixture"
)

var bulletinDate = time.Date(2019, 7, 10, 16, 0, 0, 0, time.FixedZone("CST", 8*3600))

func TestGoldenBulletin(t *testing.T) {
	a := h1Assessment(t)
	for _, format := range []string{"txt", "md"} {
		t.Run(format, func(t *testing.T) {
			var buf bytes.Buffer
			if err := WriteBulletin(&buf, a, BulletinOptions{Date: bulletinDate}, format); err != nil {
				t.Fatal(err)
			}
			fixture.Golden(t, filepath.Join("testdata", "golden", "bulletin_h1."+format), buf.String(), *update)
		})
	}
}

func TestBulletinTitle(t *testing.T) {
	tests := []struct{ period, want string }{
		{"Q1", "关于2019年一季度政府工作报告重点任务推进情况的通报"},
		{"H1", "关于2019年上半年政府工作报告重点任务推进情况的通报"},
		{"Q3", "关于2019年前三季度政府工作报告重点任务推进情况的通报"},
		{"M4", "关于2019年1-4月政府工作报告重点任务推进情况的通报"},
	}
	for _, tt := range tests {
		p, _ := eval.ParsePeriod(tt.period)
		a := eval.EvaluateWith(rules.Default(), fixture.H1Actuals(), eval.Options{Period: p})
		if got := BulletinTitle(a); got != tt.want {
			t.Errorf("%s: %q, want %q", tt.period, got, tt.want)
		}
	}
}

// TestDocumentTitles: the documents' titles break between phrases.
func TestDocumentTitles(t *testing.T) {
	d, err := BulletinDocument(h1Assessment(t), BulletinOptions{Date: bulletinDate})
	if err != nil {
		t.Fatal(err)
	}
	if want := "关于2019年上半年政府工作报告\n重点任务推进情况的通报"; d.Title != want {
		t.Errorf("bulletin title %q, want %q", d.Title, want)
	}
	if got, want := ReviewDocument(fixture.Assessment(t), bulletinDate).Title, "红旗区2019年目标任务完成情况\n（工作回顾草稿）"; got != want {
		t.Errorf("review title %q, want %q", got, want)
	}
}

func TestBulletinRefusesYear(t *testing.T) {
	_, err := BulletinDocument(fixture.Assessment(t), BulletinOptions{Date: bulletinDate})
	if !errors.Is(err, ErrBulletinYear) {
		t.Fatalf("a whole year's bulletin: %v, want ErrBulletinYear", err)
	}
}

// TestBulletinSections: the counts add up to every indicator, the items
// behind schedule name their lead and partners, the last section is left
// to the office, and the document is signed and dated.
func TestBulletinSections(t *testing.T) {
	rs := rules.Default()
	c := *rs
	c.Indicators = append([]*rules.Indicator(nil), rs.Indicators...)
	for i, ind := range c.Indicators {
		if ind.ID == "gdp_growth" {
			led := *ind
			led.Lead, led.Partners = "区发展改革委", []string{"区统计局", "区财政局"}
			c.Indicators[i] = &led
		}
	}
	p, _ := eval.ParsePeriod("H1")
	a := eval.EvaluateWith(&c, fixture.H1Actuals(), eval.Options{Period: p})
	d, err := BulletinDocument(a, BulletinOptions{Date: bulletinDate})
	if err != nil {
		t.Fatal(err)
	}
	text := map[docx.Kind][]string{}
	for _, b := range d.Blocks {
		text[b.Kind] = append(text[b.Kind], b.Text)
	}
	heads := strings.Join(text[docx.Heading1], " ")
	if heads != "一、总体情况 二、欠进度事项 三、已完成事项 四、下一步要求" {
		t.Errorf("sections %q", heads)
	}
	body := strings.Join(text[docx.Paragraph], "\n")
	for _, want := range []string{
		"纳入督查的56项目标任务中，已完成4项，超进度11项，达进度15项，欠进度18项，未到期8项。",
		"1.地区生产总值同比增长7.9%，增速低于目标0.6个百分点。牵头单位：区发展改革委；责任单位：区统计局、区财政局。",
		"规模以上工业增加值增长9.2%，增速低于目标0.8个百分点。牵头单位：未载明。",
		"全年尚需完成53.8亿元（attain 测算）",
		"中德产业园一期于4月18日开工建设",
		BulletinPlaceholder,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("the bulletin lacks %q", want)
		}
	}
	n := len(d.Blocks)
	if sig := d.Blocks[n-2]; sig.Kind != docx.Signature || sig.Text != "红旗区人民政府办公室\n2019年7月10日" {
		t.Errorf("signature %+v", sig)
	}
	if note := d.Blocks[n-1]; note.Kind != docx.Note || !strings.HasPrefix(note.Text, "（累计性目标") {
		t.Errorf("the 附注 does not follow the date: %+v", note)
	}
	if !strings.Contains(strings.Join(text[docx.Note], ""), "2个百分点以内（含）为达进度") {
		t.Errorf("the note does not state the tolerance: %q", text[docx.Note])
	}
}

// textLines are the non-empty lines of a text output, each without its
// indent.
func textLines(s string) []string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if l = strings.TrimPrefix(l, "　　"); l != "" {
			out = append(out, l)
		}
	}
	return out
}

// blockLines are a document's title and blocks as lines, a signature a
// line per line of it; headings left out unless withHeadings.
func blockLines(d docx.Document, withHeadings bool) []string {
	out := []string{strings.ReplaceAll(d.Title, "\n", "")}
	for _, b := range d.Blocks {
		if (b.Kind == docx.Heading1 || b.Kind == docx.Heading2) && !withHeadings {
			continue
		}
		out = append(out, strings.Split(b.Text, "\n")...)
	}
	return out
}

// TestDocumentsSayWhatTheTextSays: the review's document holds the
// paragraphs of its text, in order, with headings between; the
// bulletin's text is its document, heading for heading.
func TestDocumentsSayWhatTheTextSays(t *testing.T) {
	for _, a := range []*eval.Assessment{fixture.Assessment(t), h1Assessment(t)} {
		var buf bytes.Buffer
		if err := WriteReview(&buf, a, "txt"); err != nil {
			t.Fatal(err)
		}
		got, want := blockLines(ReviewDocument(a, bulletinDate), false), textLines(buf.String())
		if strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Errorf("%s: the review document says\n%s\nthe text says\n%s", a.Period.Label(),
				strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
	}
	a := h1Assessment(t)
	d, err := BulletinDocument(a, BulletinOptions{Date: bulletinDate})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := WriteBulletin(&buf, a, BulletinOptions{Date: bulletinDate}, "txt"); err != nil {
		t.Fatal(err)
	}
	if got, want := blockLines(d, true), textLines(buf.String()); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("the bulletin document says\n%s\nits text says\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestReviewDocumentHeadings(t *testing.T) {
	var heads []string
	for _, b := range ReviewDocument(fixture.Assessment(t), bulletinDate).Blocks {
		if b.Kind == docx.Heading1 || b.Kind == docx.Heading2 {
			heads = append(heads, b.Text)
		}
	}
	want := "一、主要预期目标完成情况 （一）总量指标 （二）结构指标 （三）效益指标 （四）民生指标 二、重点工作任务完成情况"
	if got := strings.Join(heads, " "); got != want {
		t.Errorf("headings %q, want %q", got, want)
	}
}

func TestNumeral(t *testing.T) {
	tests := []struct {
		n    int
		want string
	}{{1, "一"}, {9, "九"}, {10, "十"}, {11, "十一"}, {20, "二十"}, {23, "二十三"}, {99, "九十九"}, {100, "100"}, {0, "0"}}
	for _, tt := range tests {
		if got := Numeral(tt.n); got != tt.want {
			t.Errorf("Numeral(%d) = %q, want %q", tt.n, got, tt.want)
		}
	}
}
