package cell

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/shopspring/decimal"
)

// cellrankMax is the largest place a rank cell may hold.
const cellrankMax = 1_000_000

var (
	// cellrankWords is a place in words: an optional peer group and verb,
	// 第, the number (Arabic or Chinese), 名 or 位.
	cellrankWords = regexp.MustCompile(`^(?:全国|全省|全市|全区|全县|省内|市内|区内)?(?:综合)?(?:排名|名次|位次|位列|位居|排)?\s*第?\s*` +
		`([0-9]{1,7}|[零〇一二两三四五六七八九十百]{1,6})\s*(?:名|位)?$`)
	// cellrankTied are the words that mark a shared place.
	cellrankTied = []string{"(并列)", "并列"}
	cellrankHan  = map[rune]int{'零': 0, '〇': 0, '一': 1, '二': 2, '两': 2, '三': 3, '四': 4, '五': 5, '六': 6, '七': 7, '八': 8, '九': 9}
)

// ParseCellRank reads a 名次 cell: a positive whole number (2, or 2.0 in
// a number cell), or the words bureaus write around it: 第2名, 第2, 2名,
// 第2位, 第二名, 全市第2名, 排名第2, and a shared place, 并列第3 or
// 第3名（并列）, which is the place itself. Placeholders (empty, -, 无)
// give 0 and no error; anything else is an error, worded in Chinese.
func ParseCellRank(raw string) (int, error) {
	s := Fold(raw)
	if cellnumIsPlaceholder(s) {
		return 0, nil
	}
	bad := fmt.Errorf("“%s”不是名次（正整数，如 2 或 第2名）", cellrankShown(raw))
	if v, err := ParseCellNumber(s, false); err == nil && v.Valid {
		d := v.Decimal
		if !d.IsInteger() || d.Sign() <= 0 || d.GreaterThan(decimal.NewFromInt(cellrankMax)) {
			return 0, fmt.Errorf("“%s”不是正整数", cellrankShown(raw))
		}
		return int(d.IntPart()), nil
	}
	for _, w := range cellrankTied {
		s = strings.TrimSpace(strings.TrimSuffix(strings.TrimPrefix(s, w), w))
	}
	m := cellrankWords.FindStringSubmatch(strings.ReplaceAll(s, " ", ""))
	if m == nil {
		return 0, bad
	}
	n, err := strconv.Atoi(m[1])
	if err != nil {
		n = cellrankHanNumber(m[1])
	}
	if n <= 0 || n > cellrankMax {
		return 0, bad
	}
	return n, nil
}

// cellrankHanNumber reads a Chinese numeral up to 九百九十九 (三, 十二,
// 二十, 一百零五), or -1.
func cellrankHanNumber(s string) int {
	n, cur := 0, -1
	for _, r := range s {
		switch r {
		case '百', '十':
			unit := map[rune]int{'百': 100, '十': 10}[r]
			if cur < 0 {
				cur = 1
			}
			n += cur * unit
			cur = -1
		default:
			d, ok := cellrankHan[r]
			if !ok {
				return -1
			}
			cur = d
		}
	}
	if cur > 0 {
		n += cur
	}
	return n
}

// cellrankShown is the text of a cell as a message quotes it, cut short.
func cellrankShown(raw string) string {
	s := []rune(strings.TrimSpace(raw))
	if len(s) > 20 {
		return string(s[:20]) + "…"
	}
	return string(s)
}
