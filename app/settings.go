package app

import (
	"image/color"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"csatdesk/data/insight"
)

// settingsScreen edits the business settings (insight.Settings), the theme and the language.
type settingsScreen struct {
	ui                  *UI
	business, low, high *widget.Entry
	goals               *widget.Button
	preset, themeSel    *widget.Select
	misuse              *widget.Check
	status              *widget.Label
	// root is the screen's content (the Settings tab's).
	root fyne.CanvasObject
}

func newSettingsScreen(u *UI) *settingsScreen { return &settingsScreen{ui: u} }

func (s *settingsScreen) buildUI() fyne.CanvasObject {
	cur := s.ui.settings
	s.business = widget.NewEntry()
	s.business.SetText(cur.Business)
	s.business.SetPlaceHolder(lang.L("printed on charts and forms"))
	s.low, s.high = widget.NewEntry(), widget.NewEntry()
	s.low.SetText(fmtNumber(cur.BandLow, 0))
	s.high.SetText(fmtNumber(cur.BandHigh, 0))
	var names []string
	for _, p := range insight.BandPresets(texts{}) {
		names = append(names, p.Name)
	}
	s.preset = widget.NewSelect(names, s.onPreset)
	s.preset.PlaceHolder = lang.L("Pick a preset…")
	// Goals (several, on CSAT, NPS or CES, per segment) have their own
	// screen; the single CSAT goal this form once held became its first.
	s.goals = widget.NewButtonWithIcon(lang.L("Goals…"), theme.DocumentCreateIcon(), func() {
		s.ui.showGoals(s.ui.dataChanged)
	})
	s.themeSel = widget.NewSelect([]string{lang.L("System"), lang.L("Light"), lang.L("Dark")}, s.onTheme)
	s.themeSel.SetSelectedIndex(s.ui.app.Preferences().IntWithFallback(prefTheme, 0))
	s.misuse = widget.NewCheck(lang.L("Count kiosk presses flagged as misuse"), nil)
	s.misuse.SetChecked(cur.IncludeMisuse)
	s.status = wrapLabel("")
	save := widget.NewButtonWithIcon(lang.L("Save settings"), theme.DocumentSaveIcon(), s.onSave)
	save.Importance = widget.HighImportance

	form := widget.NewForm(
		widget.NewFormItem(lang.L("Business name"), s.business),
		widget.NewFormItem(lang.L("Good CSAT band from (%)"), s.low),
		widget.NewFormItem(lang.L("to (%)"), s.high),
		widget.NewFormItem(lang.L("Band preset"), s.preset),
		widget.NewFormItem(lang.L("Goals"), container.NewHBox(s.goals)),
		widget.NewFormItem("", s.misuse),
		widget.NewFormItem(lang.L("Theme"), s.themeSel),
		languageFormItem(s.ui),
	)
	note := wrapLabel(lang.L("The band is the range most businesses call good CSAT (satisfied answers ÷ all answers). Industry indexes such as the ACSI use a 0–100 score on a different scale and cannot be compared with it. A SMART goal names a target and a date: it is drawn as a line on the trend chart."))
	s.root = container.NewPadded(container.NewVScroll(container.NewVBox(form, note, container.NewHBox(save), s.status,
		s.ui.auto.settingsUI())))
	return s.root
}

func (s *settingsScreen) onPreset(string) {
	i := s.preset.SelectedIndex()
	if i < 0 {
		return
	}
	p := insight.BandPresets(texts{})[i]
	s.low.SetText(fmtNumber(p.Low, 0))
	s.high.SetText(fmtNumber(p.High, 0))
}

func (s *settingsScreen) onSave() {
	n := s.ui.settings
	n.Business = strings.TrimSpace(s.business.Text)
	low, err1 := insight.ParsePercent(s.low.Text)
	high, err2 := insight.ParsePercent(s.high.Text)
	if err1 != nil || err2 != nil || high <= low {
		s.status.SetText(lang.L("The band needs two numbers between 0 and 100, the first smaller than the second."))
		return
	}
	n.BandLow, n.BandHigh = low, high
	n.IncludeMisuse = s.misuse.Checked
	if err := insight.SaveSettings(s.ui.st, n); err != nil {
		s.status.SetText(errorText(err))
		return
	}
	s.ui.settings = n
	s.status.SetText(lang.L("Saved."))
	s.ui.dataChanged()
}

const prefTheme = "theme"

func (s *settingsScreen) onTheme(string) {
	i := s.themeSel.SelectedIndex()
	s.ui.app.Preferences().SetInt(prefTheme, i)
	applyTheme(s.ui.app, i)
	s.ui.dataChanged()
}

// applyTheme sets the light or dark variant (0 follows the system).
func applyTheme(a fyne.App, choice int) {
	a.Settings().SetTheme(&variantTheme{variant: choice})
}

// variantTheme forces a light or dark variant of the default theme.
type variantTheme struct{ variant int }

func (v *variantTheme) Color(n fyne.ThemeColorName, vr fyne.ThemeVariant) color.Color {
	switch v.variant {
	case 1:
		vr = theme.VariantLight
	case 2:
		vr = theme.VariantDark
	}
	return theme.DefaultTheme().Color(n, vr)
}

func (v *variantTheme) Font(s fyne.TextStyle) fyne.Resource     { return fontFor(uiLocale(), s) }
func (v *variantTheme) Icon(n fyne.ThemeIconName) fyne.Resource { return theme.DefaultTheme().Icon(n) }
func (v *variantTheme) Size(n fyne.ThemeSizeName) float32       { return theme.DefaultTheme().Size(n) }

// dark reports whether the UI currently shows the dark variant.
func (u *UI) dark() bool {
	switch u.app.Preferences().IntWithFallback(prefTheme, 0) {
	case 1:
		return false
	case 2:
		return true
	}
	return u.app.Settings().ThemeVariant() == theme.VariantDark
}
