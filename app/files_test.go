package app

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2/storage"
)

func TestFileDialogAdaptersHandleCancelErrorsAndEmptyFiles(t *testing.T) {
	u, _ := newTestUI(t)
	dir := t.TempDir()

	called := false
	u.onOpenChosen(func(string) error { called = true; return nil })(nil, nil)
	u.onSaveChosen(func(string) error { called = true; return nil })(nil, nil)
	if called {
		t.Error("a cancelled dialog must not call the action")
	}

	path := filepath.Join(dir, "chart.png")
	w, err := storage.Writer(storage.NewFileURI(path)) // the dialog creates the file
	if err != nil {
		t.Fatal(err)
	}
	var got string
	u.onSaveChosen(func(p string) error { got = p; return errors.New("render failed") })(w, nil)
	if got != path {
		t.Errorf("the action got %q, want %q", got, path)
	}
	if _, err := os.Stat(path); !os.IsNotExist(err) {
		t.Errorf("a failed save left the empty file behind (%v)", err)
	}
}

func TestWriteFileLeavesNothingHalfWritten(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "report.csv")
	if err := os.WriteFile(path, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	err := writeFile(path, func(w io.Writer) error {
		_, _ = io.WriteString(w, "half")
		return errors.New("disk full")
	})
	if b, _ := os.ReadFile(path); err == nil || string(b) != "old" {
		t.Fatalf("a failed write gave %v and left %q, want an error and the old file", err, b)
	}
	if err := writeFile(path, func(w io.Writer) error { _, err := io.WriteString(w, "new"); return err }); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(path); string(b) != "new" {
		t.Fatalf("file holds %q, want new", b)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("%d files in the folder, want only the report (no temporary files)", len(entries))
	}
}
