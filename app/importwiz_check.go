package app

import (
	"context"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"csatdesk/app/job"
	"csatdesk/data"
	"csatdesk/data/importer"
	"csatdesk/data/store/ingest"
)

func (w *importWizard) buildCheckStep() fyne.CanvasObject {
	w.table = widget.NewTable(
		func() (int, int) {
			if len(w.tableRows) == 0 || w.sizing {
				return 0, 0
			}
			return len(w.tableRows), len(w.tableRows[0])
		},
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(id widget.TableCellID, o fyne.CanvasObject) {
			l := o.(*widget.Label)
			l.TextStyle.Bold = id.Row == 0
			l.SetText(w.tableRows[id.Row][id.Col])
		},
	)
	w.table.StickyRowCount = 1
	w.problems = wrapLabel("")
	w.dupSel = widget.NewSelect([]string{
		lang.L("Skip rows imported before"),
		lang.L("Replace what was imported before (same file or same respondent IDs)"),
		lang.L("Stop if this file was imported before"),
	}, w.onDuplicateChoice)
	w.dupHint = wrapLabel("")
	w.dupSel.SetSelectedIndex(0)
	w.split = container.NewVSplit(w.table, container.NewVScroll(w.problems))
	return container.NewBorder(
		wrapLabel(lang.L("The first rows of the file as they will be stored:")),
		container.NewVBox(labelled(lang.L("Data imported before"), w.dupSel), w.dupHint),
		nil, nil, w.split)
}

// updatePreview converts the first rows as they will be stored and lists
// what is wrong so far.
func (w *importWizard) updatePreview() {
	w.tableRows = nil
	if w.sv == nil || w.sess == nil {
		w.table.Refresh()
		return
	}
	m := w.m
	m.Loc = time.Local
	checked, err := w.sess.Check(w.sv, m)
	if err != nil {
		w.problems.SetText(lang.L("Cannot import yet: {{.Err}}", map[string]any{"Err": errorText(err)}))
		w.importBtn.Disable()
		w.table.Refresh()
		return
	}
	// The columns: what the mapping fills in, beside row, date and answers.
	has := func(t importer.Target) bool {
		for _, c := range m.Columns {
			if c.Target == t {
				return true
			}
		}
		return false
	}
	var tags []string
	for _, c := range m.Columns {
		if c.Target == importer.TargetTag && strings.TrimSpace(c.Tag) != "" {
			tags = append(tags, strings.TrimSpace(c.Tag))
		}
	}
	channel := has(importer.TargetChannel) || m.Channel != ""
	form, ext, comment := has(importer.TargetFormNumber), has(importer.TargetExternalID), has(importer.TargetComment)
	head := []string{lang.L("Row"), lang.L("Date")}
	add := func(show bool, h string) {
		if show {
			head = append(head, h)
		}
	}
	add(channel, lang.L("Channel"))
	add(form, lang.L("Form number"))
	add(ext, lang.L("External (respondent) ID"))
	for _, q := range w.sv.Questions {
		head = append(head, q.Text)
	}
	head = append(head, tags...)
	add(comment, lang.L("Comment"))
	w.tableRows = append(w.tableRows, head)
	var probs []string
	for _, c := range checked {
		for _, p := range c.Problems {
			probs = append(probs, problemText(p))
		}
		if len(c.Problems) > 0 {
			continue
		}
		r := c.Response
		row := []string{strconv.Itoa(c.Row), r.CollectedAt.Format("2006-01-02 15:04")}
		cell := func(show bool, v string) {
			if show {
				row = append(row, v)
			}
		}
		cell(channel, r.Channel)
		cell(form, r.FormNumber)
		cell(ext, r.ExternalID)
		for _, q := range w.sv.Questions {
			if v, ok := r.Answers[q.ID]; ok {
				row = append(row, strconv.Itoa(v))
			} else {
				row = append(row, r.Texts[q.ID])
			}
		}
		for _, t := range tags {
			row = append(row, r.Tags[t])
		}
		cell(comment, r.Comment)
		w.tableRows = append(w.tableRows, row)
	}
	w.sizeColumns()
	w.table.Refresh()
	if len(probs) == 0 {
		w.problems.SetText(lang.L("No problems in the first rows."))
		w.split.SetOffset(0.9)
	} else {
		w.problems.SetText(lang.L("Problems in the first rows (these rows will be skipped):") + "\n" + strings.Join(probs, "\n"))
		w.split.SetOffset(0.65)
	}
	w.importBtn.Enable()
}

// sizeColumns fits each preview column to its widest cell, within limits,
// so short columns take little room and long texts do not take it all.
func (w *importWizard) sizeColumns() {
	if len(w.tableRows) == 0 {
		return
	}
	pad := theme.Padding()*4 + 2
	size := theme.TextSize()
	// Each width set redraws the table: with no cells meanwhile, setting
	// the widths of 160 columns no longer redraws 160 × 160 cells.
	w.sizing = true
	defer func() { w.sizing = false }()
	for c := range w.tableRows[0] {
		wd := float32(0)
		for r, row := range w.tableRows {
			text := row[c]
			if r := []rune(text); len(r) > 48 { // wider than the widest column anyway
				text = string(r[:48])
			}
			t := fyne.MeasureText(text, size, fyne.TextStyle{Bold: r == 0})
			wd = max(wd, t.Width)
		}
		w.table.SetColumnWidth(c, min(max(wd+pad, 60), 280))
	}
}

