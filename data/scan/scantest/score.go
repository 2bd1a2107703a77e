package scantest

import (
	"fmt"
	"strings"
	"time"

	"csatdesk/data/scan"
)

// Result is how a reading of one sample compares with its truth.
type Result struct {
	Identified bool
	Questions  int
	// Accepted questions would be stored without review; Silent are the
	// accepted ones whose reading is wrong.
	Accepted, Silent int
	Advice           string
	Problem          string
	// Wrong lists the silent errors, for the test's log.
	Wrong []string
}

// Check compares pr with the sample's truth.
func Check(s Sample, pr *scan.PageRead) Result {
	r := Result{Identified: pr.Identified && pr.Code == s.Code, Advice: pr.Advice, Problem: pr.Problem}
	r.Questions = len(s.Truth)
	if !r.Identified {
		return r
	}
	got := map[uint32]scan.QuestionRead{}
	for _, q := range pr.Questions {
		got[q.QuestionID] = q
	}
	for _, t := range s.Truth {
		q, ok := got[t.QuestionID]
		if !ok || !q.Accepted(t.Optional) {
			continue
		}
		r.Accepted++
		val := q.Value
		if q.State != scan.Clear {
			val = scan.NoAnswer
		}
		if t.Double || val != t.Value {
			r.Silent++
			r.Wrong = append(r.Wrong, fmt.Sprintf("q%d %s: truth %d read %d (state %d conf %.2f scores %.3f)", t.QuestionID, t.Kind, t.Value, q.Value, q.State, q.Confidence, q.Scores))
		}
	}
	return r
}

// Tally adds up results of one class.
type Tally struct {
	Pages, Identified   int
	Questions, Accepted int
	Silent              int
	Advised             int
	Time                time.Duration
	Problems            map[string]int
}

// Add counts r, read in d.
func (t *Tally) Add(r Result, d time.Duration) {
	t.Pages++
	if r.Identified {
		t.Identified++
	}
	t.Questions += r.Questions
	t.Accepted += r.Accepted
	t.Silent += r.Silent
	if r.Advice != "" {
		t.Advised++
	}
	t.Time += d
	if r.Problem != "" {
		if t.Problems == nil {
			t.Problems = map[string]int{}
		}
		t.Problems[r.Problem]++
	}
}

func pct(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return 100 * float64(a) / float64(b)
}

// IdentifiedPct is the share of pages identified.
func (t *Tally) IdentifiedPct() float64 { return pct(t.Identified, t.Pages) }

// AcceptedPct is the share of questions stored without review.
func (t *Tally) AcceptedPct() float64 { return pct(t.Accepted, t.Questions) }

// SilentPct is the share of questions accepted with a wrong reading.
func (t *Tally) SilentPct() float64 { return pct(t.Silent, t.Questions) }

// PerPage is the mean reading time of a page.
func (t *Tally) PerPage() time.Duration {
	if t.Pages == 0 {
		return 0
	}
	return t.Time / time.Duration(t.Pages)
}

// Table renders the Budgets table for the classes in order.
func Table(classes []Class, ts map[Class]*Tally) string {
	var b strings.Builder
	b.WriteString("| input | pages | identified | auto-accepted | silent errors | advised | time/page |\n|---|---|---|---|---|---|---|\n")
	for _, c := range classes {
		t := ts[c]
		if t == nil {
			continue
		}
		fmt.Fprintf(&b, "| %s | %d | %.1f %% | %.1f %% | %.2f %% (%d) | %d | %.3f s |\n", c, t.Pages, t.IdentifiedPct(), t.AcceptedPct(), t.SilentPct(), t.Silent, t.Advised, t.PerPage().Seconds())
	}
	return b.String()
}
