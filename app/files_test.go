package app

import (
	"errors"
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
