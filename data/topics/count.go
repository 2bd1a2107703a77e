package topics

import (
	"math"
	"sort"
	"time"
)

// Band is where a customer's own score on the main question lies. It is
// what "needs attention" means here: a comment is not read for mood.
type Band int

// The bands. BandNone is a comment without a main score.
const (
	BandNone Band = iota
	BandLow
	BandNeutral
	BandHigh
)

// BandOf returns the band of answer v on a scale whose satisfied cut-off
// is cutoff: high from the cut-off up, neutral just below it, low under
// that (1–5 with cut-off 4: 1–2 low, 3 neutral, 4–5 high; 1–10 with
// cut-off 8: 1–6, 7, 8–10). For NPS (nps true) the bands are its own:
// detractors 0–6, passives 7–8, promoters 9–10.
func BandOf(v, cutoff int, nps bool) Band {
	if nps {
		switch {
		case v >= 9:
			return BandHigh
		case v >= 7:
			return BandNeutral
		}
		return BandLow
	}
	switch {
	case v >= cutoff:
		return BandHigh
	case v == cutoff-1:
		return BandNeutral
	}
	return BandLow
}

// Comment is one customer comment with the customer's main score.
type Comment struct {
	Text string
	// Band is the band of Score (BandNone without a score).
	Band Band
	// Score is the main answer, NaN without one.
	Score float64
	// At is when the response was collected (for trends).
	At time.Time
	// Ref identifies the response for the caller (an index, an ID).
	Ref int
}

// TopicCount is how often a topic was mentioned and with which scores.
type TopicCount struct {
	// ID is the topic's ID; Dictionary.Name gives its name.
	ID string
	// Mentions is the number of comments about the topic.
	Mentions int
	// Low, Neutral and High count those comments by the customer's band;
	// comments without a score are in Mentions only.
	Low, Neutral, High int
	// Mean is the mean main score of those comments, NaN without scores;
	// MinScore and MaxScore its range.
	Mean, MinScore, MaxScore float64
	// Examples are up to three of the comments (indexes into the slice
	// given to Count), lowest band first, then in the order given; a
	// text already among them is not repeated.
	Examples []int
}

// Scored returns the number of comments with a score.
func (c TopicCount) Scored() int { return c.Low + c.Neutral + c.High }

// Unhappy returns the share of scored comments in the low band, in
// percent; NaN when none is scored.
func (c TopicCount) Unhappy() float64 {
	if c.Scored() == 0 {
		return math.NaN()
	}
	return float64(c.Low) / float64(c.Scored()) * 100
}

// MaxExamples is how many example comments a TopicCount keeps.
const MaxExamples = 3

// Count matches every comment against d in the survey's language
// surveyLang and returns the topics mentioned at least once, most
// mentioned first (ties: more unhappy first, then dictionary order).
func Count(comments []Comment, d Dictionary, surveyLang string) []TopicCount {
	return CountWith(Compile(d), comments, surveyLang)
}

// CountWith is Count with a compiled dictionary.
func CountWith(m *Matcher, comments []Comment, surveyLang string) []TopicCount {
	n := len(m.dict.Topics)
	counts := make([]TopicCount, n)
	sums := make([]float64, n)
	for i := range counts {
		counts[i] = TopicCount{ID: m.dict.Topics[i].ID, Mean: math.NaN(), MinScore: math.NaN(), MaxScore: math.NaN()}
	}
	cache := stemCache{}
	for ci, c := range comments {
		for _, ti := range m.match(c.Text, surveyLang, cache) {
			tc := &counts[ti]
			tc.Mentions++
			switch c.Band {
			case BandLow:
				tc.Low++
			case BandNeutral:
				tc.Neutral++
			case BandHigh:
				tc.High++
			}
			if c.Band != BandNone && !math.IsNaN(c.Score) {
				sums[ti] += c.Score
				if math.IsNaN(tc.MinScore) || c.Score < tc.MinScore {
					tc.MinScore = c.Score
				}
				if math.IsNaN(tc.MaxScore) || c.Score > tc.MaxScore {
					tc.MaxScore = c.Score
				}
			}
			tc.Examples = addExample(tc.Examples, ci, comments)
		}
	}
	var out []TopicCount
	for i, tc := range counts {
		if tc.Mentions == 0 {
			continue
		}
		if tc.Scored() > 0 {
			tc.Mean = sums[i] / float64(tc.Scored())
		}
		out = append(out, tc)
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Mentions != out[j].Mentions {
			return out[i].Mentions > out[j].Mentions
		}
		return out[i].Low > out[j].Low
	})
	return out
}

