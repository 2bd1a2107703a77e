package app

import (
	"context"
	"errors"
	"fmt"
	"image"
	"path/filepath"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"csatdesk/app/cli"
	"csatdesk/app/job"
	"csatdesk/data"
	"csatdesk/data/scan"
	"csatdesk/data/scanbatch"
)

// scanScreen is the scan batch window (File → Scan paper forms…): the
// files or folder of scans (chosen, or dropped on the window), the batch
// header as in typed entry, a Start button, progress with pages per
// second and Cancel, then the batch's report and a way to the review
// queue. The batch is stored all or nothing (scanbatch.Run).
type scanScreen struct {
	ui  *UI
	win fyne.Window

	files    []string
	fileList *widget.Label
	addFile  *widget.Button
	addDir   *widget.Button
	clear    *widget.Button

	surveySel       *widget.Select
	surveyIDs       []uint64 // parallel to surveySel's options after "all"
	date            *keyEntry
	channel         *widget.SelectEntry
	location, staff *keyEntry

	start, cancel *widget.Button
	bar           *widget.ProgressBar
	busy          *widget.ProgressBarInfinite // one file: its page count is not known ahead
	speed         *widget.Label
	report        *fyne.Container
	reviewBtn     *widget.Button
	status        *widget.Label

	job     *job.Job
	started time.Time
	// opts, if set, changes the batch's options (tests give a fake reader).
	opts func(*scanbatch.Options)
}

// scanTestOptions lets UI tests give the batch a fake reader.
var scanTestOptions func(*scanbatch.Options)

// onScan opens the scan batch window.
func (u *UI) onScan() { u.openScan() }

// openScan opens the scan batch window and returns its screen.
func (u *UI) openScan() *scanScreen {
	s := &scanScreen{ui: u, opts: scanTestOptions}
	s.win = u.app.NewWindow(lang.L("Scan paper forms"))
	s.win.SetContent(s.buildUI())
	s.win.Resize(fyne.NewSize(900, 560))
	s.win.SetOnDropped(s.onDropped)
	s.win.Show()
	return s
}

func (s *scanScreen) buildUI() fyne.CanvasObject {
	s.fileList = wrapLabel(lang.L("No files chosen yet: add scans (PDF, TIFF, JPEG, PNG) or a folder of them, or drop them on this window."))
	s.addFile = widget.NewButtonWithIcon(lang.L("Add a file…"), theme.FileIcon(), s.onAddFile)
	s.addDir = widget.NewButtonWithIcon(lang.L("Add a folder…"), theme.FolderOpenIcon(), s.onAddFolder)
	s.clear = widget.NewButtonWithIcon(lang.L("Clear"), theme.ContentClearIcon(), func() { s.files = nil; s.showFiles() })

	s.surveySel = widget.NewSelect(nil, nil)
	opts := []string{lang.L("Every survey the forms name")}
	if svs, names, err := s.ui.activeSurveys(); err == nil {
		opts = append(opts, names...)
		for _, sv := range svs {
			s.surveyIDs = append(s.surveyIDs, sv.ID)
		}
	}
	s.surveySel.Options = opts
	s.surveySel.SetSelectedIndex(0)
	// The header as typed entry has it, starting from what was typed there.
	s.date = newKeyEntry()
	s.date.SetText(time.Now().Format("2006-01-02"))
	s.channel = widget.NewSelectEntry(data.Channels)
	s.channel.SetText("paper")
	s.location, s.staff = newKeyEntry(), newKeyEntry()
	s.location.SetPlaceHolder(lang.L("e.g. Old Town"))
	s.staff.SetPlaceHolder(lang.L("initials"))
	if e := s.ui.entry; e != nil && e.date != nil {
		s.date.SetText(e.date.Text)
		s.channel.SetText(e.channel.Text)
		s.location.SetText(e.location.Text)
		s.staff.SetText(e.staff.Text)
	}
	header := container.NewGridWithColumns(3,
		labelled(lang.L("Survey"), s.surveySel),
		labelled(lang.L("Date on the forms"), s.date),
		labelled(lang.L("Channel"), s.channel),
		labelled(lang.L("Location"), s.location),
		labelled(lang.L("Staff"), s.staff),
	)

	s.start = widget.NewButtonWithIcon(lang.L("Read the scans"), theme.MediaPlayIcon(), s.onStart)
	s.start.Importance = widget.HighImportance
	s.start.Disable()
	s.cancel = widget.NewButtonWithIcon(lang.L("Cancel"), theme.CancelIcon(), s.onCancel)
	s.cancel.Hide()
	s.bar = widget.NewProgressBar()
	s.bar.Hide()
	s.busy = widget.NewProgressBarInfinite()
	s.busy.Stop()
	s.busy.Hide()
	s.speed = widget.NewLabel("")
	s.status = wrapLabel(lang.L("The whole batch is stored at once, or nothing of it: forms read clearly are counted at once; the others wait for you in the review queue and count only once reviewed."))
	s.reviewBtn = widget.NewButtonWithIcon(lang.L("Review the unclear forms…"), theme.VisibilityIcon(), s.onReview)
	s.reviewBtn.Hide()
	s.report = container.NewVBox()

	top := container.NewVBox(
		container.NewBorder(nil, nil, nil, container.NewHBox(s.addFile, s.addDir, s.clear), s.fileList),
		widget.NewSeparator(),
		header,
		widget.NewSeparator(),
		s.status,
		container.NewBorder(nil, nil, nil, container.NewHBox(s.speed, s.cancel, s.start), container.NewStack(s.bar, s.busy)),
	)
	return container.NewBorder(top, container.NewHBox(s.reviewBtn), nil, nil, container.NewVScroll(s.report))
}

