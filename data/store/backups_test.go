package store

import (
	"compress/gzip"
	"context"
	"errors"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"csatdesk/data"
)

// filledTemp is a store with one survey and n responses.
func filledTemp(t *testing.T, n int) (*Store, string) {
	t.Helper()
	st, path := openTemp(t)
	sv := mustCreateSurvey(t, st, "S")
	rng := rand.New(rand.NewPCG(5, 5))
	if err := st.AddResponses(genResponses(rng, sv.ID, n, data.DayFromDate(2025, 1, 1), 90)); err != nil {
		t.Fatal(err)
	}
	return st, path
}

func TestBackupIntoWritesACheckedCompressedCopyThatListsWithItsCounts(t *testing.T) {
	st, path := filledTemp(t, 500)
	dir := BackupDir(path)
	if want := filepath.Join(filepath.Dir(path), strings.TrimSuffix(filepath.Base(path), ".db")+"-backups"); dir != want {
		t.Fatalf("BackupDir = %s, want %s", dir, want)
	}
	now := time.Date(2026, 12, 6, 3, 15, 0, 0, time.Local)
	res, err := st.BackupInto(context.Background(), dir, BackupOptions{Now: now})
	if err != nil {
		t.Fatal(err)
	}
	b := res.Backup
	if res.Skipped || b.Surveys != 1 || b.Responses != 500 || !b.Time.Equal(now) || filepath.Base(b.Path) != strings.TrimSuffix(filepath.Base(path), ".db")+"-20261206-031500.db.gz" {
		t.Fatalf("backup %+v", res)
	}
	fi, _ := os.Stat(path)
	if b.Size <= 0 || b.Size >= fi.Size() {
		t.Errorf("backup of %d bytes for a %d-byte file", b.Size, fi.Size())
	}
	list, err := ListBackups(dir, path)
	if err != nil || len(list) != 1 || list[0].Responses != 500 || list[0].Surveys != 1 || list[0].Size != b.Size || !list[0].Time.Equal(now) {
		t.Fatalf("listed %+v, %v", list, err)
	}
	if _, err := VerifyBackup(b.Path); err != nil {
		t.Fatal(err)
	}
	ents, _ := os.ReadDir(dir)
	for _, e := range ents {
		if strings.HasPrefix(e.Name(), backupTmpPrefix) {
			t.Errorf("left %s", e.Name())
		}
	}
	// Unchanged: skipped when asked; a change makes a new one.
	res2, err := st.BackupInto(context.Background(), dir, BackupOptions{Now: now.Add(time.Hour), SkipUnchanged: true})
	if err != nil || !res2.Skipped || res2.Backup.Path != b.Path {
		t.Fatalf("unchanged: %+v, %v", res2, err)
	}
	mustCreateSurvey(t, st, "T")
	res3, err := st.BackupInto(context.Background(), dir, BackupOptions{Now: now.Add(24 * time.Hour), SkipUnchanged: true})
	if err != nil || res3.Skipped || res3.Backup.Surveys != 2 {
		t.Fatalf("changed: %+v, %v", res3, err)
	}
	if list, _ := ListBackups(dir, path); len(list) != 2 || list[0].Path != res3.Backup.Path {
		t.Fatalf("newest first: %+v", list)
	}
	// A second backup the same day replaces the first (rotation).
	res4, err := st.BackupInto(context.Background(), dir, BackupOptions{Now: now.Add(25 * time.Hour)})
	if err != nil || len(res4.Removed) != 1 || res4.Removed[0] != res3.Backup.Path {
		t.Fatalf("same day: %+v, %v", res4, err)
	}
}

