package app

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"csatdesk/data"
	"csatdesk/data/verify"
)

// verifyScreen is double-entry verification of a batch of paper forms:
// pick the batch (survey, date, form number range) whose first entry is
// stored, type the same forms again blind (the first entry is never
// shown), then settle each difference against the paper. Settling writes
// the right value to the stored response, so only checked values reach the
// charts. The second entry lives in a session saved in the settings after
// every form (a crash loses at most the form on screen); it never becomes
// responses.
type verifyScreen struct {
	ui  *UI
	now func() time.Time

	surveys []data.Survey
	survey  *data.Survey

	root              fyne.CanvasObject
	surveySel         *widget.Select
	date, from, to    *keyEntry
	selected          *widget.Label
	start, compareBtn *widget.Button
	countGen          int
	selectedCount     int // first-entry forms the batch selects

	sess *verifySession
	key  string // settings key of sess
	// first is the batch's first entry as last read from the store.
	first []data.Response

	// Second entry.
	entryBox, formBox       *fyne.Container
	channel                 *widget.SelectEntry
	location, staff         *keyEntry
	form                    *paperForm
	status, progress        *widget.Label
	confirm                 string // a form number the operator chose to keep despite a warning
	compareBox, mismatchBox *fyne.Container
	summary, only, outcome  *widget.Label
}

// verifySession is the saved state of one batch's verification.
type verifySession struct {
	SurveyID uint64 `json:"survey"`
	Date     string `json:"date"`
	From     string `json:"from"`
	To       string `json:"to"`
	// Forms is the second entry, in the order typed.
	Forms []data.Response `json:"forms"`
	// Report is the last comparison; Resolved holds, per mismatch, the
	// value settled on (absent: not yet settled).
	Report   *verify.Report `json:"report,omitempty"`
	Resolved map[int]string `json:"resolved,omitempty"`
	Done     bool           `json:"done,omitempty"`
}

func newVerifyScreen(u *UI) *verifyScreen { return &verifyScreen{ui: u, now: time.Now} }

// verifyKey is the settings key of a batch's session.
func verifyKey(sid uint64, date, from, to string) string {
	return fmt.Sprintf("verify:%d:%s:%s-%s", sid, date, from, to)
}

