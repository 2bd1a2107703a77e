package app

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/test"

	"csatdesk/app/cli"
	"csatdesk/data/store"
)

// backupUI is a test window whose jobs all run in place, with the sample
// café in its database.
func backupUI(t *testing.T) (*UI, *store.Store, int) {
	t.Helper()
	syncJobs(t)
	u, st := newTestUI(t)
	_, n, err := cli.CreateSample(st, 4, testNow)
	if err != nil {
		t.Fatal(err)
	}
	u.reload()
	return u, st, n
}

func TestSettingsSayNeverThenTheLastBackupAndTheFileMenuToo(t *testing.T) {
	u, st, n := backupUI(t)
	b := u.auto
	if got := b.status.Text; got != lang.L("Last backup: never") {
		t.Errorf("before any backup: %q", got)
	}
	if !b.enabled.Checked || b.folder.Text != store.BackupDir(st.Path()) {
		t.Errorf("defaults: on %v, folder %q", b.enabled.Checked, b.folder.Text)
	}
	test.Tap(b.backupNowBtn)
	list, err := store.ListBackups(store.BackupDir(st.Path()), st.Path())
	if err != nil || len(list) != 1 || list[0].Responses != uint64(n) {
		t.Fatalf("after Back up now: %+v, %v", list, err)
	}
	want := lang.L("Last backup: {{.When}} ({{.Responses}})", map[string]any{"When": whenText(list[0].Time), "Responses": responsesText(n)})
	if b.status.Text != want {
		t.Errorf("status %q, want %q", b.status.Text, want)
	}
	if !strings.Contains(b.menuItem.Label, whenText(list[0].Time)) {
		t.Errorf("the File menu says %q", b.menuItem.Label)
	}
	// The File menu has the item, Restore and the rest.
	var labels []string
	for _, it := range u.mainMenu().Items[0].Items {
		labels = append(labels, it.Label)
	}
	if !strings.Contains(strings.Join(labels, "|"), lang.L("Restore from a backup…")) || labels[0] != b.menuItem.Label {
		t.Errorf("File menu %q", labels)
	}
	// Nothing changed: the next one is skipped, and no day is due.
	b.backUp(nil)
	if l2, _ := store.ListBackups(store.BackupDir(st.Path()), st.Path()); len(l2) != 1 {
		t.Errorf("an unchanged database was backed up again: %d backups", len(l2))
	}
	if b.due(b.last.Time.Add(23 * time.Hour)) {
		t.Error("a backup 23 hours old is due")
	}
	if !b.due(time.Now().Add(25 * time.Hour)) {
		t.Error("no backup due after 25 hours")
	}
	// Off.
	b.enabled.SetChecked(false)
	if !u.app.Preferences().Bool(prefBackupOff) || b.due(time.Now().Add(48*time.Hour)) || !strings.Contains(b.status.Text, lang.L("Automatic backups are off.")) {
		t.Errorf("off: pref %v, status %q", u.app.Preferences().Bool(prefBackupOff), b.status.Text)
	}
}

func TestABackupThatFailsSaysWhyInPlainWordsAndIsRemembered(t *testing.T) {
	u, _, _ := backupUI(t)
	b := u.auto
	missing := filepath.Join(t.TempDir(), "usb-stick")
	b.setFolder(missing)
	var got error
	b.backUp(func(err error) { got = err })
	if got == nil || !strings.Contains(b.status.Text, missing) || !strings.Contains(b.status.Text, lang.L("The last backup failed: {{.Why}}", map[string]any{"Why": ""})) {
		t.Fatalf("a missing folder: %v, status %q", got, b.status.Text)
	}
	if _, err := os.Stat(missing); err == nil {
		t.Error("the chosen folder was made")
	}
	if u.app.Preferences().String(prefBackupError) == "" || b.menuItem.Label != lang.L("Back up now (the last backup failed)") {
		t.Errorf("not remembered: %q, menu %q", u.app.Preferences().String(prefBackupError), b.menuItem.Label)
	}
	if os.Getuid() != 0 {
		ro := filepath.Join(t.TempDir(), "ro")
		if err := os.Mkdir(ro, 0o500); err != nil {
			t.Fatal(err)
		}
		b.setFolder(ro)
		b.backUp(nil)
		if want := backupErrorText(os.ErrPermission, ro); !strings.Contains(b.status.Text, want) {
			t.Errorf("a read-only folder: %q, want %q", b.status.Text, want)
		}
	}
	// Back beside the database: it works and the error goes.
	test.Tap(b.besideBtn)
	b.backUp(nil)
	if !b.has || b.errText != "" || u.app.Preferences().String(prefBackupError) != "" {
		t.Errorf("after a good backup: %q", b.status.Text)
	}
}

func TestClosingTheWindowBacksUpFirstAndClosesWhateverHappens(t *testing.T) {
	u, st, n := backupUI(t)
	closed := 0
	u.afterClose = func() { closed++ }
	u.auto.onCloseRequest()
	if closed != 1 {
		t.Fatalf("the window closed %d times", closed)
	}
	list, _ := store.ListBackups(store.BackupDir(st.Path()), st.Path())
	if len(list) != 1 || list[0].Responses != uint64(n) {
		t.Fatalf("no backup on close: %+v", list)
	}
	// A backup that fails does not keep the window open.
	u2, _, _ := backupUI(t)
	u2.app.Preferences().SetString(prefBackupDir, filepath.Join(t.TempDir(), "gone"))
	closed2 := 0
	u2.afterClose = func() { closed2++ }
	u2.auto.onCloseRequest()
	if closed2 != 1 || u2.app.Preferences().String(prefBackupError) == "" {
		t.Fatalf("a failing backup on close: closed %d, error kept %q", closed2, u2.app.Preferences().String(prefBackupError))
	}
}

