// Command rawbaseline is the whole-process floor the import's budget is
// measured against: encoding/csv reading a file and writing each record's
// bytes under an increasing key into a fresh bbolt file, in transactions of
// ingest.DefaultBatchSize rows — what BenchmarkBaselineCSVPlusRawBatches
// does, as a program, so that /usr/bin/time -v can compare its CPU time,
// wall time and peak memory with `csatdesk import` on the same file:
//
//	go build -o /tmp/rawbaseline ./data/store/ingest/internal/rawbaseline
//	/tmp/rawbaseline -gen 1000000 > FILE.csv   (the Google-Forms-shaped file)
//	/usr/bin/time -v /tmp/rawbaseline FILE.csv OUT.db
//
// `make bench-import` does all of it, alternating with `csatdesk import`.
package main

import (
	"encoding/binary"
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	bolt "go.etcd.io/bbolt"

	"csatdesk/data/store/ingest/internal/benchfile"
)

// batchSize is ingest.DefaultBatchSize (not imported: the baseline links
// nothing of CSAT Desk).
const batchSize = 10000

func main() {
	if len(os.Args) == 3 && os.Args[1] == "-gen" {
		n, err := strconv.Atoi(os.Args[2])
		if err == nil {
			err = benchfile.GoogleForms(os.Stdout, n)
		}
		if err != nil {
			fmt.Fprintln(os.Stderr, "rawbaseline:", err)
			os.Exit(1)
		}
		return
	}
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: rawbaseline FILE.csv OUT.db | rawbaseline -gen ROWS > FILE.csv")
		os.Exit(2)
	}
	n, err := run(os.Args[1], os.Args[2])
	if err != nil {
		fmt.Fprintln(os.Stderr, "rawbaseline:", err)
		os.Exit(1)
	}
	fmt.Printf("%d rows\n", n)
}

func run(in, out string) (int, error) {
	f, err := os.Open(in)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	db, err := bolt.Open(out, 0o600, nil)
	if err != nil {
		return 0, err
	}
	defer db.Close()
	cr := csv.NewReader(f)
	cr.ReuseRecord = true
	cr.FieldsPerRecord = -1
	if _, err := cr.Read(); err != nil { // header
		return 0, err
	}
	type kv struct{ k, v []byte }
	batch := make([]kv, 0, batchSize)
	seq, rows := uint64(0), 0
	flush := func() error {
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
		batch = batch[:0]
		return err
	}
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return rows, err
		}
		seq++
		batch = append(batch, kv{binary.BigEndian.AppendUint64(nil, seq), []byte(strings.Join(rec, ","))})
		rows++
		if len(batch) == batchSize {
			if err := flush(); err != nil {
				return rows, err
			}
		}
	}
	return rows, flush()
}
