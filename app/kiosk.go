package app

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"csatdesk/data"
	"csatdesk/data/kiosk"
)

// Kiosk mode: one big question on a full-screen window at the counter
// (data/kiosk does the storing). A press is committed before the thank-you
// shows; a low score may ask what could be better, abandoned after
// kioskFollowUpWait keeping the answer; the thank-you goes back to the
// question after kioskThanksWait. Escape, or closing the window, asks for
// the PIN. An app cannot block Alt-Tab or the system keys: docs/KIOSK.md
// explains the operating systems' own kiosk locks.

// Kiosk timings.
const (
	kioskThanksWait   = 4 * time.Second
	kioskFollowUpWait = 15 * time.Second
	kioskPINWait      = 30 * time.Second
	kioskHoursCheck   = 30 * time.Second
)

// Kiosk preferences (per computer: the kiosk is a place).
const (
	prefKioskSurvey   = "kiosk-survey"
	prefKioskLocation = "kiosk-location"
	prefKioskDevice   = "kiosk-device"
	prefKioskOpen     = "kiosk-open"
	prefKioskClose    = "kiosk-close"
	prefKioskPIN      = "kiosk-pin-sha256"
	prefKioskFollowUp = "kiosk-follow-up"
)

// kioskReasons are the follow-up's big choices.
func kioskReasons() []string {
	return []string{lang.L("Waiting time"), lang.L("Friendliness"), lang.L("Quality"),
		lang.L("Price"), lang.L("Cleanliness"), lang.L("Something else")}
}

// pinHash is how the PIN is kept in the preferences.
func pinHash(pin string) string {
	h := sha256.Sum256([]byte("csatdesk-kiosk:" + pin))
	return hex.EncodeToString(h[:])
}

