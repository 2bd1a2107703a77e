package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"csatdesk/data"
	"csatdesk/data/bank"
)

// templatePicker is the "New from template" dialog.
type templatePicker struct {
	templates []bank.Template
	choice    *widget.RadioGroup
	descr     *widget.Label
	language  *widget.Select
	business  *dialogEntry
	create    *widget.Button
	cancel    *widget.Button
	dlg       dialog.Dialog
}

func (s *surveysScreen) onNewFromTemplate() {
	p := &templatePicker{
		choice:   widget.NewRadioGroup(nil, nil),
		descr:    wrapLabel(""),
		language: widget.NewSelect(languageNames(), nil),
		business: newDialogEntry(s.ui.win.Canvas()),
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
