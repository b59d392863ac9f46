package docx

// Helpers of the package's own tests, for the tests in docx_test.
var (
	RequireOffice    = requireOffice
	ToPDF            = toPDF
	PDFPages         = pdfPages
	CheckPageNumbers = checkPageNumbers
)
