package app

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"csatdesk/data/store"
)

// The window shown when the database cannot be opened must fit a small
// laptop screen (1024×600) whatever width its message was last laid out
// at: a word-wrapped label laid out narrow asks for one character a line,
// and the window grew taller than the screen, showing only its middle.
func TestTheOpenErrorWindowFitsASmallScreen(t *testing.T) {
	a := test.NewTempApp(t)
	f := newOpenFailure(a, "/home/someone/.config/csatdesk/csatdesk.db", fmt.Errorf("open: %w", store.ErrCorrupt))
	content, label := f.win.Content(), f.message
	label.Resize(fyne.NewSize(20, label.MinSize().Height)) // as in the real window's first layout
	if min := content.MinSize(); min.Height > 400 || min.Width > 1000 {
		t.Errorf("the window needs %v, more than a 1024×600 screen gives it", min)
	}
	w := test.NewTempWindow(t, content)
	w.Resize(fyne.NewSize(560, 180))
	if got := label.Size().Width; got < 400 {
		t.Errorf("the message is laid out %v wide in a 560-wide window", got)
	}
}

// corruptDB writes a file that is not a database where one is expected.
func corruptDB(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "csatdesk.db")
	if err := os.WriteFile(path, []byte(strings.Repeat("not a database ", 1000)), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// A damaged database is explained without command-line advice, in the
// window's theme, and the window offers what a shop owner can do.
func TestTheDamagedDatabaseWindowOffersOpenRestoreQuit(t *testing.T) {
	a := test.NewTempApp(t)
	a.Preferences().SetInt(prefTheme, 2) // dark
	path := corruptDB(t)
	_, err := store.Open(path, store.Options{})
	if err == nil {
		t.Fatal("a file of text opened as a database")
	}
	f := newOpenFailure(a, path, err)
	if strings.Contains(f.message.Text, "--db") {
		t.Errorf("the message sends a shop owner to the command line: %q", f.message.Text)
	}
	for name, b := range map[string]fyne.CanvasObject{"Open another file": f.open, "Restore a backup": f.restore, "Quit": f.quit} {
		if !b.Visible() {
			t.Errorf("%s is not offered", name)
		}
	}
	if got, want := a.Settings().Theme().Color(theme.ColorNameBackground, a.Settings().ThemeVariant()), theme.DefaultTheme().Color(theme.ColorNameBackground, theme.VariantDark); got != want {
		t.Errorf("the window's background is %v, want the dark theme's %v", got, want)
	}
}

// Restore a backup puts a good copy in place of the damaged file, keeps
// the damaged one beside it, and starts the main window on the restored
// database.
func TestRestoreABackupReplacesTheDamagedDatabase(t *testing.T) {
	a := test.NewTempApp(t)
	syncJobs(t)
	path := corruptDB(t)
	damaged, _ := os.ReadFile(path)
	backup := filepath.Join(t.TempDir(), "backup.db")
	good, err := store.Open(backup, store.Options{Create: true})
	if err != nil {
		t.Fatal(err)
	}
	sv := verifySurvey(t, good)
	good.Close()

	_, openErr := store.Open(path, store.Options{})
	f := newOpenFailure(a, path, openErr)
	var started *UI
	f.started = func(u *UI) { started = u }
	if err := f.restoreFrom(backup); err != nil {
		t.Fatal(err)
	}
	if started == nil {
		t.Fatal("the main window did not start on the restored database")
	}
	defer started.win.Close()
	if svs, _ := started.st.Surveys(); len(svs) != 1 || svs[0].ID != sv.ID {
		t.Errorf("the restored database has %v, want the backup's survey", svs)
	}
	kept, _ := filepath.Glob(path + ".damaged-*")
	if len(kept) != 1 {
		t.Fatalf("the damaged file was not kept beside the restored one: %v", kept)
	}
	if b, _ := os.ReadFile(kept[0]); string(b) != string(damaged) {
		t.Error("the kept damaged file is not the damaged file")
	}
}

// A file that is not a database is refused as a backup, and the damaged
// file stays where it was.
func TestRestoreRefusesABackupThatIsNotADatabase(t *testing.T) {
	path := corruptDB(t)
	bad := corruptDB(t)
	if _, err := restoreBackup(path, bad, time.Now()); err == nil {
		t.Fatal("a damaged file was restored as a backup")
	}
	if _, err := os.Stat(path); err != nil {
		t.Errorf("the damaged file moved: %v", err)
	}
	if kept, _ := filepath.Glob(path + ".damaged-*"); len(kept) != 0 {
		t.Errorf("files left behind: %v", kept)
	}
}
