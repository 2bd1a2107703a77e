package store

import (
	"fmt"
	"strconv"
	"time"

	bolt "go.etcd.io/bbolt"
)

// migration is one schema step. Apply must be idempotent: it may meet a
// file on which it already ran (a copy restored from a backup made halfway
// through a manual fix, say), and running it again must change nothing.
type migration struct {
	To    int // the schema version after this step
	Name  string
	Apply func(tx *bolt.Tx) error
}

// migrations lists every step in order; migrations[i].To == i+1. Tests
// replace it to exercise the mechanism.
var migrations = []migration{
	{To: 1, Name: "create the buckets", Apply: migrateCreateBuckets},
	{To: 2, Name: "compact response values and ID groups", Apply: migrateCompact},
	{To: 3, Name: "checksum every response value and survey record", Apply: migrateChecksums},
}

// schemaVersion is the version this code writes.
func schemaVersion() int { return len(migrations) }

func migrateCreateBuckets(tx *bolt.Tx) error {
	for _, name := range [][]byte{bucketMeta, bucketSurveys, bucketResponses, bucketIDs, bucketExtIDs,
		bucketForms, bucketRollups, bucketImports, bucketImportRows, bucketSettings} {
		if _, err := tx.CreateBucketIfNotExists(name); err != nil {
			return fmt.Errorf("create bucket %s: %w", name, err)
		}
	}
	return nil
}

// backupPath is where the copy made before migrating from version v goes.
func backupPath(path string, v int) string { return path + ".bak-v" + strconv.Itoa(v) }

// migrate brings the file from version from to the last step's version, in
// one transaction, after a backup when the file already held data.
func (s *Store) migrate(from int, steps []migration) error {
	if len(steps) == 0 || from >= steps[len(steps)-1].To {
		return nil
	}
	to := steps[len(steps)-1].To
	if from > 0 {
		bak := backupPath(s.path, from)
		if err := s.BackupFile(bak); err != nil {
			return fmt.Errorf("back up before upgrading from schema %d: %w", from, err)
		}
	}
	return s.update(func(tx *bolt.Tx) error {
		for i, st := range steps {
			if st.To != i+1 {
				return fmt.Errorf("migration table: step %d (%s) claims version %d", i+1, st.Name, st.To)
			}
			if st.To <= from {
				continue
			}
			if err := st.Apply(tx); err != nil {
				return fmt.Errorf("upgrade to schema %d (%s): %w", st.To, st.Name, err)
			}
		}
		meta, err := tx.CreateBucketIfNotExists(bucketMeta)
		if err != nil {
			return err
		}
		now := time.Now().UTC().Format(time.RFC3339)
		if from == 0 {
			if err := meta.Put(keyCreated, []byte(now)); err != nil {
				return err
			}
		} else if err := meta.Put(keyMigrated, fmt.Appendf(nil, "%d→%d %s", from, to, now)); err != nil {
			return err
		}
		return meta.Put(keyVersion, []byte(strconv.Itoa(to)))
	})
}

// BackupFile writes a consistent copy of the database to path: first to a
// temporary file in the same directory, checked (see BackupPlain), then
// renamed over path.
func (s *Store) BackupFile(path string) error {
	_, err := s.BackupPlain(path)
	return err
}
