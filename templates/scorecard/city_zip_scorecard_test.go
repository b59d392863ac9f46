package scorecard

import (
	"archive/zip"
	"bytes"
	"testing"

	"github.com/attain-tool/attain/templates/internal/zipw"

	"github.com/xuri/excelize/v2"
)

// TestCityZipScorecard checks that a scorecard whose 明细 is deflated in
// chunks opens in excelize (archive/zip checks each part's CRC as it is
// read) with every row in place.
func TestCityZipScorecard(t *testing.T) {
	c := cityGenerated(t, 300, 10)
	var fast bytes.Buffer
	if err := WriteCityScorecard(&fast, c, ScorecardOptions{Evaluated: cityTestDate}); err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(fast.Bytes()), int64(fast.Len()))
	if err != nil {
		t.Fatal(err)
	}
	chunked := false
	for _, f := range zr.File {
		chunked = chunked || f.UncompressedSize64 > zipw.Chunk
	}
	if !chunked {
		t.Fatal("no part is larger than a chunk")
	}
	f, err := excelize.OpenReader(bytes.NewReader(fast.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows(citySheetDetail, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 2+300*10 {
		t.Fatalf("明细 has %d rows", len(rows))
	}
	want := c.Ranked()[299].Entity
	if got := rows[len(rows)-1][0]; got != want {
		t.Errorf("last row is of %s, want %s", got, want)
	}
}
