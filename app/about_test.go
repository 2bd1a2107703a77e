package app

import (
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"csatdesk/app/version"
)

// Help → About shows the stamped version, commit, build date, licence and
// the database's path and folder; Copy details puts the same on the
// clipboard.
func TestAboutBox(t *testing.T) {
	defer func(v, c, d string) { version.Version, version.Commit, version.Date = v, c, d }(version.Version, version.Commit, version.Date)
	version.Version, version.Commit, version.Date = "v1.2.3", "0123456789abcdef-dirty", "2026-12-06T03:00:00Z"
	u, st := newTestUI(t)
	var about *fyne.MenuItem
	menus := u.win.MainMenu().Items
	if last := menus[len(menus)-1]; last.Label == lang.L("Help") {
		for _, it := range last.Items {
			if it.Label == lang.L("About CSAT Desk") {
				about = it
			}
		}
	}
	if about == nil {
		t.Fatal("the last menu is not Help with About CSAT Desk")
	}
	about.Action()
	top := u.win.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("About showed no dialog")
	}
	var texts []string
	var copyBtn *widget.Button
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		switch w := o.(type) {
		case *widget.Label:
			texts = append(texts, w.Text)
		case *widget.Button:
			if w.Text == lang.L("Copy details") {
				copyBtn = w
			}
		case *widget.Form:
			for _, it := range w.Items {
				texts = append(texts, it.Text)
				walk(it.Widget)
			}
		}
		if c, ok := o.(*fyne.Container); ok {
			for _, ch := range c.Objects {
				walk(ch)
			}
		}
		if w, ok := o.(fyne.Widget); ok {
			if r := test.TempWidgetRenderer(t, w); r != nil {
				for _, ch := range r.Objects() {
					walk(ch)
				}
			}
		}
	}
	walk(top)
	all := strings.Join(texts, "|")
	all = strings.ReplaceAll(all, "\n", "") // long values are broken into lines
	for _, want := range []string{"v1.2.3", "0123456789ab-dirty", "2026-12-06T03:00:00Z", version.Licence, st.Path(), filepath.Dir(st.Path()), lang.L("Data folder")} {
		if !strings.Contains(all, want) {
			t.Errorf("the About box lacks %q; it says:\n%s", want, all)
		}
	}
	if copyBtn == nil {
		t.Fatal("no Copy details button")
	}
	test.Tap(copyBtn)
	if got := u.app.Clipboard().Content(); !strings.Contains(got, "v1.2.3") || !strings.Contains(got, st.Path()) {
		t.Errorf("copied %q", got)
	}
	// Escape closes the box and copies nothing.
	u.app.Clipboard().SetContent("")
	dialogKey(u.win.Canvas(), &fyne.KeyEvent{Name: fyne.KeyEscape})
	if top := u.win.Canvas().Overlays().Top(); top != nil && top.Visible() {
		t.Error("Escape left the About box open")
	}
	if got := u.app.Clipboard().Content(); got != "" {
		t.Errorf("Escape copied %q", got)
	}
}

// Without stamped values (a plain go build outside git) the box says
// "dev" and "unknown" rather than leaving blanks.
func TestAboutRowsUnstamped(t *testing.T) {
	rows := aboutRows(version.Info{Version: "dev", Go: "go1", OS: "linux/amd64"}, "/x/csatdesk/csatdesk.db")
	text := aboutText(rows)
	for _, want := range []string{"Version: dev", "Commit: unknown", "Built: unknown", "Data folder: /x/csatdesk"} {
		if !strings.Contains(text, want) {
			t.Errorf("about text lacks %q:\n%s", want, text)
		}
	}
}

// Long values are broken into lines the box can show: at spaces or path
// separators, never longer than the width, nothing lost.
func TestBreakLines(t *testing.T) {
	cases := []struct{ in, want string }{
		{"short", "short"},
		{"Fyne (BSD-3-Clause), go-chart (MIT), bbolt (MIT)", "Fyne (BSD-3-Clause),\ngo-chart (MIT), bbolt\n(MIT)"},
		{"/home/someone/.config/csatdesk/csatdesk.db", "/home/someone/.config/\ncsatdesk/csatdesk.db"},
		{"abcdefghijklmnopqrstuvwxyz", "abcdefghijklmnopqrstuv\nwxyz"},
	}
	for _, c := range cases {
		got := breakLines(c.in, 22)
		if got != c.want {
			t.Errorf("breakLines(%q) = %q, want %q", c.in, got, c.want)
		}
		for _, l := range strings.Split(got, "\n") {
			if len([]rune(l)) > 22 {
				t.Errorf("line %q longer than 22", l)
			}
		}
		if strings.ReplaceAll(strings.ReplaceAll(got, "\n", ""), " ", "") != strings.ReplaceAll(c.in, " ", "") {
			t.Errorf("breakLines(%q) lost text: %q", c.in, got)
		}
	}
}
