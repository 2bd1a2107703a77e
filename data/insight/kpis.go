package insight

import (
	"math"

	"csatdesk/data"
)

// KPIs computes the headline figures of choice c for survey sv in segment
// seg within from..to: CSAT with its change against the previous period
// and the same dates last year, n, mean, NPS and effort. For "all
// satisfaction questions" the mean is NaN (the scales may differ) and the
// question is the choice's stand-in (ID 0).
func KPIs(src data.DaySource, sv *data.Survey, c Choice, seg data.Segment, from, to data.Day) (data.KPIs, error) {
	k, err := data.ComputeKPIsOf(src, sv, c.Questions, seg, from, to)
	if err != nil {
		return k, err
	}
	if c.All {
		k.Mean = math.NaN()
		k.Question = c.Question()
	}
	return k, nil
}
