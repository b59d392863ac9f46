package templates

import (
	"archive/zip"
	"compress/flate"
	"io"

	"github.com/xuri/excelize/v2"
)

// cityZipWriter is the zip writer of a city scorecard: deflate at its
// fastest level. The default level spends most of its time on the long
// 明细 sheet for a file that is only a little smaller; every reader of
// .xlsx reads any deflate level.
func cityZipWriter(w io.Writer) excelize.ZipWriter {
	zw := zip.NewWriter(w)
	zw.RegisterCompressor(zip.Deflate, func(out io.Writer) (io.WriteCloser, error) {
		return flate.NewWriter(out, flate.BestSpeed)
	})
	return zw
}
