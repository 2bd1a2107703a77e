package app

import (
	"context"
	"errors"
	"io"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"csatdesk/app/cli"
	"csatdesk/data/importer"
	"csatdesk/data/store/ingest"
)

// reportShown is how many problems the report step lists; all of them are
// in the report saved as CSV.
const reportShown = 200

func (w *importWizard) buildReportStep() fyne.CanvasObject {
	w.reportInfo = wrapLabel("")
	w.reportInfo.TextStyle.Bold = true
	w.reportHint = wrapLabel("")
	w.reportHint.Hide()
	w.reportNotes = wrapLabel("")
	w.reportNotes.Hide()
	w.reportHead = boldLabel(lang.L("Rows skipped, and why"))
	w.reportHead.Hide()
	w.reportProblems = container.NewVBox()
	w.saveReport = widget.NewButtonWithIcon(lang.L("Save report as CSV…"), theme.DocumentSaveIcon(), w.onSaveReport)
	w.saveReport.Disable()
	w.saveFailed = widget.NewButtonWithIcon(lang.L("Save skipped rows to fix…"), theme.DocumentSaveIcon(), w.onSaveFailed)
	w.saveFailed.Disable()
	another := widget.NewButtonWithIcon(lang.L("Import another file…"), theme.FolderOpenIcon(), w.onPickFile)
	// What may show or hide is inside the scroll: a wrapped label shown
	// again asks for its height at no width, which would grow the window.
	return container.NewBorder(w.reportInfo,
		container.NewHBox(w.saveReport, w.saveFailed, layout.NewSpacer(), another),
		nil, nil, container.NewVScroll(container.NewVBox(w.reportNotes, w.reportHint, w.reportHead, w.reportProblems)))
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
	w.reportNotes.Hide()
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
	if notes := reportNotes(rep, w.m); notes != "" {
		w.reportNotes.SetText(notes)
		w.reportNotes.Show()
	}
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
	w.ui.reload() // every screen, this wizard's survey list included
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
	sess, rep := w.sess, *w.report
	return func(path string) error {
		return cli.WriteFile(path, func(out io.Writer) error { return sess.WriteFailed(out, rep) })
	}
}

// problemText says where a problem is and what it is, for the preview and
// the report.
func problemText(p importer.Problem) string {
	switch {
	case p.Row <= 0:
		return reasonText(p)
	case p.Column == "":
		return lang.L("Row {{.Row}}: {{.Reason}}", map[string]any{"Row": p.Row, "Reason": reasonText(p)})
	}
	return lang.L("Row {{.Row}}, column {{.Column}}: {{.Reason}}", map[string]any{"Row": p.Row, "Column": p.Column, "Reason": reasonText(p)})
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

// reportNotes says what an import did besides reading and skipping rows:
// rows given the date chosen for rows without one, unfinished responses
// left out or included, answers read as "no answer".
func reportNotes(rep importer.Report, m importer.Mapping) string {
	var lines []string
	if rep.DefaultDated > 0 {
		lines = append(lines, lang.N("{{.Count}} response had no date in the file and is dated {{.Date}}.", rep.DefaultDated,
			map[string]any{"Count": fmtCount(rep.DefaultDated), "Date": m.DefaultDate.Format("2006-01-02")}))
	}
	if rep.Incomplete > 0 {
		if m.Incomplete == importer.IncompleteInclude {
			lines = append(lines, lang.N("{{.Count}} response was not finished; it was imported with the answers it has.", rep.Incomplete,
				map[string]any{"Count": fmtCount(rep.Incomplete)}))
		} else {
			lines = append(lines, lang.N("{{.Count}} response was not finished and was left out.", rep.Incomplete,
				map[string]any{"Count": fmtCount(rep.Incomplete)}))
		}
	}
	if len(rep.NoAnswer) > 0 {
		var parts []string
		for _, v := range rep.NoAnswer {
			parts = append(parts, lang.L("“{{.Value}}” ×{{.Count}}", map[string]any{"Value": v.Value, "Count": fmtCount(v.Count)}))
		}
		lines = append(lines, lang.L("Read as “no answer” (blank, not counted): {{.Answers}}.", map[string]any{"Answers": strings.Join(parts, ", ")}))
	}
	return strings.Join(lines, "\n")
}
