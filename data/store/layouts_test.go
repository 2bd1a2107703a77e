package store

import (
	"context"
	"errors"
	"path/filepath"
	"testing"

	bolt "go.etcd.io/bbolt"

	"csatdesk/data/scan"
)

// testLayout is a small valid layout of survey sid; n makes it differ.
func testLayout(sid uint64, n float64) *scan.Layout {
	return &scan.Layout{
		Format: scan.LayoutFormat, SurveyID: sid, SurveyVersion: 1, Paper: "A4", PageW: 209.903, PageH: 297.039,
		Marks: [4]scan.Rect{{X: 8, Y: 8, W: 8, H: 8}, {X: 193.9, Y: 8, W: 8, H: 8}, {X: 193.9, Y: 281, W: 8, H: 8}, {X: 8, Y: 281, W: 8, H: 8}},
		Pages: []scan.PageLayout{{
			QR: scan.Rect{X: 100, Y: 12.7, W: 20, H: 20},
			Questions: []scan.QuestionBoxes{{QuestionID: 1, Row: scan.Rect{X: 18, Y: 40, W: 174, H: 20},
				Boxes: []scan.Box{{Value: 1, R: scan.Rect{X: 30 + n, Y: 50, W: 6, H: 6}}, {Value: 2, R: scan.Rect{X: 45 + n, Y: 50, W: 6, H: 6}}}}},
		}},
	}
}

func TestLayoutsAreSavedOnceAndFoundByTheirCode(t *testing.T) {
	st, _ := openTemp(t)
	sv := mustCreateSurvey(t, st, "Cafe")
	if l, err := st.Layout(sv.ID, "0123456789abcdef"); l != nil || err != nil {
		t.Fatalf("a database without layouts: %v, %v", l, err)
	}
	l1, l2 := testLayout(sv.ID, 0), testLayout(sv.ID, 1)
	for _, l := range []*scan.Layout{l1, l2, l1} {
		if err := st.SaveLayout(l); err != nil {
			t.Fatal(err)
		}
	}
	if hs, err := st.Layouts(sv.ID); err != nil || len(hs) != 2 {
		t.Fatalf("layouts %v, %v", hs, err)
	}
	find := st.LayoutFinder()
	for _, want := range []*scan.Layout{l1, l2} {
		got, err := find(scan.Code{SurveyID: sv.ID, Layout: want.Hash(), Serial: "A-0001", Page: 1})
		if err != nil || got == nil || got.Hash() != want.Hash() || got.Pages[0].Questions[0].Boxes[1].R != want.Pages[0].Questions[0].Boxes[1].R {
			t.Fatalf("found %+v, %v", got, err)
		}
	}
	for _, c := range []scan.Code{
		{SurveyID: sv.ID + 1, Layout: l1.Hash()}, // another survey
		{SurveyID: sv.ID, Layout: "ffffffffffffffff"},
		{SurveyID: sv.ID, Layout: "../../etc"}, // not a hash at all
	} {
		if got, err := find(c); got != nil || err != nil {
			t.Errorf("%+v: found %v, %v", c, got, err)
		}
	}
	if err := st.SaveLayout(testLayout(999, 0)); !errors.Is(err, ErrNotFound) {
		t.Errorf("a layout of no survey: %v", err)
	}
	bad := testLayout(sv.ID, 0)
	bad.Pages = nil
	if err := st.SaveLayout(bad); !errors.Is(err, scan.ErrBadLayout) {
		t.Errorf("an invalid layout: %v", err)
	}
	mustCheck(t, st)
}

func TestABorrowedStoreSavesLayoutsThroughItsOwner(t *testing.T) {
	st, path := openTemp(t)
	sv := mustCreateSurvey(t, st, "Cafe")
	l := testLayout(sv.ID, 0)
	if err := st.Borrow().SaveLayout(l); err != nil {
		t.Fatal(err)
	}
	if got, err := st.Layout(sv.ID, l.Hash()); got == nil || err != nil {
		t.Fatalf("not saved: %v", err)
	}
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	ro, err := Open(path, Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()
	if err := ro.SaveLayout(l); err != nil { // already there: nothing to write
		t.Errorf("saving a stored layout read-only: %v", err)
	}
	if err := ro.SaveLayout(testLayout(sv.ID, 2)); !errors.Is(err, ErrReadOnly) {
		t.Errorf("a new layout read-only: %v", err)
	}
}

func TestADamagedLayoutIsFoundByTheCheck(t *testing.T) {
	st, _ := openTemp(t)
	sv := mustCreateSurvey(t, st, "Cafe")
	l := testLayout(sv.ID, 0)
	if err := st.SaveLayout(l); err != nil {
		t.Fatal(err)
	}
	err := st.db.Update(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketLayouts)
		k := layoutKey(sv.ID, l.Hash())
		v := append([]byte(nil), b.Get(k)...)
		v[20] ^= 1
		return b.Put(k, v)
	})
	if err != nil {
		t.Fatal(err)
	}
	if got, err := st.Layout(sv.ID, l.Hash()); got != nil || !errors.Is(err, ErrCorrupt) {
		t.Errorf("a damaged layout read as %v, %v", got, err)
	}
	rep, err := st.CheckAll(nil)
	if err != nil || rep.OK() {
		t.Errorf("the check found nothing: %+v %v", rep, err)
	}
}

// TestLayoutsSurviveCompactBackupRestoreAndMerge: the layouts bucket is
// not in the schema's list, and every way of copying the file keeps it.
func TestLayoutsSurviveCompactBackupRestoreAndMerge(t *testing.T) {
	st, _ := openTemp(t)
	sv := mustCreateSurvey(t, st, "Cafe")
	l := testLayout(sv.ID, 0)
	if err := st.SaveLayout(l); err != nil {
		t.Fatal(err)
	}
	has := func(st *Store, what string) {
		t.Helper()
		if got, err := st.Layout(sv.ID, l.Hash()); got == nil || err != nil {
			t.Fatalf("after %s: the layout is gone (%v)", what, err)
		}
	}
	if _, err := st.Compact(context.Background(), nil); err != nil {
		t.Fatal(err)
	}
	has(st, "compacting")
	res, err := st.BackupInto(context.Background(), t.TempDir(), BackupOptions{})
	if err != nil {
		t.Fatal(err)
	}
	other := filepath.Join(t.TempDir(), "other.db")
	if err := st.BackupFile(other); err != nil {
		t.Fatal(err)
	}
	l2 := testLayout(sv.ID, 3) // printed later, not in the backup
	if err := st.SaveLayout(l2); err != nil {
		t.Fatal(err)
	}
	if _, err := st.RestoreFrom(context.Background(), res.Backup.Path, nil); err != nil {
		t.Fatal(err)
	}
	has(st, "restoring a backup")
	if got, _ := st.Layout(sv.ID, l2.Hash()); got != nil {
		t.Error("the restore kept a layout the backup does not have")
	}

	// The other copy prints a new layout; merging it brings it here.
	o := openPath(t, other)
	l3 := testLayout(sv.ID, 4)
	if err := o.SaveLayout(l3); err != nil {
		t.Fatal(err)
	}
	if err := o.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := Merge(context.Background(), st, other, MergePlan{}, nil); err != nil {
		t.Fatal(err)
	}
	if got, err := st.Layout(sv.ID, l3.Hash()); got == nil || err != nil {
		t.Fatalf("the merge did not bring the other copy's layout: %v", err)
	}
	has(st, "merging")
	mustCheck(t, st)
}