// onDropped adds files and folders dropped on the window.
func (s *scanScreen) onDropped(_ fyne.Position, uris []fyne.URI) {
	for _, u := range uris {
		if u.Scheme() == "file" {
			s.files = append(s.files, u.Path())
		}
	}
	s.showFiles()
}

func (s *scanScreen) onAddFile() {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil {
			s.showError(err)
			return
		}
		if r == nil {
			return
		}
		s.files = append(s.files, r.URI().Path())
		_ = r.Close()
		s.showFiles()
	}, s.win)
	d.SetFilter(storage.NewExtensionFileFilter(scanbatch.Extensions))
	d.Resize(fyne.NewSize(800, 500))
	d.Show()
}

func (s *scanScreen) onAddFolder() {
	d := dialog.NewFolderOpen(func(l fyne.ListableURI, err error) {
		if err != nil {
			s.showError(err)
			return
		}
		if l == nil {
			return
		}
		s.files = append(s.files, l.Path())
		s.showFiles()
	}, s.win)
	d.Resize(fyne.NewSize(800, 500))
	d.Show()
}

// showFiles lists the chosen files and folders.
func (s *scanScreen) showFiles() {
	if len(s.files) == 0 {
		s.fileList.SetText(lang.L("No files chosen yet: add scans (PDF, TIFF, JPEG, PNG) or a folder of them, or drop them on this window."))
		s.start.Disable()
		return
	}
	var names []string
	for _, f := range s.files {
		names = append(names, filepath.Base(f))
	}
	text := strings.Join(names, ", ")
	if len(names) > 6 {
		text = strings.Join(names[:6], ", ") + " " + lang.L("and {{.N}} more", map[string]any{"N": len(names) - 6})
	}
	s.fileList.SetText(text)
	s.start.Enable()
}

func (s *scanScreen) showError(err error) {
	if err != nil {
		dialog.ShowError(fmt.Errorf("%s", errorText(err)), s.win)
	}
}

// options is the batch's options from the header on screen.
func (s *scanScreen) options() (scanbatch.Options, error) {
	day, err := time.ParseInLocation("2006-01-02", strings.TrimSpace(s.date.Text), time.Local)
	if err != nil {
		return scanbatch.Options{}, fmt.Errorf("%s", lang.L("The date must look like 2025-09-01"))
	}
	opt := scanbatch.Options{
		Header: scanbatch.Header{
			Date:    time.Date(day.Year(), day.Month(), day.Day(), 12, 0, 0, 0, time.Local),
			Channel: strings.TrimSpace(s.channel.Text),
			Tags:    map[string]string{data.TagLocation: strings.TrimSpace(s.location.Text), data.TagStaff: strings.TrimSpace(s.staff.Text)},
		},
		Find: cli.LayoutFinder(s.ui.st),
	}
	if i := s.surveySel.SelectedIndex(); i > 0 && i-1 < len(s.surveyIDs) {
		opt.Survey = s.surveyIDs[i-1]
	}
	if s.opts != nil {
		s.opts(&opt)
	}
	return opt, nil
}

