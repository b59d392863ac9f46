// Package docx writes the documents the 政府办公室 reads in Word or WPS as
// 公文: the review text (工作回顾 or 进展情况) and the in-year 督查通报.
// A Document is a title, an optional line under it (发文机关 or date) and
// blocks (一、 headings, （一） headings, paragraphs, a 附注, a signature);
// Write lays it out as GB/T 9704-2012 (党政机关公文格式) asks:
//
//   - A4 (11906 × 16838 twips); margins top 37 mm, bottom 35 mm, left
//     28 mm, right 26 mm, so the 版心 is 156 × 225 mm;
//   - 22 lines of 28 characters: a line grid (w:docGrid w:type="lines",
//     w:linePitch="579") with the same exact line spacing on every style,
//     and the 3号 text kerned by −0.25 pt so that 28 characters fill a
//     line (see layout.go for why not Word's character grid);
//   - title 2号 (22 pt) 方正小标宋简体 centred, then a blank line; body 3号
//     (16 pt) 仿宋_GB2312, justified, first line indented two characters;
//     一、 headings 3号 黑体, （一） headings 3号 楷体_GB2312;
//   - page numbers 4号 (14 pt) 宋体 "— 1 —" about 7 mm below the 版心, on
//     the right of odd pages and the left of even ones, one character in:
//     two footers, each with a PAGE field, and w:evenAndOddHeaders.
//
// Fonts a reader may lack are named by their standard Chinese names in
// every slot of w:rFonts (w:eastAsia, and w:ascii and w:hAnsi too, so
// that digits and the marks Word may take as Latin, “” and —, are set in
// the same face) and declared in fontTable.xml with the font to use in
// their place (w:altName) and that font's panose and charset (86,
// GB2312), which Word and WPS substitute by: 方正小标宋简体 → 宋体
// (SimSun), 仿宋_GB2312 → 仿宋 (FangSong), 黑体 (SimHei), 楷体_GB2312 →
// 楷体 (KaiTi). LibreOffice ignores w:altName and substitutes what
// fontconfig offers.
//
// The package is standard library only: archive/zip and strings, every
// text escaped for XML and stripped of the characters XML 1.0 does not
// allow. No Go docx library was taken: the module proxy serves no tagged
// release of any; github.com/gomutex/godocx (MIT) has no footer parts, no
// complex fields (its w:fldChar is a TODO) and no settings part for
// w:evenAndOddHeaders; github.com/fumiama/go-docx is AGPL-3.0;
// baliance/gooxml is unmaintained and not served; unidoc's unioffice
// needs a commercial licence. One fixed layout in eleven small parts is
// less code to own than an adapter over any of them.
//
// Write takes the creation time from the Document (Properties.Created),
// never from the clock, so the same Document gives the same bytes.
package docx