// examplePriority orders bands for examples: low first, none last.
var examplePriority = [...]int{BandNone: 3, BandLow: 0, BandNeutral: 1, BandHigh: 2}

// addExample keeps the MaxExamples best examples: lowest band first,
// earlier before later within a band.
func addExample(ex []int, ci int, comments []Comment) []int {
	pr := func(i int) int { return examplePriority[comments[i].Band] }
	for _, e := range ex {
		if comments[e].Text == comments[ci].Text {
			return ex // the same words again tell nothing new
		}
	}
	pos := len(ex)
	for pos > 0 && pr(ex[pos-1]) > pr(ci) {
		pos--
	}
	if pos >= MaxExamples {
		return ex
	}
	ex = append(ex[:pos], append([]int{ci}, ex[pos:]...)...)
	if len(ex) > MaxExamples {
		ex = ex[:MaxExamples]
	}
	return ex
}

// Unmatched returns the indexes of the comments that no topic of d
// matched, in the order given; blank comments are left out.
func Unmatched(comments []Comment, d Dictionary, surveyLang string) []int {
	return UnmatchedWith(Compile(d), comments, surveyLang)
}

// UnmatchedWith is Unmatched with a compiled dictionary.
func UnmatchedWith(m *Matcher, comments []Comment, surveyLang string) []int {
	var out []int
	cache := stemCache{}
	for i, c := range comments {
		if len(Tokens(c.Text)) == 0 {
			continue
		}
		if len(m.match(c.Text, surveyLang, cache)) == 0 {
			out = append(out, i)
		}
	}
	return out
}

// TopicTrend is how often the top topics were mentioned per period.
type TopicTrend struct {
	// Periods are the periods' labels, oldest first.
	Periods []string
	// Comments is the number of comments per period.
	Comments []int
	// Topics are the IDs of the topics shown, most mentioned first.
	Topics []string
	// Counts[t][p] is how many comments of period p mention Topics[t].
	Counts [][]int
}

// Trend counts mentions per period of the top most mentioned topics.
// periods are the periods' labels and periodOf gives a comment's period
// (an index into periods, or -1 to leave it out).
func Trend(comments []Comment, d Dictionary, surveyLang string, periods []string, periodOf func(Comment) int, top int) TopicTrend {
	m := Compile(d)
	tr := TopicTrend{Periods: periods, Comments: make([]int, len(periods))}
	per := make([][]int, len(d.Topics))
	for i := range per {
		per[i] = make([]int, len(periods))
	}
	total := make([]int, len(d.Topics))
	cache := stemCache{}
	for _, c := range comments {
		p := periodOf(c)
		if p < 0 || p >= len(periods) {
			continue
		}
		tr.Comments[p]++
		for _, ti := range m.match(c.Text, surveyLang, cache) {
			per[ti][p]++
			total[ti]++
		}
	}
	idx := make([]int, 0, len(d.Topics))
	for i, t := range total {
		if t > 0 {
			idx = append(idx, i)
		}
	}
	sort.SliceStable(idx, func(a, b int) bool { return total[idx[a]] > total[idx[b]] })
	if len(idx) > top {
		idx = idx[:top]
	}
	for _, i := range idx {
		tr.Topics = append(tr.Topics, d.Topics[i].ID)
		tr.Counts = append(tr.Counts, per[i])
	}
	return tr
}
