package app

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"path/filepath"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"csatdesk/app/cli"
	"csatdesk/data"
	"csatdesk/data/importer"
	"csatdesk/data/store"
	"csatdesk/data/store/ingest"
)

// reportShown is how many problems the report step lists; all of them are
// in the report saved as CSV.
const reportShown = 200

// progressEvery is the least time between two updates of the progress
// dialog.
const progressEvery = 100 * time.Millisecond

// importJob is everything an import needs, taken from the wizard on the UI
// goroutine so that the import can run on another.
type importJob struct {
	st       *store.Store
	f        *importer.File
	sv       data.Survey
	m        importer.Mapping
	remember importer.Mapping // the mapping to remember for the file's headers
	key      string           // the settings key to remember it under
	opt      ingest.Options
}

// newImportJob takes the current file, survey, mapping and choices.
func (w *importWizard) newImportJob() *importJob {
	j := &importJob{st: w.ui.st, f: w.f, sv: *w.sv, m: w.m, remember: w.mappingToRemember(), key: w.mappingKey()}
	j.m.Loc = time.Local
	j.opt = ingest.Options{Hash: w.hash, TotalRows: w.prof.Rows, OnDuplicate: w.duplicate(), Loc: time.Local}
	return j
}

// run imports the file, calling progress as it goes, and remembers the
// mapping for the file's headers. A survey made from the file gets its ID
// in j.sv.
func (j *importJob) run(ctx context.Context, progress func(rows int, frac float64)) (importer.Report, error) {
	opt := j.opt
	opt.Progress = progress
	rep, err := ingest.Import(ctx, j.st, j.f, &j.sv, j.m, opt)
	if err != nil {
		return rep, err
	}
	if j.sv.ID != 0 {
		if b, err := json.Marshal(savedImportMapping{SurveyID: j.sv.ID, Mapping: j.remember}); err == nil {
			_ = j.st.SetSetting(j.key, b)
		}
	}
	return rep, nil
}

// importNow imports the file with the current mapping, calling progress
// as it goes, and remembers the mapping. onImport runs the same in the
// background; tests call it directly.
func (w *importWizard) importNow(ctx context.Context, progress func(rows int, frac float64)) (importer.Report, error) {
	return w.newImportJob().run(ctx, progress)
}

// onImport runs the import in the background behind a progress dialog
// with a Cancel button, and shows the report when it is done.
func (w *importWizard) onImport() {
	if w.f == nil || w.sv == nil {
		return
	}
	ctx, cancel := context.WithCancel(context.Background())
	w.mu.Lock()
	w.cancel = cancel
	w.mu.Unlock()
	done := make(chan struct{})
	w.done = done
	job := w.newImportJob()

	w.progress = widget.NewProgressBar()
	w.progressMsg = widget.NewLabel(lang.L("Starting…"))
	w.stopBtn = widget.NewButtonWithIcon(lang.L("Cancel"), theme.CancelIcon(), w.onCancel)
	note := wrapLabel(lang.L("Cancel leaves everything as it was before the import."))
	note.SizeName = theme.SizeNameCaptionText
	w.progressDlg = dialog.NewCustomWithoutButtons(lang.L("Importing {{.Name}}", map[string]any{"Name": w.f.Source.Name}),
		container.NewVBox(w.progress, w.progressMsg, note, container.NewHBox(layout.NewSpacer(), w.stopBtn)), w.ui.win)
	w.progressDlg.Resize(fyne.NewSize(480, 200))
	w.progressDlg.Show()
	w.importBtn.Disable()

	start := time.Now()
	var last time.Time
	bar, msg := w.progress, w.progressMsg
	go func() {
		rep, err := job.run(ctx, func(rows int, frac float64) {
			now := time.Now()
			if now.Sub(last) < progressEvery && frac < 1 {
				return
			}
			last = now
			text := progressText(rows, job.opt.TotalRows, frac, now.Sub(start))
			fyne.Do(func() {
				bar.SetValue(frac)
				if ctx.Err() == nil {
					msg.SetText(text)
				}
			})
		})
		cancel()
		fyne.Do(func() {
			w.progressDlg.Hide()
			if job.sv.ID != 0 && err == nil {
				w.sv.ID = job.sv.ID // a survey made from the file exists now
			}
			w.finish(rep, err)
			close(done)
		})
	}()
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
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.cancel != nil {
		w.cancel()
	}
	if w.stopBtn != nil {
		w.stopBtn.Disable()
		w.progressMsg.SetText(lang.L("Cancelling: undoing what was imported so far…"))
	}
}

