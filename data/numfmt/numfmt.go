// Package numfmt writes numbers and dates the way a language does: the
// decimal mark and the thousands separator (from CLDR, through
// golang.org/x/text's language, message and number packages),
// percentages, signed scores such as NPS with a real minus sign (−5), and
// short dates. The charts, the window and the command line all format
// through it, so a figure reads the same on a chart, on a KPI card and in a
// report.
//
//	numfmt.For("ru").Number(84.25, 1)   // "84,2"
//	numfmt.For("it").Count(1234567)     // "1.234.567"
//	numfmt.For("lv").Percent(84.2, 1)   // "84,2 %"
//	numfmt.For("en").Signed(-4.6, 0)    // "−5"
//
// Digits come from strconv (signed figures round halves away from zero, as
// the charts always did); only the marks come from CLDR. Where CLDR writes
// a space it is a no-break space, which a wrapping label does not break;
// the charts' font-agnostic labels ask for a plain one (WithSpace).
//
// It imports no UI: package app, charts and the command line share it.
package numfmt

import (
	"math"
	"strconv"
	"strings"
	"sync"
	"time"

	"golang.org/x/text/language"
	"golang.org/x/text/message"
	"golang.org/x/text/number"
)

// Format writes numbers in one language's style. The zero Format is
// English's.
type Format struct {
	lang    string // base language: "en", "ru", "lv", "it", "zh"
	decimal string // "" means "."
	group   string // "" means ","
	space   string // the locale's space where a space is written; "" means U+00A0
}

// nbsp is the no-break space CLDR writes between thousands in Russian and
// Latvian.
const nbsp = "\u00a0"

var cache sync.Map // base language → Format

// For returns the format of a locale: a code of the UI ("en", "ru", "lv",
// "it", "zh_Hans", "zh_Hant"), a POSIX or BCP 47 locale ("ru_RU.UTF-8",
// "zh-TW"), or "" (English). Unknown languages get their CLDR marks.
func For(locale string) Format {
	base := baseLanguage(locale)
	if f, ok := cache.Load(base); ok {
		return f.(Format)
	}
	f := probe(base)
	cache.Store(base, f)
	return f
}

// baseLanguage is the lower-case language subtag of a locale.
func baseLanguage(locale string) string {
	l := strings.ToLower(locale)
	if i := strings.IndexAny(l, "_-.@"); i >= 0 {
		l = l[:i]
	}
	if l == "" || l == "c" || l == "posix" {
		return "en"
	}
	return l
}

// probe reads a language's decimal and group marks off CLDR by formatting
// 1234.5 with golang.org/x/text.
func probe(base string) Format {
	f := Format{lang: base}
	tag, err := language.Parse(base)
	if err != nil {
		return f
	}
	s := message.NewPrinter(tag).Sprint(number.Decimal(1234.5, number.Scale(1)))
	// "1,234.5", "1 234,5", "1.234,5": the marks sit between the digits.
	i := strings.IndexByte(s, '1') + 1
	j := strings.IndexByte(s, '2')
	k := strings.IndexByte(s, '4') + 1
	l := strings.LastIndexByte(s, '5')
	if i <= 0 || j < i || k <= 0 || l < k {
		return f
	}
	if g := s[i:j]; g != "," {
		f.group = g
	}
	if d := s[k:l]; d != "." {
		f.decimal = d
	}
	return f
}

// WithSpace returns f writing sp where the language writes a space (in
// groups of thousands and before %): the charts pass " ".
func (f Format) WithSpace(sp string) Format {
	f.space = sp
	return f
}

// Language returns the base language of f ("en", "ru", …).
func (f Format) Language() string {
	if f.lang == "" {
		return "en"
	}
	return f.lang
}

// DecimalComma reports whether f writes 1,5 rather than 1.5.
func (f Format) DecimalComma() bool { return f.decimal == "," }

