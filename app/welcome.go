package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// The welcome panel, shown on the dashboard while the database has no
// survey: three ways to start, each a button with a line on what it does.
// Create a survey opens the template picker on the Surveys screen; Import a
// file opens the file chooser of the import wizard; Try the sample café
// stores the sample business in this (empty) database.

// welcomeWidth is the panel's width: its text wraps at it, so that in a
// centring container it is not one word a line. It fits a 1024-pixel
// screen beside the sidebar.
const welcomeWidth = 560

// welcome is the first-run panel.
type welcome struct {
	ui                       *UI
	create, importer, sample *widget.Button
	box                      fyne.CanvasObject
}

// newWelcome builds the welcome panel of u.
func newWelcome(u *UI) *welcome {
	w := &welcome{ui: u}
	u.welcome = w
	w.create = widget.NewButtonWithIcon(lang.L("Create a survey…"), theme.DocumentCreateIcon(), w.onCreate)
	w.create.Importance = widget.HighImportance
	w.importer = widget.NewButtonWithIcon(lang.L("Import a file…"), theme.DownloadIcon(), w.onImport)
	w.sample = widget.NewButtonWithIcon(lang.L("Try the sample café"), theme.HomeIcon(), w.onSample)
	choice := func(b *widget.Button, what string) fyne.CanvasObject {
		l := wrapLabel(what)
		return container.NewVBox(b, l)
	}
	title := widget.NewLabelWithStyle(lang.L("Welcome to CSAT Desk"), fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
	title.SizeName = theme.SizeNameHeadingText
	w.box = container.NewCenter(capWidth(container.NewVBox(
		canvasSpacer(fyne.NewSize(welcomeWidth, 1)),
		title,
		wrapLabel(lang.L("There are no surveys in this database yet. Start in one of three ways:")),
		choice(w.create, lang.L("From a template or the question bank. Then print the forms, or type in the paper forms you have.")),
		choice(w.importer, lang.L("Responses you already have: a Google Forms, SurveyMonkey, Typeform, Excel or CSV file.")),
		choice(w.sample, lang.L("A café with two locations and two years of paper, phone and email responses, to see every chart at work.")),
	), welcomeWidth))
	return w
}

func (w *welcome) onCreate() {
	w.ui.tabs.SelectIndex(tabSurveys)
	w.ui.surveys.onNewFromTemplate()
}

func (w *welcome) onImport() {
	w.ui.tabs.SelectIndex(tabImport)
	w.ui.imports.onPickFile()
}

func (w *welcome) onSample() { w.ui.dash.onCreateSample() }
