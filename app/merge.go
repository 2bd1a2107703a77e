package app

import (
	"context"
	"errors"
	"path/filepath"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"csatdesk/app/job"
	"csatdesk/data/store"
)

// The File → "Merge another database…" flow: choose the other computer's
// file → a screen listing its surveys with where each goes (the same
// survey, one of this database's chosen by the person, or a new survey) →
// a progress bar with Cancel → the report. The merge itself is
// store.MergeSource: all or nothing, the other file never written.

// mergeScreen is one merge, from the plan to the report.
type mergeScreen struct {
	u   *UI
	src *store.MergeSource
	// choices holds the dropdown of each survey the person may place, by
	// the other file's survey ID; options maps a dropdown's text to a main
	// survey ID (0: add as new).
	choices map[uint64]*widget.Select
	options map[uint64]map[string]uint64
	dlg     dialog.Dialog
	// content is the plan's content, mergeBtn its Merge button (nil when
	// there is nothing to merge).
	content  fyne.CanvasObject
	mergeBtn *widget.Button
	// progress is the progress dialog's bar and cancelBtn its Cancel.
	bar       *widget.ProgressBar
	cancelBtn *widget.Button
	mu        sync.Mutex
	cancel    context.CancelFunc
	// report is the last merge's report (tests).
	report store.MergeReport
	// done, if not nil, gets the merge's end; onProgress each progress
	// shown (tests).
	done       func(store.MergeReport, error)
	onProgress func()
}

// onMerge is File → Merge another database…
// The file dialog starts in the database's folder, where a copy brought
// from the other computer is often put.
func (u *UI) onMerge() {
	d := dialog.NewFileOpen(u.onOpenChosen(func(path string) error {
		u.openMerge(path, nil)
		return nil
	}), u.win)
	d.SetFilter(storage.NewExtensionFileFilter([]string{".db"}))
	if dir, err := storage.ListerForURI(storage.NewFileURI(filepath.Dir(u.st.Path()))); err == nil {
		d.SetLocation(dir)
	}
	d.Resize(fyne.NewSize(min(800, u.win.Canvas().Size().Width-20), min(560, u.win.Canvas().Size().Height-20)))
	d.Show()
}

// openMerge reads the other file as a job and shows the plan; opened, if
// not nil, gets the screen shown (nil on error, shown in the window).
func (u *UI) openMerge(path string, opened func(*mergeScreen)) {
	end := u.busyAfter(lang.L("Reading the other database…"))
	var src *store.MergeSource
	u.run(func(context.Context, func(job.Progress)) error {
		var err error
		src, err = store.OpenMergeSource(u.st, path)
		return err
	}, nil, func(err error) {
		end()
		if err != nil {
			dialog.ShowError(errors.New(mergeErrorText(err)), u.win)
			if opened != nil {
				opened(nil)
			}
			return
		}
		m := &mergeScreen{u: u, src: src}
		m.showPlan()
		if opened != nil {
			opened(m)
		}
	})
}

// mergeErrorText says why a merge cannot start or failed, in the UI
// language.
func mergeErrorText(err error) string {
	switch {
	case errors.Is(err, store.ErrMergeSelf):
		return lang.L("That file is this database itself; choose the other computer's file.")
	case errors.Is(err, store.ErrLocked):
		return lang.L("The other file is open in CSAT Desk; close that window (or wait for the command) and try again.")
	case errors.Is(err, store.ErrNewerSchema):
		return lang.L("The other file was written by a newer CSAT Desk; install the newest version to merge it.")
	case errors.Is(err, store.ErrCorrupt):
		return lang.L("The other file is damaged or is not a CSAT Desk database, so nothing was merged; it was not changed. Ask for a backup of it.") +
			"\n\n" + err.Error()
	case errors.Is(err, store.ErrMergeConflict):
		return lang.L("A survey cannot be merged this way, so nothing was merged:") + "\n" + err.Error()
	case errors.Is(err, store.ErrNoDatabase):
		return lang.L("There is no database file there.")
	}
	return errorText(err)
}

