package cli

import (
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strconv"
	"strings"
	"time"

	"csatdesk/data"
	"csatdesk/data/scan"
	"csatdesk/data/scanbatch"
	"csatdesk/data/store"
)

const (
	scanArgs = "--db PATH [--survey ID|NAME] [--date YYYY-MM-DD] [--location X] [--staff X] [--channel paper] [--report FILE.csv] FILE|DIR..."
	scanHelp = "read scanned or photographed paper forms (PDF, TIFF, JPEG, PNG, or a folder of them), all or nothing: forms read clearly are stored, the rest wait in the review queue (File → Review scanned forms…); prints pages read, forms stored, questions auto-accepted and sent to review, pages not identified"
)

// scanOptions lets tests read fake pages (the command itself never sets
// it).
var scanOptions func(*scanbatch.Options)

// LayoutFinder returns the finder of printed layouts stored in st.
func LayoutFinder(st *store.Store) scan.Finder { return st.LayoutFinder() }

// runScan is csatdesk scan.
func runScan(env *Env, args []string) error {
	fs := flags(env, "scan")
	db := dbFlag(fs)
	survey := fs.String("survey", "", "take only forms of this survey (ID or name); default: every survey the forms name")
	day := fs.String("date", "", "YYYY-MM-DD: the date the forms were filled in (default: today)")
	location := fs.String("location", "", "the location (branch) of every form of the batch")
	staff := fs.String("staff", "", "the staff member of every form of the batch")
	channel := fs.String("channel", "paper", "the channel of every form of the batch")
	reportPath := fs.String("report", "", "write one line per page (file, page, outcome, form, problem, advice) to this CSV file")
	files, err := parseFiles(fs, args)
	if err != nil {
		return err
	}
	if len(files) == 0 {
		return fmt.Errorf("which files? usage: csatdesk scan %s", strings.TrimSuffix(scanArgs, "..."))
	}
	date := time.Now()
	if strings.TrimSpace(*day) != "" {
		t, err := time.ParseInLocation("2006-01-02", strings.TrimSpace(*day), time.Local)
		if err != nil {
			return fmt.Errorf("--date %q: write it as YYYY-MM-DD, e.g. 2025-09-01", *day)
		}
		date = t
	}
	date = time.Date(date.Year(), date.Month(), date.Day(), 12, 0, 0, 0, time.Local)
	paths, err := scanbatch.ExpandPaths(files)
	if err != nil {
		return err
	}
	if len(paths) == 0 {
		return scanbatch.ErrNoFiles
	}
	st, err := openStore(*db, false)
	if err != nil {
		return err
	}
	defer st.Close()
	opt := scanbatch.Options{
		Header: scanbatch.Header{Date: date, Channel: strings.TrimSpace(*channel),
			Tags: map[string]string{data.TagLocation: strings.TrimSpace(*location), data.TagStaff: strings.TrimSpace(*staff)}},
		Find: LayoutFinder(st),
	}
	if strings.TrimSpace(*survey) != "" {
		sv, err := st.FindSurvey(*survey)
		if err != nil {
			return err
		}
		opt.Survey = sv.ID
	}
	if scanOptions != nil {
		scanOptions(&opt)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	rep, err := scanbatch.Run(ctx, st, paths, opt)
	if err != nil {
		if errors.Is(err, context.Canceled) {
			return errors.New("interrupted: nothing of this batch was stored")
		}
		return err
	}
	printScanReport(env.Stdout, rep)
	if *reportPath != "" {
		if err := WriteFile(*reportPath, func(w io.Writer) error { return writeScanReport(w, rep) }); err != nil {
			return fmt.Errorf("--report: %w", err)
		}
	}
	if rep.FormsStored+rep.FormsReview+rep.PagesToReview == 0 {
		if len(rep.Skipped) > 0 {
			return errors.New("nothing new: every form in these files was scanned before")
		}
		return errors.New("no CSAT Desk form was read in these files")
	}
	return nil
}

// printScanReport prints what a batch did.
func printScanReport(w io.Writer, rep scanbatch.Report) {
	fmt.Fprintf(w, "Pages read: %d\n", rep.Pages)
	fmt.Fprintf(w, "Forms stored: %d\n", rep.FormsStored)
	fmt.Fprintf(w, "Forms sent to review: %d\n", rep.FormsReview)
	fmt.Fprintf(w, "Questions auto-accepted: %d\n", rep.QuestionsAuto)
	fmt.Fprintf(w, "Questions sent to review: %d\n", rep.QuestionsReview)
	fmt.Fprintf(w, "Pages not identified: %d\n", len(rep.NotIdentified))
	if len(rep.Skipped) > 0 {
		fmt.Fprintf(w, "Pages skipped (scanned before): %d\n", len(rep.Skipped))
	}
	if rep.PagesToReview > 0 {
		fmt.Fprintf(w, "Pages in the review queue with their image (enter them by hand): %d\n", rep.PagesToReview)
	}
	for _, p := range rep.NotIdentified {
		fmt.Fprintf(w, "  %s page %d: %s\n", p.Ref.File, p.Ref.Index+1, p.Problem)
	}
	for _, p := range rep.Problems {
		fmt.Fprintf(w, "  %s\n", p)
	}
	for _, a := range rep.Advice {
		fmt.Fprintf(w, "Advice: %s\n", a)
	}
	if rep.Elapsed > 0 && rep.Pages > 0 {
		fmt.Fprintf(w, "Took %.1f s (%.1f pages/s)\n", rep.Elapsed.Seconds(), float64(rep.Pages)/rep.Elapsed.Seconds())
	}
}

// writeScanReport writes the per-page CSV of --report.
func writeScanReport(w io.Writer, rep scanbatch.Report) error {
	cw := csv.NewWriter(w)
	_ = cw.Write([]string{"file", "page", "outcome", "form", "form page", "questions", "unclear", "problem", "advice", "sha256"})
	for _, p := range rep.PerPage {
		fp := ""
		if p.Page > 0 {
			fp = strconv.Itoa(p.Page)
		}
		_ = cw.Write([]string{p.Ref.File, strconv.Itoa(p.Ref.Index + 1), p.Outcome, p.Serial, fp,
			strconv.Itoa(p.Questions), strconv.Itoa(p.Unclear), p.Problem, p.Advice, p.Ref.Hash})
	}
	cw.Flush()
	return cw.Error()
}
