package store

import (
	"bufio"
	"compress/gzip"
	"encoding/binary"
	"fmt"
	"io"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"csatdesk/data"
)

// gunzipFixture writes testdata/<name> unpacked into a temporary file.
func gunzipFixture(t *testing.T, name string) string {
	t.Helper()
	src, err := os.Open(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	zr, err := gzip.NewReader(src)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "fixture.db")
	dst, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.Copy(dst, zr); err != nil {
		t.Fatal(err)
	}
	if err := dst.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}

// rawContent is every response and index entry of a database file, read
// with bbolt alone and decoded whatever the schema.
type rawContent struct {
	version   string
	responses map[string]storedResponse // sid|key → response
	staged    map[string]storedResponse // staged key → response
	ids       map[data.ResponseID]uint64
	rows      map[string]bool // import|sid|id of importrows
	supersede map[string]bool // import|sid|id of supersede
	rollups   map[string]string
}

// readRaw reads path with bbolt; v1 says the ID groups are schema 1's.
func readRaw(t *testing.T, path string, v1 bool) rawContent {
	t.Helper()
	db, err := bolt.Open(path, 0o600, &bolt.Options{ReadOnly: true, Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	c := rawContent{responses: map[string]storedResponse{}, staged: map[string]storedResponse{}, ids: map[data.ResponseID]uint64{},
		rows: map[string]bool{}, supersede: map[string]bool{}, rollups: map[string]string{}}
	// groups calls fn for each record of the groups of b.
	groups := func(b *bolt.Bucket, prefixLen, payload int, fn func(prefix []byte, id data.ResponseID, p []byte)) error {
		return b.ForEach(func(k, v []byte) error {
			if v1 {
				return v1GroupRecords(k, prefixLen, v, payload, func(id data.ResponseID, p []byte) { fn(k[:prefixLen], id, p) })
			}
			g := idGroup{key: k, recLen: idRestLen + payload, data: v}
			for _, id := range g.ids() {
				p, _ := g.get(id)
				fn(k[:prefixLen], id, p)
			}
			return nil
		})
	}
	err = db.View(func(tx *bolt.Tx) error {
		c.version = string(tx.Bucket(bucketMeta).Get(keyVersion))
		dc := newDict(tx)
		top := tx.Bucket(bucketResponses)
		for _, sid := range subBuckets(top) {
			err := top.Bucket(u64Key(sid)).ForEach(func(k, v []byte) error {
				if !v1 && v[0] != respCodecV2 {
					return fmt.Errorf("a value of format %d after the migration", v[0])
				}
				sr, err := decodeResponse(dc, sid, k, v)
				c.responses[string(u64Key(sid))+string(k)] = sr
				return err
			})
			if err != nil {
				return err
			}
			err = groups(tx.Bucket(bucketIDs).Bucket(u64Key(sid)), 0, wallLen, func(_ []byte, id data.ResponseID, p []byte) {
				c.ids[id] = binary.BigEndian.Uint64(p)
			})
			if err != nil {
				return err
			}
			err = tx.Bucket(bucketRollups).Bucket(u64Key(sid)).ForEach(func(k, v []byte) error {
				c.rollups[string(u64Key(sid))+string(k)] = string(v)
				return nil
			})
			if err != nil {
				return err
			}
		}
		for name, set := range map[string]map[string]bool{string(bucketImportRows): c.rows, string(bucketSupersede): c.supersede} {
			if b := tx.Bucket([]byte(name)); b != nil {
				err := groups(b, 16, 0, func(prefix []byte, id data.ResponseID, _ []byte) { set[string(prefix)+string(id[:])] = true })
				if err != nil {
					return err
				}
			}
		}
		if b := tx.Bucket(bucketStaged); b != nil {
			return b.ForEach(func(k, v []byte) error {
				sid, rk, err := parseStagedKey(k)
				if err != nil {
					return err
				}
				sr, err := decodeResponse(dc, sid, rk, v)
				c.staged[string(k)] = sr
				return err
			})
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// sameStored compares two stored responses exactly: every field, the
// import, and the zones of both dates.
func sameStored(a, b storedResponse) error {
	if err := sameResponse(a.Response, b.Response); err != nil {
		return err
	}
	const exact = "2006-01-02T15:04:05.999999999-07:00:00"
	switch {
	case a.importID != b.importID:
		return fmt.Errorf("import %d vs %d", a.importID, b.importID)
	case a.CollectedAt.Format(exact) != b.CollectedAt.Format(exact):
		return fmt.Errorf("collected %s vs %s", a.CollectedAt.Format(exact), b.CollectedAt.Format(exact))
	case a.EnteredAt.IsZero() != b.EnteredAt.IsZero() || a.EnteredAt.Format(exact) != b.EnteredAt.Format(exact):
		return fmt.Errorf("entered %s vs %s", a.EnteredAt.Format(exact), b.EnteredAt.Format(exact))
	}
	return nil
}

func sameRawContent(t *testing.T, got, want rawContent) {
	t.Helper()
	for name, pair := range map[string][2]map[string]storedResponse{"response": {got.responses, want.responses}, "staged row": {got.staged, want.staged}} {
		if len(pair[0]) != len(pair[1]) {
			t.Errorf("%d %ss, want %d", len(pair[0]), name, len(pair[1]))
		}
		for k, w := range pair[1] {
			g, ok := pair[0][k]
			if !ok {
				t.Errorf("%s %x is missing", name, k)
				continue
			}
			if err := sameStored(g, w); err != nil {
				t.Errorf("%s %s: %v", name, w.ID, err)
			}
		}
	}
	if !maps.Equal(got.ids, want.ids) {
		t.Errorf("the ID index differs: %d entries, want %d", len(got.ids), len(want.ids))
	}
	if !maps.Equal(got.rows, want.rows) || !maps.Equal(got.supersede, want.supersede) {
		t.Errorf("import rows or responses to supersede differ: %d/%d, want %d/%d", len(got.rows), len(got.supersede), len(want.rows), len(want.supersede))
	}
	if !maps.Equal(got.rollups, want.rollups) {
		t.Errorf("rollups differ")
	}
}

func TestMigratingSchema1KeepsEveryResponseAndIndexAsItWas(t *testing.T) {
	// Schema 2's step, by itself: schema 3's is tested in migrate_v3_test.go.
	all := migrations
	migrations = migrations[:2]
	t.Cleanup(func() { migrations = all })
	path := gunzipFixture(t, "schema-v1.db.gz")
	before := readRaw(t, path, true)
	if before.version != "1" || len(before.responses) == 0 || len(before.staged) == 0 || len(before.supersede) == 0 {
		t.Fatalf("the fixture: version %q, %d responses, %d staged, %d to supersede", before.version, len(before.responses), len(before.staged), len(before.supersede))
	}
	st, err := Open(path, Options{keepPending: true})
	if err != nil {
		t.Fatal(err)
	}
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	after := readRaw(t, path, false)
	if after.version != "2" {
		t.Fatalf("version %q after the migration", after.version)
	}
	sameRawContent(t, after, before)
	if bak := readRaw(t, backupPath(path, 1), true); bak.version != "1" || len(bak.responses) != len(before.responses) {
		t.Errorf("the backup: version %q, %d responses", bak.version, len(bak.responses))
	}

	t.Run("running the step again changes nothing", func(t *testing.T) {
		st, err := Open(path, Options{keepPending: true})
		if err != nil {
			t.Fatal(err)
		}
		defer st.Close()
		dumps := map[string]map[string]string{}
		for _, b := range [][]byte{bucketResponses, bucketIDs, bucketImportRows, bucketSupersede, bucketStaged, bucketStrings} {
			dumps[string(b)] = dumpBucket(t, st, b)
		}
		if err := st.update(migrateCompact); err != nil {
			t.Fatal(err)
		}
		for name, d := range dumps {
			if !maps.Equal(d, dumpBucket(t, st, []byte(name))) {
				t.Errorf("bucket %s changed", name)
			}
		}
	})
}

func TestSchema2ValuesAreSmall(t *testing.T) {
	// An imported row of a Google Forms file: three answers, a branch, a
	// comment on every third row.
	dc := memDict()
	e := encoder{d: dc}
	now := time.Date(2025, 3, 1, 10, 0, 0, 123e6, time.UTC)
	total, totalV1 := 0, 0
	for i := range 300 {
		id := data.NewResponseID(time.Now())
		entered := time.UnixMilli(int64(idMS(id))).UTC() // as the store enters them
		r := data.Response{ID: id, SurveyVersion: 1, CollectedAt: now.Add(-time.Duration(i) * time.Hour), EnteredAt: entered,
			Source: data.SourceImport("0123456789abcdef0123"), Channel: "web",
			Tags: map[string]string{"branch": []string{"Old Town", "Harbour", "Airport"}[i%3]}, Answers: map[uint32]int{1: 1 + i%5, 2: i % 11, 3: 1 + i%5}}
		if i%3 == 0 {
			r.Comment = fmt.Sprintf("Visit %d, all fine; staff friendly", i)
		}
		v := mustEncode(t, &e, &r, 7)
		total += len(v)
		totalV1 += len(encodeV1(&r, 7))
		wall, _ := wallNanos(r.CollectedAt)
		got, err := decodeResponse(dc, 1, appendRespKey(nil, wall, r.ID), v)
		r.SurveyID = 1
		if err != nil || sameStored(got, storedResponse{Response: r, importID: 7}) != nil {
			t.Fatalf("row %d: %v %v", i, err, sameStored(got, storedResponse{Response: r, importID: 7}))
		}
	}
	if avg, v1 := float64(total)/300, float64(totalV1)/300; avg > 24 || v1 < 3*avg {
		t.Errorf("values of %.1f bytes on average (format 1: %.1f); want at most 24, a third of format 1's", avg, v1)
	}
}

// The migration kill test runs this test binary again as a child that
// opens a schema 1 file and is killed while migrating it.
const (
	envMigrateChild = "CSATDESK_MIGRATE_CHILD"
	envMigrateDB    = "CSATDESK_MIGRATE_DB"
	envMigrateStage = "CSATDESK_MIGRATE_STAGE"
)

// TestHelperMigrateChild is the child of
// TestKill9DuringTheMigrationLeavesSchema1; it does nothing in a normal run.
func TestHelperMigrateChild(t *testing.T) {
	if os.Getenv(envMigrateChild) != "1" {
		t.Skip("runs only as the child of TestKill9DuringTheMigrationLeavesSchema1")
	}
	stage := os.Getenv(envMigrateStage)
	migrateHook = func(s string) {
		if s == stage {
			os.Stdout.WriteString("MIGRATING\n")
			select {} // until killed
		}
	}
	_, err := Open(os.Getenv(envMigrateDB), Options{})
	t.Fatalf("the migration was not stopped: %v", err)
}

func TestKill9DuringTheMigrationLeavesSchema1(t *testing.T) {
	if testing.Short() {
		t.Skip("starts child processes")
	}
	for _, stage := range []string{"values", "groups", "end"} {
		t.Run("killed at "+stage, func(t *testing.T) {
			path := gunzipFixture(t, "schema-v1.db.gz")
			before := readRaw(t, path, true)
			cmd := exec.Command(os.Args[0], "-test.run", "^TestHelperMigrateChild$", "-test.v")
			cmd.Env = append(os.Environ(), envMigrateChild+"=1", envMigrateDB+"="+path, envMigrateStage+"="+stage)
			out, err := cmd.StdoutPipe()
			if err != nil {
				t.Fatal(err)
			}
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			sc := bufio.NewScanner(out)
			reached := false
			for sc.Scan() {
				if sc.Text() == "MIGRATING" {
					reached = true
					break
				}
			}
			_ = cmd.Process.Signal(syscall.SIGKILL)
			_ = cmd.Wait()
			if !reached {
				t.Fatal("the child never reached the stage")
			}
			// Schema 1, exactly as it was.
			sameRawContent(t, readRaw(t, path, true), before)
			if v := readRaw(t, path, true).version; v != "1" {
				t.Fatalf("version %q after the kill", v)
			}
			// And it migrates on the next open.
			st, err := Open(path, Options{})
			if err != nil {
				t.Fatal(err)
			}
			defer st.Close()
			assertFigures(t, fixtureFigures(t, st), wantV1Recovered)
		})
	}
}
