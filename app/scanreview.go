package app

import (
	"bytes"
	"fmt"
	"image"
	"image/png"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"csatdesk/data"
	"csatdesk/data/scan"
	"csatdesk/data/scanbatch"
	"csatdesk/data/store"
)

// reviewScreen is the review queue window (File → Review scanned forms…):
// the unclear questions of every scanned form waiting for review, least
// confident first, each as the crop of its row beside the suggested
// reading. Keyboard only: digits type the value (a value that no longer
// one is the start of is taken at once; 10 is 1 then 0), Enter takes what
// was typed or the suggestion, 0 — or "-" on scales that have a 0 — is
// blank, Backspace goes back. When a form's last question is decided its
// writing spaces are shown to type the comment, and the form is stored as
// a response in one transaction and leaves the queue. Until then it counts
// nowhere.
type reviewScreen struct {
	ui  *UI
	win fyne.Window

	forms   []store.ScanReview
	surveys map[uint64]*data.Survey
	// steps are the questions to decide, least confident first.
	steps []reviewStep
	at    int // the step shown; len(steps) when done
	// decided holds each form's decisions so far, by form index.
	decided map[int]map[uint32]int
	buf     string // digits typed for the question shown
	// writing is the form whose writing spaces are being typed (-1: none).
	writing int

	title, question, state, suggestion, typed, hint, info *widget.Label
	crop                                                  *canvas.Image
	texts                                                 []*keyEntry
	textIDs                                               []uint32 // the writing space of each of texts
	textBox                                               *fyne.Container
	discard, page                                         *widget.Button
	body, reading                                         *fyne.Container
	empty                                                 fyne.CanvasObject
	later                                                 *widget.Label // forms left for later this session
	skipped                                               int
}

// reviewStep is one question of one form to decide.
type reviewStep struct {
	form int // index in forms
	q    int // index in forms[form].Unclear
}

// onScanReview opens the review queue window.
func (u *UI) onScanReview() { u.openScanReview() }

// openScanReview opens the review queue window and returns its screen.
func (u *UI) openScanReview() *reviewScreen {
	r := &reviewScreen{ui: u, surveys: map[uint64]*data.Survey{}, decided: map[int]map[uint32]int{}, writing: -1}
	r.win = u.app.NewWindow(lang.L("Review scanned forms"))
	r.win.SetContent(r.buildUI())
	r.win.Resize(fyne.NewSize(900, 560))
	r.win.Canvas().SetOnTypedKey(r.onKey)
	r.win.Canvas().SetOnTypedRune(r.onRune)
	r.load()
	r.win.Show()
	return r
}

func (r *reviewScreen) buildUI() fyne.CanvasObject {
	bold := fyne.TextStyle{Bold: true}
	r.title = widget.NewLabelWithStyle("", fyne.TextAlignLeading, bold)
	r.info = wrapLabel("")
	r.question = wrapLabel("")
	r.question.TextStyle = bold
	r.state = widget.NewLabel("")
	r.state.Importance = widget.WarningImportance
	r.suggestion = widget.NewLabel("")
	r.typed = widget.NewLabelWithStyle("", fyne.TextAlignLeading, bold)
	r.typed.SizeName = theme.SizeNameHeadingText
	r.hint = wrapLabel("")
	r.crop = canvas.NewImageFromImage(nil)
	r.crop.FillMode = canvas.ImageFillContain
	r.crop.SetMinSize(fyne.NewSize(600, 110))
	r.textBox = container.NewVBox()
	r.discard = widget.NewButtonWithIcon(lang.L("Discard this form…"), theme.DeleteIcon(), r.onDiscard)
	r.page = widget.NewButtonWithIcon(lang.L("Show the scanned page"), theme.VisibilityIcon(), r.onShowPage)
	r.reading = container.NewHBox(r.state, r.suggestion)
	r.body = container.NewVBox(
		r.title, r.info, widget.NewSeparator(),
		r.question, r.crop, r.reading,
		r.typed, r.hint, r.textBox,
	)
	r.later = wrapLabel("")
	r.later.Importance = widget.WarningImportance
	r.later.Hide()
	r.empty = container.NewVBox(entryEmptyState(lang.L("No scanned form waits for review."),
		lang.L("Forms whose marks were not clear enough wait here after a scan batch (File → Scan paper forms…); they count in the charts once reviewed.")), r.later)
	r.empty.Hide()
	return container.NewBorder(nil, container.NewHBox(r.page, layoutSpacer(), r.discard), nil, nil,
		container.NewStack(container.NewVScroll(r.body), r.empty))
}

