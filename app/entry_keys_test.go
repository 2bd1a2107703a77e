package app

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"csatdesk/data"
	"csatdesk/data/store"
)

// npsSurvey has an NPS question, a 1–5 rating and an optional open
// question, in that order.
func npsSurvey(t *testing.T, st *store.Store) data.Survey {
	t.Helper()
	return entrySurvey(t, st,
		data.NewQuestion(data.KindNPS, "Recommend", 0),
		data.NewQuestion(data.KindRating, "Overall", 5),
		data.NewQuestion(data.KindText, "What could we improve?", 0),
	)
}

// onlyResponse returns the one response stored for sv.
func onlyResponse(t *testing.T, st *store.Store, sv data.Survey) data.Response {
	t.Helper()
	rs := allResponses(t, st, sv.ID)
	if len(rs) != 1 {
		t.Fatalf("stored %d responses, want 1", len(rs))
	}
	return rs[0]
}

func TestAnNPSTenTypedWithAPauseBetweenItsDigitsIsStoredAsTen(t *testing.T) {
	u, st := newTestUI(t)
	sv := npsSurvey(t, st)
	k := openEntry(t, u)
	nps := u.entry.form.fields[sv.Questions[0].ID]
	k.typ("1")
	// The typist looks at the sheet for a second and a half. Nothing may
	// happen meanwhile: no timer decides that the answer was 1. (Before,
	// one did after 0.7 s and the "0" went to the next field.)
	time.Sleep(1500 * time.Millisecond)
	if k.c.Focused() != nps {
		t.Fatalf("after a pause the cursor left the NPS field for %T", k.c.Focused())
	}
	k.typ("0")
	k.typ("4")
	k.ctrl(fyne.KeyReturn)
	r := onlyResponse(t, st, sv)
	if got := r.Answers[sv.Questions[0].ID]; got != 10 {
		t.Errorf("NPS stored as %d, want 10", got)
	}
	if got := r.Answers[sv.Questions[1].ID]; got != 4 {
		t.Errorf("overall stored as %d, want 4", got)
	}
	if len(r.Texts) != 0 {
		t.Errorf("nothing was typed in the open question, yet it holds %v", r.Texts)
	}
}

func TestAOneOnATenPointScaleIsKeptByTheNextDigitEnterOrTab(t *testing.T) {
	for _, c := range []struct {
		name    string
		keep    func(k *keys)
		overall int // 0: none typed
	}{
		{"another digit: it answers the next question", func(k *keys) { k.typ("4") }, 4},
		{"Enter", func(k *keys) { k.key(fyne.KeyReturn); k.typ("3") }, 3},
		{"Tab", func(k *keys) { test.FocusNext(k.c); k.typ("2") }, 2},
	} {
		t.Run(c.name, func(t *testing.T) {
			u, st := newTestUI(t)
			sv := npsSurvey(t, st)
			k := openEntry(t, u)
			k.typ("1")
			c.keep(k)
			if f := u.entry.form.fields[sv.Questions[1].ID]; k.c.Focused() == f {
				t.Fatal("the cursor should have moved past the overall question")
			}
			k.ctrl(fyne.KeyReturn)
			r := onlyResponse(t, st, sv)
			if got := r.Answers[sv.Questions[0].ID]; got != 1 {
				t.Errorf("NPS stored as %d, want 1", got)
			}
			if got := r.Answers[sv.Questions[1].ID]; got != c.overall {
				t.Errorf("overall stored as %d, want %d", got, c.overall)
			}
		})
	}
}

