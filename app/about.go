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
	icon.SetMinSize(fyne.NewSize(64, 64))
	title := widget.NewLabelWithStyle(version.Name, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	form := widget.NewForm()
	for _, r := range rows {
		v := widget.NewLabel(r[1])
		v.Wrapping = fyne.TextWrapWord
		v.Selectable = true
		form.Append(r[0], v)
	}
	copyBtn := widget.NewButton(lang.L("Copy details"), func() {
		u.app.Clipboard().SetContent(aboutText(rows))
	})
	body := container.NewBorder(container.NewHBox(icon, container.NewCenter(title)), container.NewHBox(copyBtn), nil, nil, form)
	d := dialog.NewCustom(lang.L("About CSAT Desk"), lang.L("Close"), body, u.win)
	d.Show()
	// Wide enough for the paths; the wrapped values take the height they need.
	d.Resize(fyne.NewSize(fyne.Min(640, u.win.Canvas().Size().Width-40), d.MinSize().Height))
}
