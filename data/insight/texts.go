package insight

import (
	"fmt"
	"math"
	"regexp"
	"strconv"

	"csatdesk/data"
)

// Texts puts the core's English sentences, numbers and dates into the
// reader's language: the window passes one backed by lang.L and its own
// number and date formats, the command line [English].
type Texts interface {
	// L returns the sentence key (English, with {{.Name}} placeholders
	// filled from the map in args, if any) in the reader's language.
	L(key string, args ...any) string
	// Number formats v with the given decimals ("–" for NaN).
	Number(v float64, decimals int) string
	// Day formats a date.
	Day(d data.Day) string
}

// English is Texts without translation: placeholders filled in, numbers
// with a decimal point, dates as YYYY-MM-DD.
var English Texts = english{}

type english struct{}

var placeholder = regexp.MustCompile(`\{\{\s*\.(\w+)\s*\}\}`)

func (english) L(key string, args ...any) string {
	if len(args) == 0 {
		return key
	}
	m, ok := args[0].(map[string]any)
	if !ok {
		return key
	}
	return placeholder.ReplaceAllStringFunc(key, func(p string) string {
		name := placeholder.FindStringSubmatch(p)[1]
		if v, ok := m[name]; ok {
			return fmt.Sprint(v)
		}
		return p
	})
}

func (english) Number(v float64, decimals int) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return "–"
	}
	return strconv.FormatFloat(v, 'f', decimals, 64)
}

func (english) Day(d data.Day) string { return d.String() }
