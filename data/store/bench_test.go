package store

import (
	"encoding/binary"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"csatdesk/data"
)

// The benchmarks run against a database of CSATDESK_BENCH_RESPONSES
// responses (default 1,000,000) spread over five years, built once per
// process in a temporary directory.

const benchBatch = 10000

func benchResponses() int {
	if s := os.Getenv("CSATDESK_BENCH_RESPONSES"); s != "" {
		if n, err := strconv.Atoi(s); err == nil && n > 0 {
			return n
		}
	}
	return 1_000_000
}

var big struct {
	once  sync.Once
	dir   string
	path  string
	sid   uint64
	n     int
	first data.Day
	today data.Day
	build time.Duration
	err   error
}

func TestMain(m *testing.M) {
	code := m.Run()
	if big.dir != "" {
		_ = os.RemoveAll(big.dir)
	}
	os.Exit(code)
}

// fillStore adds n generated responses over five years up to today to
// survey sid in batches, and returns the time spent inside AddResponses.
func fillStore(st *Store, sid uint64, n int, seed uint64, pause, resume func()) (time.Duration, error) {
	d, _, err := fillStoreCPU(st, sid, n, seed, pause, resume)
	return d, err
}

// fillStoreCPU is fillStore that also returns the process CPU time spent in
// AddResponses.
func fillStoreCPU(st *Store, sid uint64, n int, seed uint64, pause, resume func()) (time.Duration, time.Duration, error) {
	rng := rand.New(rand.NewPCG(seed, seed))
	today := data.DayOf(time.Now())
	first := today - 5*365
	var spent, cpu time.Duration
	for done := 0; done < n; done += benchBatch {
		size := min(benchBatch, n-done)
		pause()
		rs := make([]data.Response, size)
		for i := range rs {
			rs[i] = genResponse(rng, sid, first+data.Day(int64(done+i)*int64(today-first+1)/int64(n)))
		}
		resume()
		start, c0 := time.Now(), cpuTime()
		if err := st.AddResponses(rs); err != nil {
			return spent, cpu, err
		}
		spent += time.Since(start)
		cpu += cpuTime() - c0
	}
	return spent, cpu, nil
}

// bigDB returns the path of the shared benchmark database, building it on
// first use.
func bigDB(b *testing.B) string {
	b.Helper()
	big.once.Do(func() {
		big.n = benchResponses()
		big.dir, big.err = os.MkdirTemp("", "csatdesk-bench-")
		if big.err != nil {
			return
		}
		big.path = filepath.Join(big.dir, "big.db")
		st, err := Open(big.path, Options{Create: true})
		if err != nil {
			big.err = err
			return
		}
		defer st.Close()
		sv := testSurvey("Benchmark bakery")
		if big.err = st.CreateSurvey(&sv); big.err != nil {
			return
		}
		big.sid = sv.ID
		big.today = data.DayOf(time.Now())
		big.first = big.today - 5*365
		big.build, big.err = fillStore(st, sv.ID, big.n, 42, func() {}, func() {})
	})
	if big.err != nil {
		b.Fatalf("build benchmark database: %v", big.err)
	}
	return big.path
}

func fileSize(b *testing.B, path string) float64 {
	b.Helper()
	fi, err := os.Stat(path)
	if err != nil {
		b.Fatal(err)
	}
	return float64(fi.Size())
}

