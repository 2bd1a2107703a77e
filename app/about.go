package app

import (
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"csatdesk/app/version"
	"csatdesk/assets"
)

// helpMenu is the Help menu: About CSAT Desk.
func (u *UI) helpMenu() *fyne.Menu {
	return fyne.NewMenu(lang.L("Help"), fyne.NewMenuItem(lang.L("About CSAT Desk"), u.showAbout))
}

// aboutRows are the About box's label/value pairs for build in and the
// database at dbPath: what someone helping over the phone asks for.
func aboutRows(in version.Info, dbPath string) [][2]string {
	unknown := lang.L("unknown")
	or := func(s string) string {
		if s == "" {
			return unknown
		}
		return s
	}
	return [][2]string{
		{lang.L("Version"), in.Version},
		{lang.L("Commit"), or(in.ShortCommit())},
		{lang.L("Built"), or(in.Date)},
		{lang.L("System"), in.Go + " " + in.OS},
		{lang.L("Licence"), version.Licence},
		{lang.L("Includes"), version.ThirdParty},
		{lang.L("Database"), dbPath},
		{lang.L("Data folder"), filepath.Dir(dbPath)},
	}
}

// aboutText is the About box as plain text, for Copy details.
func aboutText(rows [][2]string) string {
	var b strings.Builder
	b.WriteString(version.Name + "\n")
	for _, r := range rows {
		b.WriteString(r[0] + ": " + r[1] + "\n")
	}
	return b.String()
}

// showAbout shows the About box: name, version, commit, build date,
// licence and where the data is, with a button that copies it all.
func (u *UI) showAbout() {
	rows := aboutRows(version.Get(), u.st.Path())
	icon := canvas.NewImageFromResource(fyne.NewStaticResource(assets.IconName, assets.Icon))
	icon.FillMode = canvas.ImageFillContain
	icon.SetMinSize(fyne.NewSize(40, 40))
	title := widget.NewLabelWithStyle(version.Name, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	form := widget.NewForm()
	for _, r := range rows {
		// Lines broken here, not by the label: a wrapping label's height
		// is only known after layout, and the dialog is sized before.
		v := widget.NewLabel(breakLines(r[1], aboutLineWidth))
		v.Selectable = true
		form.Append(r[0], v)
	}
	copyBtn := widget.NewButton(lang.L("Copy details"), func() {
		u.app.Clipboard().SetContent(aboutText(rows))
	})
	body := container.NewBorder(container.NewHBox(icon, container.NewCenter(title)), nil, nil, nil, form)
	d := dialog.NewCustomWithoutButtons(lang.L("About CSAT Desk"), body, u.win)
	// Both plain: Escape closes the box (keys.go), it never copies.
	closeBtn := widget.NewButton(lang.L("Close"), d.Hide)
	d.SetButtons([]fyne.CanvasObject{copyBtn, closeBtn})
	d.Show()
}

// aboutLineWidth is the longest line of a value in the About box, in
// characters: the box stays inside a 1000-pixel window.
const aboutLineWidth = 64

// breakLines breaks s into lines of at most width runes, after a ", ", a
// space or a path separator where there is one, else anywhere (a long
// path without separators).
func breakLines(s string, width int) string {
	var lines []string
	r := []rune(s)
	for len(r) > width {
		cut := width
		for i := width; i > width/2; i-- {
			if r[i-1] == ' ' || r[i-1] == '/' || r[i-1] == '\\' {
				cut = i
				break
			}
		}
		lines = append(lines, strings.TrimRight(string(r[:cut]), " "))
		r = r[cut:]
	}
	return strings.Join(append(lines, string(r)), "\n")
}
