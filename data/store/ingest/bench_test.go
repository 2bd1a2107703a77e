package ingest

import (
	"bytes"
	"context"
	"encoding/binary"
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"csatdesk/data"
	"csatdesk/data/importer"
	"csatdesk/data/store/ingest/internal/benchfile"
)

// benchRows is the size of the benchmarks' file: CSATDESK_BENCH_RESPONSES
// rows (default 1,000,000, the size the import's budget is set for).
func benchRows() int {
	if s := os.Getenv("CSATDESK_BENCH_RESPONSES"); s != "" {
		if n, err := strconv.Atoi(s); err == nil && n > 0 {
			return n
		}
	}
	return 1_000_000
}

// bench5Survey is the survey of bench5CSV: five questions, as in the
// import's budget: three 1–5 CSAT questions, NPS and CES.
func bench5Survey() data.Survey {
	sv := data.Survey{Name: "bench", Language: "en"}
	sv.AddQuestion(data.NewQuestion(data.KindRating, "Overall satisfaction", 5))
	sv.AddQuestion(data.NewQuestion(data.KindRating, "Speed of service", 5))
	sv.AddQuestion(data.NewQuestion(data.KindRating, "Friendliness of staff", 5))
	sv.AddQuestion(data.NewQuestion(data.KindNPS, "Recommend", 0))
	sv.AddQuestion(data.NewQuestion(data.KindCES, "Easy to order", 0))
	for i := range sv.Questions {
		sv.Questions[i].Required = i == 0
	}
	return sv
}

// bench5Mapping maps bench5CSV's columns onto bench5Survey.
func bench5Mapping() importer.Mapping {
	m := importer.Mapping{DateOrder: importer.YMD, Loc: time.UTC}
	for i, h := range []string{"Respondent ID", "Date", "Overall satisfaction", "Speed of service", "Friendliness of staff", "Recommend", "Easy to order", "Location", "Comment"} {
		c := importer.ColumnMap{Column: i, Header: h, Target: importer.TargetQuestion, QuestionID: uint32(i - 1)}
		switch i {
		case 0:
			c.Target, c.QuestionID = importer.TargetExternalID, 0
		case 1:
			c.Target, c.QuestionID = importer.TargetCollectedAt, 0
		case 7:
			c.Target, c.QuestionID, c.Tag = importer.TargetTag, 0, "location"
		case 8:
			c.Target, c.QuestionID = importer.TargetComment, 0
		}
		m.Columns = append(m.Columns, c)
	}
	return m
}

// bench5CSV returns n rows in the shape of a SurveyMonkey export: increasing
// 12-digit respondent IDs with gaps, a response every two minutes, five
// answers (some left blank), a location and a comment on every fourth row;
// every 97th row has an answer off the scale and is skipped.
func bench5CSV(n int) []byte {
	var b bytes.Buffer
	b.WriteString("Respondent ID,Date,Overall satisfaction,Speed of service,Friendliness of staff,Recommend,Easy to order,Location,Comment\n")
	start := time.Date(2022, 1, 1, 9, 0, 0, 0, time.UTC)
	for i := 0; i < n; i++ {
		q1 := strconv.Itoa(1 + i%5)
		if i%97 == 13 {
			q1 = "6"
		}
		q2, q3 := strconv.Itoa(1+(i/3)%5), strconv.Itoa(1+(i/7)%5)
		nps, ces := strconv.Itoa(i%11), strconv.Itoa(1+i%7)
		if i%9 == 0 {
			q3, ces = "", ""
		}
		comment := ""
		if i%4 == 0 {
			comment = "comment " + strconv.Itoa(i)
		}
		at := start.Add(time.Duration(i) * 2 * time.Minute)
		fmt.Fprintf(&b, "%d,%s,%s,%s,%s,%s,%s,%s,%s\n", 114104395826+7*i, at.Format("2006-01-02 15:04:05"),
			q1, q2, q3, nps, ces, []string{"north", "south", "east"}[i%3], comment)
	}
	return b.Bytes()
}

// BenchmarkImport imports a CSV of benchRows rows of a 5-question survey
// (bench5CSV) into a fresh store in batches of DefaultBatchSize, knowing
// the number of rows as the wizard and the command line do (from the scan
// that shows the preview).
func BenchmarkImport(b *testing.B) {
	n := benchRows()
	path := writeFile(b, "bench.csv", bench5CSV(n))
	b.ReportAllocs()
	rows := 0
	for i := 0; b.Loop(); i++ {
		b.StopTimer()
		st := openStore(b, filepath.Join(b.TempDir(), "b.db"))
		sv := bench5Survey()
		if err := st.CreateSurvey(&sv); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		rep, err := importPath(b, context.Background(), st, path, &sv, bench5Mapping(), Options{TotalRows: n})
		if err != nil {
			b.Fatal(err)
		}
		if want := n - (n+83)/97; rep.Imported != want {
			b.Fatalf("imported %d rows, want %d: %+v", rep.Imported, want, rep.Problems[:min(3, len(rep.Problems))])
		}
		rows += rep.Read
		b.StopTimer()
		st.Close()
		b.StartTimer()
	}
	b.ReportMetric(float64(rows)/b.Elapsed().Seconds(), "rows/s")
}

