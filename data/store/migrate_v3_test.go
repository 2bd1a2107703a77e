package store

import (
	"bytes"
	"errors"
	"maps"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"csatdesk/data"
)

// sealedContent is what a file holds, read with bbolt: every response and
// staged row decoded, survey records, and whether every value is sealed.
type sealedContent struct {
	version   string
	responses map[string]storedResponse
	surveys   map[string]string // JSON without the checksum
	unsealed  int
	// stringsSealed: the dictionary is sealed (keyStringsSealed).
	stringsSealed bool
}

func readSealed(t *testing.T, path string) sealedContent {
	t.Helper()
	db, err := bolt.Open(path, 0o600, &bolt.Options{ReadOnly: true, Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	c := sealedContent{responses: map[string]storedResponse{}, surveys: map[string]string{}}
	err = db.View(func(tx *bolt.Tx) error {
		c.version = string(tx.Bucket(bucketMeta).Get(keyVersion))
		c.stringsSealed = stringsSealed(tx)
		dc := newDict(tx)
		top := tx.Bucket(bucketResponses)
		for _, sid := range subBuckets(top) {
			if err := top.Bucket(u64Key(sid)).ForEach(func(k, v []byte) error {
				if v[0] != respCodecV3 {
					c.unsealed++
				}
				sr, err := decodeResponse(dc, sid, k, v)
				c.responses[string(u64Key(sid))+string(k)] = sr
				return err
			}); err != nil {
				return err
			}
		}
		if b := tx.Bucket(bucketStaged); b != nil {
			if err := b.ForEach(func(k, v []byte) error {
				if v[0] != respCodecV3 {
					c.unsealed++
				}
				sid, rk, err := parseStagedKey(k)
				if err != nil {
					return err
				}
				sr, err := decodeResponse(dc, sid, rk, v)
				c.responses["staged"+string(k)] = sr
				return err
			}); err != nil {
				return err
			}
		}
		return tx.Bucket(bucketSurveys).ForEach(func(k, v []byte) error {
			js, sealed, err := unsealSurvey(v)
			if !sealed {
				c.unsealed++
			}
			c.surveys[string(k)] = string(js)
			return err
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// TestMigratingSchema2SealsEveryValueAndChangesNothingElse migrates the
// schema 1 and 2 fixtures (imports left pending, as written): every
// response, staged row and survey decodes as before, and is sealed.
func TestMigratingSchema2SealsEveryValueAndChangesNothingElse(t *testing.T) {
	for _, fx := range []string{"schema-v1.db.gz", "schema-v2.db.gz"} {
		t.Run(fx, func(t *testing.T) {
			path := gunzipFixture(t, fx)
			var before sealedContent
			if fx == "schema-v2.db.gz" {
				before = readSealed(t, path)
			}
			st, err := Open(path, Options{keepPending: true})
			if err != nil {
				t.Fatal(err)
			}
			if err := st.Close(); err != nil {
				t.Fatal(err)
			}
			after := readSealed(t, path)
			if after.version != "3" || after.unsealed != 0 || !after.stringsSealed || len(after.responses) == 0 || len(after.surveys) == 0 {
				t.Fatalf("after the migration: version %q, %d values unsealed, %d responses, %d surveys", after.version, after.unsealed, len(after.responses), len(after.surveys))
			}
			if fx != "schema-v2.db.gz" {
				return
			}
			if before.unsealed == 0 || len(before.responses) != len(after.responses) || !maps.Equal(before.surveys, after.surveys) {
				t.Fatalf("before %d responses (%d unsealed), after %d; surveys equal: %v", len(before.responses), before.unsealed, len(after.responses), maps.Equal(before.surveys, after.surveys))
			}
			for k, b := range before.responses {
				if err := sameStored(b, after.responses[k]); err != nil {
					t.Fatalf("%x: %v", k, err)
				}
			}
			// Running the step again changes nothing.
			raw := func() map[string]string {
				s := openPath(t, path)
				defer s.Close()
				return dumpBucket(t, s, bucketResponses)
			}
			was := raw()
			s := openPath(t, path)
			if err := s.update(migrateChecksums); err != nil {
				t.Fatal(err)
			}
			s.Close()
			if !maps.Equal(was, raw()) {
				t.Fatal("the checksum step rewrote sealed values")
			}
		})
	}
}

func TestSchemaV3FixtureReadsAsWritten(t *testing.T) {
	st := openFixture(t, "schema-v3.db.gz", Options{ReadOnly: true})
	assertFigures(t, fixtureFigures(t, st), wantV2AsWritten)
}

func TestSchemaV3FixtureRecoversAndChecksSound(t *testing.T) {
	st := openFixture(t, "schema-v3.db.gz", Options{})
	assertFigures(t, fixtureFigures(t, st), wantV2Recovered)
	if rep, err := st.CheckAll(nil); err != nil || !rep.OK() {
		t.Fatalf("check: %v %+v", err, rep.Findings)
	}
}

// TestADamagedValueIsAnErrorNamingIt changes a letter inside a stored
// response (a tag value in the dictionary is not in it: "Rivers1de" in
// its comment) and inside a survey's name, as damage on the disk does:
// reading either is an error naming it, never other data.
func TestADamagedValueIsAnErrorNamingIt(t *testing.T) {
	st, path := openTemp(t)
	sv := mustCreateSurvey(t, st, "Riverside")
	rs := genResponses(rand.New(rand.NewPCG(8, 8)), sv.ID, 50, 19000, 10)
	rs[20].Comment = "Riverside was lovely"
	mustAdd(t, st, rs)
	err := st.db.Update(func(tx *bolt.Tx) error {
		b := surveyBucket(tx, bucketResponses, sv.ID)
		c := b.Cursor()
		for k, v := c.First(); k != nil; k, v = c.Next() {
			if i := bytes.Index(v, []byte("Riverside")); i >= 0 {
				nv := bytes.Clone(v)
				nv[i+6] = '1'
				return b.Put(bytes.Clone(k), nv)
			}
		}
		return errors.New("the comment is not stored as written")
	})
	if err != nil {
		t.Fatal(err)
	}
	_, err = st.Response(sv.ID, rs[20].ID)
	if !errors.Is(err, ErrCorrupt) || !strings.Contains(err.Error(), rs[20].ID.String()) || !strings.Contains(err.Error(), "checksum") {
		t.Fatalf("reading the damaged response: %v", err)
	}
	if err := st.EachResponse(sv.ID, 0, 1<<30, func(data.Response) error { return nil }); !errors.Is(err, ErrCorrupt) {
		t.Fatalf("reading every response: %v", err)
	}
	rep, err := st.CheckAll(nil)
	if err != nil || rep.OK() || rep.Findings[0].Kind != CheckResponseUnreadable || rep.Findings[0].SurveyName != "Riverside" {
		t.Fatalf("check: %v %+v", err, rep.Findings)
	}

	err = st.db.Update(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketSurveys)
		v := bytes.Clone(b.Get(u64Key(sv.ID)))
		i := bytes.Index(v, []byte("Riverside"))
		v[i+7] = 'e' // "Riversiee"
		return b.Put(u64Key(sv.ID), v)
	})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.Survey(sv.ID); !errors.Is(err, ErrCorrupt) || !strings.Contains(err.Error(), "checksum") {
		t.Fatalf("reading the damaged survey: %v", err)
	}
	_ = path
}

// TestADamagedTagValueIsAnError damages a tag value ("Riga" → "Rigx") in
// the string dictionary, which responses name by index: reading them is an
// error, never the other value.
func TestADamagedTagValueIsAnError(t *testing.T) {
	st, _ := openTemp(t)
	sv := mustCreateSurvey(t, st, "Cafe")
	mustAdd(t, st, genResponses(rand.New(rand.NewPCG(9, 1)), sv.ID, 200, 19000, 10))
	err := st.db.Update(func(tx *bolt.Tx) error {
		if !stringsSealed(tx) {
			return errors.New("a new file's dictionary is not sealed")
		}
		b := tx.Bucket(bucketStrings)
		c := b.Cursor()
		for k, v := c.First(); k != nil; k, v = c.Next() {
			if bytes.HasPrefix(v, []byte("Riga")) {
				nv := bytes.Clone(v)
				nv[3] = 'x'
				return b.Put(bytes.Clone(k), nv)
			}
		}
		return errors.New("no Riga in the dictionary")
	})
	if err != nil {
		t.Fatal(err)
	}
	err = st.EachResponse(sv.ID, 0, 1<<30, func(data.Response) error { return nil })
	if !errors.Is(err, ErrCorrupt) || !strings.Contains(err.Error(), "checksum") {
		t.Fatalf("reading responses with a damaged dictionary: %v", err)
	}
	if rep, err := st.CheckAll(nil); err != nil || rep.OK() {
		t.Fatalf("check: %v %+v", err, rep)
	}
}