// showPlan shows the other file's surveys and where each would go.
func (m *mergeScreen) showPlan() {
	u := m.u
	prop := m.src.Proposal()
	title := lang.L("Merge another database")
	from := wrapLabel(lang.L("From {{.Path}}. That file is only read, never changed.", map[string]any{"Path": m.src.Path()}))
	if len(prop) == 0 {
		m.content = container.NewVBox(from, wrapLabel(lang.L("The other database holds no surveys: there is nothing to merge.")))
		m.dlg = dialog.NewCustom(title, lang.L("Close"), m.content, u.win)
		m.dlg.SetOnClosed(func() { _ = m.src.Close() })
		m.dlg.Resize(fyne.NewSize(560, 220))
		m.dlg.Show()
		return
	}
	m.choices = map[uint64]*widget.Select{}
	m.options = map[uint64]map[string]uint64{}
	rows := container.NewVBox()
	for _, s := range prop {
		name := wrapLabel(lang.L("{{.Name}} (responses: {{.N}})", map[string]any{"Name": s.Name, "N": fmtCount(s.Responses)}))
		name.TextStyle.Bold = true
		var right fyne.CanvasObject
		switch s.How {
		case store.MatchSame:
			text := lang.L("the same survey here")
			if s.MainName != s.Name {
				text = lang.L("the same survey here, “{{.Name}}”", map[string]any{"Name": s.MainName})
			}
			right = wrapLabel("→ " + text)
		default:
			newText := lang.L("Add as a new survey")
			opts := map[string]uint64{newText: 0}
			list := []string{newText}
			if s.How != store.MatchDiverged {
				for _, c := range s.Candidates {
					t := lang.L("Merge into “{{.Name}}”", map[string]any{"Name": c.Name})
					opts[t] = c.ID
					list = append(list, t)
				}
			}
			sel := widget.NewSelect(list, nil)
			sel.SetSelected(newText)
			if s.How == store.MatchName {
				for t, id := range opts {
					if id == s.MainID && id != 0 {
						sel.SetSelected(t)
					}
				}
			}
			m.choices[s.OtherID], m.options[s.OtherID] = sel, opts
			right = sel
			if s.How == store.MatchDiverged {
				right = container.NewVBox(sel, wrapLabel(lang.L("changed differently on both computers")))
			}
		}
		if len(rows.Objects) > 0 {
			rows.Add(widget.NewSeparator())
		}
		rows.Add(name)
		rows.Add(right)
	}
	intro := wrapLabel(lang.L("Responses already here are skipped; nothing changes until the whole merge is done."))
	scroll := container.NewVScroll(rows)
	scroll.SetMinSize(fyne.NewSize(520, 180))
	m.mergeBtn = widget.NewButton(lang.L("Merge"), func() {
		m.dlg.Hide()
		m.run(false)
	})
	m.mergeBtn.Importance = widget.HighImportance
	cancel := widget.NewButton(lang.L("Cancel"), func() {
		m.dlg.Hide()
		_ = m.src.Close()
	})
	m.content = container.NewBorder(container.NewVBox(from, intro), nil, nil, nil, scroll)
	d := dialog.NewCustomWithoutButtons(title, m.content, u.win)
	d.SetButtons([]fyne.CanvasObject{cancel, m.mergeBtn})
	m.dlg = d
	m.dlg.Resize(fyne.NewSize(min(720, u.win.Canvas().Size().Width-40), min(460, u.win.Canvas().Size().Height-40)))
	m.dlg.Show()
}

// plan reads the dropdowns.
func (m *mergeScreen) plan() store.MergePlan {
	p := store.MergePlan{Match: map[uint64]uint64{}}
	for oid, sel := range m.choices {
		if id, ok := m.options[oid][sel.Selected]; ok {
			p.Match[oid] = id
		}
	}
	return p
}

// run merges with a progress bar and Cancel, then shows the report and
// refreshes the screens.
func (m *mergeScreen) run(dry bool) {
	u := m.u
	m.bar = widget.NewProgressBar()
	m.cancelBtn = widget.NewButton(lang.L("Cancel"), func() {
		m.mu.Lock()
		if m.cancel != nil {
			m.cancel()
		}
		m.mu.Unlock()
	})
	prog := dialog.NewCustomWithoutButtons(lang.L("Merging…"), container.NewVBox(m.bar, container.NewCenter(m.cancelBtn)), u.win)
	prog.Resize(fyne.NewSize(420, 140))
	prog.Show()
	plan := m.plan()
	plan.DryRun = dry
	var rep store.MergeReport
	u.run(func(ctx context.Context, progress func(job.Progress)) error {
		ctx, cancel := context.WithCancel(ctx)
		defer cancel()
		m.mu.Lock()
		m.cancel = cancel
		m.mu.Unlock()
		var err error
		rep, err = m.src.Merge(ctx, plan, func(f float64) { progress(job.Progress{Frac: f}) })
		return err
	}, func(p job.Progress) {
		m.bar.SetValue(p.Frac)
		if m.onProgress != nil {
			m.onProgress()
		}
	}, func(err error) {
		prog.Hide()
		_ = m.src.Close()
		m.report = rep
		switch {
		case errors.Is(err, context.Canceled):
			dialog.ShowInformation(lang.L("Merge cancelled"), lang.L("Nothing was merged: this database is as it was."), u.win)
		case err != nil:
			dialog.ShowError(errors.New(mergeErrorText(err)), u.win)
		default:
			u.reload()
			m.showReport(rep)
		}
		if m.done != nil {
			m.done(rep, err)
		}
	})
}

// maxShownConflicts is how many conflicts the report lists by name.
const maxShownConflicts = 8

// mergeReportText is a merge's report in words, one line each.
func mergeReportText(rep store.MergeReport) []string {
	n := func(v int) map[string]any { return map[string]any{"N": fmtCount(v)} }
	lines := []string{
		lang.L("Surveys added: {{.N}}", n(rep.SurveysAdded)),
		lang.L("Newer survey versions taken: {{.N}}", n(rep.VersionsAdded)),
		lang.L("Responses added: {{.N}}", n(rep.ResponsesAdded)),
		lang.L("Already here, skipped: {{.N}}", n(rep.Duplicates)),
		lang.L("Conflicts (this database's response kept): {{.N}}", n(rep.ConflictCount)),
	}
	for i, c := range rep.Conflicts {
		if i == maxShownConflicts {
			lines = append(lines, lang.L("… and {{.N}} more", n(rep.ConflictCount-maxShownConflicts)))
			break
		}
		args := map[string]any{"Survey": c.SurveyName, "ID": c.ResponseID.String(), "Respondent": c.Respondent}
		if c.Reason == store.ConflictRespondent {
			lines = append(lines, lang.L("{{.Survey}}: respondent “{{.Respondent}}” already answered here", args))
		} else {
			lines = append(lines, lang.L("{{.Survey}}: response {{.ID}} differs from the one here", args))
		}
	}
	return lines
}

// showReport shows what the merge did.
func (m *mergeScreen) showReport(rep store.MergeReport) {
	box := container.NewVBox()
	for _, l := range mergeReportText(rep) {
		box.Add(wrapLabel(l))
	}
	showSized(m.u.win, lang.L("Merge done"), box, len(rep.Conflicts) > 0)
}
