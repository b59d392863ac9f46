// Package zipw is the zip writer of large scorecards: it deflates parts in
// 1 MB chunks on every core and writes a standard zip, for excelize's
// SetZipWriter. Standard library only.
package zipw