func (v *verifyScreen) buildUI() fyne.CanvasObject {
	v.surveySel = widget.NewSelect(nil, v.onSurvey)
	v.date, v.from, v.to = newKeyEntry(), newKeyEntry(), newKeyEntry()
	v.date.SetText(v.now().Format("2006-01-02"))
	v.date.onKey = dateStepper(v.date, func() time.Time { return v.now() })
	v.from.SetPlaceHolder(lang.L("e.g. A-0001"))
	v.to.SetPlaceHolder(lang.L("e.g. A-0050"))
	for _, e := range []*keyEntry{v.date, v.from, v.to} {
		e.OnChanged = func(string) { v.onBatchChanged() }
	}
	v.date.onSubmit = func() { v.focus(v.from) }
	v.from.onSubmit = func() { v.focus(v.to) }
	v.to.onSubmit = v.onStart
	v.selected = wrapLabel("")
	v.start = widget.NewButtonWithIcon(lang.L("Start second entry"), theme.DocumentCreateIcon(), v.onStart)
	v.start.Importance = widget.HighImportance
	v.compareBtn = widget.NewButtonWithIcon(lang.L("Compare with the first entry"), theme.ViewRefreshIcon(), v.onCompare)
	v.compareBtn.Disable()

	batch := container.NewAdaptiveGrid(4,
		labelled(lang.L("Survey"), v.surveySel),
		labelled(lang.L("Date on the forms"), v.date),
		labelled(lang.L("Forms from"), v.from),
		labelled(lang.L("to"), v.to),
	)
	header := container.NewVBox(
		widget.NewLabelWithStyle(lang.L("Batch to verify"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		wrapLabel(lang.L("Type the same paper forms a second time without looking at the first entry; then settle every difference against the paper.")),
		batch,
		container.NewBorder(nil, nil, nil, container.NewHBox(v.start, v.compareBtn), v.selected),
		widget.NewSeparator(),
	)

	// Second entry.
	v.channel = widget.NewSelectEntry(data.Channels)
	v.channel.SetText("paper")
	v.location, v.staff = newKeyEntry(), newKeyEntry()
	v.location.SetPlaceHolder(lang.L("e.g. Old Town"))
	v.staff.SetPlaceHolder(lang.L("initials"))
	v.status, v.progress = wrapLabel(""), widget.NewLabel("")
	save := widget.NewButtonWithIcon(lang.L("Save form (Ctrl+Enter)"), theme.DocumentSaveIcon(), v.onSave)
	save.Importance = widget.HighImportance
	v.formBox = container.NewVBox()
	v.entryBox = container.NewBorder(
		container.NewVBox(
			widget.NewLabelWithStyle(lang.L("Second entry"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
			container.NewAdaptiveGrid(3,
				labelled(lang.L("Channel"), v.channel),
				labelled(lang.L("Location"), v.location),
				labelled(lang.L("Staff"), v.staff),
			),
		),
		container.NewVBox(widget.NewSeparator(),
			container.NewBorder(nil, nil, nil, save, container.NewHBox(v.progress, v.status))),
		nil, nil,
		container.NewVScroll(v.formBox),
	)

	// Comparison.
	v.summary = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	v.only = wrapLabel("")
	v.outcome = wrapLabel("")
	v.mismatchBox = container.NewVBox()
	v.compareBox = container.NewBorder(
		container.NewVBox(v.summary, v.only, v.outcome, widget.NewSeparator()),
		nil, nil, nil,
		container.NewVScroll(v.mismatchBox),
	)
	v.entryBox.Hide()
	v.compareBox.Hide()
	v.root = container.NewBorder(header, nil, nil, nil, container.NewStack(v.entryBox, v.compareBox))
	return v.root
}

// reload re-reads the surveys.
func (v *verifyScreen) reload() {
	var names []string
	var err error
	if v.surveys, names, err = v.ui.activeSurveys(); err != nil {
		v.ui.showError(err)
		return
	}
	v.surveySel.SetOptions(names)
	if i := v.surveySel.SelectedIndex(); i >= 0 && i < len(v.surveys) {
		v.survey = &v.surveys[i]
	} else if len(names) > 0 {
		v.surveySel.SetSelectedIndex(0) // calls onSurvey
	}
}

func (v *verifyScreen) onSurvey(string) {
	i := v.surveySel.SelectedIndex()
	if i < 0 || i >= len(v.surveys) {
		return
	}
	v.survey = &v.surveys[i]
	v.onBatchChanged()
}

func (v *verifyScreen) focus(f fyne.Focusable) {
	if c := v.ui.win.Canvas(); c != nil {
		c.Focus(f)
	}
}

// batchDay parses the batch's date.
func (v *verifyScreen) batchDay() (time.Time, error) {
	day, err := time.ParseInLocation("2006-01-02", strings.TrimSpace(v.date.Text), time.Local)
	if err != nil {
		return time.Time{}, errors.New(lang.L("The date must look like 2025-09-01"))
	}
	return day, nil
}

// readFirst reads the batch's first entry: the survey's responses of the
// day whose form number lies in the range.
func (v *verifyScreen) readFirst(sid uint64, day time.Time, from, to string) ([]data.Response, error) {
	d := data.DayOf(day)
	var out []data.Response
	err := v.ui.st.EachResponse(sid, d, d, func(r data.Response) error {
		if r.FormNumber != "" && verify.InRange(r.FormNumber, from, to) {
			out = append(out, r)
		}
		return nil
	})
	return out, err
}

// onBatchChanged closes the open session and counts the first-entry forms
// the batch now selects.
func (v *verifyScreen) onBatchChanged() {
	if v.sess != nil {
		v.closeSession()
	}
	v.countGen++
	gen := v.countGen
	if v.survey == nil {
		v.selected.SetText(lang.L("Create a survey first."))
		v.start.Disable()
		return
	}
	day, err := v.batchDay()
	if err != nil {
		v.selected.SetText(err.Error())
		v.start.Disable()
		return
	}
	sid, from, to := v.survey.ID, strings.TrimSpace(v.from.Text), strings.TrimSpace(v.to.Text)
	key := verifyKey(sid, day.Format("2006-01-02"), from, to)
	var (
		first   []data.Response
		saved   *verifySession
		readErr error
	)
	v.ui.background(func() {
		if first, readErr = v.readFirst(sid, day, from, to); readErr == nil {
			saved, readErr = loadVerifySession(v.ui.st.Setting, key)
		}
	}, func() {
		if gen != v.countGen {
			return // the batch changed again meanwhile
		}
		if readErr != nil {
			v.selected.SetText(readErr.Error())
			v.start.Disable()
			return
		}
		v.selectedCount = len(first)
		text := lang.N("{{.Count}} first-entry form selected", len(first), map[string]any{"Count": len(first)})
		switch {
		case saved != nil && saved.Done:
			text += " · " + lang.L("verified: every difference is settled")
			v.start.SetText(lang.L("Open the verification"))
		case saved != nil:
			text += " · " + lang.N("{{.Count}} form already typed in the second entry", len(saved.Forms), map[string]any{"Count": len(saved.Forms)})
			v.start.SetText(lang.L("Continue second entry"))
		default:
			v.start.SetText(lang.L("Start second entry"))
		}
		v.selected.SetText(text)
		if len(first) == 0 && saved == nil {
			v.start.Disable()
		} else {
			v.start.Enable()
		}
	})
}

func loadVerifySession(get func(string) ([]byte, error), key string) (*verifySession, error) {
	b, err := get(key)
	if err != nil || b == nil {
		return nil, err
	}
	s := &verifySession{}
	if err := json.Unmarshal(b, s); err != nil {
		return nil, fmt.Errorf("%s: %w", key, err)
	}
	return s, nil
}

// saveSession writes the session to the settings.
func (v *verifyScreen) saveSession() error {
	b, err := json.Marshal(v.sess)
	if err != nil {
		return err
	}
	return v.ui.st.SetSetting(v.key, b)
}

// closeSession hides the second entry and the comparison.
func (v *verifyScreen) closeSession() {
	v.sess, v.key, v.first, v.confirm = nil, "", nil, ""
	v.entryBox.Hide()
	v.compareBox.Hide()
	v.compareBtn.Disable()
}

// onStart opens (or resumes) the batch's session and shows the second
// entry; a verified batch opens on its comparison.
func (v *verifyScreen) onStart() {
	if v.survey == nil {
		return
	}
	day, err := v.batchDay()
	if err != nil {
		v.selected.SetText(err.Error())
		v.focus(v.date)
		return
	}
	date, from, to := day.Format("2006-01-02"), strings.TrimSpace(v.from.Text), strings.TrimSpace(v.to.Text)
	key := verifyKey(v.survey.ID, date, from, to)
	sess, err := loadVerifySession(v.ui.st.Setting, key)
	if err != nil {
		v.ui.showError(err)
		return
	}
	if sess == nil {
		sess = &verifySession{SurveyID: v.survey.ID, Date: date, From: from, To: to}
	}
	v.sess, v.key, v.confirm = sess, key, ""
	v.compareBtn.Enable()
	v.buildForm()
	if sess.Report != nil {
		v.showComparison()
		return
	}
	v.showEntry()
}

// buildForm lays out the second-entry form of the survey.
func (v *verifyScreen) buildForm() {
	v.form = newPaperForm(v.survey, v.focus, v.onSave, v.onShortcut)
	v.form.onAnswered = func(*answerField) { v.status.SetText("") }
	v.formBox.Objects = v.form.rows
	v.formBox.Refresh()
}

// showEntry shows the second entry with the next form number filled in.
func (v *verifyScreen) showEntry() {
	v.compareBox.Hide()
	v.entryBox.Show()
	next := v.sess.From
	if n := len(v.sess.Forms); n > 0 {
		next = nextFormNumber(v.sess.Forms[n-1].FormNumber)
	}
	v.form.clear(next)
	v.status.SetText("")
	v.updateProgress()
	v.form.focusFirst()
}

func (v *verifyScreen) updateProgress() {
	n := len(v.sess.Forms)
	v.progress.SetText(lang.N("{{.Count}} form typed in the second entry", n, map[string]any{"Count": n}))
}

func (v *verifyScreen) onShortcut(s fyne.Shortcut) {
	switch {
	case isCtrl(s, fyne.KeyReturn) || isCtrl(s, fyne.KeyEnter):
		v.onSave()
	case isUndo(s):
		v.onUndo()
	}
}

// onSave keeps the form on screen in the session (never as a response)
// and starts a blank one.
func (v *verifyScreen) onSave() {
	if v.sess == nil || v.form == nil {
		return
	}
	day, err := time.ParseInLocation("2006-01-02", v.sess.Date, time.Local)
	if err != nil {
		v.status.SetText(err.Error())
		return
	}
	r := v.form.response(v.survey.ID)
	r.CollectedAt = time.Date(day.Year(), day.Month(), day.Day(), 12, 0, 0, 0, time.Local)
	r.Source = data.SourceManual
	r.Channel = strings.TrimSpace(v.channel.Text)
	tags := map[string]string{}
	if s := strings.TrimSpace(v.location.Text); s != "" {
		tags[data.TagLocation] = s
	}
	if s := strings.TrimSpace(v.staff.Text); s != "" {
		tags[data.TagStaff] = s
	}
	if len(tags) > 0 {
		r.Tags = tags
	}
	if r.FormNumber == "" {
		v.status.SetText(lang.L("Type the form number: the two entries are matched by it."))
		v.focus(v.form.formNo)
		return
	}
	if err := r.Validate(v.survey); err != nil {
		v.form.showMissing(err)
		v.status.SetText(errorText(err))
		return
	}
	if r.FormNumber != v.confirm {
		warn := ""
		if !verify.InRange(r.FormNumber, v.sess.From, v.sess.To) {
			warn = lang.L("Form {{.No}} is outside this batch. Check the sheet; press Ctrl+Enter again to keep it anyway.", map[string]any{"No": r.FormNumber})
		}
		for _, f := range v.sess.Forms {
			if strings.EqualFold(f.FormNumber, r.FormNumber) {
				warn = lang.L("Form {{.No}} was already typed in this second entry. Check the sheet; press Ctrl+Enter again to keep it anyway.", map[string]any{"No": r.FormNumber})
			}
		}
		if warn != "" {
			v.confirm = r.FormNumber
			v.status.SetText(warn)
			v.focus(v.form.formNo)
			return
		}
	}
	v.sess.Forms = append(v.sess.Forms, r)
	v.sess.Done = false
	if err := v.saveSession(); err != nil {
		v.sess.Forms = v.sess.Forms[:len(v.sess.Forms)-1]
		v.status.SetText(lang.L("Not saved: {{.Err}}. The form is still here; press Ctrl+Enter to try again.", map[string]any{"Err": errorText(err)}))
		return
	}
	v.confirm = ""
	v.status.SetText(lang.L("Form {{.No}} kept for the comparison.", map[string]any{"No": r.FormNumber}))
	v.form.clear(nextFormNumber(r.FormNumber))
	v.updateProgress()
	v.form.focusFirst()
}

// onUndo takes the last second-entry form back onto the screen.
func (v *verifyScreen) onUndo() {
	if v.sess == nil || len(v.sess.Forms) == 0 {
		return
	}
	n := len(v.sess.Forms)
	r := v.sess.Forms[n-1]
	v.sess.Forms = v.sess.Forms[:n-1]
	if err := v.saveSession(); err != nil {
		v.sess.Forms = append(v.sess.Forms, r)
		v.status.SetText(err.Error())
		return
	}
	v.form.fill(&r)
	v.status.SetText(lang.L("Form taken back: correct it and save again."))
	v.updateProgress()
	v.form.focusFirst()
}

// onCompare compares the second entry with the stored first entry.
func (v *verifyScreen) onCompare() {
	if v.sess == nil {
		return
	}
	day, err := time.ParseInLocation("2006-01-02", v.sess.Date, time.Local)
	if err != nil {
		v.ui.showError(err)
		return
	}
	sess, sv := v.sess, *v.survey
	var (
		first   []data.Response
		readErr error
	)
	v.ui.background(func() {
		first, readErr = v.readFirst(sess.SurveyID, day, sess.From, sess.To)
	}, func() {
		if sess != v.sess {
			return // another batch meanwhile
		}
		if readErr != nil {
			v.ui.showError(readErr)
			return
		}
		v.first = first
		rep := verify.Compare(&sv, first, sess.Forms)
		sess.Report, sess.Resolved = &rep, nil
		sess.Done = rep.Differing == 0 && len(sess.Forms) > 0
		if err := v.saveSession(); err != nil {
			v.ui.showError(err)
		}
		v.showComparison()
	})
}

// showComparison lists the differences of the last comparison side by side,
// each with its ways to settle it.
func (v *verifyScreen) showComparison() {
	v.entryBox.Hide()
	v.compareBox.Show()
	rep := v.sess.Report
	v.summary.SetText(lang.L("{{.Forms}} forms compared, {{.Fields}} fields, {{.Differing}} differed ({{.Rate}} %)", map[string]any{
		"Forms": rep.Forms, "Fields": rep.FieldsCompared, "Differing": rep.Differing, "Rate": fmtNumber(rep.Rate(), 1),
	}))
	var only []string
	if len(rep.OnlyInFirst) > 0 {
		only = append(only, lang.L("Only in the first entry: {{.Forms}}", map[string]any{"Forms": formList(rep.OnlyInFirst)}))
	}
	if len(rep.OnlyInSecond) > 0 {
		only = append(only, lang.L("Only in the second entry: {{.Forms}}", map[string]any{"Forms": formList(rep.OnlyInSecond)}))
	}
	v.only.SetText(strings.Join(only, "\n"))
	v.only.Hidden = len(only) == 0
	v.only.Refresh()

	bold := fyne.TextStyle{Bold: true}
	rows := []fyne.CanvasObject{container.NewGridWithColumns(5,
		widget.NewLabelWithStyle(lang.L("Form"), fyne.TextAlignLeading, bold),
		widget.NewLabelWithStyle(lang.L("Question"), fyne.TextAlignLeading, bold),
		widget.NewLabelWithStyle(lang.L("First entry"), fyne.TextAlignLeading, bold),
		widget.NewLabelWithStyle(lang.L("Second entry"), fyne.TextAlignLeading, bold),
		widget.NewLabelWithStyle(lang.L("What the paper says"), fyne.TextAlignLeading, bold),
	)}
	for i, m := range rep.Mismatches {
		rows = append(rows, v.mismatchRow(i, m))
	}
	v.mismatchBox.Objects = rows
	v.mismatchBox.Refresh()
	v.updateOutcome()
}

// formList writes form numbers for a sentence; a form without a number is
// "(no number)".
func formList(nos []string) string {
	out := make([]string, len(nos))
	for i, n := range nos {
		if n == "" {
			n = lang.L("(no number)")
		}
		out[i] = n
	}
	return strings.Join(out, ", ")
}

// shown is a compared value for the table; a blank says so.
func shown(s string) string {
	if s == "" {
		return lang.L("(blank)")
	}
	return s
}

// fieldName is a mismatch's field as the table names it.
func fieldName(m verify.Mismatch) string {
	switch m.Ref.Pseudo {
	case verify.PseudoDate:
		return lang.L("Date")
	case verify.PseudoChannel:
		return lang.L("Channel")
	case verify.PseudoComment:
		return lang.L("Comment / contact")
	case verify.PseudoTag:
		switch m.Ref.Tag {
		case data.TagLocation:
			return lang.L("Location")
		case data.TagStaff:
			return lang.L("Staff")
		}
	}
	return m.Field
}

// mismatchRow is one difference: form, field, both values and the ways to
// settle it (or what it was settled on).
func (v *verifyScreen) mismatchRow(i int, m verify.Mismatch) fyne.CanvasObject {
	cells := []fyne.CanvasObject{
		widget.NewLabel(m.FormNumber),
		wrapLabel(fieldName(m)),
		wrapLabel(shown(m.First)),
		wrapLabel(shown(m.Second)),
	}
	if value, ok := v.sess.Resolved[i]; ok {
		l := wrapLabel(lang.L("Settled: {{.Value}}", map[string]any{"Value": shown(value)}))
		l.Importance = widget.SuccessImportance
		return container.NewGridWithColumns(5, append(cells, l)...)
	}
	typed := newKeyEntry()
	typed.SetPlaceHolder(lang.L("or type it"))
	hint := widget.NewLabel("")
	hint.Importance = widget.WarningImportance
	use := func() {
		if err := v.resolve(i, strings.TrimSpace(typed.Text), nil, false); err != nil {
			hint.SetText(err.Error())
		}
	}
	typed.onSubmit = use
	firstRight := widget.NewButton(lang.L("First is right"), func() {
		if err := v.resolve(i, m.First, m.FirstValue, true); err != nil {
			hint.SetText(err.Error())
		}
	})
	secondRight := widget.NewButton(lang.L("Second is right"), func() {
		if err := v.resolve(i, m.Second, m.SecondValue, true); err != nil {
			hint.SetText(err.Error())
		}
	})
	useBtn := widget.NewButtonWithIcon("", theme.ConfirmIcon(), use)
	// Stacked, so that five equal columns still fit the window's width.
	settle := container.NewVBox(
		firstRight, secondRight,
		container.NewBorder(nil, nil, nil, useBtn, typed),
		hint,
	)
	return container.NewGridWithColumns(5, append(cells, settle)...)
}

// resolve settles mismatch i: a button passes the entry's own value (and,
// for a numeric question, its number num, nil for a blank) with exact set;
// a typed value is parsed. The stored response takes the value, and so
// does the second-entry copy, so a later comparison agrees.
func (v *verifyScreen) resolve(i int, value string, num *int, exact bool) error {
	rep := v.sess.Report
	if rep == nil || i < 0 || i >= len(rep.Mismatches) {
		return nil
	}
	m := rep.Mismatches[i]
	q, isQuestion := v.survey.Question(m.QuestionID)
	numeric := m.Ref.Pseudo == verify.PseudoNone && isQuestion && q.Numeric()
	set := func(r *data.Response) error {
		if exact && numeric {
			verify.SetValue(m.Ref, r, num)
			return nil
		}
		return verify.Set(v.survey, m.Ref, r, value)
	}
	stored, err := v.ui.st.Response(v.sess.SurveyID, m.FirstID)
	if err != nil {
		return err
	}
	if err := set(&stored); err != nil {
		var ie *verify.InputError
		switch {
		case errors.As(err, &ie) && numeric && q.Kind == data.KindYesNo:
			return errors.New(lang.L("Type y for yes or n for no"))
		case errors.As(err, &ie) && numeric:
			return errors.New(lang.L("Type a number from {{.Min}} to {{.Max}}", map[string]any{"Min": q.Min, "Max": q.Max}))
		case errors.As(err, &ie) && m.Ref.Pseudo == verify.PseudoDate:
			return errors.New(lang.L("The date must look like 2025-09-01"))
		}
		return err
	}
	if err := v.ui.st.UpdateResponse(stored); err != nil {
		return err
	}
	if j := m.SecondIndex; j >= 0 && j < len(v.sess.Forms) {
		_ = set(&v.sess.Forms[j]) // the same value, already accepted
	}
	if numeric {
		value = ""
		if n, ok := stored.Answers[q.ID]; ok {
			value = verify.Show(q, n)
		}
	} else {
		value = verify.Value(m.Ref, &stored)
	}
	if v.sess.Resolved == nil {
		v.sess.Resolved = map[int]string{}
	}
	v.sess.Resolved[i] = value
	v.sess.Done = len(v.sess.Resolved) == len(rep.Mismatches)
	if err := v.saveSession(); err != nil {
		v.ui.showError(err)
	}
	v.ui.dataChanged()
	v.showComparison()
	return nil
}

// updateOutcome says how many differences are left.
func (v *verifyScreen) updateOutcome() {
	rep := v.sess.Report
	left := len(rep.Mismatches) - len(v.sess.Resolved)
	switch {
	case v.sess.Done:
		v.outcome.SetText(lang.L("Every difference is settled: this batch is verified."))
		v.outcome.Importance = widget.SuccessImportance
	case len(v.sess.Forms) == 0:
		v.outcome.SetText(lang.L("Nothing typed in the second entry yet."))
		v.outcome.Importance = widget.WarningImportance
	default:
		v.outcome.SetText(lang.N("{{.Count}} difference left to settle against the paper", left, map[string]any{"Count": left}))
		v.outcome.Importance = widget.WarningImportance
	}
	v.outcome.Refresh()
}

// dateStepper makes ↑/↓ in a date field move a day forward or back (now
// gives the date when the field holds none).
func dateStepper(e *keyEntry, now func() time.Time) func(*fyne.KeyEvent) bool {
	return func(ev *fyne.KeyEvent) bool {
		t, err := time.ParseInLocation("2006-01-02", strings.TrimSpace(e.Text), time.Local)
		if err != nil {
			t = now()
		}
		switch ev.Name {
		case fyne.KeyUp:
			t = t.AddDate(0, 0, 1)
		case fyne.KeyDown:
			t = t.AddDate(0, 0, -1)
		default:
			return false
		}
		e.SetText(t.Format("2006-01-02"))
		return true
	}
}
