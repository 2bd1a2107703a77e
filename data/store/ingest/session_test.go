package ingest

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"csatdesk/data"
	"csatdesk/data/importer"
	"csatdesk/data/store"
)

const (
	sessionGoogleForms = "../../importer/testdata/corpus/google_forms_en.csv"
	sessionXLSX        = "../../importer/testdata/corpus/xlsx_two_sheets_merged_header.xlsx"
	sessionCP1251      = "../../importer/testdata/corpus/russian_1251_semicolon.csv"
)

// sessionStore opens a new store in a temporary folder.
func sessionStore(t *testing.T) *store.Store {
	t.Helper()
	st, err := store.Open(filepath.Join(t.TempDir(), "s.db"), store.Options{Create: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

func openSession(t *testing.T, st *store.Store, path string) *Session {
	t.Helper()
	s, err := OpenPath(context.Background(), st, path, importer.Options{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// countingReader counts the bytes read through it.
type countingReader struct {
	r     io.ReaderAt
	bytes atomic.Int64
}

func (c *countingReader) ReadAt(p []byte, off int64) (int, error) {
	n, err := c.r.ReadAt(p, off)
	c.bytes.Add(int64(n))
	return n, err
}

func TestOpeningAFileHashesItInTheSamePassAsTheScan(t *testing.T) {
	st := sessionStore(t)
	var b bytes.Buffer
	b.WriteString("Date,Overall satisfaction,Comment\n")
	for i := range 60000 {
		fmt.Fprintf(&b, "2024-%02d-%02d,%d,a comment of row %d\n", 1+i%12, 1+i%28, 1+i%5, i)
	}
	cr := &countingReader{r: bytes.NewReader(b.Bytes())}
	var fracs []float64
	s, err := OpenReader(context.Background(), st, "big.csv", cr, int64(b.Len()), importer.Options{}, func(f float64) { fracs = append(fracs, f) })
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	want, _ := importer.FileHash(bytes.NewReader(b.Bytes()))
	if s.Hash != want {
		t.Fatalf("hash %s, want %s", s.Hash, want)
	}
	// The profile is of the first rows only (issue #12: no whole-file pass
	// before the import); the number of rows is estimated from them.
	if n, exact := s.Rows(); s.Profile.Rows != ProfileRows || !s.Partial || exact || n < 50000 || n > 70000 || len(s.Preview) != PreviewRows {
		t.Fatalf("%d rows profiled (partial %t), about %d in all (exact %t), %d previewed", s.Profile.Rows, s.Partial, n, exact, len(s.Preview))
	}
	// One pass: the bytes once, plus the sniffed head and the preview's
	// first rows again — not twice the file.
	if got, max := cr.bytes.Load(), int64(b.Len())+256<<10; got > max {
		t.Errorf("read %d bytes of a %d-byte file, want at most %d", got, b.Len(), max)
	}
	if len(fracs) < 2 || fracs[len(fracs)-1] != 1 {
		t.Errorf("progress %v, want several reports ending at 1", fracs)
	}
}

func TestTheSessionsHashIsTheFilesHash(t *testing.T) {
	st := sessionStore(t)
	for _, path := range []string{sessionGoogleForms, sessionXLSX, sessionCP1251} {
		t.Run(filepath.Base(path), func(t *testing.T) {
			s := openSession(t, st, path)
			want, err := HashFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if s.Hash != want {
				t.Errorf("hash %s, want %s", s.Hash, want)
			}
		})
	}
}

func TestReopeningWithAnotherEncodingKeepsTheHashAndTheFile(t *testing.T) {
	st := sessionStore(t)
	s, err := OpenPath(context.Background(), st, sessionCP1251, importer.Options{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if s.File.Source.Encoding != "Windows-1251" {
		t.Fatalf("detected %q", s.File.Source.Encoding)
	}
	hashed := false
	n, err := s.Reopen(context.Background(), importer.Options{Encoding: "Windows-1252"}, func(float64) { hashed = true })
	if err != nil {
		t.Fatal(err)
	}
	if n.Hash != s.Hash || n.File.Source.Encoding != "Windows-1252" || n.Options.Encoding != "Windows-1252" {
		t.Fatalf("reopened: hash %s (was %s), encoding %q", n.Hash, s.Hash, n.File.Source.Encoding)
	}
	if !hashed {
		t.Error("no progress while reading again")
	}
	// The first session closed (twice, as a careless caller might), the
	// second still reads the file.
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	_ = s.Close()
	if _, err := s.Reopen(context.Background(), importer.Options{}, nil); err == nil {
		t.Error("a closed session reopened its file")
	}
	if _, err := n.File.Preview(1); err != nil {
		t.Fatalf("after closing the first session: %v", err)
	}
	if err := n.Close(); err != nil {
		t.Fatal(err)
	}
}

// slowReader blocks every read until release is closed.
type slowReader struct {
	r       io.ReaderAt
	started chan struct{} // closed at the first read
	once    atomic.Bool
	release chan struct{}
}

func newSlowReader(b []byte) *slowReader {
	return &slowReader{r: bytes.NewReader(b), started: make(chan struct{}), release: make(chan struct{})}
}

func (s *slowReader) ReadAt(p []byte, off int64) (int, error) {
	if s.once.CompareAndSwap(false, true) {
		close(s.started)
	}
	<-s.release
	return s.r.ReadAt(p, off)
}

func TestACancelledOpenStopsAtTheNextRead(t *testing.T) {
	st := sessionStore(t)
	b, err := os.ReadFile(sessionGoogleForms)
	if err != nil {
		t.Fatal(err)
	}
	slow := newSlowReader(b)
	ctx, cancel := context.WithCancel(context.Background())
	errc := make(chan error, 1)
	go func() {
		_, err := OpenReader(ctx, st, "slow.csv", slow, int64(len(b)), importer.Options{}, nil)
		errc <- err
	}()
	<-slow.started
	cancel()
	close(slow.release)
	if err := <-errc; !errors.Is(err, context.Canceled) {
		t.Fatalf("error %v, want context.Canceled", err)
	}
}

func TestASessionGuessesChecksImportsAndRemembersItsMapping(t *testing.T) {
	st := sessionStore(t)
	s := openSession(t, st, sessionGoogleForms)
	prop, err := s.Guess(nil)
	if err != nil || prop.Survey == nil {
		t.Fatalf("guess: %v, survey %v", err, prop.Survey)
	}
	if _, remembered := s.Recall(prop.Survey, prop); remembered {
		t.Fatal("a mapping recalled before any was remembered")
	}
	sv := *prop.Survey
	checked, err := s.Check(&sv, prop.Mapping)
	if err != nil || len(checked) != 6 || checked[0].Row != 2 || len(checked[0].Problems) != 0 || checked[0].Response.Comment != "Great staff" {
		t.Fatalf("check: %v, %+v", err, checked)
	}

	dry, err := s.DryRun(context.Background(), &sv, prop.Mapping, Options{Loc: time.Local})
	if err != nil || dry.Imported != 6 || sv.ID != 0 {
		t.Fatalf("dry run: %+v, %v, survey ID %d", dry, err, sv.ID)
	}
	if svs, _ := st.Surveys(); len(svs) != 0 {
		t.Fatalf("a dry run created %d surveys", len(svs))
	}

	rep, err := s.Run(context.Background(), &sv, prop.Mapping, Options{Loc: time.Local})
	if err != nil || rep.Imported != 6 || sv.ID == 0 {
		t.Fatalf("run: %+v, %v, survey ID %d", rep, err, sv.ID)
	}
	imps, _ := st.Imports()
	if len(imps) != 1 || imps[0].Hash != s.Hash {
		t.Fatalf("imports %+v, want one with the session's hash", imps)
	}
	m := prop.Mapping
	m.Channel = "kiosk" // a change the user made
	if err := s.Remember(sv.ID, m); err != nil {
		t.Fatal(err)
	}

	again := openSession(t, st, sessionGoogleForms)
	if id, ok := again.RememberedSurvey(); !ok || id != sv.ID {
		t.Fatalf("remembered survey %d, %v; want %d", id, ok, sv.ID)
	}
	prop2, err := again.Guess(&sv)
	if err != nil || prop2.Mapping.Channel == "kiosk" {
		t.Fatalf("second guess: %v, channel %q (a guess is not the remembered mapping)", err, prop2.Mapping.Channel)
	}
	prop2, remembered := again.Recall(&sv, prop2)
	if !remembered || prop2.Mapping.Channel != "kiosk" {
		t.Fatalf("recall: remembered %v, channel %q", remembered, prop2.Mapping.Channel)
	}
	other := sv
	other.ID = sv.ID + 100
	if _, remembered := again.Recall(&other, prop2); remembered {
		t.Error("a mapping remembered for one survey was used for another")
	}
}

func TestSkippedRowsAreWrittenToFix(t *testing.T) {
	st := sessionStore(t)
	s := openSession(t, st, "../../importer/testdata/corpus/google_forms_ru.csv")
	prop, err := s.Guess(nil)
	if err != nil {
		t.Fatal(err)
	}
	rep, err := s.Run(context.Background(), prop.Survey, prop.Mapping, Options{Loc: time.Local})
	if err != nil || len(rep.Failed) == 0 {
		t.Fatalf("report %+v, %v; want failed rows", rep, err)
	}
	var out bytes.Buffer
	if err := s.WriteFailed(&out, rep); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), importer.ReasonHeader) {
		t.Fatalf("rows to fix:\n%s", out.String())
	}
}

func TestPruneMappingsDropsDeletedSurveysAndTheOldest(t *testing.T) {
	st := sessionStore(t)
	keep, gone := data.Survey{Name: "kept"}, data.Survey{Name: "deleted"}
	for _, sv := range []*data.Survey{&keep, &gone} {
		sv.AddQuestion(data.NewQuestion(data.KindRating, "Overall", 5))
		if err := st.CreateSurvey(sv); err != nil {
			t.Fatal(err)
		}
	}
	put := func(key string, sid uint64, saved time.Time) {
		t.Helper()
		b := fmt.Appendf(nil, `{"survey":%d,"mapping":{"Columns":null,"DateOrder":""},"saved":%q}`, sid, saved.Format(time.RFC3339))
		if err := st.SetSetting(MappingPrefix+key, b); err != nil {
			t.Fatal(err)
		}
	}
	base := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range 5 {
		put(fmt.Sprintf("kept-%d", i), keep.ID, base.Add(time.Duration(i)*time.Hour))
	}
	put("gone", gone.ID, base)
	if err := st.SetSetting(MappingPrefix+"garbled", []byte("{")); err != nil {
		t.Fatal(err)
	}
	if err := st.SetSetting("other-setting", []byte("x")); err != nil {
		t.Fatal(err)
	}
	if err := st.DeleteSurvey(gone.ID); err != nil {
		t.Fatal(err)
	}

	n, err := PruneMappings(st, 3)
	if err != nil {
		t.Fatal(err)
	}
	left, _ := st.SettingKeys(MappingPrefix)
	want := []string{MappingPrefix + "kept-2", MappingPrefix + "kept-3", MappingPrefix + "kept-4"}
	if n != 4 || fmt.Sprint(left) != fmt.Sprint(want) {
		t.Fatalf("deleted %d, left %v; want 4 deleted, %v left", n, left, want)
	}
	if b, _ := st.Setting("other-setting"); string(b) != "x" {
		t.Error("a setting that is not a mapping was touched")
	}
}

func TestRememberPrunesAsItSaves(t *testing.T) {
	st := sessionStore(t)
	s := openSession(t, st, sessionGoogleForms)
	prop, err := s.Guess(nil)
	if err != nil {
		t.Fatal(err)
	}
	sv := *prop.Survey
	if err := st.CreateSurvey(&sv); err != nil {
		t.Fatal(err)
	}
	// A mapping of a survey deleted since.
	if err := st.SetSetting(MappingPrefix+"stale", []byte(`{"survey":999,"mapping":{}}`)); err != nil {
		t.Fatal(err)
	}
	if err := s.Remember(sv.ID, prop.Mapping); err != nil {
		t.Fatal(err)
	}
	left, _ := st.SettingKeys(MappingPrefix)
	if len(left) != 1 || left[0] != s.MappingKey() {
		t.Fatalf("mappings left %v, want only %s", left, s.MappingKey())
	}
}

func TestALargeFileIsGuessedFromItsFirstRowsAndImportedWhole(t *testing.T) {
	st := sessionStore(t)
	var b bytes.Buffer
	b.WriteString("Timestamp,Overall satisfaction,Comment\n")
	labels := []string{"Very dissatisfied", "Dissatisfied", "Neutral", "Satisfied", "Very satisfied"}
	n := ProfileRows + 3000
	for i := range n {
		label := labels[i%5]
		if i == ProfileRows+1000 {
			label = "Ecstatic" // first seen after the profiled rows
		}
		fmt.Fprintf(&b, "2024-%02d-%02d 10:00:00,%s,comment %d\n", 1+i%12, 1+i%28, label, i)
	}
	cr := &countingReader{r: bytes.NewReader(b.Bytes())}
	s, err := OpenReader(context.Background(), st, "large.csv", cr, int64(b.Len()), importer.Options{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if !s.Partial || s.Profile.Rows != ProfileRows {
		t.Fatalf("profiled %d rows, partial %t; want the first %d", s.Profile.Rows, s.Partial, ProfileRows)
	}
	// Opening reads the file once (the hash), not once per pass.
	if got, max := cr.bytes.Load(), int64(b.Len())+256<<10; got > max {
		t.Errorf("opening read %d bytes of a %d-byte file, want at most %d", got, b.Len(), max)
	}
	prop, err := s.Guess(nil)
	if err != nil || prop.Survey == nil {
		t.Fatalf("guess: %v", err)
	}
	sv := *prop.Survey
	dry, err := s.DryRun(context.Background(), &sv, prop.Mapping, Options{Loc: time.UTC})
	if err != nil || dry.Read != n || dry.Imported != n-1 || dry.Skipped != 1 {
		t.Fatalf("dry run: read %d, imported %d, skipped %d, %v; want %d, %d, 1", dry.Read, dry.Imported, dry.Skipped, err, n, n-1)
	}
	if len(dry.Problems) == 0 || dry.Problems[0].Row != ProfileRows+1002 {
		t.Errorf("problems %+v; want the row of the answer first seen late", dry.Problems)
	}
	var fracs []float64
	rep, err := s.Run(context.Background(), &sv, prop.Mapping, Options{Loc: time.UTC,
		Progress: func(_ int, frac float64) { fracs = append(fracs, frac) }})
	if err != nil || rep.Imported != n-1 {
		t.Fatalf("run: imported %d, %v", rep.Imported, err)
	}
	if len(fracs) < 3 || fracs[0] <= 0 || fracs[len(fracs)-1] != 1 || !slices.IsSorted(fracs) {
		t.Errorf("progress %v; want fractions of the bytes read, rising to 1", fracs)
	}
	imps, err := st.Imports()
	if err != nil || len(imps) != 1 || imps[0].Rows != n || imps[0].Added != n-1 {
		t.Errorf("import records %+v, %v; want rows counted during the import (%d)", imps, err, n)
	}
}