func TestRestoreWindowListsTheBackupsAndRestoresOneExactly(t *testing.T) {
	u, st, n := backupUI(t)
	svs, _ := st.Surveys()
	sv := svs[0]
	want := allResponses(t, st, sv.ID)
	u.auto.backUp(nil)
	// The chooser lists it, newest first, with its counts.
	u.onRestore()
	c := u.restoreChooser
	if c == nil || len(c.backups) != 1 || c.list.Length() != 1 || c.restore.Disabled() == false || c.empty.Visible() {
		t.Fatalf("chooser: %+v", c)
	}
	row := backupRowText(c.backups[0])
	if !strings.Contains(row, fmtCount(n)) || !strings.Contains(row, whenText(c.backups[0].Time)) {
		t.Errorf("row %q", row)
	}
	text := restoreConfirmText(st.Path(), u.auto.dir(), c.backups[0].Path, &c.backups[0])
	if !strings.Contains(text, fmtCount(n)) || !strings.Contains(text, u.auto.dir()) {
		t.Errorf("the confirmation says %q", text)
	}
	// Change the database, then restore.
	if err := st.DeleteSurvey(sv.ID); err != nil {
		t.Fatal(err)
	}
	u.reload()
	var rep store.RestoreReport
	var rerr error
	u.restoreFrom(c.backups[0].Path, func(r store.RestoreReport, err error) { rep, rerr = r, err })
	if rerr != nil || rep.Responses != uint64(n) {
		t.Fatalf("restore: %+v, %v", rep, rerr)
	}
	got := allResponses(t, st, sv.ID)
	if len(got) != len(want) {
		t.Fatalf("restored %d responses, want %d", len(got), len(want))
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatal("the restored responses differ from those backed up")
	}
	if active, _, _ := u.activeSurveys(); len(active) != 1 || active[0].ID != sv.ID {
		t.Errorf("the screens read %v after the restore", active)
	}
	list, _ := store.ListBackups(u.auto.dir(), st.Path())
	var before int
	for _, b := range list {
		if b.Label == store.LabelBeforeRestore {
			before++
		}
	}
	if before != 1 {
		t.Errorf("no before-restore backup: %+v", list)
	}
	// The list now shows both, the before-restore one first.
	u.onRestore()
	if c := u.restoreChooser; len(c.backups) != 2 || c.backups[0].Label != store.LabelBeforeRestore {
		t.Errorf("after the restore the list is %+v", c.backups)
	}
}

func TestRestoreWindowWithNoBackupsSaysSo(t *testing.T) {
	u, _, _ := backupUI(t)
	u.onRestore()
	c := u.restoreChooser
	if len(c.backups) != 0 || !c.empty.Visible() || c.empty.Text != lang.L("There are no backups here yet. Choose another file, such as a backup on a USB stick.") {
		t.Errorf("empty: %q", c.empty.Text)
	}
}

func TestTheDamagedDatabaseWindowListsTheAutomaticBackups(t *testing.T) {
	a := test.NewTempApp(t)
	syncJobs(t)
	dir := t.TempDir()
	path := filepath.Join(dir, "shop.db")
	st, err := store.Open(path, store.Options{Create: true})
	if err != nil {
		t.Fatal(err)
	}
	sv, n, err := cli.CreateSample(st, 2, testNow)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.BackupInto(t.Context(), store.BackupDir(path), store.BackupOptions{}); err != nil {
		t.Fatal(err)
	}
	st.Close()
	if err := os.WriteFile(path, []byte("damaged beyond repair, not a database"), 0o600); err != nil {
		t.Fatal(err)
	}
	_, openErr := store.Open(path, store.Options{})
	f := newOpenFailure(a, path, openErr)
	var started *UI
	f.started = func(u *UI) { started = u }
	test.Tap(f.restore)
	if f.chooser == nil || len(f.chooser.backups) != 1 || f.chooser.backups[0].Responses != uint64(n) {
		t.Fatalf("the damaged window lists %+v", f.chooser)
	}
	f.chooser.list.Select(0)
	test.Tap(f.chooser.restore)
	if started == nil {
		t.Fatal("the main window did not start on the restored database")
	}
	defer started.win.Close()
	if stats, err := started.st.SurveyStats(sv.ID); err != nil || stats.Responses != uint64(n) {
		t.Errorf("restored: %+v, %v", stats, err)
	}
}

func TestTheDailyCheckBacksUpOnlyWhenADayPassed(t *testing.T) {
	u, st, _ := backupUI(t)
	b := u.auto
	now := time.Now()
	b.now = func() time.Time { return now }
	count := func() int {
		list, _ := store.ListBackups(store.BackupDir(st.Path()), st.Path())
		return len(list)
	}
	b.tick()
	if count() != 1 {
		t.Fatalf("no backup at the first check: %d", count())
	}
	now = now.Add(23 * time.Hour)
	b.tick()
	if count() != 1 {
		t.Fatalf("a backup within the day: %d", count())
	}
	// A day later, with a change: a new one.
	svs, _ := st.Surveys()
	if err := st.DeleteSurvey(svs[0].ID); err != nil {
		t.Fatal(err)
	}
	now = now.Add(2 * time.Hour)
	b.tick()
	if count() != 2 {
		t.Fatalf("no backup after a day: %d", count())
	}
}