// BenchmarkOpenAndKPI12Months opens the big database and computes the
// dashboard's 12-month KPIs (CSAT %, mean, NPS, response count) from Days.
// Budget: < 50 ms.
func BenchmarkOpenAndKPI12Months(b *testing.B) {
	path := bigDB(b)
	b.ReportAllocs()
	b.ResetTimer()
	var csat data.CSAT
	var nps data.NPS
	for range b.N {
		st, err := Open(path, Options{})
		if err != nil {
			b.Fatal(err)
		}
		from := big.today - 364
		var hs [3]data.Histogram
		for i, q := range []uint32{qCSAT, qNPS, 0} {
			days, err := st.Days(big.sid, q, data.Segment{}, from, big.today)
			if err != nil {
				b.Fatal(err)
			}
			hs[i] = data.Sum(days, from, big.today)
		}
		csat = data.CSATOf(hs[0], 4)
		_ = hs[0].Mean()
		nps = data.NPSOf(hs[1])
		if hs[2][0] == 0 || csat.N == 0 {
			b.Fatal("no data in the last 12 months")
		}
		if err := st.Close(); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	b.ReportMetric(fileSize(b, path), "db-bytes")
	b.ReportMetric(float64(big.n), "db-responses")
	_ = nps
}

// BenchmarkDashboardFilter recomputes a 12-month monthly CSAT trend for
// one location segment and the whole survey (a filter change). Budget:
// < 50 ms.
func BenchmarkDashboardFilter(b *testing.B) {
	path := bigDB(b)
	st, err := Open(path, Options{ReadOnly: true})
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	from := big.today - 364
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		for _, seg := range []data.Segment{{}, data.ByTag(data.TagLocation, "Riga"), data.ByChannel("web")} {
			days, err := st.Days(big.sid, qCSAT, seg, from, big.today)
			if err != nil {
				b.Fatal(err)
			}
			_ = data.CSATTrend(data.Bucketize(days, data.PeriodMonth, from, big.today), 4)
		}
		if _, err := st.Segments(big.sid); err != nil {
			b.Fatal(err)
		}
		if _, err := st.SurveyStats(big.sid); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkAddResponse saves one entered response, with its indexes and
// rollups, into the big database (one durable transaction). Budget: < 5 ms.
func BenchmarkAddResponse(b *testing.B) {
	path := bigDB(b)
	st, err := Open(path, Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	rng := rand.New(rand.NewPCG(99, 99))
	b.ReportAllocs()
	b.ResetTimer()
	c0 := cpuTime()
	for i := range b.N {
		r := genResponse(rng, big.sid, big.today-data.Day(i%30))
		if err := st.AddResponse(&r); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64((cpuTime()-c0).Nanoseconds())/float64(b.N), "cpu-ns/op")
}

// BenchmarkBaselineRawCommit is the yardstick for BenchmarkAddResponse: one
// plain bbolt Update putting one small value into the same big file. Its
// time is mostly the two fdatasyncs of a bbolt commit, which AddResponse
// pays too.
func BenchmarkBaselineRawCommit(b *testing.B) {
	path := bigDB(b)
	db, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: time.Second})
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	b.ReportAllocs()
	b.ResetTimer()
	c0 := cpuTime()
	for i := range b.N {
		err := db.Update(func(tx *bolt.Tx) error {
			return tx.Bucket(bucketSettings).Put([]byte("bench-"+strconv.Itoa(i)), make([]byte, 68))
		})
		if err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64((cpuTime()-c0).Nanoseconds())/float64(b.N), "cpu-ns/op")
}

// BenchmarkResponsesPage reads one 100-row page from the middle of the
// big database, as the response list does while scrolling.
func BenchmarkResponsesPage(b *testing.B) {
	path := bigDB(b)
	st, err := Open(path, Options{ReadOnly: true})
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	var cursor []byte
	for range 50 {
		_, cursor, _ = st.ResponsesBefore(big.sid, cursor, 100)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		rs, _, err := st.ResponsesBefore(big.sid, cursor, 100)
		if err != nil || len(rs) == 0 {
			b.Fatal(err)
		}
	}
}

// BenchmarkAddResponsesBulk imports CSATDESK_BENCH_RESPONSES responses into
// a fresh database in batches of 10,000 (AddResponses: validation, codec,
// ID index, rollups). Budget: >= 300,000 responses/s. Generating the
// responses is not timed.
func BenchmarkAddResponsesBulk(b *testing.B) {
	n := benchResponses()
	b.ReportAllocs()
	var spent, cpu time.Duration
	var size float64
	for i := range b.N {
		b.StopTimer()
		path := filepath.Join(b.TempDir(), "bulk.db")
		st, err := Open(path, Options{Create: true})
		if err != nil {
			b.Fatal(err)
		}
		sv := testSurvey("Bulk")
		if err := st.CreateSurvey(&sv); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		d, c, err := fillStoreCPU(st, sv.ID, n, uint64(i), b.StopTimer, b.StartTimer)
		if err != nil {
			b.Fatal(err)
		}
		spent, cpu = spent+d, cpu+c
		b.StopTimer()
		_ = st.Close()
		size = fileSize(b, path)
		b.StartTimer()
	}
	b.ReportMetric(float64(n*b.N)/spent.Seconds(), "responses/s")
	b.ReportMetric(float64(cpu.Nanoseconds())/float64(n*b.N), "cpu-ns/response")
	b.ReportMetric(size, "db-bytes")
}

// BenchmarkAddResponsesBulkRandomForms is BenchmarkAddResponsesBulk with
// the one response in seven that has a form number given a random one
// instead of one in date order: random keys in the form-number index.
func BenchmarkAddResponsesBulkRandomForms(b *testing.B) {
	randomForms = true
	defer func() { randomForms = false }()
	BenchmarkAddResponsesBulk(b)
}

// BenchmarkBaselineRawPut is the yardstick for BenchmarkAddResponsesBulk:
// the same number of values of the same average size as encoded responses,
// under sequential 24-byte keys, in batches of 10,000, into a plain bbolt
// file — no validation, encoding, indexes or rollups.
func BenchmarkBaselineRawPut(b *testing.B) {
	n := benchResponses()
	// The average encoded size of a generated response.
	rng := rand.New(rand.NewPCG(1, 1))
	e := encoder{d: memDict()}
	total := 0
	for range 1000 {
		r := genResponse(rng, 1, 20000)
		r.ID = data.NewResponseID(time.Now())
		r.EnteredAt = time.Now()
		total += len(mustEncode(b, &e, &r, 0))
	}
	vsize := total / 1000
	b.ReportAllocs()
	var spent, cpu time.Duration
	var size float64
	for range b.N {
		b.StopTimer()
		path := filepath.Join(b.TempDir(), "raw.db")
		db, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: time.Second})
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		start, c0 := time.Now(), cpuTime()
		for done := 0; done < n; done += benchBatch {
			err := db.Update(func(tx *bolt.Tx) error {
				bk, err := tx.CreateBucketIfNotExists([]byte("raw"))
				if err != nil {
					return err
				}
				for i := done; i < min(done+benchBatch, n); i++ {
					k := make([]byte, 24)
					binary.BigEndian.PutUint64(k, uint64(i))
					if err := bk.Put(k, make([]byte, vsize)); err != nil {
						return err
					}
				}
				return nil
			})
			if err != nil {
				b.Fatal(err)
			}
		}
		spent += time.Since(start)
		cpu += cpuTime() - c0
		b.StopTimer()
		_ = db.Close()
		size = fileSize(b, path)
		b.StartTimer()
	}
	b.ReportMetric(float64(n*b.N)/spent.Seconds(), "responses/s")
	b.ReportMetric(float64(cpu.Nanoseconds())/float64(n*b.N), "cpu-ns/response")
	b.ReportMetric(size, "db-bytes")
	b.ReportMetric(float64(vsize), "value-bytes")
}

