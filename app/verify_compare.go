package app

import (
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
	v.intro.Hide()
	v.entryBox.Hide()
	v.compareBox.Show()
	rep := v.sess.Report
	v.summary.SetText(lang.L("{{.Forms}} forms compared, {{.Fields}} fields, {{.Differing}} differed ({{.Rate}} %)", map[string]any{
		"Forms": rep.Forms, "Fields": rep.FieldsCompared, "Differing": rep.Differing, "Rate": fmt.Sprintf("%.1f", rep.Rate()),
	}))
	var only []string
	if len(rep.OnlyInFirst) > 0 {
		only = append(only, lang.L("Only in the first entry: {{.Forms}}", map[string]any{"Forms": formList(rep.OnlyInFirst)}))
	}
	if len(rep.OnlyInSecond) > 0 {
		only = append(only, lang.L("Only in the second entry: {{.Forms}}", map[string]any{"Forms": formList(rep.OnlyInSecond)}))
	}
	v.only.SetText(strings.Join(only, "\n"))
	v.only.Importance = widget.WarningImportance // a form typed once is not verified
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
			hint.SetText(errorText(err))
		}
	}
	typed.onSubmit = use
	firstRight := widget.NewButton(lang.L("First is right"), func() {
		if err := v.resolve(i, m.First, m.FirstValue, true); err != nil {
			hint.SetText(errorText(err))
		}
	})
	secondRight := widget.NewButton(lang.L("Second is right"), func() {
		if err := v.resolve(i, m.Second, m.SecondValue, true); err != nil {
			hint.SetText(errorText(err))
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
