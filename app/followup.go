package app

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"csatdesk/app/cli"
	"csatdesk/data"
	"csatdesk/data/export"
	"csatdesk/data/store"
)

// followUpScreen is the follow-up list of unhappy customers: the responses
// a survey's rule (data.FollowUpRule) puts there, newest first, filtered by
// status, with the response, its contact (only here and in the detail) and
// a status that moves new → contacted → resolved with a note and a date.
// Keyboard: arrows move in the list, Tab reaches the note, Enter in the
// note moves the selected customer to the next status.
type followUpScreen struct {
	ui *UI

	surveys []data.Survey
	survey  *data.Survey
	items   []data.FollowUpItem
	sel     int // selected row, -1 for none
	gen     int // the current load; older loads are dropped

	surveySel, statusSel *widget.Select
	list                 *widget.List
	count                *widget.Label
	detail               *fyne.Container
	note                 *widget.Entry
	next, reopen, forget *widget.Button
	ruleBtn, exportBtn   *widget.Button // off while there is no survey
	root                 fyne.CanvasObject
	stale                bool                  // data changed while the tab was hidden
	forgetDialog         *dialog.ConfirmDialog // the last "Forget this customer?" shown
	forgetComment        *widget.Check         // its "also the comment" tick
	ruleDialog           *dialog.ConfirmDialog // the last rule dialog shown, and its fields
	ruleFields           *ruleForm
	counterBtn           *widget.Button // the dashboard's counter, full and short
	counterShort         *widget.Button
	counterBox           *fyne.Container
	counterN             int  // new customers counted
	counterLaidOut       bool // the counter was laid out: counts may start
	countDue             bool // a count was asked for before that
	counted              int  // the counter's load, to drop older ones
}

func newFollowUpScreen(u *UI) *followUpScreen { return &followUpScreen{ui: u, sel: -1} }

// statusWords returns a status in the UI language.
func statusWords(st data.FollowUpStatus) string {
	switch st {
	case data.StatusContacted:
		return lang.L("Contacted")
	case data.StatusResolved:
		return lang.L("Resolved")
	}
	return lang.L("New")
}

// statusFilters are the status Select's choices; index 0 is "open" (new
// and contacted), 1 all, then one per status.
func statusFilters() []string {
	return []string{lang.L("To do (new and contacted)"), lang.L("All"), statusWords(data.StatusNew), statusWords(data.StatusContacted), statusWords(data.StatusResolved)}
}

