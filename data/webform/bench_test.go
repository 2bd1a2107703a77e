package webform

import (
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"
)

// BenchmarkPhonePage measures, over real loopback HTTP on this machine, a
// bare net/http handler (the baseline), the survey page's GET, and a
// phone's whole answer (GET the page, POST it, stored with fsync). It
// reports answers/s, the ratio to the 50 answers/s budget, and the page's
// throughput as a fraction of the bare handler's in the same run.
func BenchmarkPhonePage(b *testing.B) {
	f := newFixture(b, func(c *Config) {
		c.Addrs = []string{"127.0.0.1:0"}
		c.Now = nil
		c.MaxPerSecond = 1 << 30 // the flood limit is not what is measured
	})
	if err := f.srv.Start(); err != nil {
		b.Fatal(err)
	}
	defer f.srv.Close()
	bare := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.WriteString(w, "ok")
	})}
	ln, err := netListen()
	if err != nil {
		b.Fatal(err)
	}
	go func() { _ = bare.Serve(ln) }()
	defer bare.Close()
	bareURL := "http://" + ln.Addr().String() + "/"
	pageURL := f.srv.URLs()[0]
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 4}}
	get := func(u string) string {
		res, err := client.Get(u)
		if err != nil {
			b.Fatal(err)
		}
		body, _ := io.ReadAll(res.Body)
		res.Body.Close()
		return string(body)
	}
	rate := func(n int, fn func()) float64 {
		start := time.Now()
		for range n {
			fn()
		}
		return float64(n) / time.Since(start).Seconds()
	}
	q := f.sv.Questions
	answer := func() {
		page := get(pageURL)
		nonce := nonceRE.FindStringSubmatch(page)[1]
		form := url.Values{"n": {nonce}, qn(q[0]): {"4"}, qn(q[1]): {"1"}}
		res, err := client.Post(pageURL, "application/x-www-form-urlencoded", strings.NewReader(form.Encode()))
		if err != nil {
			b.Fatal(err)
		}
		_, _ = io.Copy(io.Discard, res.Body)
		res.Body.Close()
		if res.StatusCode != 200 {
			b.Fatalf("POST: %s", res.Status)
		}
	}
	for range 20 { // warm both up: connections, caches
		get(bareURL)
		get(pageURL)
	}
	b.ReportAllocs()
	var bareRate, getRate float64
	for b.Loop() {
		bareRate = rate(200, func() { get(bareURL) })
		getRate = rate(200, func() { get(pageURL) })
		answerRate := rate(100, answer)
		b.ReportMetric(answerRate, "answers/s")
		b.ReportMetric(answerRate/50, "x-budget")
	}
	b.ReportMetric(getRate, "pages/s")
	b.ReportMetric(bareRate, "bare/s")
	b.ReportMetric(getRate/bareRate, "page-vs-bare")
}
