package app

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"sync/atomic"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"csatdesk/app/job"
	"csatdesk/data/importer"
	"csatdesk/data/store/ingest"
)

// blockedReader blocks every read until release is closed; started is
// closed at the first read.
type blockedReader struct {
	r       io.ReaderAt
	once    atomic.Bool
	started chan struct{}
	release chan struct{}
}

func (b *blockedReader) ReadAt(p []byte, off int64) (int, error) {
	if b.once.CompareAndSwap(false, true) {
		close(b.started)
	}
	<-b.release
	return b.r.ReadAt(p, off)
}

func TestAFileIsReadOffTheUIGoroutineAndItsLoadCanBeCancelled(t *testing.T) {
	w, u := newTestWizard(t)
	// The window's own runner: jobs on goroutines, ends through fyne.Do.
	u.jobs = job.New(fyne.Do)
	path, _ := filepath.Abs(googleFormsEN)
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var readers []*blockedReader
	w.openFile = func(ctx context.Context, _ string, opt importer.Options, progress func(float64)) (*ingest.Session, error) {
		r := readers[len(readers)-1]
		return ingest.OpenReader(ctx, u.st, "google_forms_en.csv", r, int64(len(b)), opt, progress)
	}
	slow := func() *blockedReader {
		r := &blockedReader{r: bytesReaderAt(b), started: make(chan struct{}), release: make(chan struct{})}
		readers = append(readers, r)
		return r
	}
	win := test.NewTempWindow(t, w.pages[stepFile])

	// A load whose reader never answers: open returns at once, the file
	// step says it is reading, and the window still draws.
	first := slow()
	j1 := w.open(path, importer.Options{})
	<-first.started // the job is inside the file read, blocked
	if !w.loadBox.Visible() || w.loadCancel.Disabled() || !w.pickBtn.Disabled() {
		t.Fatalf("while reading: progress shown %v, Cancel disabled %v", w.loadBox.Visible(), w.loadCancel.Disabled())
	}
	if img := win.Canvas().Capture(); img == nil || img.Bounds().Empty() {
		t.Fatal("the window did not draw while the file was read")
	}
	// Cancel works while the read is still blocked.
	test.Tap(w.loadCancel)
	if w.loadBox.Visible() || w.pickBtn.Disabled() || w.sess != nil {
		t.Fatalf("after Cancel: progress shown %v, a file taken %v", w.loadBox.Visible(), w.sess != nil)
	}
	close(first.release)
	<-j1.Done()
	if w.sess != nil || w.loadBox.Visible() {
		t.Fatal("a cancelled load showed its file when its read ended")
	}

	// Another load: released, it shows the file and its preview.
	second := slow()
	j2 := w.open(path, importer.Options{})
	<-second.started
	if !w.loadBox.Visible() || len(w.tableRows) != 0 {
		t.Fatalf("second load: progress shown %v, preview rows %d", w.loadBox.Visible(), len(w.tableRows))
	}
	close(second.release)
	<-j2.Done()
	if err := j2.Err(); err != nil {
		t.Fatal(err)
	}
	if w.sess == nil || w.loadBox.Visible() || len(w.tableRows) != 7 || w.importBtn.Disabled() {
		t.Fatalf("after the read: file %v, progress shown %v, preview rows %d", w.sess != nil, w.loadBox.Visible(), len(w.tableRows))
	}
	want, _ := ingest.HashFile(path)
	if w.sess.Hash != want {
		t.Errorf("hash %s, want %s", w.sess.Hash, want)
	}
}

func TestChangingTheEncodingReadsTheFileAgainWithoutHashingItAgain(t *testing.T) {
	w, _ := newTestWizard(t)
	path, _ := filepath.Abs("../data/importer/testdata/corpus/russian_1251_semicolon.csv")
	if err := w.load(path, importer.Options{}); err != nil {
		t.Fatal(err)
	}
	first, hash := w.sess, w.sess.Hash
	w.encSel.SetSelected(importer.UTF8)
	if w.sess == first || w.sess.Hash != hash || w.sess.File.Source.Encoding != importer.UTF8 {
		t.Fatalf("after choosing UTF-8: same session %v, hash %s (was %s), encoding %q", w.sess == first, w.sess.Hash, hash, w.sess.File.Source.Encoding)
	}
	if w.loadBox.Visible() || w.encSel.Disabled() {
		t.Error("the progress of the reload is still shown")
	}
}

// bytesReaderAt reads b.
type bytesReaderAt []byte

func (b bytesReaderAt) ReadAt(p []byte, off int64) (int, error) {
	if off >= int64(len(b)) {
		return 0, io.EOF
	}
	n := copy(p, b[off:])
	if n < len(p) {
		return n, io.EOF
	}
	return n, nil
}

func TestTheMappingOfADeletedSurveyIsForgotten(t *testing.T) {
	w, u := newTestWizard(t)
	path, _ := filepath.Abs(googleFormsEN)
	if err := w.load(path, importer.Options{}); err != nil {
		t.Fatal(err)
	}
	if _, err := w.importNow(context.Background(), nil); err != nil {
		t.Fatal(err)
	}
	key := w.sess.MappingKey()
	if b, _ := u.st.Setting(key); b == nil {
		t.Fatal("the import remembered no mapping")
	}
	svs, _ := u.st.Surveys()
	if len(svs) != 1 {
		t.Fatalf("%d surveys", len(svs))
	}
	if err := u.st.DeleteSurvey(svs[0].ID); err != nil {
		t.Fatal(err)
	}
	u.reload() // as every screen does after a survey changes
	if keys, _ := u.st.SettingKeys(ingest.MappingPrefix); len(keys) != 0 {
		t.Fatalf("mappings left after their survey was deleted: %v", keys)
	}
}
