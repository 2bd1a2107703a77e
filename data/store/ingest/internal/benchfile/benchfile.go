// Package benchfile writes the Google-Forms-shaped CSV that the import's
// budgets of issue #12 are measured on (BenchmarkSessionGoogleForms and
// `make bench-import`).
package benchfile

import (
	"bufio"
	"fmt"
	"io"
	"time"
)

// Header is the file's header row.
const Header = "Timestamp,How satisfied were you with your visit?,How likely are you to recommend us to a friend?,How was the food?,Branch,Comments\n"

// GoogleForms writes n rows shaped like a Google Forms download: a
// timestamp M/D/YYYY H:MM:SS (a response every two minutes from
// 2021-01-01), a 1–5 satisfaction score, a 0–10 recommend score, a
// labelled 5-point question, a branch and a comment on every third row.
func GoogleForms(w io.Writer, n int) error {
	bw := bufio.NewWriterSize(w, 1<<20)
	if _, err := bw.WriteString(Header); err != nil {
		return err
	}
	labels := []string{"Very dissatisfied", "Dissatisfied", "Neutral", "Satisfied", "Very satisfied"}
	branches := []string{"Old Town", "Harbour", "Airport"}
	t0 := time.Date(2021, 1, 1, 8, 0, 0, 0, time.UTC)
	for i := 0; i < n; i++ {
		t := t0.Add(time.Duration(i) * 2 * time.Minute)
		comment := ""
		if i%3 == 0 {
			comment = fmt.Sprintf("\"Visit %d, all fine; staff friendly\"", i)
		}
		if _, err := fmt.Fprintf(bw, "%d/%d/%d %d:%02d:%02d,%d,%d,%s,%s,%s\n", t.Month(), t.Day(), t.Year(), t.Hour(), t.Minute(), t.Second(),
			1+i%5, i%11, labels[(i/5)%5], branches[i%3], comment); err != nil {
			return err
		}
	}
	return bw.Flush()
}