// load reads the queue and orders its questions.
func (r *reviewScreen) load() {
	forms, err := r.ui.st.ScanReviews(0)
	if err != nil {
		dialog.ShowError(fmt.Errorf("%s", errorText(err)), r.win)
	}
	r.forms, r.steps, r.at, r.decided, r.writing = forms, nil, 0, map[int]map[uint32]int{}, -1
	for i, f := range forms {
		if _, ok := r.surveys[f.SurveyID]; !ok {
			if sv, err := r.ui.st.Survey(f.SurveyID); err == nil {
				r.surveys[f.SurveyID] = &sv
			}
		}
		for j := range f.Unclear {
			r.steps = append(r.steps, reviewStep{form: i, q: j})
		}
		r.decided[i] = map[uint32]int{}
	}
	sort.SliceStable(r.steps, func(a, b int) bool {
		return r.forms[r.steps[a].form].Unclear[r.steps[a].q].Confidence < r.forms[r.steps[b].form].Unclear[r.steps[b].q].Confidence
	})
	// Forms with nothing unclear (a serial entered before, handwriting)
	// go straight to their writing step.
	r.show()
}

// question returns the survey question of a step (nil when unknown).
func (r *reviewScreen) questionOf(st reviewStep) (*data.Question, int) {
	f := r.forms[st.form]
	sv := r.surveys[f.SurveyID]
	if sv == nil {
		return nil, 0
	}
	qid := f.Unclear[st.q].QuestionID
	for i := range sv.Questions {
		if sv.Questions[i].ID == qid {
			return &sv.Questions[i], i + 1
		}
	}
	return nil, 0
}

// pending returns the forms left that have no unclear question to decide
// (in review for another reason), first of all.
func (r *reviewScreen) nextWithoutSteps() int {
	for i, f := range r.forms {
		if len(f.Unclear) == 0 && r.decided[i] != nil {
			return i
		}
	}
	return -1
}

// show puts the current step (or writing step) on screen.
func (r *reviewScreen) show() {
	left := 0
	for i := range r.forms {
		if r.decided[i] != nil {
			left++
		}
	}
	if left == 0 {
		r.body.Hide()
		r.discard.Hide()
		r.page.Hide()
		r.empty.Show()
		r.win.SetTitle(lang.L("Review scanned forms"))
		return
	}
	r.empty.Hide()
	r.body.Show()
	r.discard.Show()
	r.page.Show()
	r.win.SetTitle(lang.N("Review scanned forms: {{.Count}} form left", left, map[string]any{"Count": left}))
	if r.writing < 0 && r.at >= len(r.steps) {
		if i := r.nextWithoutSteps(); i >= 0 {
			r.writing = i
		}
	}
	if r.writing >= 0 {
		r.showWriting()
		return
	}
	st := r.steps[r.at]
	f := r.forms[st.form]
	u := f.Unclear[st.q]
	q, n := r.questionOf(st)
	r.title.SetText(r.formTitle(st.form))
	r.setInfo(r.problemsOf(st.form))
	r.question.Show()
	r.reading.Show()
	r.typed.Show()
	r.textBox.Objects = nil
	r.textBox.Refresh()
	r.texts, r.textIDs = nil, nil
	if q != nil {
		r.question.SetText(fmt.Sprintf("%d. %s", n, q.Text))
	} else {
		r.question.SetText(lang.L("Question {{.N}}", map[string]any{"N": u.QuestionID}))
	}
	r.setCrop(u.Crop)
	r.crop.Show()
	r.state.SetText(stateWords(u.State))
	r.suggestion.SetText(lang.L("Suggested: {{.Value}}", map[string]any{"Value": valueWords(q, u.Suggested)}))
	r.typed.SetText(r.typedText(q))
	r.hint.SetText(keyHint(q))
}