// validPIN: four to eight digits.
func validPIN(pin string) bool {
	if len(pin) < 4 || len(pin) > 8 {
		return false
	}
	for _, r := range pin {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// kioskScreen is a running kiosk.
type kioskScreen struct {
	ui      *UI
	sess    *kiosk.Session
	pinHash string
	win     fyne.Window
	now     func() time.Time
	// after runs f on the UI goroutine after d and returns a cancel
	// function; tests replace it with a manual clock.
	after func(d time.Duration, f func()) func()

	body   *fyne.Container // the screen shown
	themed *container.ThemeOverride
	state  string       // "question", "followup", "thanks", "closed", "pin"
	timer  func()       // cancels the pending timeout
	status *canvas.Text // a failed save, on the question screen
	faces  []*kioskFace

	// follow-up
	pending data.Response
	reason  string
	reasons []*widget.Button
	more    *widget.Entry

	// PIN pad
	pinText  *canvas.Text
	pinError *canvas.Text
	entered  string
	back     string // the state the PIN pad returns to

	stopped bool
	onExit  func()
}

// Kiosk states.
const (
	kioskQuestion = "question"
	kioskFollowUp = "followup"
	kioskThanks   = "thanks"
	kioskClosed   = "closed"
	kioskPIN      = "pin"
)

// fyneAfter is kioskScreen.after on the real clock.
func fyneAfter(d time.Duration, f func()) func() {
	t := time.AfterFunc(d, func() { fyne.Do(f) })
	return func() { t.Stop() }
}

// kioskClock gives a new kiosk its clock and timers; UI tests replace it
// with a manual clock (as newJobs for the job runner).
var kioskClock = func() (now func() time.Time, after func(time.Duration, func()) func()) {
	return time.Now, fyneAfter
}

// newKiosk prepares a kiosk on window w; start shows it.
func newKiosk(u *UI, sess *kiosk.Session, pinHash string, w fyne.Window) *kioskScreen {
	now, after := kioskClock()
	return &kioskScreen{ui: u, sess: sess, pinHash: pinHash, win: w, now: now, after: after}
}

// kioskTextSize is the kiosk's text size (kioskTheme).
const kioskTextSize = 24

// big returns a text of size s times the kiosk's text size.
func big(text string, s float32, bold bool) *canvas.Text {
	t := canvas.NewText(text, theme.Color(theme.ColorNameForeground))
	t.TextSize = kioskTextSize * s
	t.TextStyle = fyne.TextStyle{Bold: bold}
	t.Alignment = fyne.TextAlignCenter
	return t
}

// wrapped returns a word-wrapped heading.
func wrapped(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapWord
	l.Alignment = fyne.TextAlignCenter
	l.SizeName = theme.SizeNameHeadingText
	l.TextStyle = fyne.TextStyle{Bold: true}
	return l
}

// start shows the kiosk full screen.
func (k *kioskScreen) start() {
	k.body = container.NewStack()
	k.themed = container.NewThemeOverride(k.body, &kioskTheme{Theme: k.ui.app.Settings().Theme()})
	k.win.SetContent(k.themed)
	k.win.SetCloseIntercept(k.onCloseRequest)
	k.win.Canvas().SetOnTypedRune(k.onRune)
	k.win.Canvas().SetOnTypedKey(k.onKey)
	k.win.SetFullScreen(true)
	k.reset()
	k.scheduleHoursCheck()
	k.win.Show()
}

// kioskTheme makes every text and button of the kiosk large.
type kioskTheme struct{ fyne.Theme }

// Size enlarges text and padding.
func (t *kioskTheme) Size(n fyne.ThemeSizeName) float32 {
	switch n {
	case theme.SizeNameText:
		return kioskTextSize
	case theme.SizeNameHeadingText:
		return 38
	case theme.SizeNameInnerPadding:
		return 16
	case theme.SizeNameInputBorder:
		return 2
	case theme.SizeNameInlineIcon:
		return 30
	}
	return t.Theme.Size(n)
}

func (k *kioskScreen) show(state string, o fyne.CanvasObject) {
	if k.timer != nil {
		k.timer()
		k.timer = nil
	}
	k.state = state
	k.body.Objects = []fyne.CanvasObject{container.NewPadded(o)}
	k.themed.Refresh() // gives the new screen the kiosk's large theme
}

func (k *kioskScreen) wait(d time.Duration, f func()) {
	if k.timer != nil {
		k.timer()
	}
	k.timer = k.after(d, func() {
		if !k.stopped {
			f()
		}
	})
}

// reset shows the question, or "closed" outside the opening hours.
func (k *kioskScreen) reset() {
	if k.stopped {
		return
	}
	if !k.sess.Open(k.now()) {
		k.showClosed()
		return
	}
	k.showQuestion()
}

func (k *kioskScreen) scheduleHoursCheck() {
	k.after(kioskHoursCheck, func() {
		if k.stopped {
			return
		}
		if k.state == kioskQuestion || k.state == kioskClosed {
			if open := k.sess.Open(k.now()); open != (k.state == kioskQuestion) {
				k.reset()
			}
		}
		k.scheduleHoursCheck()
	})
}

func (k *kioskScreen) showQuestion() {
	q := k.sess.Question()
	k.faces = k.faces[:0]
	grid := container.NewGridWithColumns(q.Points())
	drawFace := q.Points() <= 5
	for v := q.Min; v <= q.Max; v++ {
		pos := float64(v-q.Min) / float64(max(1, q.Max-q.Min))
		label := q.Label(v) // in the survey's language already
		if !drawFace {
			label = ""
		}
		f := newKioskFace(v, pos, label, drawFace, k.onTap)
		k.faces = append(k.faces, f)
		grid.Add(f)
	}
	k.status = big("", 0.9, false)
	k.status.Color = theme.Color(theme.ColorNameError)
	sub := ""
	if loc := k.sess.Config().Location; loc != "" {
		sub = loc
	}
	top := container.NewVBox(wrapped(q.Text), big(sub, 0.8, false))
	bottom := container.NewVBox(k.status, big(lang.L("Tap a face, or press its number key"), 0.7, false))
	if !drawFace {
		bottom.Objects[1] = big(lang.L("Tap a number, or press its key"), 0.7, false)
	}
	k.show(kioskQuestion, container.NewBorder(top, bottom, nil, nil, grid))
}

// onTap stores the answer and only then thanks (or asks what could be
// better).
func (k *kioskScreen) onTap(v int) {
	if k.stopped || k.state != kioskQuestion {
		return
	}
	p, err := k.sess.Tap(v, k.now())
	if errors.Is(err, kiosk.ErrClosed) {
		k.showClosed()
		return
	}
	if err != nil {
		k.status.Text = lang.L("Not saved: {{.Err}}", map[string]any{"Err": errorText(err)})
		k.status.Refresh()
		return
	}
	k.ui.dataChanged()
	if p.AskFollowUp {
		k.showFollowUp(p.Response)
		return
	}
	k.showThanks()
}

func (k *kioskScreen) onRune(r rune) {
	switch k.state {
	case kioskPIN:
		if r >= '0' && r <= '9' {
			k.pinDigit(string(r))
		}
	case kioskQuestion:
		q := k.sess.Question()
		if r < '0' || r > '9' {
			return
		}
		v := int(r - '0')
		if v == 0 && q.Min >= 1 && q.Max == 10 {
			v = 10 // "0" is 10 on a 1–10 scale
		}
		if v >= q.Min && v <= q.Max {
			k.onTap(v)
		}
	}
}

func (k *kioskScreen) onKey(e *fyne.KeyEvent) {
	switch {
	case e.Name == fyne.KeyEscape && k.state != kioskPIN:
		k.showPIN()
	case e.Name == fyne.KeyEscape:
		k.leavePIN()
	case k.state == kioskPIN && (e.Name == fyne.KeyReturn || e.Name == fyne.KeyEnter):
		k.checkPIN()
	case k.state == kioskPIN && e.Name == fyne.KeyBackspace:
		k.pinBackspace()
	}
}

func (k *kioskScreen) showFollowUp(r data.Response) {
	k.pending, k.reason = r, ""
	k.reasons = nil
	grid := container.NewGridWithColumns(3)
	for _, s := range kioskReasons() {
		b := widget.NewButton(s, nil)
		b.OnTapped = func() { k.onReason(s) }
		k.reasons = append(k.reasons, b)
		grid.Add(b)
	}
	k.more = widget.NewMultiLineEntry()
	k.more.SetPlaceHolder(lang.L("Tell us more (optional)"))
	k.more.SetMinRowsVisible(2)
	k.more.OnChanged = func(string) { k.wait(kioskFollowUpWait, k.onFollowUpTimeout) }
	send := widget.NewButtonWithIcon(lang.L("Send"), theme.ConfirmIcon(), k.onFollowUpSend)
	send.Importance = widget.HighImportance
	skip := widget.NewButton(lang.L("Skip"), k.showThanks)
	top := container.NewVBox(wrapped(lang.L("Sorry to hear that. What could we do better?")))
	bottom := container.NewVBox(k.more, container.NewGridWithColumns(2, skip, send))
	k.show(kioskFollowUp, container.NewBorder(top, bottom, nil, nil, grid))
	k.wait(kioskFollowUpWait, k.onFollowUpTimeout)
	k.win.Canvas().Focus(nil)
}

func (k *kioskScreen) onReason(s string) {
	k.reason = s
	for _, b := range k.reasons {
		if b.Text == s {
			b.Importance = widget.HighImportance
		} else {
			b.Importance = widget.MediumImportance
		}
		b.Refresh()
	}
	k.wait(kioskFollowUpWait, k.onFollowUpTimeout)
}

// onFollowUpTimeout abandons the follow-up; the answer stays stored.
func (k *kioskScreen) onFollowUpTimeout() {
	if k.state == kioskFollowUp {
		k.reset()
	}
}

func (k *kioskScreen) onFollowUpSend() {
	if _, err := k.sess.FollowUp(k.pending, k.reason, k.more.Text); err != nil {
		fyne.LogError("kiosk follow-up", err) // the main answer is stored
	} else {
		k.ui.dataChanged()
	}
	k.showThanks()
}

func (k *kioskScreen) showThanks() {
	smile := newKioskFace(1, 1, "", true, nil)
	box := container.NewGridWrap(fyne.NewSize(220, 220), smile)
	k.show(kioskThanks, container.NewVBox(layout.NewSpacer(), container.NewCenter(box),
		big(lang.L("Thank you!"), 2.4, true), big(lang.L("Your answer was saved."), 1, false), layout.NewSpacer()))
	k.wait(kioskThanksWait, k.reset)
}

func (k *kioskScreen) showClosed() {
	h := k.sess.Config().Hours
	k.show(kioskClosed, container.NewVBox(layout.NewSpacer(), big(lang.L("Closed"), 2.4, true),
		big(lang.L("We ask again during opening hours: {{.Hours}}", map[string]any{"Hours": h.String()}), 1, false),
		layout.NewSpacer()))
}

// onCloseRequest is the window's close intercept: closing the kiosk asks
// for the PIN.
func (k *kioskScreen) onCloseRequest() { k.showPIN() }

// showPIN shows the PIN pad to leave kiosk mode.
func (k *kioskScreen) showPIN() {
	if k.stopped || k.state == kioskPIN {
		return
	}
	k.back = k.state
	if k.back != kioskClosed {
		k.back = kioskQuestion
	}
	k.entered = ""
	k.pinText = big("", 2, true)
	k.pinError = big("", 1, true)
	k.pinError.Color = theme.Color(theme.ColorNameError)
	pad := container.NewGridWithColumns(3)
	for _, d := range []string{"1", "2", "3", "4", "5", "6", "7", "8", "9"} {
		pad.Add(widget.NewButton(d, func() { k.pinDigit(d) }))
	}
	pad.Add(widget.NewButtonWithIcon("", theme.NavigateBackIcon(), k.pinBackspace))
	pad.Add(widget.NewButton("0", func() { k.pinDigit("0") }))
	ok := widget.NewButtonWithIcon(lang.L("OK"), theme.ConfirmIcon(), k.checkPIN)
	ok.Importance = widget.HighImportance
	pad.Add(ok)
	cancel := widget.NewButton(lang.L("Back to the question"), k.leavePIN)
	padBox := container.NewGridWrap(fyne.NewSize(420, 320), pad)
	k.show(kioskPIN, container.NewVBox(layout.NewSpacer(),
		big(lang.L("Enter the PIN to leave kiosk mode"), 1.2, true), k.pinText, k.pinError,
		container.NewCenter(padBox), container.NewCenter(cancel), layout.NewSpacer()))
	k.wait(kioskPINWait, k.leavePIN)
}

func (k *kioskScreen) pinDigit(d string) {
	if len(k.entered) < 8 {
		k.entered += d
	}
	k.pinError.Text = ""
	k.pinError.Refresh()
	k.showDots()
}

func (k *kioskScreen) pinBackspace() {
	if k.entered != "" {
		k.entered = k.entered[:len(k.entered)-1]
	}
	k.showDots()
}

func (k *kioskScreen) showDots() {
	k.pinText.Text = strings.Repeat("● ", len(k.entered))
	k.pinText.Refresh()
	k.wait(kioskPINWait, k.leavePIN)
}

func (k *kioskScreen) checkPIN() {
	if pinHash(k.entered) == k.pinHash {
		k.exit()
		return
	}
	k.entered = ""
	k.pinText.Text = ""
	k.pinText.Refresh()
	k.pinError.Text = lang.L("Wrong PIN. Try again.")
	k.pinError.Refresh()
	k.wait(kioskPINWait, k.leavePIN)
}

func (k *kioskScreen) leavePIN() {
	if k.state == kioskPIN {
		k.reset()
	}
}

// exit leaves kiosk mode and brings the main window back.
func (k *kioskScreen) exit() {
	k.stopped = true
	if k.timer != nil {
		k.timer()
	}
	k.win.SetFullScreen(false)
	k.win.SetCloseIntercept(nil)
	k.win.Close()
	k.ui.kiosk = nil
	k.ui.win.Show()
	if k.onExit != nil {
		k.onExit()
	}
}

// kioskSetup is what the setup dialog asks and the preferences keep.
type kioskSetup struct {
	SurveyID         uint64
	Location, Device string
	Open, Close      string
	PINHash          string
	FollowUp         bool
}

func (u *UI) loadKioskSetup() kioskSetup {
	p := u.app.Preferences()
	id, _ := strconv.ParseUint(p.String(prefKioskSurvey), 10, 64)
	return kioskSetup{
		SurveyID: id, Location: p.String(prefKioskLocation), Device: p.String(prefKioskDevice),
		Open: p.String(prefKioskOpen), Close: p.String(prefKioskClose), PINHash: p.String(prefKioskPIN),
		FollowUp: p.BoolWithFallback(prefKioskFollowUp, true),
	}
}

func (u *UI) saveKioskSetup(s kioskSetup) {
	p := u.app.Preferences()
	p.SetString(prefKioskSurvey, strconv.FormatUint(s.SurveyID, 10))
	p.SetString(prefKioskLocation, s.Location)
	p.SetString(prefKioskDevice, s.Device)
	p.SetString(prefKioskOpen, s.Open)
	p.SetString(prefKioskClose, s.Close)
	p.SetString(prefKioskPIN, s.PINHash)
	p.SetBool(prefKioskFollowUp, s.FollowUp)
}

// kioskError is a kiosk that cannot start, in the UI language.
func kioskError(err error, sv *data.Survey) error {
	switch {
	case errors.Is(err, kiosk.ErrNoQuestion):
		return errors.New(lang.L("“{{.Survey}}” has no satisfaction question (rating or yes/no) for the kiosk to ask.", map[string]any{"Survey": sv.Name}))
	case errors.Is(err, kiosk.ErrOtherRequired):
		return errors.New(lang.L("The kiosk asks only the main question, but “{{.Survey}}” also requires: {{.Questions}}. Make those questions optional in the designer, or choose another survey.",
			map[string]any{"Survey": sv.Name, "Questions": strings.Join(kiosk.OtherRequired(sv), "; ")}))
	}
	return err
}

// startKiosk starts kiosk mode with setup s in a new full-screen window
// and hides the main window.
func (u *UI) startKiosk(s kioskSetup) (*kioskScreen, error) {
	if u.kiosk != nil {
		return u.kiosk, nil
	}
	sv, err := u.st.Survey(s.SurveyID)
	if err != nil {
		return nil, err
	}
	if !validHash(s.PINHash) {
		return nil, errors.New(lang.L("Set a PIN of 4 to 8 digits to leave kiosk mode."))
	}
	h, err := kiosk.ParseHours(s.Open, s.Close)
	if err != nil {
		return nil, errors.New(lang.L("Opening hours must look like 08:00 and 20:00, or both be empty."))
	}
	sess, err := kiosk.New(kiosk.Config{Survey: sv, Location: s.Location, Device: s.Device, Hours: h, FollowUp: s.FollowUp}, u.st)
	if err != nil {
		return nil, kioskError(err, &sv)
	}
	w := u.app.NewWindow(lang.L("CSAT Desk kiosk"))
	k := newKiosk(u, sess, s.PINHash, w)
	u.kiosk = k
	k.start()
	u.win.Hide()
	return k, nil
}

func validHash(h string) bool { return len(h) == 64 }

// StartKiosk starts kiosk mode from the command line (--kiosk) with the
// saved setup, surveyID overriding its survey when not 0, once the app
// runs (the main window shows first, then hides behind the kiosk); without
// a saved PIN it opens the setup dialog instead.
func (u *UI) StartKiosk(surveyID uint64) {
	u.app.Lifecycle().SetOnStarted(func() {
		fyne.Do(func() {
			s := u.loadKioskSetup()
			if surveyID != 0 {
				s.SurveyID = surveyID
			}
			if _, err := u.startKiosk(s); err != nil {
				u.onKioskSetup()
				u.showError(err)
			}
		})
	})
}

// onKioskSetup asks how the kiosk should run and starts it.
func (u *UI) onKioskSetup() {
	svs, names, err := u.activeSurveys()
	if err != nil {
		u.showError(err)
		return
	}
	if len(svs) == 0 {
		dialog.ShowInformation(lang.L("Start kiosk"), lang.L("Create a survey first."), u.win)
		return
	}
	s := u.loadKioskSetup()
	survey := widget.NewSelect(names, nil)
	survey.SetSelectedIndex(0)
	for i, sv := range svs {
		if sv.ID == s.SurveyID {
			survey.SetSelectedIndex(i)
		}
	}
	loc, dev := widget.NewEntry(), widget.NewEntry()
	loc.SetText(s.Location)
	dev.SetText(s.Device)
	dev.SetPlaceHolder(lang.L("e.g. till 1"))
	open, closeAt := widget.NewEntry(), widget.NewEntry()
	open.SetText(s.Open)
	closeAt.SetText(s.Close)
	open.SetPlaceHolder("08:00")
	closeAt.SetPlaceHolder("20:00")
	pin := widget.NewPasswordEntry()
	if validHash(s.PINHash) {
		pin.SetPlaceHolder(lang.L("(keep the PIN set before)"))
	}
	follow := widget.NewCheck(lang.L("Ask what could be better after a low score"), nil)
	follow.SetChecked(s.FollowUp)
	note := widget.NewLabel(lang.L("The kiosk fills the screen; Escape or closing it asks for the PIN. To keep customers out of other programs, use your system's kiosk lock (see the user guide)."))
	note.Wrapping = fyne.TextWrapWord
	items := []*widget.FormItem{
		widget.NewFormItem(lang.L("Survey"), survey),
		widget.NewFormItem(lang.L("Location"), loc),
		widget.NewFormItem(lang.L("Device"), dev),
		widget.NewFormItem(lang.L("Opens at"), open),
		widget.NewFormItem(lang.L("Closes at"), closeAt),
		widget.NewFormItem(lang.L("PIN to leave"), pin),
		widget.NewFormItem("", follow),
		widget.NewFormItem("", note),
	}
	d := dialog.NewForm(lang.L("Start kiosk"), lang.L("Start"), lang.L("Cancel"), items, func(ok bool) {
		if !ok {
			return
		}
		s.SurveyID = svs[max(0, survey.SelectedIndex())].ID
		s.Location, s.Device = strings.TrimSpace(loc.Text), strings.TrimSpace(dev.Text)
		s.Open, s.Close = strings.TrimSpace(open.Text), strings.TrimSpace(closeAt.Text)
		s.FollowUp = follow.Checked
		if p := strings.TrimSpace(pin.Text); p != "" || !validHash(s.PINHash) {
			if !validPIN(p) {
				u.showError(errors.New(lang.L("Set a PIN of 4 to 8 digits to leave kiosk mode.")))
				return
			}
			s.PINHash = pinHash(p)
		}
		u.saveKioskSetup(s)
		if _, err := u.startKiosk(s); err != nil {
			u.showError(err)
		}
	}, u.win)
	d.Resize(fyne.NewSize(560, 520))
	d.Show()
}