// Decimal returns the decimal mark: "." or ",".
func (f Format) Decimal() string {
	if f.decimal == "" {
		return "."
	}
	return f.decimal
}

// Group returns the thousands separator: ",", ".", or a space (a no-break
// one unless WithSpace chose another).
func (f Format) Group() string {
	switch f.group {
	case "":
		return ","
	case nbsp, " ", "\u202f":
		return f.spaceMark()
	}
	return f.group
}

func (f Format) spaceMark() string {
	if f.space == "" {
		return nbsp
	}
	return f.space
}

// Number writes v with decimals digits after the mark: "84.2", "84,2".
// Negative zero is "0"; NaN and infinities are "–".
func (f Format) Number(v float64, decimals int) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return "–"
	}
	s := strconv.FormatFloat(v, 'f', decimals, 64)
	if strings.Trim(s, "-0.") == "" && s[0] == '-' {
		s = s[1:]
	}
	if d := f.Decimal(); d != "." {
		s = strings.Replace(s, ".", d, 1)
	}
	return s
}

// Count writes a whole number with its thousands grouped: "1,000",
// "1.000" (Italian), "1 000" (Russian, Latvian).
func (f Format) Count(n int64) string { return f.group3(n, 4) }

// ShortCount is Count that leaves four digits ungrouped ("1234",
// "12,345"), as the charts' labels do to stay short.
func (f Format) ShortCount(n int64) string { return f.group3(n, 5) }

// group3 groups the digits of n in threes when it has at least min digits.
func (f Format) group3(n int64, min int) string {
	s := strconv.FormatInt(n, 10)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	if len(s) < min {
		if neg {
			return "-" + s
		}
		return s
	}
	sep := f.Group()
	var b strings.Builder
	if neg {
		b.WriteByte('-')
	}
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteString(sep)
		}
		b.WriteRune(c)
	}
	return b.String()
}

// Percent writes a percentage v (0–100) with decimals digits: "84.2%" in
// English and Chinese, "84,2 %" with a space in Russian, Latvian and
// Italian (the house style of CSAT Desk's charts and README, where CLDR
// drops the space in Latvian and Italian). NaN is "–".
func (f Format) Percent(v float64, decimals int) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return "–"
	}
	if f.DecimalComma() {
		return f.Number(v, decimals) + f.spaceMark() + "%"
	}
	return f.Number(v, decimals) + "%"
}

// SpacedPercent writes a percentage with a space before the sign in every
// language ("78.4 %", "78,4 %"), as the window's own sentences do
// ("Promoters 62 %"). NaN is "–".
func (f Format) SpacedPercent(v float64, decimals int) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return "–"
	}
	return f.Number(v, decimals) + " %"
}

// Signed writes a change or a score that can go either way with its sign:
// "+32", "−5" (a real minus sign, U+2212), and no sign for what rounds to
// zero ("0", "0.0"). Halves round away from zero, the same for a gain and a
// loss and on the charts and in the window: an NPS of 12.5 is "+13", −0.5
// is "−1". NaN is "–".
func (f Format) Signed(v float64, decimals int) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return "–"
	}
	scale := math.Pow10(decimals)
	s := f.Number(math.Round(math.Abs(v)*scale)/scale, decimals)
	if strings.Trim(s, "0.,") == "" {
		return s
	}
	if v > 0 {
		return "+" + s
	}
	return "−" + s
}

// Date writes a calendar date the way the language does: "1 Sep 2025",
// "1.09.2025" (Russian, Latvian), "01/09/2025" (Italian) or "2025年9月1日"
// (Chinese).
func (f Format) Date(t time.Time) string {
	switch f.Language() {
	case "ru", "lv":
		return t.Format("2.01.2006")
	case "it":
		return t.Format("02/01/2006")
	case "zh":
		return strconv.Itoa(t.Year()) + "年" + strconv.Itoa(int(t.Month())) + "月" + strconv.Itoa(t.Day()) + "日"
	}
	return t.Format("2 Jan 2006")
}
