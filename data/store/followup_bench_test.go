package store

import (
	"testing"
)

// BenchmarkFollowUpList reads the follow-up list of the big benchmark
// database (CSATDESK_BENCH_RESPONSES responses): every response of the
// survey is read and the rule applied, so it grows with the survey. The
// window reads it in the background; the dashboard counter is the same
// scan (FollowUpCounts).
func BenchmarkFollowUpList(b *testing.B) {
	path := bigDB(b)
	st, err := Open(path, Options{ReadOnly: true})
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	b.ReportAllocs()
	b.ResetTimer()
	n := 0
	for b.Loop() {
		items, err := st.FollowUpList(big.sid, FollowUpFilter{})
		if err != nil {
			b.Fatal(err)
		}
		n = len(items)
	}
	b.ReportMetric(float64(n), "listed")
	b.ReportMetric(float64(big.n), "responses")
}
