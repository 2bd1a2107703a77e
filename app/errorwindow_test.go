package app

import (
	"fmt"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"csatdesk/data/store"
)

// The window shown when the database cannot be opened must fit a small
// laptop screen (1024×600) whatever width its message was last laid out
// at: a word-wrapped label laid out narrow asks for one character a line,
// and the window grew taller than the screen, showing only its middle.
func TestTheOpenErrorWindowFitsASmallScreen(t *testing.T) {
	test.NewTempApp(t)
	msg := openErrorText("/home/someone/.config/csatdesk/csatdesk.db", fmt.Errorf("open: %w", store.ErrCorrupt))
	content, label := errorWindowContent(msg, func() {})
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