// finish shows the report of an import on the report step and refreshes
// the other screens. After an import into a new survey, the wizard
// targets that survey from then on.
func (w *importWizard) finish(rep importer.Report, err error) {
	w.importBtn.Enable()
	w.reported = true
	w.report = nil
	w.saveReport.Disable()
	w.saveFailed.Disable()
	w.reportProblems.RemoveAll()
	w.reportHint.Hide()
	w.reportHead.Hide()
	w.saveFailed.Importance = widget.MediumImportance
	if err != nil {
		switch {
		case errors.Is(err, context.Canceled):
			w.reportInfo.SetText(lang.L("The import was cancelled; nothing was imported."))
		case errors.Is(err, ingest.ErrAlreadyImported):
			w.reportInfo.SetText(errorText(err)) // says when, and what to choose instead
		default:
			w.reportInfo.SetText(lang.L("The import failed; nothing was imported."))
			w.ui.showError(err)
		}
		w.showStep(stepReport)
		return
	}
	w.report = &rep
	w.reportInfo.SetText(lang.L("{{.Name}}: read {{.Read}} rows, imported {{.Imported}}, skipped {{.Skipped}}.", map[string]any{
		"Name": rep.File, "Read": fmtCount(rep.Read), "Imported": fmtCount(rep.Imported), "Skipped": fmtCount(rep.Skipped)}))
	if len(rep.Failed) > 0 {
		w.reportHint.SetText(lang.L("To import only the skipped rows: “Save skipped rows to fix…”, correct them in a spreadsheet (the last column says what is wrong), then import that file here."))
		w.reportHint.Show()
		w.saveFailed.Importance = widget.HighImportance
		w.saveFailed.Enable()
	}
	w.reportHead.Hidden = len(rep.Problems) == 0
	groups := importer.GroupProblems(rep.Problems)
	for i, g := range groups {
		if i == reportShown {
			more := rep.Omitted
			for _, g := range groups[reportShown:] {
				more += max(1, len(g.Rows))
			}
			w.reportProblems.Add(wrapLabel(lang.L("… and {{.More}} more: save the report as CSV to see them all.",
				map[string]any{"More": fmtCount(more)})))
			break
		}
		w.reportProblems.Add(wrapLabel(groupText(g)))
	}
	if len(groups) <= reportShown && rep.Omitted > 0 {
		w.reportProblems.Add(wrapLabel(lang.L("… and {{.More}} more: save the report as CSV to see them all.",
			map[string]any{"More": fmtCount(rep.Omitted)})))
	}
	if len(rep.Problems) > 0 {
		w.saveReport.Enable()
	}
	w.reportProblems.Refresh()
	w.reportHead.Refresh()
	w.saveFailed.Refresh()
	w.ui.reload()
	w.reload()
	if w.sv != nil && w.sv.ID != 0 && w.targetSel.Selected == newSurveyChoice() {
		for _, sv := range w.surveys {
			if sv.ID == w.sv.ID {
				w.targetSel.OnChanged = nil
				w.targetSel.SetSelected(sv.Name)
				w.targetSel.OnChanged = w.onTarget
				_ = w.guess(sv.Name)
			}
		}
	}
	w.showStep(stepReport)
}

func (w *importWizard) onSaveReport() {
	if w.report == nil {
		return
	}
	rep := *w.report
	w.ui.saveInBackground(fileStem(rep.File)+"-report.csv", func(path string) error {
		return cli.WriteFile(path, rep.WriteCSV)
	}, nil)
}

func (w *importWizard) onSaveFailed() {
	if w.report == nil || len(w.report.Failed) == 0 {
		return
	}
	// It re-reads the whole file: not on the UI goroutine.
	w.ui.saveInBackground(fileStem(w.report.File)+"-to-fix.csv", w.failedWriter(), nil)
}

// failedWriter returns what saves the rows the last import skipped for a
// problem in the file to a path, to fix and import again
// (importer.WriteFailedRows). It holds the file and report as they are now,
// for use off the UI goroutine.
func (w *importWizard) failedWriter() func(path string) error {
	f, rep := w.f, *w.report
	return func(path string) error {
		return cli.WriteFile(path, func(out io.Writer) error { return importer.WriteFailedRows(out, f, rep) })
	}
}

// groupShownRows is how many row numbers a problem shared by many rows
// lists.
const groupShownRows = 5

// groupText tells a problem and the rows that have it: as problemText for
// one row, else "Rows 15, 112, 209, 306, 403 … (1,031 rows), column C: …".
func groupText(g importer.ProblemGroup) string {
	if len(g.Rows) <= 1 {
		return problemText(g.Problem)
	}
	var rows []string
	for _, r := range g.Rows[:min(len(g.Rows), groupShownRows)] {
		rows = append(rows, fmtCount(r))
	}
	list := strings.Join(rows, ", ")
	if len(g.Rows) > groupShownRows {
		list += " …"
	}
	args := map[string]any{"Rows": list, "Count": fmtCount(len(g.Rows)), "Column": g.Problem.Column, "Reason": reasonText(g.Problem)}
	if g.Problem.Column == "" {
		return lang.L("Rows {{.Rows}} ({{.Count}} rows): {{.Reason}}", args)
	}
	return lang.L("Rows {{.Rows}} ({{.Count}} rows), column {{.Column}}: {{.Reason}}", args)
}

// fileStem is a file name without its folder and extension.
func fileStem(name string) string {
	name = filepath.Base(name)
	return strings.TrimSuffix(name, filepath.Ext(name))
}