func (s *scanScreen) onStart() {
	opt, err := s.options()
	if err != nil {
		s.showError(err)
		return
	}
	paths, err := scanbatch.ExpandPaths(s.files)
	if err == nil && len(paths) == 0 {
		err = scanbatch.ErrNoFiles
	}
	if err != nil {
		s.showError(err)
		return
	}
	s.report.Objects = nil
	s.report.Refresh()
	s.reviewBtn.Hide()
	s.start.Disable()
	s.addFile.Disable()
	s.addDir.Disable()
	s.cancel.Show()
	s.bar.SetValue(0)
	if len(paths) == 1 {
		s.busy.Show()
		s.busy.Start()
	} else {
		s.bar.Show()
	}
	s.speed.SetText("")
	s.started = time.Now()
	var rep scanbatch.Report
	s.job = s.ui.jobs.Start(func(ctx context.Context, progress func(job.Progress)) (err error) {
		defer s.ui.catchPanic(&err)
		opt.Progress = func(p scanbatch.Progress) {
			progress(job.Progress{Done: p.Pages, Frac: float64(p.FileN-1) / float64(max(p.Files, 1))})
		}
		rep, err = scanbatch.Run(ctx, s.ui.st, paths, opt)
		return err
	}, s.onProgress, func(err error) { s.onDone(rep, err) })
}

func (s *scanScreen) onProgress(p job.Progress) {
	if p.Frac >= 0 {
		s.bar.SetValue(p.Frac)
	}
	rate := 0.0
	if el := time.Since(s.started).Seconds(); el > 0 {
		rate = float64(p.Done) / el
	}
	s.speed.SetText(lang.L("{{.N}} pages, {{.Rate}} pages/s", map[string]any{"N": p.Done, "Rate": fmt.Sprintf("%.1f", rate)}))
}

func (s *scanScreen) onCancel() {
	if s.job != nil {
		s.job.Cancel()
	}
}

// onDone shows the batch's report (or why it stopped).
func (s *scanScreen) onDone(rep scanbatch.Report, err error) {
	s.job = nil
	s.cancel.Hide()
	s.bar.Hide()
	s.busy.Stop()
	s.busy.Hide()
	s.start.Enable()
	s.addFile.Enable()
	s.addDir.Enable()
	if err != nil {
		if err == context.Canceled || strings.Contains(err.Error(), context.Canceled.Error()) {
			s.status.SetText(lang.L("Cancelled: nothing of this batch was stored."))
		} else {
			s.status.SetText(lang.L("The batch was not stored: {{.Error}}", map[string]any{"Error": errorText(err)}))
		}
		return
	}
	if rep.BatchID != 0 {
		s.ui.dataChanged()
	}
	s.speed.SetText(lang.L("{{.N}} pages, {{.Rate}} pages/s", map[string]any{"N": rep.Pages, "Rate": fmt.Sprintf("%.1f", float64(rep.Pages)/max(rep.Elapsed.Seconds(), 0.001))}))
	s.status.SetText(lang.L("Done. The batch is stored."))
	if rep.BatchID == 0 {
		s.status.SetText(lang.L("Nothing was stored: no new form was found in these scans."))
	}
	s.report.Objects = scanReportLines(rep)
	s.report.Refresh()
	if n, _ := s.ui.st.ScanReviewCount(); n > 0 {
		s.reviewBtn.SetText(lang.N("Review the unclear forms ({{.Count}})…", n, map[string]any{"Count": n}))
		s.reviewBtn.Show()
	}
}

