package app

import (
	"fmt"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"csatdesk/charts"
)

// exportChoice is how exported and copied charts are drawn: the size (a
// preset or custom pixels and DPI) and the look, light by default because
// reports are printed on white, whatever the window's theme.
type exportChoice struct {
	preset int // index in exportPresets(); len(presets) = custom
	size   charts.Size
	dark   bool
}

// exportPreset is a named export size.
type exportPreset struct {
	name string
	size charts.Size
}

// exportPresets are the sizes offered besides a custom one.
func exportPresets() []exportPreset {
	return []exportPreset{
		{lang.L("Slide 16:9 (1920×1080)"), charts.SizeSlide},
		{lang.L("Report, A4 width at 300 DPI"), charts.SizeA4},
		{lang.L("Square for social media (1080×1080)"), charts.SizeSquare},
	}
}

func defaultExport() exportChoice {
	return exportChoice{preset: 0, size: charts.SizeSlide}
}

// prefExport is the preference that keeps the last export choice:
// "preset width height dpi dark".
const prefExport = "chartExport"

// loadExport reads the last export choice (the default when there is
// none, or it is not one the charts draw exactly).
func loadExport(p fyne.Preferences) exportChoice {
	var ex exportChoice
	var dark int
	if _, err := fmt.Sscan(p.String(prefExport), &ex.preset, &ex.size.WidthPx, &ex.size.HeightPx, &ex.size.DPI, &dark); err != nil ||
		ex.size.Check() != nil || ex.preset < 0 || ex.preset > len(exportPresets()) {
		return defaultExport()
	}
	ex.dark = dark == 1
	return ex
}

// saveExport keeps ex for the next export and the next session.
func saveExport(p fyne.Preferences, ex exportChoice) {
	dark := 0
	if ex.dark {
		dark = 1
	}
	p.SetString(prefExport, fmt.Sprint(ex.preset, " ", ex.size.WidthPx, " ", ex.size.HeightPx, " ", ex.size.DPI, " ", dark))
}

// exportForm is the export dialog's content: size preset, width, height,
// DPI and background.
type exportForm struct {
	preset              *widget.Select
	width, height, dpi  *dialogEntry
	look                *widget.RadioGroup
	problem             *widget.Label
	form                *widget.Form
	filling             bool // the preset is writing the fields
	lightName, darkName string
	customName          string
	presets             []exportPreset
}

func newExportForm(c fyne.Canvas, ex exportChoice) *exportForm {
	f := &exportForm{presets: exportPresets(), customName: lang.L("Custom size"),
		lightName: lang.L("Light (for reports)"), darkName: lang.L("Dark (for screens)")}
	names := make([]string, 0, len(f.presets)+1)
	for _, p := range f.presets {
		names = append(names, p.name)
	}
	names = append(names, f.customName)
	f.width, f.height, f.dpi = newDialogEntry(c), newDialogEntry(c), newDialogEntry(c)
	edited := func(string) {
		if !f.filling {
			f.preset.SetSelectedIndex(len(f.presets))
		}
		f.check()
	}
	f.width.OnChanged, f.height.OnChanged, f.dpi.OnChanged = edited, edited, edited
	f.preset = widget.NewSelect(names, func(string) {
		if i := f.preset.SelectedIndex(); i >= 0 && i < len(f.presets) {
			f.fill(f.presets[i].size)
		}
	})
	f.look = widget.NewRadioGroup([]string{f.lightName, f.darkName}, nil)
	f.look.Horizontal = true
	f.look.Required = true
	f.problem = widget.NewLabel("")
	f.problem.Importance = widget.DangerImportance
	f.problem.Wrapping = fyne.TextWrapWord
	f.fill(ex.size)
	f.preset.SetSelectedIndex(ex.preset)
	if ex.dark {
		f.look.SetSelected(f.darkName)
	} else {
		f.look.SetSelected(f.lightName)
	}
	f.form = widget.NewForm(
		widget.NewFormItem(lang.L("Size"), f.preset),
		widget.NewFormItem(lang.L("Width (px)"), f.width),
		widget.NewFormItem(lang.L("Height (px)"), f.height),
		widget.NewFormItem(lang.L("DPI"), f.dpi),
		widget.NewFormItem(lang.L("Background"), f.look),
	)
	return f
}