// BenchmarkRebuildRollups recomputes all rollups of the big database.
func BenchmarkRebuildRollups(b *testing.B) {
	path := bigDB(b)
	st, err := Open(path, Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		if err := st.RebuildRollups(); err != nil {
			b.Fatal(err)
		}
	}
}

func ExampleStore_Days() {
	dir, _ := os.MkdirTemp("", "example")
	defer os.RemoveAll(dir)
	st, err := Open(filepath.Join(dir, "csatdesk.db"), Options{Create: true})
	if err != nil {
		fmt.Println(err)
		return
	}
	defer st.Close()
	sv := data.Survey{Name: "Counter"}
	q := sv.AddQuestion(data.NewQuestion(data.KindRating, "How was your visit?", 5))
	_ = st.CreateSurvey(&sv)
	for _, v := range []int{5, 4, 2} {
		r := data.Response{SurveyID: sv.ID, CollectedAt: time.Date(2025, 3, 14, 12, 0, 0, 0, time.UTC), Answers: map[uint32]int{q: v}}
		_ = st.AddResponse(&r)
	}
	days, _ := st.Days(sv.ID, q, data.Segment{}, 0, 0)
	c := data.CSATOf(days[0].Hist, 4)
	fmt.Printf("%s: CSAT %.0f%% of %d\n", days[0].Day, c.Percent, c.N)
	// Output: 2025-03-14: CSAT 67% of 3
}