// BenchmarkBaselineCSVPlusRawBatches is the floor Import is measured
// against: encoding/csv parsing the same bytes and writing a value of the
// same size per row (the row's bytes) under an increasing key into a bbolt
// file, DefaultBatchSize rows per transaction.
func BenchmarkBaselineCSVPlusRawBatches(b *testing.B) {
	src := bench5CSV(benchRows())
	b.ReportAllocs()
	rows := 0
	for b.Loop() {
		b.StopTimer()
		db, err := bolt.Open(filepath.Join(b.TempDir(), "raw.db"), 0o600, nil)
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		cr := csv.NewReader(bytes.NewReader(src))
		cr.ReuseRecord = true
		if _, err := cr.Read(); err != nil { // header
			b.Fatal(err)
		}
		type kv struct{ k, v []byte }
		batch := make([]kv, 0, DefaultBatchSize)
		seq := uint64(0)
		flush := func() {
			err := db.Update(func(tx *bolt.Tx) error {
				bk, err := tx.CreateBucketIfNotExists([]byte("raw"))
				if err != nil {
					return err
				}
				for _, e := range batch {
					if err := bk.Put(e.k, e.v); err != nil {
						return err
					}
				}
				return nil
			})
			if err != nil {
				b.Fatal(err)
			}
			batch = batch[:0]
		}
		for {
			rec, err := cr.Read()
			if err == io.EOF {
				break
			}
			if err != nil {
				b.Fatal(err)
			}
			seq++
			batch = append(batch, kv{binary.BigEndian.AppendUint64(nil, seq), []byte(strings.Join(rec, ","))})
			rows++
			if len(batch) == DefaultBatchSize {
				flush()
			}
		}
		flush()
		b.StopTimer()
		db.Close()
		b.StartTimer()
	}
	b.ReportMetric(float64(rows)/b.Elapsed().Seconds(), "rows/s")
}

// googleFormsCSV returns n rows shaped like a Google Forms download
// (benchfile.GoogleForms), the shape of issue #12's budgets.
func googleFormsCSV(n int) []byte {
	var b bytes.Buffer
	_ = benchfile.GoogleForms(&b, n)
	return b.Bytes()
}

// BenchmarkSessionGoogleForms is what `csatdesk import FILE --survey new`
// does with a Google-Forms-shaped file of benchRows rows: open a session
// (detect, profile the first rows, hash), guess a new survey, import. It
// reports the stored bytes per response of the file compacted.
func BenchmarkSessionGoogleForms(b *testing.B) {
	n := benchRows()
	path := writeFile(b, "gf.csv", googleFormsCSV(n))
	b.ReportAllocs()
	rows := 0
	var perResp float64
	for b.Loop() {
		b.StopTimer()
		dbPath := filepath.Join(b.TempDir(), "b.db")
		st := openStore(b, dbPath)
		b.StartTimer()
		s, err := OpenPath(context.Background(), st, path, importer.Options{}, nil)
		if err != nil {
			b.Fatal(err)
		}
		prop, err := s.Guess(nil)
		if err != nil || prop.Survey == nil {
			b.Fatalf("guess: %v", err)
		}
		sv := *prop.Survey
		rep, err := s.Run(context.Background(), &sv, prop.Mapping, Options{Loc: time.UTC})
		if err != nil || rep.Imported != n {
			b.Fatalf("imported %d of %d: %v", rep.Imported, n, err)
		}
		rows += rep.Read
		s.Close()
		b.StopTimer()
		perResp = compactedBytesPerResponse(b, st, dbPath, n)
		b.StartTimer()
	}
	b.ReportMetric(float64(rows)/b.Elapsed().Seconds(), "rows/s")
	b.ReportMetric(perResp, "B/response")
}

// compactedBytesPerResponse closes st and returns the pages its file
// holds, compacted, per response: what a response costs on disk.
func compactedBytesPerResponse(b *testing.B, st interface{ Close() error }, path string, n int) float64 {
	if err := st.Close(); err != nil {
		b.Fatal(err)
	}
	src, err := bolt.Open(path, 0o600, &bolt.Options{ReadOnly: true})
	if err != nil {
		b.Fatal(err)
	}
	defer src.Close()
	dst, err := bolt.Open(path+".compact", 0o600, nil)
	if err != nil {
		b.Fatal(err)
	}
	defer dst.Close()
	if err := bolt.Compact(dst, src, 64<<20); err != nil {
		b.Fatal(err)
	}
	var pages int64
	err = dst.View(func(tx *bolt.Tx) error {
		pages = int64(tx.Size()) / int64(tx.DB().Info().PageSize)
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	return float64(pages*int64(dst.Info().PageSize)) / float64(n)
}

// BenchmarkSessionOpenGoogleForms is the wait before the wizard shows a
// file of benchRows Google-Forms rows (58 MB at 1M): detecting its format,
// profiling its first rows, hashing it (issue #12: detection on a 50 MB
// file < 0.5 s, no whole-file pass before the import).
func BenchmarkSessionOpenGoogleForms(b *testing.B) {
	path := writeFile(b, "gf.csv", googleFormsCSV(benchRows()))
	st := openStore(b, filepath.Join(b.TempDir(), "b.db"))
	b.ReportAllocs()
	for b.Loop() {
		s, err := OpenPath(context.Background(), st, path, importer.Options{}, nil)
		if err != nil {
			b.Fatal(err)
		}
		if !s.Partial {
			b.Fatal("the whole file was profiled")
		}
		s.Close()
	}
}