// onDuplicateChoice explains the chosen handling of data imported before.
func (w *importWizard) onDuplicateChoice(string) {
	switch w.dupSel.SelectedIndex() {
	case 1:
		w.dupHint.SetText(lang.L("The earlier import of this file, and stored responses with the same respondent ID or CSAT Desk response ID, are replaced by the rows of this file, all at once."))
	case 2:
		w.dupHint.SetText(lang.L("If this file was imported before, nothing is imported. Rows whose respondent ID is stored already are left out."))
	default:
		w.dupHint.SetText(lang.L("Rows already in CSAT Desk (from this file, or with the same respondent ID) are left out; the rest is imported."))
	}
}

// duplicate is the chosen handling of data imported before.
func (w *importWizard) duplicate() ingest.Duplicate {
	switch w.dupSel.SelectedIndex() {
	case 1:
		return ingest.Replace
	case 2:
		return ingest.Refuse
	}
	return ingest.Skip
}

// importJob is everything an import needs, taken from the wizard on the UI
// goroutine so that the import can run on another.
type importJob struct {
	sess *ingest.Session
	sv   data.Survey
	m    importer.Mapping
	opt  ingest.Options
}

// newImportJob takes the current file, survey, mapping and choices.
func (w *importWizard) newImportJob() *importJob {
	j := &importJob{sess: w.sess, sv: *w.sv, m: w.m}
	j.m.Loc = time.Local
	j.opt = ingest.Options{OnDuplicate: w.duplicate(), Loc: time.Local}
	return j
}

// run imports the file, calling progress as it goes, and remembers the
// mapping for the file's headers. A survey made from the file gets its ID
// in j.sv.
func (j *importJob) run(ctx context.Context, progress func(rows int, frac float64)) (importer.Report, error) {
	opt := j.opt
	opt.Progress = progress
	rep, err := j.sess.Run(ctx, &j.sv, j.m, opt)
	if err != nil {
		return rep, err
	}
	if j.sv.ID != 0 {
		_ = j.sess.Remember(j.sv.ID, j.m) // a mapping not remembered is asked again next time
	}
	return rep, nil
}

// importNow imports the file with the current mapping, calling progress
// as it goes, and remembers the mapping. onImport runs the same as a job;
// tests call it directly.
func (w *importWizard) importNow(ctx context.Context, progress func(rows int, frac float64)) (importer.Report, error) {
	return w.newImportJob().run(ctx, progress)
}

// onImport runs the import as a job behind a progress dialog with a Cancel
// button, and shows the report when it is done.
func (w *importWizard) onImport() {
	if w.sess == nil || w.sv == nil {
		return
	}
	if w.loadJob != nil {
		w.onLoadCancel() // the file imported is the one shown
	}
	ij := w.newImportJob()
	total, _ := w.sess.Rows() // estimated when the session profiled the first rows only

	w.progress = widget.NewProgressBar()
	w.progressMsg = widget.NewLabel(lang.L("Starting…"))
	w.stopBtn = widget.NewButtonWithIcon(lang.L("Cancel"), theme.CancelIcon(), w.onCancel)
	note := wrapLabel(lang.L("Cancel leaves everything as it was before the import."))
	note.SizeName = theme.SizeNameCaptionText
	w.progressDlg = dialog.NewCustomWithoutButtons(lang.L("Importing {{.Name}}", map[string]any{"Name": w.sess.Name()}),
		container.NewVBox(w.progress, w.progressMsg, note, container.NewHBox(layout.NewSpacer(), w.stopBtn)), w.ui.win)
	w.progressDlg.Resize(fyne.NewSize(480, 200))
	w.progressDlg.Show()
	w.importBtn.Disable()

	start := time.Now()
	bar, msg := w.progress, w.progressMsg
	var rep importer.Report
	w.importJob = nil
	j := w.ui.run(func(ctx context.Context, progress func(job.Progress)) error {
		var err error
		rep, err = ij.run(ctx, func(rows int, frac float64) { progress(job.Progress{Done: rows, Frac: frac}) })
		return err
	}, func(p job.Progress) {
		bar.SetValue(p.Frac)
		if w.importJob == nil || !w.importJob.Cancelled() {
			msg.SetText(progressText(p.Done, total, p.Frac, time.Since(start)))
		}
	}, func(err error) {
		w.importJob = nil
		w.progressDlg.Hide()
		if ij.sv.ID != 0 && err == nil {
			w.sv.ID = ij.sv.ID // a survey made from the file exists now
		}
		w.finish(rep, err)
	})
	w.done = j.Done()
	select {
	case <-j.Done():
	default:
		w.importJob = j
	}
}

// progressText tells how far an import is: rows done of all, rows per
// second and, once that can be told, about how long it will take.
func progressText(rows, total int, frac float64, elapsed time.Duration) string {
	el := max(elapsed.Seconds(), 0.001)
	text := lang.L("{{.Rows}} of {{.Total}} rows, {{.Speed}} rows/s", map[string]any{
		"Rows": fmtCount(rows), "Total": fmtCount(total), "Speed": fmtCount(int(float64(rows) / el))})
	if frac >= 0.02 && frac < 1 && elapsed > 200*time.Millisecond {
		left := time.Duration(el * (1 - frac) / frac * float64(time.Second))
		if left < time.Minute {
			text += "\n" + lang.L("about {{.Seconds}} s left", map[string]any{"Seconds": max(1, int(left.Seconds()+0.5))})
		} else {
			text += "\n" + lang.L("about {{.Minutes}} min left", map[string]any{"Minutes": int(left.Minutes() + 0.5)})
		}
	}
	return text
}

func (w *importWizard) onCancel() {
	if w.importJob != nil {
		w.importJob.Cancel()
	}
	if w.stopBtn != nil {
		w.stopBtn.Disable()
		w.progressMsg.SetText(lang.L("Cancelling: undoing what was imported so far…"))
	}
}