func TestVerifyBackupFindsADamagedOrForgedBackup(t *testing.T) {
	st, path := filledTemp(t, 300)
	dir := t.TempDir()
	res, err := st.BackupInto(context.Background(), dir, BackupOptions{})
	if err != nil {
		t.Fatal(err)
	}
	good, err := os.ReadFile(res.Backup.Path)
	if err != nil {
		t.Fatal(err)
	}
	cases := map[string]func() []byte{
		"a flipped byte in the middle": func() []byte {
			b := append([]byte(nil), good...)
			b[len(b)/2] ^= 0x40
			return b
		},
		"cut short": func() []byte { return good[:len(good)*2/3] },
		"a header promising other counts": func() []byte {
			var out strings.Builder
			zw := gzip.NewWriter(&out)
			zw.Comment = strings.Replace(res.Backup.comment(), "responses=300", "responses=301", 1)
			zr, _ := gzip.NewReader(strings.NewReader(string(good)))
			plain, _ := io.ReadAll(zr)
			zw.Write(plain)
			zw.Close()
			return []byte(out.String())
		},
	}
	for name, mk := range cases {
		t.Run(name, func(t *testing.T) {
			p := filepath.Join(t.TempDir(), "x"+backupExt)
			if err := os.WriteFile(p, mk(), 0o600); err != nil {
				t.Fatal(err)
			}
			if _, err := VerifyBackup(p); err == nil {
				t.Fatal("the damaged backup passed its check")
			}
			if _, err := RestoreFile(path+".other", p, path+".aside"); err == nil {
				t.Fatal("RestoreFile took the damaged backup")
			}
			if _, err := st.RestoreFrom(context.Background(), p, nil); err == nil {
				t.Fatal("RestoreFrom took the damaged backup")
			}
		})
	}
	if got := dumpAll(t, st); got == nil {
		t.Fatal("the store lost its contents")
	}
	if n := totalResponses(t, st); n != 300 {
		t.Fatalf("after refused restores the store holds %d responses", n)
	}
}

func totalResponses(t *testing.T, st *Store) uint64 {
	t.Helper()
	c, _, err := st.census()
	if err != nil {
		t.Fatal(err)
	}
	return c.responses
}

func TestRestoreFromABackupIsExactAndTheStoreGoesOn(t *testing.T) {
	st, path := filledTemp(t, 400)
	want := dumpAll(t, st)
	dir := BackupDir(path)
	res, err := st.BackupInto(context.Background(), dir, BackupOptions{})
	if err != nil {
		t.Fatal(err)
	}
	plain := filepath.Join(t.TempDir(), "plain.db")
	if err := st.BackupFile(plain); err != nil {
		t.Fatal(err)
	}
	for _, from := range []string{res.Backup.Path, plain} {
		// Change the database, then restore.
		sv := mustCreateSurvey(t, st, "later "+filepath.Base(from))
		rng := rand.New(rand.NewPCG(7, 7))
		if err := st.AddResponses(genResponses(rng, sv.ID, 50, data.DayFromDate(2026, 1, 1), 5)); err != nil {
			t.Fatal(err)
		}
		rep, err := st.RestoreFrom(context.Background(), from, nil)
		if err != nil {
			t.Fatal(err)
		}
		if rep.Responses != 400 || rep.Surveys != 1 {
			t.Errorf("report %+v", rep)
		}
		if got := dumpAll(t, st); !reflect.DeepEqual(got, want) {
			t.Fatalf("restored from %s: the contents differ", from)
		}
		if left, _ := filepath.Glob(path + ".*"); len(left) != 0 {
			t.Fatalf("left %v", left)
		}
		// The store writes on.
		mustCreateSurvey(t, st, "after "+filepath.Base(from))
		if _, err := st.RestoreFrom(context.Background(), from, nil); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := st.RestoreFrom(context.Background(), path, nil); err == nil {
		t.Error("restoring the database from itself was taken")
	}
}

func TestRestoreFileTakesACompressedBackup(t *testing.T) {
	st, path := filledTemp(t, 200)
	want := dumpAll(t, st)
	res, err := st.BackupInto(context.Background(), t.TempDir(), BackupOptions{})
	if err != nil {
		t.Fatal(err)
	}
	st.Close()
	if err := os.WriteFile(path, []byte("not a database"), 0o600); err != nil {
		t.Fatal(err)
	}
	rep, err := RestoreFile(path, res.Backup.Path, path+".damaged")
	if err != nil || rep.Responses != 200 {
		t.Fatalf("%+v, %v", rep, err)
	}
	st2, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st2.Close()
	if got := dumpAll(t, st2); !reflect.DeepEqual(got, want) {
		t.Fatal("the restored contents differ")
	}
	if _, err := os.Stat(path + ".restore-tmp.src"); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the decompressed copy was left: %v", err)
	}
}