func TestAKeyTypedIntoATextFieldRightAfterARatingIsFlagged(t *testing.T) {
	type want struct {
		heldFirst bool   // the first Ctrl+Enter stops to ask
		text      string // stored in the open question
	}
	for _, c := range []struct {
		name  string
		typed string // after the overall rating 5
		fix   func(k *keys)
		want  want
	}{
		{"a stray digit is held until confirmed", "5", nil, want{true, "5"}},
		{"a stray digit the typist deletes is not stored", "4", func(k *keys) { k.key(fyne.KeyBackspace) }, want{false, ""}},
		{"a comment typed after the rating saves at once", "Great coffee", nil, want{false, "Great coffee"}},
		{"a comment that starts with a number is shown, not held", "2 cold coffees", nil, want{false, "2 cold coffees"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			u, st := newTestUI(t)
			sv := npsSurvey(t, st)
			e := u.entry
			k := openEntry(t, u)
			text := e.form.texts[sv.Questions[2].ID]
			k.typ("9")
			k.typ("5") // the overall rating: the cursor moves into the open question
			if k.c.Focused() != text {
				t.Fatalf("after the last rating the cursor is on %T, want the open question", k.c.Focused())
			}
			k.typ(c.typed)
			hint := e.form.hints[sv.Questions[2].ID].Text
			startsWithDigit := c.typed[0] >= '0' && c.typed[0] <= '9'
			if startsWithDigit && !strings.Contains(hint, "right after") {
				t.Errorf("%q typed right after the rating shows the hint %q, want a flag", c.typed, hint)
			}
			if !startsWithDigit && hint != "" {
				t.Errorf("an ordinary comment should not be flagged, the hint says %q", hint)
			}
			if c.fix != nil {
				c.fix(k)
				if h := e.form.hints[sv.Questions[2].ID].Text; h != "" {
					t.Errorf("the flag stays after the key was deleted: %q", h)
				}
			}
			k.ctrl(fyne.KeyReturn)
			stored := len(allResponses(t, st, sv.ID))
			if c.want.heldFirst {
				if stored != 0 {
					t.Fatalf("a lone %q typed right after the rating was stored without a word", c.typed)
				}
				if !strings.Contains(e.status.Text, "right after") || k.c.Focused() != text {
					t.Errorf("the status should say why the form was held (%q) and the cursor be on the field (%T)", e.status.Text, k.c.Focused())
				}
				k.ctrl(fyne.KeyReturn) // the sheet does say 5
			}
			r := onlyResponse(t, st, sv)
			if got := r.Texts[sv.Questions[2].ID]; got != c.want.text {
				t.Errorf("the open question holds %q, want %q", got, c.want.text)
			}
			if got := r.Answers[sv.Questions[1].ID]; got != 5 {
				t.Errorf("overall stored as %d, want 5", got)
			}
		})
	}
}

func TestAStrayKeyInTheCommentAfterTheLastRatingIsHeld(t *testing.T) {
	u, st := newTestUI(t)
	sv := entrySurvey(t, st, data.NewQuestion(data.KindRating, "Overall", 5))
	e := u.entry
	k := openEntry(t, u)
	k.typ("4")
	k.typ("4") // the typist thought there was a second question
	if k.c.Focused() != e.form.comment || e.form.comment.Text != "4" {
		t.Fatalf("the second 4 should be in the comment field, focus %T, comment %q", k.c.Focused(), e.form.comment.Text)
	}
	k.key(fyne.KeyReturn) // Enter in the comment saves
	if n := len(allResponses(t, st, sv.ID)); n != 0 {
		t.Fatal("a lone 4 typed in the comment right after the rating was stored without a word")
	}
	k.key(fyne.KeyBackspace)
	k.key(fyne.KeyReturn)
	if r := onlyResponse(t, st, sv); r.Comment != "" || r.Answers[sv.Questions[0].ID] != 4 {
		t.Errorf("stored %+v, want overall 4 and no comment", r)
	}
}

func TestALetterAfterAOneOnATenPointScaleKeepsTheOneWaitingAndSaysHow(t *testing.T) {
	u, st := newTestUI(t)
	sv := npsSurvey(t, st)
	k := openEntry(t, u)
	nps := u.entry.form.fields[sv.Questions[0].ID]
	k.typ("1")
	k.typ("G") // the typist thought the comment came next
	if k.c.Focused() != nps {
		t.Fatalf("a letter must not move the cursor on, it is on %T", k.c.Focused())
	}
	if v, set := nps.Value(); !set || v != 1 {
		t.Errorf("the 1 should still stand, got %d (%v)", v, set)
	}
	if h := u.entry.form.hints[sv.Questions[0].ID].Text; !strings.Contains(h, "Enter") {
		t.Errorf("the hint should say how to keep 1, it says %q", h)
	}
	k.typ("0")
	if v, _ := nps.Value(); v != 10 {
		t.Errorf("a 0 after the letter still makes 10, got %d", v)
	}
}
