package store

import (
	"bytes"
	"context"
	"path/filepath"
	"testing"

	bolt "go.etcd.io/bbolt"
)

// topicsValue is an edited dictionary as package topics stores it.
var topicsValue = []byte(`{"business":"shop","topics":[{"id":"staff","words":{"lv":["pārdevēja"]}}]}`)

func TestTopicDictionariesAreStoredSealedAndDeleted(t *testing.T) {
	st, _ := openTemp(t)
	if v, err := st.TopicDictionary("shop"); v != nil || err != nil {
		t.Fatalf("fresh file: %q %v, want nil nil", v, err)
	}
	if err := st.SetTopicDictionary("shop", topicsValue); err != nil {
		t.Fatal(err)
	}
	if v, err := st.TopicDictionary("shop"); err != nil || !bytes.Equal(v, topicsValue) {
		t.Fatalf("read back %q %v", v, err)
	}
	raw := dumpBucket(t, st, bucketTopics)["shop"]
	if !bytes.HasPrefix([]byte(raw), topicsValue) || len(raw) != len(topicsValue)+surveySealLen {
		t.Errorf("stored value %q is not the JSON and its seal", raw)
	}
	if err := st.SetTopicDictionary("shop", nil); err != nil {
		t.Fatal(err)
	}
	if v, _ := st.TopicDictionary("shop"); v != nil {
		t.Errorf("after delete: %q", v)
	}
}

func TestTopicDictionariesSurviveBackupCompactRestoreAndMerge(t *testing.T) {
	st, path := openTemp(t)
	mustCreateSurvey(t, st, "Cafe")
	if err := st.SetTopicDictionary("shop", topicsValue); err != nil {
		t.Fatal(err)
	}
	want := func(st *Store, when string) {
		t.Helper()
		if v, err := st.TopicDictionary("shop"); err != nil || !bytes.Equal(v, topicsValue) {
			t.Errorf("after %s: %q %v", when, v, err)
		}
	}
	bak := filepath.Join(t.TempDir(), "backup.db")
	if err := st.BackupFile(bak); err != nil {
		t.Fatal(err)
	}
	if _, err := st.Compact(context.Background(), nil); err != nil {
		t.Fatal(err)
	}
	want(st, "compact")
	rep, err := st.CheckAll(nil)
	if err != nil || !rep.OK() {
		t.Errorf("check after compact: %+v %v", rep.Findings, err)
	}

	// A merge of another file (with its own dictionary) keeps ours.
	other, otherPath := openTemp(t)
	mustCreateSurvey(t, other, "Shop")
	if err := other.SetTopicDictionary("shop", []byte(`{"business":"shop","topics":[]}`)); err != nil {
		t.Fatal(err)
	}
	if err := other.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := Merge(context.Background(), st, otherPath, MergePlan{}, nil); err != nil {
		t.Fatal(err)
	}
	want(st, "merge")

	// An edit after the backup is undone by restoring it.
	if err := st.SetTopicDictionary("shop", []byte(`{}`)); err != nil {
		t.Fatal(err)
	}
	if _, err := st.RestoreFrom(context.Background(), bak, nil); err != nil {
		t.Fatal(err)
	}
	want(st, "restore")
	_ = path
}

func TestCheckAllFindsADamagedTopicDictionary(t *testing.T) {
	st, _ := openTemp(t)
	if err := st.SetTopicDictionary("cafe", topicsValue); err != nil {
		t.Fatal(err)
	}
	if err := st.db.Update(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketTopics)
		v := append([]byte(nil), b.Get([]byte("cafe"))...)
		v[3] ^= 0x20 // one flipped bit inside the JSON
		return b.Put([]byte("cafe"), v)
	}); err != nil {
		t.Fatal(err)
	}
	if _, err := st.TopicDictionary("cafe"); err == nil {
		t.Error("reading a damaged dictionary gave no error")
	}
	rep, err := st.CheckAll(nil)
	if err != nil {
		t.Fatal(err)
	}
	if rep.OK() {
		t.Error("CheckAll found nothing wrong with a damaged dictionary")
	}
}
