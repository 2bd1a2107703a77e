package importer

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"io"
	"sync"
	"testing"
	"time"

	"csatdesk/data"
)

var (
	benchOnce sync.Once
	benchCSV  []byte
)

// benchFile is a 100,000-row Google-Forms-like CSV: a timestamp, two
// scores, a label, a branch and a comment (about 9 MB).
func benchFile() []byte {
	benchOnce.Do(func() {
		var b bytes.Buffer
		b.WriteString("Timestamp,Overall satisfaction,How likely to recommend us?,How was the food?,Branch,Comments\n")
		labels := []string{"Very dissatisfied", "Dissatisfied", "Neutral", "Satisfied", "Very satisfied"}
		branches := []string{"Old Town", "Harbour", "Airport"}
		t0 := time.Date(2023, 1, 1, 8, 0, 0, 0, time.UTC)
		for i := 0; i < 100000; i++ {
			t := t0.Add(time.Duration(i) * 7 * time.Minute)
			comment := ""
			if i%3 == 0 {
				comment = fmt.Sprintf("\"Visit %d, all fine; staff friendly\"", i)
			}
			fmt.Fprintf(&b, "%d/%d/%d %d:%02d:%02d,%d,%d,%s,%s,%s\n", t.Month(), t.Day(), t.Year(), t.Hour(), t.Minute(), t.Second(),
				1+i%5, i%11, labels[(i/5)%5], branches[i%3], comment)
		}
		benchCSV = b.Bytes()
	})
	return benchCSV
}

// BenchmarkEncodingCSV100kRows is the baseline: encoding/csv reading the
// same bytes, records reused.
func BenchmarkEncodingCSV100kRows(b *testing.B) {
	in := benchFile()
	b.SetBytes(int64(len(in)))
	b.ReportAllocs()
	for b.Loop() {
		r := csv.NewReader(bytes.NewReader(in))
		r.ReuseRecord = true
		n := 0
		for {
			_, err := r.Read()
			if err == io.EOF {
				break
			}
			if err != nil {
				b.Fatal(err)
			}
			n++
		}
		if n != 100001 {
			b.Fatal(n)
		}
	}
}

// BenchmarkReadCSV100kRows is our reader: detection plus streaming rows
// with spreadsheet row numbers.
func BenchmarkReadCSV100kRows(b *testing.B) {
	in := benchFile()
	b.SetBytes(int64(len(in)))
	b.ReportAllocs()
	for b.Loop() {
		f, err := Open("bench.csv", bytes.NewReader(in), int64(len(in)), Options{})
		if err != nil {
			b.Fatal(err)
		}
		rows, err := f.Rows()
		if err != nil {
			b.Fatal(err)
		}
		n := 0
		for rows.Next() {
			n++
		}
		if err := rows.Err(); err != nil || n != 100000 {
			b.Fatal(n, err)
		}
		rows.Close()
	}
}

// BenchmarkImport100kRows reads and converts every row into a response
// (dates, labels, numbers, tags), emitting to nowhere.
func BenchmarkImport100kRows(b *testing.B) {
	in := benchFile()
	f, err := Open("bench.csv", bytes.NewReader(in), int64(len(in)), Options{})
	if err != nil {
		b.Fatal(err)
	}
	p, err := Scan(f, 1000)
	if err != nil {
		b.Fatal(err)
	}
	prop, err := Guess(f.Source, p, nil)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(in)))
	b.ReportAllocs()
	for b.Loop() {
		rep, err := Run(f, prop.Survey, prop.Mapping, func(data.Response) error { return nil })
		if err != nil || rep.Imported != 100000 {
			b.Fatal(rep.Imported, rep.Skipped, rep.Problems[:min(3, len(rep.Problems))], err)
		}
	}
}
