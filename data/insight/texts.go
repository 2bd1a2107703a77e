package insight

import (
	"time"

	"csatdesk/data"
	"csatdesk/data/numfmt"
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
// with a decimal point, dates as the English window writes them ("6 Dec
// 2025"), so a chart made by the command line reads as one exported from
// the window.
var English Texts = english{}

type english struct{}

func (english) L(key string, args ...any) string {
	if len(args) == 0 {
		return key
	}
	m, ok := args[0].(map[string]any)
	if !ok {
		return key
	}
	return data.Render(key, data.Args(m))
}

func (english) Number(v float64, decimals int) string {
	return numfmt.For("en").Number(v, decimals)
}

func (english) Day(d data.Day) string { return numfmt.For("en").Date(d.Date(time.UTC)) }