// fill writes size into the fields.
func (f *exportForm) fill(s charts.Size) {
	f.filling = true
	f.width.SetText(strconv.Itoa(s.WidthPx))
	f.height.SetText(strconv.Itoa(s.HeightPx))
	f.dpi.SetText(strconv.FormatFloat(s.DPI, 'f', -1, 64))
	f.filling = false
	f.check()
}

// choice reads the fields; ok is false (and problem says why) when the
// size cannot be drawn as asked.
func (f *exportForm) choice() (exportChoice, bool) {
	w, err1 := strconv.Atoi(strings.TrimSpace(f.width.Text))
	h, err2 := strconv.Atoi(strings.TrimSpace(f.height.Text))
	dpi, err3 := strconv.ParseFloat(strings.ReplaceAll(strings.TrimSpace(f.dpi.Text), ",", "."), 64)
	if err1 != nil || err2 != nil || err3 != nil {
		return exportChoice{}, false
	}
	ex := exportChoice{preset: max(f.preset.SelectedIndex(), 0), size: charts.Size{WidthPx: w, HeightPx: h, DPI: dpi},
		dark: f.look.Selected == f.darkName}
	return ex, ex.size.Check() == nil
}

// check says what is wrong with the fields, if anything.
func (f *exportForm) check() {
	if f.problem == nil || f.filling {
		return
	}
	ex, ok := f.choice()
	switch {
	case ok:
		f.problem.SetText("")
	case ex.size.WidthPx == 0 && ex.size.HeightPx == 0 && ex.size.DPI == 0:
		f.problem.SetText(lang.L("Width, height and DPI must be whole numbers."))
	default:
		f.problem.SetText(lang.L("At {{.DPI}} DPI each side must be {{.Min}}–{{.Max}} pixels; the DPI must be {{.MinDPI}}–{{.MaxDPI}}.", map[string]any{
			"DPI": fmtNumber(ex.size.DPI, 0), "Min": charts.MinSidePx(ex.size.DPI), "Max": charts.MaxSidePx,
			"MinDPI": charts.MinDPI, "MaxDPI": charts.MaxDPI}))
	}
}

// askExport shows the export dialog; then gets the choice (which the
// dashboard also keeps for Copy chart and the next export).
func (p *chartPanel) askExport(title, confirm string, then func(exportChoice)) {
	f := newExportForm(p.d.ui.win.Canvas(), p.export)
	box := container.New(&exportDialogLayout{}, f.form, f.problem)
	var dlg *dialog.ConfirmDialog
	dlg = dialog.NewCustomConfirm(title, confirm, lang.L("Cancel"), box, func(ok bool) {
		if !ok {
			return
		}
		ex, valid := f.choice()
		if !valid {
			f.check()
			dlg.Show() // stays until the size is one the charts draw exactly
			return
		}
		p.export = ex
		saveExport(p.d.ui.app.Preferences(), ex)
		then(ex)
	}, p.d.ui.win)
	p.exportForm = f
	dlg.Show()
}

// exportDialogLayout stacks the form over its problem line at a width a
// 1024-pixel screen holds, the problem wrapped to it.
type exportDialogLayout struct{}

const exportDialogWidth = 460

func (exportDialogLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	y := float32(0)
	for _, o := range objs {
		o.Resize(fyne.NewSize(size.Width, o.MinSize().Height))
		h := o.MinSize().Height
		o.Resize(fyne.NewSize(size.Width, h))
		o.Move(fyne.NewPos(0, y))
		y += h
	}
}

func (exportDialogLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	h := float32(0)
	for _, o := range objs {
		h += o.MinSize().Height
	}
	return fyne.NewSize(exportDialogWidth, h)
}