// scanReportLines is the report of a batch, in lines for the window.
func scanReportLines(rep scanbatch.Report) []fyne.CanvasObject {
	bold := func(s string) fyne.CanvasObject {
		return widget.NewLabelWithStyle(s, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	}
	figure := func(label string, n int) fyne.CanvasObject {
		return container.NewBorder(nil, nil, nil, bold(fmt.Sprint(n)), widget.NewLabel(label))
	}
	grid := container.NewGridWithColumns(2,
		figure(lang.L("Pages read"), rep.Pages),
		figure(lang.L("Pages not identified"), len(rep.NotIdentified)),
		figure(lang.L("Forms stored"), rep.FormsStored),
		figure(lang.L("Forms sent to review"), rep.FormsReview),
		figure(lang.L("Questions auto-accepted"), rep.QuestionsAuto),
		figure(lang.L("Questions sent to review"), rep.QuestionsReview),
		figure(lang.L("Pages skipped: scanned before"), len(rep.Skipped)),
		figure(lang.L("Pages in the review queue with their image"), rep.PagesToReview),
	)
	out := []fyne.CanvasObject{grid}
	for _, a := range rep.Advice {
		l := wrapLabel("⚠ " + readerWords(a))
		l.Importance = widget.WarningImportance
		out = append(out, l)
	}
	if len(rep.NotIdentified) > 0 {
		out = append(out, widget.NewSeparator(), bold(lang.L("Pages not identified")))
		for _, p := range rep.NotIdentified {
			out = append(out, wrapLabel(lang.L("{{.File}}, page {{.Page}}: {{.Problem}}",
				map[string]any{"File": filepath.Base(p.Ref.File), "Page": p.Ref.Index + 1, "Problem": readerWords(p.Problem)})))
		}
	}
	if len(rep.Problems) > 0 {
		out = append(out, widget.NewSeparator(), bold(lang.L("Sent to review because")))
		for _, p := range rep.Problems {
			out = append(out, wrapLabel(scanProblemWords(p)))
		}
	}
	return out
}

// scanProblemWords says a scan batch's problem in the UI language.
func scanProblemWords(p data.Problem) string {
	args := map[string]any{}
	for k, v := range p.Args {
		args[k] = data.ArgString(v)
	}
	switch p.Kind {
	case scanbatch.KindAlreadyEntered:
		return lang.L("form {{.Serial}} was already entered", args)
	case scanbatch.KindInQueue:
		return lang.L("form {{.Serial}} is already waiting for review", args)
	case scanbatch.KindSerialTwice:
		return lang.L("page {{.Page}} of form {{.Serial}} is in the batch twice", args)
	case scanbatch.KindPageMissing:
		return lang.L("page {{.Page}} of form {{.Serial}} is missing", args)
	case scanbatch.KindPageUnread:
		return lang.L("this page could not be read: {{.Problem}}", map[string]any{"Problem": readerWords(data.ArgString(p.Args["Problem"]))})
	case scanbatch.KindHasWriting:
		return lang.L("form {{.Serial}} has handwriting to type", args)
	}
	return problemWords(p)
}

// onReview opens the review queue.
func (s *scanScreen) onReview() { s.ui.onScanReview() }

// scanAuditPanel is what the responses browser shows beside a scanned
// response's answers: where its pages came from, each question's reading
// with the ink of every box, whether a person decided some, and a button
// that shows the page again from its file. nil for a response that was not
// scanned.
func (u *UI) scanAuditPanel(sv *data.Survey, r data.Response) fyne.CanvasObject {
	if !strings.HasPrefix(r.Source, scanbatch.SourcePrefix) {
		return nil
	}
	a, ok, err := u.st.ScanAuditOf(sv.ID, r.ID)
	if err != nil || !ok {
		return nil
	}
	box := container.NewVBox(widget.NewSeparator(),
		widget.NewLabelWithStyle(lang.L("Scanned form {{.Serial}}", map[string]any{"Serial": a.Serial}), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
	for _, p := range a.Pages {
		pg := p
		show := widget.NewButtonWithIcon(lang.L("Show the scanned page"), theme.VisibilityIcon(), func() { u.showScannedPage(pg) })
		box.Add(wrapLabel(lang.L("{{.File}}, page {{.Page}}", map[string]any{"File": p.File, "Page": p.Index + 1})))
		box.Add(container.NewHBox(show))
	}
	texts := map[uint32]string{}
	for i, q := range sv.Questions {
		texts[q.ID] = fmt.Sprintf("%d. %s", i+1, truncate(q.Text, 40))
	}
	for _, q := range a.Questions {
		var ink []string
		for _, s := range q.Scores {
			ink = append(ink, fmt.Sprintf("%.2f", s))
		}
		line := lang.L("{{.Question}}: read {{.Value}}, ink {{.Ink}}", map[string]any{"Question": texts[q.QuestionID], "Value": readValue(q.Value), "Ink": strings.Join(ink, " ")})
		if v, ok := a.Decided[q.QuestionID]; ok {
			line += " · " + lang.L("decided by a person: {{.Value}}", map[string]any{"Value": readValue(v)})
		}
		l := wrapLabel(line)
		l.SizeName = theme.SizeNameCaptionText
		box.Add(l)
	}
	return box
}

// readValue is a reading's value, "blank" for none.
func readValue(v int) string {
	if v < 0 {
		return lang.L("blank")
	}
	return fmt.Sprint(v)
}

// showScannedPage reads the page from its file again and shows it,
// straightened, in a window of its own.
func (u *UI) showScannedPage(p scanbatch.PageRef) {
	var img *image.Gray
	var problem string
	u.run(func(ctx context.Context, _ func(job.Progress)) error {
		return scan.Pages(ctx, p.File, func(pg scan.Page) error {
			if pg.Index != p.Index {
				return nil
			}
			if pg.Err != nil {
				return pg.Err
			}
			pr, rect := scan.Read(pg, u.st.LayoutFinder())
			img, problem = rect, pr.Problem
			return errFoundPage
		})
	}, nil, func(err error) {
		if err != nil && err != errFoundPage {
			u.showError(fmt.Errorf("%s: %w", lang.L("The scanned page could not be read again (was the file moved?)"), err))
			return
		}
		if img == nil {
			u.showError(fmt.Errorf("%s %s", lang.L("The scanned page could not be read again (was the file moved?)"), problem))
			return
		}
		w := u.app.NewWindow(lang.L("{{.File}}, page {{.Page}}", map[string]any{"File": filepath.Base(p.File), "Page": p.Index + 1}))
		c := canvas.NewImageFromImage(img)
		c.FillMode = canvas.ImageFillContain
		c.SetMinSize(fyne.NewSize(420, 560))
		w.SetContent(c)
		w.Resize(fyne.NewSize(500, 580))
		w.Show()
	})
}

// errFoundPage stops the walk through a file's pages at the one wanted.
var errFoundPage = errors.New("found")

// readerWords says one of the reader's messages (scan.Msg…, scan.Advice…)
// in the UI language, figures included.
func readerWords(msg string) string {
	var w, h, dpi int
	if n, _ := fmt.Sscanf(msg, scan.MsgTooLarge, &w, &h); n == 2 {
		return lang.L("the image is too large ({{.Width}}×{{.Height}} pixels); scan at 200–300 dpi", map[string]any{"Width": w, "Height": h})
	}
	if n, _ := fmt.Sscanf(msg, scan.MsgLowRes, &dpi); n == 1 {
		return lang.L("the scan's resolution is too low ({{.DPI}} dpi); scan at 200–300 dpi", map[string]any{"DPI": dpi})
	}
	if cause, ok := strings.CutPrefix(msg, strings.TrimSuffix(scan.MsgBadLayout, "%v")); ok {
		return lang.L("the form's layout could not be loaded: {{.Cause}}", map[string]any{"Cause": cause})
	}
	switch msg {
	case scan.MsgNoImage:
		return lang.L("this PDF page has no scanned image; export the scan as images or rescan")
	case scan.MsgEncrypted:
		return lang.L("this PDF is password-protected; save it without a password and scan it again")
	case scan.MsgBlank:
		return lang.L("the page is blank")
	case scan.MsgNoCorners:
		return lang.L("the four corner squares of a CSAT Desk form were not found on this page (not a form, or a corner is cut off or covered)")
	case scan.MsgNoCode:
		return lang.L("the page's QR code could not be read")
	case scan.MsgNotOurs:
		return lang.L("this page's QR code is not a CSAT Desk form's (another app's code)")
	case scan.MsgOtherSurvey:
		return lang.L("this is a form of another survey or database")
	case scan.MsgBadCode:
		return lang.L("the page's QR code is damaged or from another version of CSAT Desk")
	case scan.MsgUnsupported:
		return lang.L("this file type cannot be read; use PDF, TIFF, JPEG or PNG")
	case scan.AdviceGrey:
		return lang.L("this is a black-and-white scan: light marks may be lost; scan in greyscale")
	case scan.AdviceSharper:
		return lang.L("this photo is blurred or heavily compressed; take a sharper photo (or send it as a file, not compressed by a chat app)")
	case scan.AdviceLowDetail:
		return lang.L("the page was photographed or scanned at a low resolution; scan at 200–300 dpi or take a closer photo")
	}
	return msg
}
