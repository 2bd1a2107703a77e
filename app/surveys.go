package app

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"csatdesk/data"
	"csatdesk/data/bank"
	"csatdesk/data/store"
)

// surveysScreen lists the surveys with their question and response counts
// and holds the actions on them: new from a template or blank, rename,
// duplicate, archive, delete, export and import a definition, print paper
// forms. Edit swaps the list for the designer of the selected survey.
type surveysScreen struct {
	ui *UI

	surveys []data.Survey
	stats   []store.SurveyStats
	sel     int // index into surveys; -1 when nothing is selected

	body     *fyne.Container // the list view or the designer
	listView fyne.CanvasObject
	list     *widget.List
	info     *widget.Label

	newTemplate, newBlank, edit, rename, duplicate, archive, del *widget.Button
	export, importDef, print                                     *widget.Button

	designer *designer // the open designer; nil while the list shows
	picker   *templatePicker
	printer  *printOptions
	renaming *dialogEntry
}

func newSurveysScreen(u *UI) *surveysScreen { return &surveysScreen{ui: u, sel: -1} }

func (s *surveysScreen) buildUI() fyne.CanvasObject {
	s.list = widget.NewList(
		func() int { return len(s.surveys) },
		func() fyne.CanvasObject {
			r := newTextRow(true)
			r.text.TextStyle.Bold = true
			return r
		},
		s.updateRow,
	)
	s.list.OnSelected = s.onSelect
	s.list.OnUnselected = func(widget.ListItemID) { s.sel = -1; s.updateButtons() }

	s.info = wrapLabel(lang.L("Pick a survey to edit it, print forms or export it."))
	s.newTemplate = widget.NewButtonWithIcon(lang.L("New from template…"), theme.ContentAddIcon(), s.onNewFromTemplate)
	s.newTemplate.Importance = widget.HighImportance
	s.newBlank = widget.NewButtonWithIcon(lang.L("New blank survey"), theme.DocumentIcon(), s.onNewBlank)
	s.edit = widget.NewButtonWithIcon(lang.L("Edit questions…"), theme.DocumentCreateIcon(), s.onEdit)
	s.rename = widget.NewButton(lang.L("Rename…"), s.onRename)
	s.duplicate = widget.NewButtonWithIcon(lang.L("Duplicate"), theme.ContentCopyIcon(), s.onDuplicate)
	s.archive = widget.NewButton(lang.L("Archive"), s.onArchive)
	s.del = widget.NewButtonWithIcon(lang.L("Delete…"), theme.DeleteIcon(), s.onDelete)
	s.del.Importance = widget.DangerImportance
	s.print = widget.NewButtonWithIcon(lang.L("Print forms…"), theme.DocumentPrintIcon(), s.onPrint)
	s.export = widget.NewButtonWithIcon(lang.L("Export definition…"), theme.UploadIcon(), s.onExport)
	s.importDef = widget.NewButtonWithIcon(lang.L("Import definition…"), theme.DownloadIcon(), s.onImport)

	actions := container.NewVBox(
		s.newTemplate, s.newBlank, s.importDef,
		widget.NewSeparator(),
		s.edit, s.print, s.rename, s.duplicate, s.export, s.archive,
		widget.NewSeparator(),
		s.del,
		widget.NewSeparator(),
		s.info,
	)
	title := widget.NewLabelWithStyle(lang.L("Surveys"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	s.listView = container.NewBorder(title, nil, nil,
		container.NewGridWrap(fyne.NewSize(280, actions.MinSize().Height), actions), s.list)
	s.body = container.NewStack(s.listView)
	s.updateButtons()
	return s.body
}

// reload shows the surveys and their response counts as the model has them.
func (s *surveysScreen) reload() {
	svs, err := s.ui.model.all()
	if err != nil {
		s.ui.showError(err)
		return
	}
	var selID uint64
	if s.sel >= 0 && s.sel < len(s.surveys) {
		selID = s.surveys[s.sel].ID
	}
	s.surveys = svs
	s.stats = make([]store.SurveyStats, len(svs))
	for i, sv := range svs {
		s.stats[i] = s.ui.model.stat(sv.ID)
	}
	if s.list == nil {
		return
	}
	s.list.Refresh()
	s.sel = -1
	s.list.UnselectAll()
	for i, sv := range svs {
		if sv.ID == selID {
			s.list.Select(i)
		}
	}
	s.updateButtons()
}

// changed refreshes this screen and every other one after surveys change
// (through the model).
func (s *surveysScreen) changed() { s.ui.reload() }

func (s *surveysScreen) updateRow(i widget.ListItemID, o fyne.CanvasObject) {
	if i < 0 || i >= len(s.surveys) {
		return
	}
	row := o.(*textRow)
	name := s.surveys[i].Name
	if s.surveys[i].Archived {
		name = lang.L("{{.Name}} (archived)", map[string]any{"Name": name})
	}
	row.text.SetText(name)
	row.detail.SetText(s.describe(i))
}

// describe is the detail line of survey i: "7 questions · 120 responses ·
// last response 2026-11-19".
func (s *surveysScreen) describe(i int) string {
	n := len(s.surveys[i].Active())
	parts := []string{lang.N("{{.Count}} question", n, map[string]any{"Count": n})}
	st := s.stats[i]
	if st.Responses == 0 {
		parts = append(parts, lang.L("no responses yet"))
	} else {
		c := int(st.Responses)
		parts = append(parts,
			lang.N("{{.Count}} response", c, map[string]any{"Count": c}),
			lang.L("last response {{.Date}}", map[string]any{"Date": st.Last.String()}))
	}
	if v := s.surveys[i].Version; v > 1 {
		parts = append(parts, lang.L("version {{.Version}}", map[string]any{"Version": v}))
	}
	return strings.Join(parts, " · ")
}

func (s *surveysScreen) onSelect(i widget.ListItemID) {
	s.sel = i
	s.updateButtons()
}

// selected returns the selected survey.
func (s *surveysScreen) selected() (data.Survey, store.SurveyStats, bool) {
	if s.sel < 0 || s.sel >= len(s.surveys) {
		return data.Survey{}, store.SurveyStats{}, false
	}
	return s.surveys[s.sel], s.stats[s.sel], true
}

func (s *surveysScreen) updateButtons() {
	sv, _, ok := s.selected()
	for _, b := range []*widget.Button{s.edit, s.rename, s.duplicate, s.archive, s.del, s.export, s.print} {
		if ok {
			b.Enable()
		} else {
			b.Disable()
		}
	}
	if !ok {
		s.info.SetText(lang.L("Pick a survey to edit it, print forms or export it."))
		return
	}
	if sv.Archived {
		s.archive.SetText(lang.L("Unarchive"))
	} else {
		s.archive.SetText(lang.L("Archive"))
	}
	s.info.SetText(sv.Name + "\n" + s.describe(s.sel))
}

// selectID selects the survey with the given ID in the list.
func (s *surveysScreen) selectID(id uint64) {
	for i, sv := range s.surveys {
		if sv.ID == id {
			s.list.Select(i)
			return
		}
	}
}

// freeName returns name, or name with " (2)", " (3)" … when a survey of
// that name exists already.
func (s *surveysScreen) freeName(name string) string {
	svs, err := s.ui.model.all()
	if err != nil {
		return name
	}
	taken := map[string]bool{}
	for _, sv := range svs {
		taken[strings.ToLower(strings.TrimSpace(sv.Name))] = true
	}
	try := name
	for n := 2; taken[strings.ToLower(strings.TrimSpace(try))]; n++ {
		try = fmt.Sprintf("%s (%d)", name, n)
	}
	return try
}

// create stores sv as a new survey, refreshes and selects it.
func (s *surveysScreen) create(sv *data.Survey) error {
	sv.Name = s.freeName(sv.Name)
	if err := s.ui.st.CreateSurvey(sv); err != nil {
		return err
	}
	s.changed()
	s.selectID(sv.ID)
	return nil
}

// surveyLanguage is the default language of new surveys: the UI language
// when the bank has it, else English.
func surveyLanguage() string { return bank.Normalize(string(lang.SystemLocale())) }

func languageNames() []string {
	out := make([]string, len(bank.Languages))
	for i, l := range bank.Languages {
		out[i] = l.Name
	}
	return out
}

func languageIndex(code string) int {
	code = bank.Normalize(code)
	for i, l := range bank.Languages {
		if l.Code == code {
			return i
		}
	}
	return 0
}

func (s *surveysScreen) onEdit() {
	if sv, _, ok := s.selected(); ok {
		s.openDesigner(sv.ID)
	}
}

// openDesigner shows the designer of survey id in place of the list.
func (s *surveysScreen) openDesigner(id uint64) {
	sv, err := s.ui.st.Survey(id)
	if err != nil {
		s.ui.showError(err)
		return
	}
	stats, err := s.ui.st.SurveyStats(id)
	if err != nil {
		s.ui.showError(err)
		return
	}
	if s.designer != nil {
		s.designer.unbindKeys()
	}
	s.designer = newDesigner(s, sv, stats.Responses)
	s.body.Objects = []fyne.CanvasObject{s.designer.buildUI()}
	translatePlaceholders(s.body)
	s.body.Refresh()
	s.designer.bindKeys()
}

// closeDesigner goes back to the list.
func (s *surveysScreen) closeDesigner() {
	if s.designer == nil {
		return
	}
	s.designer.unbindKeys()
	s.designer = nil
	s.body.Objects = []fyne.CanvasObject{s.listView}
	s.body.Refresh()
	s.reload()
}

func (s *surveysScreen) onRename() {
	sv, _, ok := s.selected()
	if !ok {
		return
	}
	s.renaming = newDialogEntry(s.ui.win.Canvas())
	s.renaming.SetText(sv.Name)
	d := dialog.NewForm(lang.L("Rename survey"), lang.L("Rename"), lang.L("Cancel"),
		[]*widget.FormItem{widget.NewFormItem(lang.L("New name"), s.renaming)},
		func(ok bool) {
			if ok {
				s.onRenameDone(sv.ID)
			}
		}, s.ui.win)
	d.Resize(fyne.NewSize(480, 160))
	d.Show()
	s.ui.win.Canvas().Focus(s.renaming)
}

// onRenameDone stores the name typed in the rename dialog.
func (s *surveysScreen) onRenameDone(id uint64) {
	sv, err := s.ui.st.Survey(id)
	if err != nil {
		s.ui.showError(err)
		return
	}
	sv.Name = strings.TrimSpace(s.renaming.Text)
	if err := s.ui.st.SaveSurvey(&sv); err != nil {
		s.ui.showError(err)
		return
	}
	s.changed()
}

func (s *surveysScreen) onDuplicate() {
	sv, _, ok := s.selected()
	if !ok {
		return
	}
	cp := sv
	cp.ID, cp.Archived, cp.Version = 0, false, 1
	cp.Name = lang.L("{{.Name}} (copy)", map[string]any{"Name": sv.Name})
	cp.Questions = sv.Active() // the copy has no old answers to keep retired questions for
	for i := range cp.Questions {
		cp.Questions[i].SinceVersion = 1
	}
	if err := s.create(&cp); err != nil {
		s.ui.showError(err)
	}
}

func (s *surveysScreen) onArchive() {
	sv, _, ok := s.selected()
	if !ok {
		return
	}
	sv.Archived = !sv.Archived
	if err := s.ui.st.SaveSurvey(&sv); err != nil {
		s.ui.showError(err)
		return
	}
	s.changed()
}