func (f *followUpScreen) buildUI() fyne.CanvasObject {
	f.surveySel = widget.NewSelect(nil, func(string) { f.onSurvey() })
	f.surveySel.PlaceHolder = "–"
	f.statusSel = widget.NewSelect(statusFilters(), func(string) { f.load() })
	f.statusSel.SetSelectedIndex(0)
	f.count = wrapLabel("") // an error can be long: it wraps, never widens the window
	f.list = widget.NewList(func() int { return len(f.items) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(i widget.ListItemID, o fyne.CanvasObject) { o.(*widget.Label).SetText(f.rowText(i)) })
	f.list.OnSelected = func(i widget.ListItemID) { f.sel = i; f.showDetail() }
	f.list.OnUnselected = func(widget.ListItemID) { f.sel = -1; f.showDetail() }
	f.note = widget.NewEntry()
	f.note.SetPlaceHolder(lang.L("Note: what was said or done (Enter: next status)"))
	f.note.OnSubmitted = func(string) { f.onNext() }
	f.next = widget.NewButtonWithIcon(lang.L("Mark as contacted"), theme.ConfirmIcon(), f.onNext)
	f.reopen = widget.NewButtonWithIcon(lang.L("Reopen"), theme.ContentUndoIcon(), f.onReopen)
	f.forget = widget.NewButtonWithIcon(lang.L("Forget this customer…"), theme.DeleteIcon(), f.onForget)
	f.detail = container.NewVBox()
	f.ruleBtn = widget.NewButtonWithIcon(lang.L("Rule…"), theme.SettingsIcon(), f.onRule)
	f.exportBtn = widget.NewButtonWithIcon(lang.L("Export…"), theme.DocumentSaveIcon(), f.onExport)
	rule, exp := f.ruleBtn, f.exportBtn
	top := container.NewBorder(nil, nil, nil, container.NewHBox(rule, exp),
		container.NewGridWithColumns(2, labelled(lang.L("Survey"), f.surveySel), labelled(lang.L("Status"), f.statusSel)))
	actions := container.NewVBox(f.note, container.NewHBox(f.next, f.reopen), f.forget)
	right := container.NewBorder(nil, actions, nil, nil, container.NewVScroll(container.NewPadded(f.detail)))
	split := container.NewHSplit(f.list, right)
	split.Offset = 0.55
	f.root = container.NewBorder(top, f.count, nil, nil, split)
	f.showDetail()
	return f.root
}

// reload re-reads the surveys (they changed).
func (f *followUpScreen) reload() {
	svs, names, err := f.ui.activeSurveys()
	if err != nil {
		f.count.SetText(errorText(err))
		return
	}
	f.surveys = svs
	cur := f.surveySel.Selected
	f.surveySel.Options = names
	f.surveySel.Refresh()
	switch {
	case len(names) == 0:
		f.survey = nil
		f.surveySel.ClearSelected()
		f.items = nil
		f.list.Refresh()
		f.count.SetText(lang.L("No surveys yet."))
		f.ruleBtn.Disable()
		f.exportBtn.Disable()
		f.showDetail()
	case cur != "" && indexOf(names, cur) >= 0:
		f.surveySel.SetSelected(cur)
		f.onSurvey()
	default:
		f.surveySel.SetSelectedIndex(0)
	}
}

// shown reports whether the follow-up tab is the one on screen.
func (f *followUpScreen) shown() bool {
	t := f.ui.tabs
	return t != nil && t.Selected() != nil && t.Selected().Content == f.root
}

// responsesChanged notes that responses changed elsewhere: read again now
// when the tab is shown, else when it next is.
func (f *followUpScreen) responsesChanged() {
	if f.shown() {
		f.load()
		return
	}
	f.stale = true
}

// onShown reads the list again when responses changed meanwhile.
func (f *followUpScreen) onShown() {
	if f.stale {
		f.stale = false
		f.load()
	}
}

func indexOf(xs []string, s string) int {
	for i, x := range xs {
		if x == s {
			return i
		}
	}
	return -1
}

func (f *followUpScreen) onSurvey() {
	i := f.surveySel.SelectedIndex()
	if i < 0 || i >= len(f.surveys) {
		return
	}
	f.survey = &f.surveys[i]
	f.ruleBtn.Enable()
	f.exportBtn.Enable()
	if !f.shown() {
		f.stale = true // read when the tab is shown: no job while the window is being built
		return
	}
	f.load()
}

// filter returns the store filter of the status Select.
func (f *followUpScreen) filter() store.FollowUpFilter {
	switch f.statusSel.SelectedIndex() {
	case 0:
		return store.FollowUpFilter{Statuses: []data.FollowUpStatus{data.StatusNew, data.StatusContacted}}
	case 2:
		return store.FollowUpFilter{Statuses: []data.FollowUpStatus{data.StatusNew}}
	case 3:
		return store.FollowUpFilter{Statuses: []data.FollowUpStatus{data.StatusContacted}}
	case 4:
		return store.FollowUpFilter{Statuses: []data.FollowUpStatus{data.StatusResolved}}
	}
	return store.FollowUpFilter{}
}

// load reads the list in the background, keeping the selected response
// selected when it is still listed.
func (f *followUpScreen) load() {
	if f.survey == nil || f.list == nil {
		return
	}
	f.gen++
	gen, sid, flt := f.gen, f.survey.ID, f.filter()
	keep := data.ResponseID{}
	if f.sel >= 0 && f.sel < len(f.items) {
		keep = f.items[f.sel].Response.ID
	}
	var items []data.FollowUpItem
	var err error
	f.ui.background(func() { items, err = f.ui.st.FollowUpList(sid, flt) }, func() {
		if gen != f.gen {
			return
		}
		if err != nil {
			f.items = nil
			f.count.SetText(errorText(err))
		} else {
			f.items = items
			f.count.SetText(lang.N("{{.N}} customer on the list", len(items), map[string]any{"N": len(items)}))
		}
		f.sel = -1
		f.list.UnselectAll()
		f.list.Refresh()
		for i := range f.items {
			if f.items[i].Response.ID == keep && keep != (data.ResponseID{}) {
				f.list.Select(i)
				break
			}
		}
		f.showDetail()
	})
}

// rowText is one line of the list: date, status, scores, comment.
func (f *followUpScreen) rowText(i int) string {
	if i < 0 || i >= len(f.items) || f.survey == nil {
		return ""
	}
	it := &f.items[i]
	parts := []string{it.Response.CollectedAt.Format("2006-01-02"), statusWords(it.State.StatusOrNew())}
	parts = append(parts, f.scores(it))
	if it.HasContact && it.Contact.Name != "" {
		parts = append(parts, it.Contact.Name)
	}
	if c := strings.Join(strings.Fields(export.FollowUpComment(f.survey, &it.Response)), " "); c != "" {
		parts = append(parts, "“"+c+"”")
	}
	return strings.Join(parts, " · ")
}

// scores names the low answers ("CSAT 1, NPS 3").
func (f *followUpScreen) scores(it *data.FollowUpItem) string {
	var out []string
	add := func(name string, q data.Question, ok bool) {
		if v, answered := it.Response.Answers[q.ID]; ok && answered {
			out = append(out, fmt.Sprintf("%s %d", name, v))
		}
	}
	q, ok := f.survey.MainCSAT()
	add("CSAT", q, ok)
	q, ok = f.survey.FirstOfKind(data.KindNPS)
	add("NPS", q, ok)
	q, ok = f.survey.FirstOfKind(data.KindCES)
	add("CES", q, ok)
	return strings.Join(out, ", ")
}

// current returns the selected item, or nil.
func (f *followUpScreen) current() *data.FollowUpItem {
	if f.sel < 0 || f.sel >= len(f.items) {
		return nil
	}
	return &f.items[f.sel]
}

// showDetail fills the detail pane with the selected response.
func (f *followUpScreen) showDetail() {
	it := f.current()
	if it == nil {
		f.detail.Objects = []fyne.CanvasObject{wrapLabel(lang.L("Select a customer to see the response and change its status."))}
		f.detail.Refresh()
		f.note.SetText("")
		for _, b := range []*widget.Button{f.next, f.reopen, f.forget} {
			b.Disable()
		}
		f.note.Disable()
		return
	}
	st := it.State.StatusOrNew()
	objs := []fyne.CanvasObject{boldLabel(it.Response.CollectedAt.Format("2006-01-02 15:04") + " · " + statusWords(st))}
	for _, q := range f.survey.Questions {
		if v, ok := it.Response.Answers[q.ID]; ok && q.Numeric() {
			txt := fmt.Sprintf("%s — %d", q.Text, v)
			if l := q.Label(v); l != "" {
				txt += " (" + l + ")"
			}
			objs = append(objs, wrapLabel(txt))
		} else if t := it.Response.Texts[q.ID]; t != "" {
			objs = append(objs, wrapLabel(q.Text+" — "+t))
		}
	}
	if it.Response.Comment != "" {
		objs = append(objs, wrapLabel(lang.L("Comment")+": "+it.Response.Comment))
	}
	if it.HasContact {
		objs = append(objs, widget.NewSeparator(), boldLabel(lang.L("Contact")))
		for _, fld := range data.ContactFields {
			if v := it.Contact.Get(fld); v != "" {
				if fld == data.ContactConsent {
					v = consentWords(it.Contact.Consent)
				}
				objs = append(objs, wrapLabel(contactFieldWords(fld)+": "+v))
			}
		}
		if it.Contact.Consent == data.ConsentNo {
			objs = append(objs, wrapLabel(lang.L("The customer did not want to be contacted.")))
		}
	} else {
		objs = append(objs, wrapLabel(lang.L("No contact details.")))
	}
	if !it.State.At.IsZero() {
		objs = append(objs, widget.NewSeparator())
		for _, h := range append(append([]data.FollowUpChange(nil), it.State.History...), it.State.FollowUpChange) {
			line := h.At.Local().Format("2006-01-02 15:04") + " " + statusWords(h.Status)
			if h.Note != "" {
				line += ": " + h.Note
			}
			objs = append(objs, wrapLabel(line))
		}
	}
	f.detail.Objects = objs
	f.detail.Refresh()
	f.note.Enable()
	f.note.SetText("")
	f.forget.Enable()
	switch st {
	case data.StatusNew:
		f.next.SetText(lang.L("Mark as contacted"))
		f.next.Enable()
		f.reopen.Disable()
	case data.StatusContacted:
		f.next.SetText(lang.L("Mark as resolved"))
		f.next.Enable()
		f.reopen.Enable()
	default:
		f.next.SetText(lang.L("Mark as resolved"))
		f.next.Disable()
		f.reopen.Enable()
	}
}

// contactFieldWords names a contact field in the UI language.
func contactFieldWords(fld data.ContactField) string {
	switch fld {
	case data.ContactName:
		return lang.L("Customer's name")
	case data.ContactPhone:
		return lang.L("Phone")
	case data.ContactEmail:
		return lang.L("Email")
	}
	return lang.L("May we contact you?")
}

// consentWords is a consent answer in the UI language.
func consentWords(c data.Consent) string {
	switch c {
	case data.ConsentYes:
		return lang.L("Yes")
	case data.ConsentNo:
		return lang.L("No")
	}
	return ""
}

func (f *followUpScreen) onNext() {
	if it := f.current(); it != nil {
		f.setStatus(it, it.State.StatusOrNew().Next())
	}
}

func (f *followUpScreen) onReopen() {
	if it := f.current(); it != nil {
		f.setStatus(it, data.StatusNew)
	}
}

// setStatus changes the selected response's status with the note typed,
// in one transaction that refuses when another window changed it first.
func (f *followUpScreen) setStatus(it *data.FollowUpItem, to data.FollowUpStatus) {
	from := it.State.StatusOrNew()
	if from == to {
		return
	}
	state, err := f.ui.st.SetFollowUpStatus(f.survey.ID, it.Response.ID, from, to, strings.TrimSpace(f.note.Text), time.Now())
	if err != nil {
		if errors.Is(err, store.ErrStatusChanged) {
			dialog.ShowInformation(lang.L("Changed meanwhile"), lang.L("Someone else changed this customer's status; the list is read again."), f.ui.win)
			f.load()
			return
		}
		f.ui.showError(err)
		return
	}
	it.State = state
	f.list.RefreshItem(f.sel)
	f.showDetail()
	f.load() // the status filter may drop it from the list now
	f.ui.followUpChanged()
}

// onForget asks, then removes the selected customer's contact and notes
// (and, when ticked, the comment), keeping the scores.
func (f *followUpScreen) onForget() {
	if it := f.current(); it != nil {
		f.askForget(f.survey.ID, it.Response.ID, f.load)
	}
}

// askForget asks "Forget this customer?" and, when confirmed, removes the
// contact and follow-up notes of response id (and, when ticked, its
// comment and open answers) in one transaction, then calls done. The
// Follow-up screen and the Responses detail both use it.
func (f *followUpScreen) askForget(sid uint64, id data.ResponseID, done func()) {
	comment := widget.NewCheck(lang.L("Also delete the comment and open answers (they may hold a name or a phone number)"), nil)
	msg := wrapLabel(lang.L("The contact details and the follow-up notes of this response are deleted for good. The scores stay, so the figures do not change."))
	body := container.NewVBox(msg, comment)
	d := dialog.NewCustomConfirm(lang.L("Forget this customer?"), lang.L("Forget"), lang.L("Cancel"), body, func(ok bool) {
		if !ok {
			return
		}
		if err := f.ui.st.ForgetCustomer(sid, id, store.ForgetOptions{Comment: comment.Checked}); err != nil {
			f.ui.showError(err)
			return
		}
		if done != nil {
			done()
		}
		f.ui.dataChanged()
	}, f.ui.win)
	d.SetConfirmImportance(widget.DangerImportance)
	d.Resize(fyne.NewSize(460, 240))
	d.Show()
	f.forgetDialog, f.forgetComment = d, comment
}

// contactPanel is the contact of response r of survey sv for the
// Responses screen's detail: the fields stored, and "Forget this
// customer…"; nil when none is stored. Contacts are shown only there and
// on the follow-up list.
func (f *followUpScreen) contactPanel(sv *data.Survey, r data.Response, done func()) fyne.CanvasObject {
	if sv == nil {
		return nil
	}
	c, ok, err := f.ui.st.Contact(sv.ID, r.ID)
	if err != nil {
		return wrapLabel(errorText(err))
	}
	if !ok {
		return nil
	}
	box := container.NewVBox(widget.NewSeparator(), boldLabel(lang.L("Contact")))
	for _, fld := range data.ContactFields {
		if v := c.Get(fld); v != "" {
			if fld == data.ContactConsent {
				v = consentWords(c.Consent)
			}
			box.Add(wrapLabel(contactFieldWords(fld) + ": " + v))
		}
	}
	box.Add(widget.NewButtonWithIcon(lang.L("Forget this customer…"), theme.DeleteIcon(), func() { f.askForget(sv.ID, r.ID, done) }))
	return box
}

// onExport saves the list shown as CSV or XLSX for a CRM; the contact
// details go in only when ticked.
func (f *followUpScreen) onExport() {
	if f.survey == nil {
		return
	}
	sv := *f.survey
	items := append([]data.FollowUpItem(nil), f.items...)
	withContact := widget.NewCheck(lang.L("Include contact details (name, email, phone, consent)"), nil)
	d := dialog.NewCustomConfirm(lang.L("Export the follow-up list"), lang.L("Save…"), lang.L("Cancel"),
		container.NewVBox(wrapLabel(lang.L("A CSV or Excel file with response IDs, dates, scores, comments, status and note, for a CRM such as HubSpot.")), withContact),
		func(ok bool) {
			if !ok {
				return
			}
			opt := export.FollowUpOptions{Contact: withContact.Checked}
			f.ui.saveInBackground("follow-up.csv", func(path string) error {
				return cli.ExportFollowUp(path, &sv, items, opt)
			}, func(path string) {
				dialog.ShowInformation(lang.L("Saved"), lang.L("{{.N}} customers saved to {{.Path}}", map[string]any{"N": len(items), "Path": path}), f.ui.win)
			})
		}, f.ui.win)
	d.Resize(fyne.NewSize(460, 220))
	d.Show()
}

// onRule edits the survey's follow-up rule.
func (f *followUpScreen) onRule() {
	if f.survey == nil {
		return
	}
	sv := *f.survey
	rule, err := f.ui.st.FollowUpRule(sv.ID)
	if err != nil {
		f.ui.showError(err)
		return
	}
	r := newRuleForm(&sv, rule)
	d := dialog.NewCustomConfirm(lang.L("Who goes on the follow-up list"), lang.L("Save"), lang.L("Cancel"), r.box, func(ok bool) {
		if !ok {
			return
		}
		if err := f.ui.st.SetFollowUpRule(sv.ID, r.rule()); err != nil {
			f.ui.showError(err)
			return
		}
		f.load()
		f.ui.followUpChanged()
	}, f.ui.win)
	d.Resize(fyne.NewSize(520, 360))
	d.Show()
	f.ruleDialog, f.ruleFields = d, r
}

// ruleForm is the rule dialog's fields.
type ruleForm struct {
	sv              *data.Survey
	csat, nps, ces  *widget.Check
	csatMax, cesMax *widget.Select
	own             *widget.Check
	ownQ, ownMax    *widget.Select
	ownQs           []data.Question
	something       *widget.Check
	box             fyne.CanvasObject
}

func numberChoices(from, to int) []string {
	var out []string
	for i := from; i <= to; i++ {
		out = append(out, fmt.Sprint(i))
	}
	return out
}

func newRuleForm(sv *data.Survey, rule data.FollowUpRule) *ruleForm {
	r := &ruleForm{sv: sv}
	r.csat = widget.NewCheck(lang.L("Main satisfaction answer at or below"), nil)
	r.csat.SetChecked(rule.CSAT)
	r.csatMax = widget.NewSelect(nil, nil)
	if q, ok := sv.MainCSAT(); ok {
		r.csatMax.Options = numberChoices(q.Min, q.Max-1)
		lim := rule.CSATMax
		if lim <= 0 || lim >= q.Max {
			lim = data.UnhappyMax(q)
		}
		r.csatMax.SetSelected(fmt.Sprint(lim))
	} else {
		r.csat.Disable()
		r.csatMax.Disable()
	}
	r.nps = widget.NewCheck(lang.L("NPS detractors (0–6)"), nil)
	r.nps.SetChecked(rule.NPS)
	if _, ok := sv.FirstOfKind(data.KindNPS); !ok {
		r.nps.Disable()
	}
	r.ces = widget.NewCheck(lang.L("Customer effort at or below"), nil)
	r.ces.SetChecked(rule.CES)
	r.cesMax = widget.NewSelect(numberChoices(1, 6), nil)
	lim := rule.CESMax
	if lim <= 0 {
		lim = data.CESFollowUpMax
	}
	r.cesMax.SetSelected(fmt.Sprint(lim))
	if _, ok := sv.FirstOfKind(data.KindCES); !ok {
		r.ces.Disable()
		r.cesMax.Disable()
	}
	r.own = widget.NewCheck(lang.L("This answer at or below"), nil)
	var names []string
	for _, q := range sv.Active() {
		if q.Numeric() {
			r.ownQs = append(r.ownQs, q)
			names = append(names, q.Text)
		}
	}
	r.ownMax = widget.NewSelect(nil, nil)
	r.ownMax.PlaceHolder, r.csatMax.PlaceHolder = "–", "–"
	r.ownQ = widget.NewSelect(names, func(string) {
		if i := r.ownQ.SelectedIndex(); i >= 0 {
			q := r.ownQs[i]
			r.ownMax.Options = numberChoices(q.Min, q.Max)
			if r.ownMax.SelectedIndex() < 0 {
				r.ownMax.SetSelectedIndex(0)
			}
			r.ownMax.Refresh()
		}
	})
	r.ownQ.PlaceHolder = lang.L("a question")
	if len(rule.Answers) > 0 {
		for i, q := range r.ownQs {
			if q.ID == rule.Answers[0].QuestionID {
				r.own.SetChecked(true)
				r.ownQ.SetSelectedIndex(i)
				r.ownMax.SetSelected(fmt.Sprint(rule.Answers[0].Max))
			}
		}
	}
	r.something = widget.NewCheck(lang.L("Only when there is something to act on: a comment, an open answer or a contact"), nil)
	r.something.SetChecked(rule.NeedSomething)
	r.box = container.NewVBox(
		container.NewBorder(nil, nil, r.csat, nil, r.csatMax),
		r.nps,
		container.NewBorder(nil, nil, r.ces, nil, r.cesMax),
		container.NewBorder(nil, nil, r.own, r.ownMax, r.ownQ),
		r.something,
	)
	return r
}

// rule returns the rule the fields say.
func (r *ruleForm) rule() data.FollowUpRule {
	atoi := func(s *widget.Select) int {
		var n int
		fmt.Sscan(s.Selected, &n)
		return n
	}
	out := data.FollowUpRule{CSAT: r.csat.Checked, NPS: r.nps.Checked, CES: r.ces.Checked, NeedSomething: r.something.Checked}
	if q, ok := r.sv.MainCSAT(); ok && atoi(r.csatMax) != data.UnhappyMax(q) {
		out.CSATMax = atoi(r.csatMax)
	}
	if n := atoi(r.cesMax); n != data.CESFollowUpMax {
		out.CESMax = n
	}
	if i := r.ownQ.SelectedIndex(); r.own.Checked && i >= 0 {
		out.Answers = []data.AnswerAtMost{{QuestionID: r.ownQs[i].ID, Max: atoi(r.ownMax)}}
	}
	return out
}

// counter returns the dashboard's "N customers to call back" button (made
// once): it shows the new customers on the follow-up lists of every
// survey, hides itself at none, and opens this screen when pressed. It
// never widens the dashboard: where the full words do not fit, a short
// button with the number alone takes its place. beside (the dashboard's
// chart status) takes the width the counter leaves.
func (f *followUpScreen) counter(beside fyne.CanvasObject) fyne.CanvasObject {
	if f.counterBox == nil {
		f.counterBtn = widget.NewButtonWithIcon("", theme.WarningIcon(), f.ui.showFollowUp)
		f.counterBtn.Importance = widget.WarningImportance
		f.counterShort = widget.NewButtonWithIcon("", theme.WarningIcon(), f.ui.showFollowUp)
		f.counterShort.Importance = widget.WarningImportance
		f.counterBox = container.New(&counterLayout{f: f}, f.counterBtn, f.counterShort, beside)
	}
	return f.counterBox
}

// counterLayout shows the full counter where it fits, else the short one,
// and neither when there is no one to call back; it asks for no width.
type counterLayout struct{ f *followUpScreen }

// Layout places the button that fits at the left, vertically centred,
// and the third object in the rest.
func (l *counterLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	if f := l.f; !f.counterLaidOut {
		f.counterLaidOut = true
		if f.countDue {
			f.countDue = false
			f.recount()
		}
	}
	full, short, beside := objs[0], objs[1], objs[2]
	used := float32(0)
	show := func(o fyne.CanvasObject) {
		m := o.MinSize()
		used = min(m.Width, size.Width)
		o.Resize(fyne.NewSize(used, m.Height))
		o.Move(fyne.NewPos(0, (size.Height-m.Height)/2))
		o.Show()
	}
	full.Hide()
	short.Hide()
	switch {
	case l.f.counterN == 0:
	case full.MinSize().Width <= size.Width/2:
		show(full)
	default:
		show(short)
	}
	if used > 0 {
		used += theme.Padding()
	}
	beside.Move(fyne.NewPos(used, 0))
	beside.Resize(fyne.NewSize(max(size.Width-used, 0), size.Height))
}

// MinSize is the third object's: the counter asks for no width.
func (l *counterLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	m := objs[2].MinSize()
	if l.f.counterN > 0 {
		m.Height = max(m.Height, objs[0].MinSize().Height)
	}
	return m
}

// recount reads the counter's figure in the background, once the counter
// has been laid out (before, while New builds the window, it only notes
// that a count is due: the first layout starts it).
func (f *followUpScreen) recount() {
	if f.counterBox == nil {
		return
	}
	if !f.counterLaidOut {
		f.countDue = true
		return
	}
	f.counted++
	gen := f.counted
	var c data.FollowUpCounts
	var err error
	f.ui.background(func() { c, err = f.ui.st.FollowUpCounts(0) }, func() {
		if gen != f.counted {
			return
		}
		f.counterN = c.New
		if err != nil {
			f.counterN = 0
		}
		f.counterBtn.SetText(lang.N("{{.N}} customer to call back", c.New, map[string]any{"N": c.New}))
		f.counterShort.SetText(fmt.Sprint(c.New))
		f.counterBox.Refresh()
	})
}

// followUpChanged refreshes what shows the follow-up: the dashboard's
// counter now, the list when its tab is next shown.
func (u *UI) followUpChanged() {
	if u.follow == nil {
		return
	}
	u.follow.recount()
}

// showFollowUp selects the follow-up tab.
func (u *UI) showFollowUp() {
	for _, t := range u.tabs.Items {
		if t.Content == u.follow.root {
			u.tabs.Select(t)
		}
	}
}
