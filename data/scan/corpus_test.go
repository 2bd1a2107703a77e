package scan_test

import (
	"os"
	"testing"
	"time"

	"csatdesk/data/scan"
	"csatdesk/data/scan/scantest"
)

func TestCorpusQuick(t *testing.T) {
	c := scantest.New(1)
	ts := map[scantest.Class]*scantest.Tally{}
	n := 3
	if os.Getenv("N") != "" {
		n = 10
	}
	for _, cl := range scantest.Classes {
		ts[cl] = &scantest.Tally{}
		for i := 0; i < n; i++ {
			s := c.Sample(cl, i)
			start := time.Now()
			pr, _ := scan.Read(scan.Page{Image: s.Image}, c.Finder())
			d := time.Since(start)
			r := scantest.Check(s, pr)
			ts[cl].Add(r, d)
			t.Logf("%s %s: id=%v acc=%d/%d silent=%d prob=%q adv=%q %v", s.Name, s.Notes, r.Identified, r.Accepted, r.Questions, r.Silent, r.Problem, r.Advice, r.Wrong)
		}
	}
	t.Log("\n" + scantest.Table(scantest.Classes, ts))
}