// formTitle names form i and says where in the queue it is.
func (r *reviewScreen) formTitle(i int) string {
	f := r.forms[i]
	name := ""
	if sv := r.surveys[f.SurveyID]; sv != nil {
		name = sv.Name
	}
	done := min(r.at, len(r.steps))
	return lang.L("Form {{.Serial}} — {{.Survey}} · question {{.Done}} of {{.Total}} to review",
		map[string]any{"Serial": f.Serial, "Survey": name, "Done": min(done+1, len(r.steps)), "Total": len(r.steps)})
}

// problemsOf says why form i is in review beyond its unclear questions.
func (r *reviewScreen) problemsOf(i int) string {
	var out []string
	for _, p := range r.forms[i].Problems {
		out = append(out, scanProblemWords(p))
	}
	return strings.Join(out, "; ")
}

func (r *reviewScreen) setCrop(b []byte) {
	r.setCropMax(b, 220)
}

// setCropMax shows the PNG b, at most maxH tall.
func (r *reviewScreen) setCropMax(b []byte, maxH float32) {
	var img image.Image
	if len(b) > 0 {
		img, _ = png.Decode(bytes.NewReader(b))
	}
	if img == nil {
		img = image.NewGray(image.Rect(0, 0, 1, 1))
	}
	r.crop.Image = img
	w, h := img.Bounds().Dx(), img.Bounds().Dy()
	mw := float32(700)
	mh := mw * float32(h) / float32(max(w, 1))
	h = int(min(max(mh, 40), maxH))
	r.crop.SetMinSize(fyne.NewSize(min(mw, mw*float32(h)/max(mh, 1)), float32(h)))
	r.crop.Refresh()
}

