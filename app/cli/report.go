package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"csatdesk/charts/pdfreport"
	"csatdesk/data"
	"csatdesk/data/insight"
	"csatdesk/data/store"
	"csatdesk/data/topics"
)

const (
	reportArgs = "--db PATH --survey ID|NAME --period month|quarter [--at YYYY-MM] [--lang xx] --out FILE.pdf [--poster]"
	reportHelp = "write the month's or quarter's report as a PDF (KPIs, trend, segments, follow-up, comments; --poster adds a results poster page for the staff room), in the survey's language"
)

// runReport writes the one-click report of a survey: csatdesk report --db
// PATH --survey ID|NAME --period month|quarter [--at 2026-03] --out
// report.pdf [--poster]. Without --at it reports the last complete month or
// quarter.
func runReport(env *Env, args []string) error {
	fs := flags(env, "report")
	db := dbFlag(fs)
	survey := fs.String("survey", "", "survey ID or name")
	period := fs.String("period", "month", "month or quarter")
	at := fs.String("at", "", "the month (YYYY-MM; with --period quarter: any month of the quarter, or YYYY-Q1…Q4) (default: the last complete period)")
	lng := fs.String("lang", "", "language of the report (en, ru, lv, it, zh_Hans, zh_Hant; default: the survey's)")
	out := fs.String("out", "", "PDF file to write")
	poster := fs.Bool("poster", false, "add the results poster page for the staff room")
	if err := parse(fs, args); err != nil {
		return err
	}
	if strings.TrimSpace(*out) == "" {
		return errors.New("--out is required: the PDF file to write, e.g. --out report.pdf")
	}
	p, err := data.ParsePeriod(*period)
	if err != nil || p != data.PeriodMonth && p != data.PeriodQuarter {
		return fmt.Errorf("--period %q: use month or quarter", *period)
	}
	day := pdfreport.LastComplete(p, time.Now())
	if *at != "" {
		if day, err = ParseReportAt(*at); err != nil {
			return err
		}
	}
	st, sv, err := openSurvey(*db, *survey)
	if err != nil {
		return err
	}
	defer st.Close()
	in, err := BuildReport(context.Background(), st, sv, p, day, *lng)
	if err != nil {
		return err
	}
	if err := WriteFile(*out, func(w io.Writer) error {
		return pdfreport.Write(w, in, pdfreport.Options{Poster: *poster})
	}); err != nil {
		return err
	}
	from, to := pdfreport.Range(p, day)
	fmt.Fprintf(env.Stdout, "Wrote the %s report of %q (%s – %s, %d responses) to %s\n", p, sv.Name, from, to, in.Responses, *out)
	return nil
}

// BuildReport computes the report of survey sv for the period p holding
// day in language code ("" = the survey's) from the database st, with the
// business settings stored there. The window and the command line both
// call it, so both print the same report.
//
// It adds what the other parts of the app keep in the database: the goals
// (with their progress) and event notes, the comment topic dictionary,
// and the follow-up list's statuses for the responses of the period.
func BuildReport(ctx context.Context, st *store.Store, sv data.Survey, p data.Period, day data.Day, code string) (pdfreport.Input, error) {
	req := pdfreport.Request{Survey: sv, Settings: insight.LoadSettings(st), Period: p, At: day, Lang: code}
	var err error
	if req.Goals, err = insight.LoadGoals(st); err != nil {
		return pdfreport.Input{}, fmt.Errorf("report: %w", err)
	}
	if req.Notes, err = insight.LoadNotes(st); err != nil {
		return pdfreport.Input{}, fmt.Errorf("report: %w", err)
	}
	dict, err := topics.Load(st)
	if err != nil {
		return pdfreport.Input{}, fmt.Errorf("report: comment topics: %w", err)
	}
	req.Topics = &dict
	in, err := pdfreport.Build(ctx, st, req)
	if err != nil {
		return in, err
	}
	// The follow-up list's statuses for the period's responses (its rule,
	// which the owner sets, may differ from the "to call back" count
	// Build makes); counts only, never contacts.
	items, err := st.FollowUpList(sv.ID, store.FollowUpFilter{From: in.From, To: in.To})
	if err != nil {
		return in, fmt.Errorf("report: %w", err)
	}
	var c data.FollowUpCounts
	for _, it := range items {
		c.Add(it.State.StatusOrNew())
	}
	in.FollowUp.Statuses, in.FollowUp.New, in.FollowUp.Contacted, in.FollowUp.Resolved = true, c.New, c.Contacted, c.Resolved
	return in, nil
}

// ParseReportAt reads --at: a month "2026-03" (or "2026-3"), or a
// quarter "2026-Q1", as a day in it.
func ParseReportAt(s string) (data.Day, error) {
	s = strings.TrimSpace(s)
	y, rest, ok := strings.Cut(s, "-")
	year, err := strconv.Atoi(y)
	if !ok || err != nil || year < 1900 || year > 9999 {
		return 0, fmt.Errorf("--at %q: use YYYY-MM (e.g. 2026-03) or YYYY-Q1", s)
	}
	month := 0
	if q, isQ := strings.CutPrefix(strings.ToUpper(rest), "Q"); isQ {
		n, err := strconv.Atoi(q)
		if err != nil || n < 1 || n > 4 {
			return 0, fmt.Errorf("--at %q: a quarter is Q1 to Q4", s)
		}
		month = 3*(n-1) + 1
	} else if month, err = strconv.Atoi(rest); err != nil || month < 1 || month > 12 {
		return 0, fmt.Errorf("--at %q: use YYYY-MM (e.g. 2026-03) or YYYY-Q1", s)
	}
	return data.DayFromDate(year, time.Month(month), 1), nil
}