func TestBackupIntoCleansWhatAKilledBackupLeftAndRotates(t *testing.T) {
	st, path := filledTemp(t, 50)
	dir := t.TempDir()
	for _, n := range []string{backupTmpPrefix + "123.db.gz", backupTmpPrefix + "verify-9.db", ".tmp-other-program"} {
		if err := os.WriteFile(filepath.Join(dir, n), []byte("half"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	other := filepath.Join(dir, "other-20200101-000000.db.gz") // another database's
	if err := os.WriteFile(other, []byte("x"), 0o600); err != nil {
		t.Fatal(err)
	}
	start := time.Date(2026, 1, 1, 12, 0, 0, 0, time.Local)
	var restoreBackup string
	for d := range 60 {
		opt := BackupOptions{Now: start.AddDate(0, 0, d)}
		if d == 3 {
			opt.Label = LabelBeforeRestore
		}
		res, err := st.BackupInto(context.Background(), dir, opt)
		if err != nil {
			t.Fatal(err)
		}
		if d == 3 {
			restoreBackup = res.Backup.Path
		}
	}
	list, err := ListBackups(dir, path)
	if err != nil {
		t.Fatal(err)
	}
	var auto int
	for _, b := range list {
		if b.Label == "" {
			auto++
		}
	}
	// 59 daily backups Jan 1–Mar 1 (Jan 4 labelled): 7 days, the weeks
	// and months add the last of Feb 15/22 and of January.
	if auto < 7 || auto > 7+4+12 || list[len(list)-1].Path != restoreBackup {
		t.Fatalf("kept %d automatic backups: %+v", auto, list)
	}
	if _, err := os.Stat(other); err != nil {
		t.Error("another database's backup was removed")
	}
	left, _ := filepath.Glob(filepath.Join(dir, backupTmpPrefix+"*"))
	if len(left) != 0 {
		t.Errorf("left %v", left)
	}
	if _, err := os.Stat(filepath.Join(dir, ".tmp-other-program")); err != nil {
		t.Error("another program's temporary file was removed")
	}
}

func TestRotateKeepsTheNewestOfEachDayWeekAndMonth(t *testing.T) {
	day := func(m time.Month, d, h int) time.Time { return time.Date(2026, m, d, h, 0, 0, 0, time.UTC) }
	cases := []struct {
		name  string
		keep  Retention
		times []time.Time
		want  []bool
	}{
		{"none", DefaultRetention, nil, []bool{}},
		{"one", DefaultRetention, []time.Time{day(1, 1, 1)}, []bool{true}},
		{"two the same day: the newer", Retention{Daily: 7}, []time.Time{day(3, 2, 9), day(3, 2, 18)}, []bool{false, true}},
		{"daily 2 of 3 days", Retention{Daily: 2}, []time.Time{day(3, 1, 9), day(3, 2, 9), day(3, 3, 9)}, []bool{false, true, true}},
		{"weekly: newest of each ISO week", Retention{Weekly: 2},
			// Mon 2 Mar, Sun 8 Mar (week 10), Mon 9 Mar (week 11), Sun 1 Mar (week 9)
			[]time.Time{day(3, 2, 9), day(3, 8, 9), day(3, 9, 9), day(3, 1, 9)}, []bool{false, true, true, false}},
		{"monthly", Retention{Monthly: 2}, []time.Time{day(1, 5, 1), day(1, 20, 1), day(2, 3, 1), day(3, 3, 1)}, []bool{false, false, true, true}},
		{"rules add up", Retention{Daily: 1, Monthly: 2}, []time.Time{day(1, 31, 1), day(2, 27, 1), day(2, 28, 1)}, []bool{true, false, true}},
		{"the newest is kept even with no rule", Retention{}, []time.Time{day(1, 1, 1), day(1, 2, 1)}, []bool{false, true}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := Rotate(c.times, c.keep); !reflect.DeepEqual(got, c.want) {
				t.Errorf("Rotate = %v, want %v", got, c.want)
			}
		})
	}
	// A year of daily backups keeps 7 + up to 4 + up to 12.
	var year []time.Time
	for d := range 365 {
		year = append(year, day(1, 1, 12).AddDate(0, 0, d))
	}
	n := 0
	for _, k := range Rotate(year, DefaultRetention) {
		if k {
			n++
		}
	}
	if n < 12 || n > 7+4+12 {
		t.Errorf("a year of daily backups keeps %d", n)
	}
}

func TestBackupIntoAFolderThatCannotBeWrittenSaysSoAndLeavesNothing(t *testing.T) {
	if os.Getuid() == 0 {
		t.Skip("root writes anywhere")
	}
	st, _ := filledTemp(t, 10)
	dir := filepath.Join(t.TempDir(), "ro")
	if err := os.Mkdir(dir, 0o500); err != nil {
		t.Fatal(err)
	}
	_, err := st.BackupInto(context.Background(), dir, BackupOptions{})
	if !errors.Is(err, os.ErrPermission) {
		t.Fatalf("err = %v, want a permission error", err)
	}
}

// BenchmarkBackupInto100k backs up (and checks) a database of 100,000
// responses and reports the compression ratio.
func BenchmarkBackupInto100k(b *testing.B) {
	b.ReportAllocs()
	st, path := openTemp(b)
	sv := mustCreateSurvey(b, st, "S")
	rng := rand.New(rand.NewPCG(9, 9))
	for i := range 10 {
		if err := st.AddResponses(genResponses(rng, sv.ID, 10_000, data.DayFromDate(2024, 1, 1)+data.Day(i*70), 70)); err != nil {
			b.Fatal(err)
		}
	}
	var used int64
	if _, u, err := st.census(); err == nil {
		used = u
	}
	fi, _ := os.Stat(path)
	dir := b.TempDir()
	b.ResetTimer()
	var res BackupResult
	for i := range b.N {
		var err error
		res, err = st.BackupInto(context.Background(), dir, BackupOptions{Now: time.Now().Add(time.Duration(i) * 25 * time.Hour)})
		if err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	copySize := int64(0)
	if err := st.BackupFile(filepath.Join(dir, "plain.db")); err == nil {
		pf, _ := os.Stat(filepath.Join(dir, "plain.db"))
		copySize = pf.Size()
	}
	b.ReportMetric(float64(copySize)/float64(res.Backup.Size), "ratio")
	b.Logf("file %d B, in use %d B, plain copy %d B, backup %d B", fi.Size(), used, copySize, res.Backup.Size)
}

// FuzzBackupFile feeds any bytes to the backup readers as a .db.gz file:
// listing and checking it never panics, and only a real backup passes.
func FuzzBackupFile(f *testing.F) {
	f.Add([]byte{0x1f, 0x8b})
	f.Add([]byte("csatdesk-backup 1 surveys=1 responses=2 sha256=00"))
	var b strings.Builder
	zw := gzip.NewWriter(&b)
	zw.Comment = backupComment + " surveys=1 responses=2 sha256=ab"
	zw.Write([]byte("not a database"))
	zw.Close()
	f.Add([]byte(b.String()))
	f.Fuzz(func(t *testing.T, data []byte) {
		dir := t.TempDir()
		p := filepath.Join(dir, "x-20260101-000000"+backupExt)
		if err := os.WriteFile(p, data, 0o600); err != nil {
			t.Fatal(err)
		}
		_, _ = ListBackups(dir, filepath.Join(dir, "x.db"))
		if _, err := VerifyBackup(p); err == nil {
			t.Fatalf("%q passed as a backup", data)
		}
	})
}
