package app

import (
	"strings"
	"time"

	"csatdesk/data"
	"csatdesk/data/verify"
)

// verifySession is the saved state of one batch's verification (kept in
// the settings; see verify.Session).
type verifySession = verify.Session

// verifyKey is the settings key of a batch's session.
func verifyKey(sid uint64, date, from, to string) string {
	return verify.SessionKey(sid, date, from, to)
}

// saveSession writes the session to the settings.
func (v *verifyScreen) saveSession() error {
	return verify.SaveSession(v.ui.st, v.key, v.sess, v.now())
}

// pruneSessions deletes, in the background, the sessions no longer
// needed: of deleted surveys, finished a month ago, or abandoned half a
// year ago (verify.PruneSessions). A failure only leaves them for next
// time.
func (v *verifyScreen) pruneSessions() {
	if !v.ui.model.loaded {
		return
	}
	st, now := v.ui.st, v.now()
	v.ui.background(func() {
		// Which surveys exist is read from the store here, not from the
		// model's list: a reload triggered before the model had read a
		// survey created meanwhile would otherwise delete its sessions.
		all, err := st.Surveys()
		if err != nil {
			return // the store failed: keep the typist's work
		}
		exists := make(map[uint64]bool, len(all))
		for _, sv := range all {
			exists[sv.ID] = true
		}
		_, _ = verify.PruneSessions(st, func(id uint64) bool { return exists[id] }, now)
	}, func() {})
}

// closeSession hides the second entry and the comparison.
func (v *verifyScreen) closeSession() {
	v.sess, v.key, v.first, v.confirm = nil, "", nil, ""
	v.entryBox.Hide()
	v.compareBox.Hide()
	v.compareBtn.Disable()
	v.intro.Show()
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

// onStart opens (or resumes) the batch's session and shows the second
// entry; a verified batch opens on its comparison.
func (v *verifyScreen) onStart() {
	if v.survey == nil {
		return
	}
	day, err := v.batchDay()
	if err != nil {
		v.selected.SetText(errorText(err))
		v.focus(v.date)
		return
	}
	date, from, to := day.Format("2006-01-02"), strings.TrimSpace(v.from.Text), strings.TrimSpace(v.to.Text)
	key := verifyKey(v.survey.ID, date, from, to)
	sess, err := verify.LoadSession(v.ui.st, key)
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