// showWriting shows the writing spaces of form r.writing with an entry
// each, to type what is written.
func (r *reviewScreen) showWriting() {
	i := r.writing
	f := r.forms[i]
	if f.SurveyID == 0 {
		r.showUnreadPage(f)
		return
	}
	r.title.SetText(lang.L("Form {{.Serial}}: type what is written, then Enter to store the form", map[string]any{"Serial": f.Serial}))
	r.setInfo(r.problemsOf(i))
	r.question.Hide()
	r.crop.Hide()
	r.reading.Hide()
	r.typed.Hide()
	r.hint.SetText(lang.L("Enter stores the form · Escape leaves it in the queue for later"))
	r.textBox.Objects = nil
	r.texts, r.textIDs = nil, nil
	sv := r.surveys[f.SurveyID]
	for _, w := range f.Writes {
		if !w.Writing {
			continue // nothing written there
		}
		label := lang.L("Comment")
		if w.QuestionID != 0 && sv != nil {
			for _, q := range sv.Questions {
				if q.ID == w.QuestionID {
					label = q.Text
				}
			}
		}
		img := canvas.NewImageFromImage(nil)
		img.FillMode = canvas.ImageFillContain
		if dec, err := png.Decode(bytes.NewReader(w.Crop)); err == nil && len(w.Crop) > 0 {
			img.Image = dec
			wd, ht := dec.Bounds().Dx(), dec.Bounds().Dy()
			img.SetMinSize(fyne.NewSize(700, min(max(700*float32(ht)/float32(max(wd, 1)), 40), 200)))
		} else {
			img.SetMinSize(fyne.NewSize(10, 10))
		}
		e := newKeyEntry()
		e.SetPlaceHolder(lang.L("Type the text written here, or leave it empty"))
		e.onSubmit = func() { r.storeForm(i) }
		e.onKey = func(k *fyne.KeyEvent) bool {
			if k.Name == fyne.KeyEscape {
				r.skipForm(i)
				return true
			}
			return false
		}
		r.texts = append(r.texts, e)
		r.textIDs = append(r.textIDs, w.QuestionID)
		r.textBox.Add(widget.NewLabelWithStyle(label, fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
		r.textBox.Add(img)
		r.textBox.Add(e)
	}
	if len(r.texts) == 0 {
		r.textBox.Add(widget.NewLabel(lang.L("Press Enter to store the form.")))
	}
	r.textBox.Refresh()
	if len(r.texts) > 0 {
		r.win.Canvas().Focus(r.texts[0])
	}
}

// showUnreadPage shows a page that could not be identified, with its
// image: a person enters it by hand (Enter forms) if it is a form, then
// discards it here.
func (r *reviewScreen) showUnreadPage(f store.ScanReview) {
	file, page := "", 0
	if len(f.Pages) > 0 {
		file, page = filepath.Base(f.Pages[0].File), f.Pages[0].Index+1
	}
	r.title.SetText(lang.L("A page that could not be read: {{.File}}, page {{.Page}}", map[string]any{"File": file, "Page": page}))
	var why []string
	for _, p := range f.Problems {
		if p.Kind == scanbatch.KindPageUnread {
			why = append(why, readerWords(data.ArgString(p.Args["Problem"])))
		}
	}
	r.setInfo(strings.Join(why, "; "))
	r.question.Hide()
	r.reading.Hide()
	r.typed.Hide()
	r.textBox.Objects = nil
	r.texts, r.textIDs = nil, nil
	r.textBox.Refresh()
	r.setCropMax(f.PageImage, 360)
	r.crop.Show()
	r.hint.SetText(lang.L("If it is a form, type it in Enter forms, then discard it here · Escape leaves it for later"))
}

// stateWords says why a question is unclear.
func stateWords(s scan.State) string {
	switch s {
	case scan.Blank:
		return lang.L("No box is marked")
	case scan.Faint:
		return lang.L("The mark is faint")
	case scan.Double:
		return lang.L("Two or more boxes are marked")
	case scan.Unread:
		return lang.L("The question could not be read")
	}
	return ""
}

// valueWords is a value with its label ("4 – Satisfied"), or "blank".
func valueWords(q *data.Question, v int) string {
	if v == scan.NoAnswer {
		return lang.L("blank")
	}
	if q != nil {
		if l := q.Label(v); l != "" {
			return fmt.Sprintf("%d – %s", v, l)
		}
	}
	return strconv.Itoa(v)
}

// zeroIsValue reports whether 0 is a value of q's scale.
func zeroIsValue(q *data.Question) bool { return q != nil && q.Min <= 0 }

// keyHint is the line of keys for question q.
func keyHint(q *data.Question) string {
	if q == nil {
		return lang.L("Type the value · Enter takes the suggestion · - = blank · Backspace goes back")
	}
	args := map[string]any{"Min": q.Min, "Max": q.Max}
	switch {
	case zeroIsValue(q) && q.Max >= 10:
		return lang.L("Type {{.Min}}–{{.Max}} (10 = 1 then 0, or 1 then Enter) · Enter takes the suggestion · - = blank · Backspace goes back", args)
	case zeroIsValue(q):
		return lang.L("Type {{.Min}}–{{.Max}} · Enter takes the suggestion · - = blank · Backspace goes back", args)
	case q.Max >= 10:
		return lang.L("Type {{.Min}}–{{.Max}} (10 = 1 then 0, or 1 then Enter) · 0 = blank · Enter takes the suggestion · Backspace goes back", args)
	}
	return lang.L("Type {{.Min}}–{{.Max}} · 0 = blank · Enter takes the suggestion · Backspace goes back", args)
}

// typedText shows the digits typed so far.
func (r *reviewScreen) typedText(q *data.Question) string {
	if r.buf == "" {
		return lang.L("Your answer: (Enter = the suggestion)")
	}
	return lang.L("Your answer: {{.Value}}", map[string]any{"Value": r.buf})
}

// onRune takes digits and "-" (blank) for the question shown.
func (r *reviewScreen) onRune(c rune) {
	if r.writing >= 0 || r.at >= len(r.steps) {
		return
	}
	q, _ := r.questionOf(r.steps[r.at])
	switch {
	case c == '-':
		r.decide(scan.NoAnswer)
	case c >= '0' && c <= '9':
		if c == '0' && r.buf == "" && !zeroIsValue(q) {
			r.decide(scan.NoAnswer)
			return
		}
		buf := r.buf + string(c)
		v, _ := strconv.Atoi(buf)
		valid, longer := q == nil || (v >= q.Min && v <= q.Max), false
		if q != nil {
			for w := q.Min; w <= q.Max; w++ {
				if s := strconv.Itoa(w); len(s) > len(buf) && strings.HasPrefix(s, buf) {
					longer = true
				}
			}
		}
		switch {
		case valid && !longer:
			r.buf = ""
			r.decide(v)
		case valid || longer:
			r.buf = buf
			r.typed.SetText(r.typedText(q))
		default:
			r.buf = ""
			r.typed.SetText(lang.L("{{.Value}} is not on this scale", map[string]any{"Value": buf}))
		}
	}
}

// onKey takes Enter, Backspace, Delete and Escape.
func (r *reviewScreen) onKey(k *fyne.KeyEvent) {
	if dialogKey(r.win.Canvas(), k) {
		return
	}
	if r.writing >= 0 {
		switch k.Name {
		case fyne.KeyReturn, fyne.KeyEnter:
			r.storeForm(r.writing)
		case fyne.KeyEscape:
			r.skipForm(r.writing)
		}
		return
	}
	if r.at >= len(r.steps) {
		return
	}
	st := r.steps[r.at]
	q, _ := r.questionOf(st)
	switch k.Name {
	case fyne.KeyReturn, fyne.KeyEnter:
		if r.buf != "" {
			v, _ := strconv.Atoi(r.buf)
			r.buf = ""
			if q == nil || (v >= q.Min && v <= q.Max) {
				r.decide(v)
			}
			return
		}
		r.decide(r.forms[st.form].Unclear[st.q].Suggested)
	case fyne.KeyDelete:
		r.buf = ""
		r.decide(scan.NoAnswer)
	case fyne.KeyBackspace:
		if r.buf != "" {
			r.buf = r.buf[:len(r.buf)-1]
			r.typed.SetText(r.typedText(q))
			return
		}
		if r.at > 0 {
			r.at--
			prev := r.steps[r.at]
			delete(r.decided[prev.form], r.forms[prev.form].Unclear[prev.q].QuestionID)
			r.show()
		}
	}
}

// decide records v for the question shown and moves on; when it was the
// form's last question, the form's writing step follows.
func (r *reviewScreen) decide(v int) {
	st := r.steps[r.at]
	q, _ := r.questionOf(st)
	if v == scan.NoAnswer && q != nil && q.RequiredIn(r.forms[st.form].Response.SurveyVersion) {
		r.typed.SetText(lang.L("This question must be answered: type a value (or discard the form)"))
		return
	}
	d := r.decided[st.form]
	if d == nil {
		return
	}
	d[r.forms[st.form].Unclear[st.q].QuestionID] = v
	r.buf = ""
	r.at++
	if len(d) == len(r.forms[st.form].Unclear) {
		if !hasWriting(r.forms[st.form]) {
			r.storeForm(st.form) // nothing to type: stored at once
			return
		}
		r.writing = st.form
	}
	r.show()
}

// hasWriting reports whether a writing space of f holds handwriting.
func hasWriting(f store.ScanReview) bool {
	for _, w := range f.Writes {
		if w.Writing {
			return true
		}
	}
	return false
}

// setInfo shows why the form is in review, or hides the line.
func (r *reviewScreen) setInfo(s string) {
	r.info.SetText(s)
	if s == "" {
		r.info.Hide()
	} else {
		r.info.Show()
	}
}

// response is form i with its decisions applied and its texts typed.
func (r *reviewScreen) response(i int) (data.Response, map[uint32]int) {
	f := r.forms[i]
	resp := f.Response
	resp.Answers = map[uint32]int{}
	for k, v := range f.Response.Answers {
		resp.Answers[k] = v
	}
	decided := r.decided[i]
	for k, v := range decided {
		if v == scan.NoAnswer {
			delete(resp.Answers, k)
		} else {
			resp.Answers[k] = v
		}
	}
	if len(resp.Answers) == 0 {
		resp.Answers = nil
	}
	for j, e := range r.texts {
		t := strings.TrimSpace(e.Text)
		if t == "" {
			continue
		}
		if r.textIDs[j] == 0 {
			resp.Comment = t
		} else {
			if resp.Texts == nil {
				resp.Texts = map[uint32]string{}
			}
			resp.Texts[r.textIDs[j]] = t
		}
	}
	return resp, decided
}

// storeForm stores form i as a response and takes it out of the queue.
func (r *reviewScreen) storeForm(i int) {
	f := r.forms[i]
	if f.SurveyID == 0 {
		return // a page not identified: nothing to store, only to discard
	}
	resp, decided := r.response(i)
	if err := r.ui.st.ResolveScanReview(f.SurveyID, f.ID, &resp, decided); err != nil {
		dialog.ShowError(fmt.Errorf("%s", errorText(err)), r.win)
		return
	}
	r.ui.dataChanged()
	r.leave(i)
}

// skipForm leaves form i in the queue for later (Escape on its writing
// step): its steps are dropped from this session.
func (r *reviewScreen) skipForm(i int) {
	r.skipped++
	r.later.SetText(lang.N("{{.Count}} form left for later still waits in the queue: open it again to review it.", r.skipped, map[string]any{"Count": r.skipped}))
	r.later.Show()
	r.leave(i)
}

// leave drops form i from this session and shows what is next.
func (r *reviewScreen) leave(i int) {
	// The text fields of its writing step go: keys must not go on
	// reaching them.
	r.win.Canvas().Unfocus()
	r.decided[i] = nil
	r.writing = -1
	var steps []reviewStep
	at := 0
	for k, st := range r.steps {
		if st.form == i {
			continue
		}
		if k < r.at {
			at++
		}
		steps = append(steps, st)
	}
	r.steps, r.at = steps, at
	// A form whose questions were all decided on the way waits for its
	// writing step.
	for k := range r.forms {
		if d := r.decided[k]; d != nil && len(r.forms[k].Unclear) > 0 && len(d) == len(r.forms[k].Unclear) {
			r.writing = k
			break
		}
	}
	r.show()
}

// shownForm is the index of the form on screen, -1 for none.
func (r *reviewScreen) shownForm() int {
	if r.writing >= 0 {
		return r.writing
	}
	if r.at < len(r.steps) {
		return r.steps[r.at].form
	}
	return -1
}

// onShowPage shows the form's first page, read again from its file, for
// the whole context of a mark.
func (r *reviewScreen) onShowPage() {
	if i := r.shownForm(); i >= 0 && len(r.forms[i].Pages) > 0 {
		r.ui.showScannedPage(r.forms[i].Pages[0])
	}
}

// onDiscard takes the form shown out of the queue without storing it.
func (r *reviewScreen) onDiscard() {
	i := r.shownForm()
	if i < 0 {
		return
	}
	f := r.forms[i]
	dialog.ShowConfirm(lang.L("Discard this form?"),
		lang.L("Form {{.Serial}} leaves the review queue and is not stored. Its pages count as scanned: scanning them again skips them.", map[string]any{"Serial": f.Serial}),
		func(ok bool) {
			if !ok {
				return
			}
			if err := r.ui.st.DiscardScanReview(f.SurveyID, f.ID); err != nil {
				dialog.ShowError(fmt.Errorf("%s", errorText(err)), r.win)
				return
			}
			r.leave(i)
		}, r.win)
}
