package app

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"csatdesk/app/cli"
	"csatdesk/data"
	"csatdesk/data/bank"
	"csatdesk/data/paperform"
	"csatdesk/data/store"
	"csatdesk/data/surveyfile"
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
	renaming *widget.Entry
}

// templatePicker is the "New from template" dialog.
type templatePicker struct {
	templates []bank.Template
	choice    *widget.RadioGroup
	descr     *widget.Label
	language  *widget.Select
	business  *widget.Entry
	create    *widget.Button
	cancel    *widget.Button
	dlg       dialog.Dialog
}

// printOptions is the "Print forms" dialog.
type printOptions struct {
	survey data.Survey
	paper  *widget.Select
	count  *widget.Entry
	first  *widget.Entry
	prefix *widget.Entry
	msg    *widget.Label
	ok     *widget.Button
	dlg    dialog.Dialog
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

// reload re-reads the surveys and their response counts.
func (s *surveysScreen) reload() {
	svs, err := s.ui.st.Surveys()
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
		if s.stats[i], err = s.ui.st.SurveyStats(sv.ID); err != nil {
			s.ui.showError(err)
		}
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

// changed refreshes this screen and every other one after surveys change.
func (s *surveysScreen) changed() {
	s.reload()
	s.ui.reload()
}

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
	svs, err := s.ui.st.Surveys()
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

func (s *surveysScreen) onNewFromTemplate() {
	p := &templatePicker{
		choice:   widget.NewRadioGroup(nil, nil),
		descr:    wrapLabel(""),
		language: widget.NewSelect(languageNames(), nil),
		business: widget.NewEntry(),
	}
	p.business.SetText(s.ui.settings.Business)
	p.business.SetPlaceHolder(lang.L("printed on the forms, e.g. Café Riga"))
	p.choice.OnChanged = func(string) { s.onTemplateChoice() }
	p.language.OnChanged = func(string) { s.onTemplateLanguage() }
	p.create = widget.NewButtonWithIcon(lang.L("Create survey"), theme.ConfirmIcon(), s.onTemplateCreate)
	p.create.Importance = widget.HighImportance
	p.create.Disable()
	p.cancel = widget.NewButtonWithIcon(lang.L("Cancel"), theme.CancelIcon(), func() { p.dlg.Hide() })
	s.picker = p
	p.language.SetSelectedIndex(languageIndex(surveyLanguage()))
	content := container.NewBorder(
		container.NewVBox(
			labelled(lang.L("Language of the survey"), p.language),
			labelled(lang.L("Business name"), p.business),
			widget.NewSeparator(),
		),
		container.NewVBox(widget.NewSeparator(), p.descr, container.NewHBox(layoutSpacer(), p.cancel, p.create)),
		nil, nil,
		container.NewVScroll(p.choice),
	)
	p.dlg = dialog.NewCustomWithoutButtons(lang.L("New survey from a template"), content, s.ui.win)
	p.dlg.Resize(fyne.NewSize(560, 460))
	p.dlg.Show()
}

// onTemplateLanguage shows the template names in the chosen language,
// keeping the chosen template.
func (s *surveysScreen) onTemplateLanguage() {
	p := s.picker
	code := bank.Languages[max(p.language.SelectedIndex(), 0)].Code
	idx := p.selectedTemplate()
	p.templates = bank.Templates(code)
	names := make([]string, len(p.templates))
	for i, t := range p.templates {
		names[i] = lang.N("{{.Name}} ({{.Count}} question)", t.Questions, map[string]any{"Name": t.Name, "Count": t.Questions})
	}
	p.choice.Options = names
	p.choice.Selected = ""
	if idx >= 0 {
		p.choice.Selected = names[idx]
	}
	p.choice.Refresh()
	s.onTemplateChoice()
}

// selectedTemplate returns the index of the chosen template, or -1.
func (p *templatePicker) selectedTemplate() int {
	for i, o := range p.choice.Options {
		if o == p.choice.Selected {
			return i
		}
	}
	return -1
}

func (s *surveysScreen) onTemplateChoice() {
	p := s.picker
	i := p.selectedTemplate()
	if i < 0 {
		p.descr.SetText(lang.L("Pick a template; you can change every question afterwards."))
		p.create.Disable()
		return
	}
	p.descr.SetText(p.templates[i].Description)
	p.create.Enable()
}

func (s *surveysScreen) onTemplateCreate() {
	p := s.picker
	i := p.selectedTemplate()
	if i < 0 {
		return
	}
	code := bank.Languages[max(p.language.SelectedIndex(), 0)].Code
	sv := p.templates[i].Survey(code, p.business.Text)
	if err := s.create(&sv); err != nil {
		s.ui.showError(err)
		return
	}
	p.dlg.Hide()
	s.openDesigner(sv.ID)
}

func (s *surveysScreen) onNewBlank() {
	code := surveyLanguage()
	sv := data.Survey{
		Name:     lang.L("New survey"),
		Business: s.ui.settings.Business,
		Language: code,
		Version:  1,
	}
	sv.AddQuestion(newQuestionOf(kindOptions[1], code, s.ui.settings.Business))
	if err := s.create(&sv); err != nil {
		s.ui.showError(err)
		return
	}
	s.openDesigner(sv.ID)
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
	s.renaming = widget.NewEntry()
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

func (s *surveysScreen) onDelete() {
	sv, stats, ok := s.selected()
	if !ok {
		return
	}
	if stats.Responses == 0 {
		dialog.ShowConfirm(lang.L("Delete survey"),
			lang.L("Delete the survey '{{.Name}}'? It has no responses.", map[string]any{"Name": sv.Name}),
			func(ok bool) {
				if ok {
					s.deleteSurvey(sv.ID)
				}
			}, s.ui.win)
		return
	}
	s.confirmDelete(sv, stats.Responses, "")
}

// confirmDelete asks before deleting a survey with responses, naming how
// many go, and offers a backup first; backup is where one was just saved.
func (s *surveysScreen) confirmDelete(sv data.Survey, responses uint64, backup string) {
	n := int(responses)
	msg := lang.N("Delete the survey '{{.Name}}' and its {{.Count}} response? This cannot be undone.", n,
		map[string]any{"Name": sv.Name, "Count": n})
	if backup != "" {
		msg = lang.L("A backup was saved to {{.Path}}.", map[string]any{"Path": backup}) + "\n\n" + msg
	} else {
		msg += "\n\n" + lang.L("You can save a backup of the whole database first.")
	}
	var d dialog.Dialog
	del := widget.NewButtonWithIcon(lang.L("Delete"), theme.DeleteIcon(), func() {
		d.Hide()
		s.deleteSurvey(sv.ID)
	})
	del.Importance = widget.DangerImportance
	backupBtn := widget.NewButtonWithIcon(lang.L("Back up first…"), theme.DocumentSaveIcon(), func() {
		d.Hide()
		s.backupThenConfirm(sv, responses)
	})
	if backup != "" {
		backupBtn.Disable()
	}
	cancel := widget.NewButtonWithIcon(lang.L("Cancel"), theme.CancelIcon(), func() { d.Hide() })
	d = dialog.NewCustomWithoutButtons(lang.L("Delete survey"),
		container.NewVBox(wrapLabel(msg), container.NewHBox(layoutSpacer(), cancel, backupBtn, del)), s.ui.win)
	d.Resize(fyne.NewSize(520, 220))
	d.Show()
}

// backupThenConfirm saves a backup to a file the user picks, then asks
// again whether to delete.
func (s *surveysScreen) backupThenConfirm(sv data.Survey, responses uint64) {
	s.ui.saveInBackground("csatdesk-backup.db", func(path string) error {
		if err := s.ui.st.BackupFile(path); err != nil {
			return fmt.Errorf("%s: %w", lang.L("Backup failed"), err)
		}
		return nil
	}, func(path string) { s.confirmDelete(sv, responses, path) })
}

// deleteSurvey deletes survey id with its responses.
func (s *surveysScreen) deleteSurvey(id uint64) {
	if err := s.ui.st.DeleteSurvey(id); err != nil {
		s.ui.showError(err)
		return
	}
	s.sel = -1
	s.changed()
}

// fileName makes a file name from a survey name.
func fileName(name, ext string) string {
	r := strings.NewReplacer("/", "-", "\\", "-", ":", "-", "*", "", "?", "", "\"", "", "<", "", ">", "", "|", "")
	n := strings.TrimSpace(r.Replace(name))
	if n == "" {
		n = "survey"
	}
	return n + ext
}

func (s *surveysScreen) onExport() {
	sv, _, ok := s.selected()
	if !ok {
		return
	}
	s.ui.askSave(fileName(sv.Name, surveyfile.Extension), func(path string) error { return s.onExportFile(sv, path) })
}

// onExportFile writes the definition of sv to path.
func (s *surveysScreen) onExportFile(sv data.Survey, path string) error {
	if err := cli.WriteFile(path, func(w io.Writer) error { return surveyfile.Write(w, sv) }); err != nil {
		return err
	}
	dialog.ShowInformation(lang.L("Survey exported"),
		lang.L("The survey '{{.Name}}' was saved to {{.Path}}. Import it on another computer with Import definition…",
			map[string]any{"Name": sv.Name, "Path": path}), s.ui.win)
	return nil
}

func (s *surveysScreen) onImport() {
	s.ui.askOpen([]string{".json"}, s.onImportFile)
}

// onImportFile reads a survey definition from path.
func (s *surveysScreen) onImportFile(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	sv, err := s.importDefinition(f)
	if err != nil {
		return err
	}
	dialog.ShowInformation(lang.L("Survey imported"),
		lang.N("The survey '{{.Name}}' with {{.Count}} question was added.", len(sv.Active()),
			map[string]any{"Name": sv.Name, "Count": len(sv.Active())}), s.ui.win)
	return nil
}

// importDefinition stores the survey read from r as a new survey. A file
// that is not a valid survey definition changes nothing.
func (s *surveysScreen) importDefinition(r io.Reader) (data.Survey, error) {
	sv, err := surveyfile.Read(r)
	if err != nil {
		if errors.Is(err, surveyfile.ErrFormat) {
			return sv, fmt.Errorf("%s %w", lang.L("This file is not a CSAT Desk survey definition, so nothing was imported:"), err)
		}
		return sv, fmt.Errorf("%s %w", lang.L("The survey in this file is not valid, so nothing was imported:"), err)
	}
	if err := s.create(&sv); err != nil {
		return sv, err
	}
	return sv, nil
}

func (s *surveysScreen) onPrint() {
	sv, _, ok := s.selected()
	if !ok {
		return
	}
	p := &printOptions{
		survey: sv,
		paper:  widget.NewSelect([]string{"A4", "Letter"}, nil),
		count:  widget.NewEntry(),
		first:  widget.NewEntry(),
		prefix: widget.NewEntry(),
		msg:    wrapLabel(""),
	}
	p.paper.SetSelected("A4")
	if strings.HasPrefix(string(lang.SystemLocale()), "en-US") || strings.HasPrefix(string(lang.SystemLocale()), "en_US") {
		p.paper.SetSelected("Letter")
	}
	p.count.SetText("50")
	p.first.SetText("1")
	p.prefix.SetPlaceHolder(lang.L("optional, e.g. A-"))
	p.msg.Importance = widget.DangerImportance
	p.ok = widget.NewButtonWithIcon(lang.L("Save PDF…"), theme.DocumentPrintIcon(), s.onPrintOptions)
	p.ok.Importance = widget.HighImportance
	cancel := widget.NewButtonWithIcon(lang.L("Cancel"), theme.CancelIcon(), func() { p.dlg.Hide() })
	s.printer = p
	form := widget.NewForm(
		widget.NewFormItem(lang.L("Paper"), p.paper),
		widget.NewFormItem(lang.L("Number of forms"), p.count),
		widget.NewFormItem(lang.L("First form number"), p.first),
		widget.NewFormItem(lang.L("Number prefix"), p.prefix),
	)
	intro := wrapLabel(lang.L("Each form gets its own number, so every sheet is entered exactly once."))
	p.dlg = dialog.NewCustomWithoutButtons(lang.L("Print forms of '{{.Name}}'", map[string]any{"Name": sv.Name}),
		container.NewVBox(intro, form, p.msg, container.NewHBox(layoutSpacer(), cancel, p.ok)), s.ui.win)
	p.dlg.Resize(fyne.NewSize(480, 320))
	p.dlg.Show()
}

// options reads the print dialog; the error names the field.
func (p *printOptions) options() (paperform.Options, error) {
	count, err := strconv.Atoi(strings.TrimSpace(p.count.Text))
	if err != nil || count < 1 || count > paperform.MaxCount {
		return paperform.Options{}, errors.New(lang.L("Number of forms: type a number from 1 to {{.Max}}.", map[string]any{"Max": paperform.MaxCount}))
	}
	first := 1
	if t := strings.TrimSpace(p.first.Text); t != "" {
		first, err = strconv.Atoi(t)
		if err != nil || first < 0 {
			return paperform.Options{}, errors.New(lang.L("First form number: type a whole number, 0 or more."))
		}
	}
	return paperform.Options{
		Paper:        p.paper.Selected,
		Count:        count,
		FirstNumber:  first,
		NumberPrefix: strings.TrimSpace(p.prefix.Text),
		Business:     p.survey.Business,
	}, nil
}

func (s *surveysScreen) onPrintOptions() {
	p := s.printer
	opt, err := p.options()
	if err != nil {
		p.msg.SetText(err.Error())
		return
	}
	p.msg.SetText("")
	p.dlg.Hide()
	s.ui.askSave(fileName(p.survey.Name, ".pdf"), func(path string) error {
		s.onPrintFile(p.survey, opt, path)
		return nil // reported when the forms are written
	})
}

// onPrintFile writes the forms to path in the background, with a progress
// dialog.
func (s *surveysScreen) onPrintFile(sv data.Survey, opt paperform.Options, path string) {
	bar := widget.NewProgressBarInfinite()
	prog := dialog.NewCustomWithoutButtons(lang.L("Printing forms"), container.NewVBox(
		widget.NewLabel(lang.N("Writing {{.Count}} form…", opt.Count, map[string]any{"Count": opt.Count})), bar), s.ui.win)
	prog.Show()
	s.printForms(path, sv, opt, func(err error) {
		prog.Hide()
		if err != nil {
			removeIfEmpty(path)
			s.ui.showError(err)
			return
		}
		dialog.ShowInformation(lang.L("Forms ready"),
			lang.N("{{.Count}} form was saved to {{.Path}}, numbered {{.First}} to {{.Last}}. Print it on {{.Paper}} paper.", opt.Count,
				map[string]any{"Count": opt.Count, "Path": path, "First": opt.FormNumber(0), "Last": opt.FormNumber(opt.Count - 1), "Paper": opt.Paper}),
			s.ui.win)
	})
}

// printForms writes the PDF in a goroutine and calls done on the UI
// thread.
func (s *surveysScreen) printForms(path string, sv data.Survey, opt paperform.Options, done func(error)) {
	go func() {
		err := paperform.WriteFile(path, sv, opt)
		fyne.Do(func() { done(err) })
	}()
}
