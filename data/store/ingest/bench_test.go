package ingest

import (
	"bytes"
	"context"
	"encoding/binary"
	"encoding/csv"
	"io"
	"path/filepath"
	"strings"
	"testing"

	bolt "go.etcd.io/bbolt"
)

const benchRows = 100000

// BenchmarkImport100k imports a 100,000-row CSV into a fresh store in
// batches of DefaultBatchSize, knowing the number of rows as the wizard and
// the command line do (from the scan that shows the preview).
func BenchmarkImport100k(b *testing.B) {
	path := writeFile(b, "100k.csv", genCSV(0, benchRows))
	b.ReportAllocs()
	rows := 0
	for i := 0; b.Loop(); i++ {
		b.StopTimer()
		st := openStore(b, filepath.Join(b.TempDir(), "b.db"))
		sv := genSurvey("bench")
		if err := st.CreateSurvey(&sv); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		rep, err := importPath(b, context.Background(), st, path, &sv, genMapping(), Options{TotalRows: benchRows})
		if err != nil {
			b.Fatal(err)
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
	src := genCSV(0, benchRows)
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
