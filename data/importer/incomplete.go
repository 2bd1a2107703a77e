package importer

import (
	"csatdesk/data"
)

// What becomes of responses a survey tool marks as not finished
// (Mapping.Incomplete).
const (
	IncompleteLeaveOut = "leave out" // the default: not imported, counted in Report.Incomplete
	IncompleteInclude  = "include"   // imported with the answers they have
)

// KindIncomplete marks a row Convert leaves out as an unfinished response
// (Mapping.Incomplete); RunWith counts it in Report.Incomplete instead of
// reporting it as a problem.
const KindIncomplete data.ProblemKind = "the response was not finished (no submit date): left out"

// isSubmitHeader: a date column whose blank cells mark unfinished
// responses (LimeSurvey's submitdate).
func isSubmitHeader(h string) bool {
	return limeSubmitWords[NormalizeLabel(h)]
}

// incompleteDateColumn finds the column an unfinished response's date comes
// from: LimeSurvey's datestamp (the last action) or startdate; -1 when the
// file has neither.
func incompleteDateColumn(cols []ColumnMap) int {
	best, rank := -1, 0
	for _, c := range cols {
		r := 0
		switch h := NormalizeLabel(c.Header); {
		case limeActionWords[h]:
			r = 2
		case limeStartWords[h]:
			r = 1
		}
		if r > rank {
			best, rank = c.Column, r
		}
	}
	return best
}
