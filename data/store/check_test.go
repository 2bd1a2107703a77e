package store

import (
	"math/rand/v2"
	"testing"

	bolt "go.etcd.io/bbolt"
)

// damage opens a database with a store of two surveys, applies hurt to
// survey "Cafe" inside one bbolt transaction and returns the check report.
func damage(t *testing.T, hurt func(tx *bolt.Tx, sid uint64) error) CheckReport {
	t.Helper()
	st, path := openTemp(t)
	cafe := mustCreateSurvey(t, st, "Cafe")
	hotel := mustCreateSurvey(t, st, "Hotel")
	rng := rand.New(rand.NewPCG(5, 6))
	mustAdd(t, st, genResponses(rng, cafe.ID, 500, 19000, 40))
	mustAdd(t, st, genResponses(rng, hotel.ID, 100, 19000, 40))
	if hurt != nil {
		if err := st.db.Update(func(tx *bolt.Tx) error { return hurt(tx, cafe.ID) }); err != nil {
			t.Fatal(err)
		}
	}
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	h := fileHash(t, path)
	ro, err := Open(path, Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()
	var last float64
	rep, err := ro.CheckAll(func(f float64) { last = f })
	if err != nil {
		t.Fatal(err)
	}
	if last != 1 {
		t.Errorf("progress ended at %v", last)
	}
	if rep.Surveys != 2 {
		t.Errorf("checked %d surveys", rep.Surveys)
	}
	if fileHash(t, path) != h {
		t.Fatal("the check wrote to the file")
	}
	return rep
}

func onlyFinding(t *testing.T, rep CheckReport, kind CheckKind) {
	t.Helper()
	if len(rep.Findings) != 1 || rep.Findings[0].Kind != kind || rep.Findings[0].SurveyName != "Cafe" {
		t.Fatalf("want one %s finding about Cafe, got %+v", kind, rep.Findings)
	}
}

func TestCheckAllFindsASoundFileSound(t *testing.T) {
	rep := damage(t, nil)
	if !rep.OK() || rep.Responses != 600 {
		t.Fatalf("%+v", rep)
	}
}

func TestCheckAllFindsWrongDayCounts(t *testing.T) {
	rep := damage(t, func(tx *bolt.Tx, sid uint64) error {
		b := surveyBucket(tx, bucketRollups, sid)
		k, v := b.Cursor().First()
		nv := append([]byte(nil), v...)
		nv[len(nv)-1]++ // one more answer somewhere: still a valid histogram
		return b.Put(append([]byte(nil), k...), nv)
	})
	onlyFinding(t, rep, CheckRollupsDiffer)
}

func TestCheckAllFindsAnUnreadableResponse(t *testing.T) {
	rep := damage(t, func(tx *bolt.Tx, sid uint64) error {
		b := surveyBucket(tx, bucketResponses, sid)
		k, _ := b.Cursor().First()
		return b.Put(append([]byte(nil), k...), []byte{9, 9, 9})
	})
	onlyFinding(t, rep, CheckResponseUnreadable)
}

func TestCheckAllFindsAResponseMissingFromTheIndex(t *testing.T) {
	rep := damage(t, func(tx *bolt.Tx, sid uint64) error {
		b := surveyBucket(tx, bucketResponses, sid)
		k, v := b.Cursor().Last()
		nk := append([]byte(nil), k...)
		nk[len(nk)-1] ^= 0xff // the same response under an ID the index lacks
		return b.Put(nk, append([]byte(nil), v...))
	})
	found := false
	for _, f := range rep.Findings {
		found = found || f.Kind == CheckIndexDiffers
	}
	if !found {
		t.Fatalf("findings %+v", rep.Findings)
	}
}
