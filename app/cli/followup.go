package cli

import (
	"bufio"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"text/tabwriter"
	"time"

	"csatdesk/data"
	"csatdesk/data/export"
	"csatdesk/data/store"
)

// followupArgs and followupHelp describe the followup command.
const (
	followupArgs = "--db PATH [--survey ID|NAME] [--status new,contacted,resolved] [--out FILE.csv|FILE.xlsx|-] [--contact]"
	followupHelp = "the follow-up list of unhappy customers: without --survey, how many are new, contacted and resolved in each survey; with it, the list, or with --out a CSV/XLSX for a CRM (response IDs, date, scores, comment, status, note; --contact adds name, email, phone and consent)"
)

// runFollowUp is the followup command.
func runFollowUp(env *Env, args []string) error {
	fs := flags(env, "followup")
	db := dbFlag(fs)
	survey := fs.String("survey", "", "survey ID or name (default: counts of every survey)")
	status := fs.String("status", "", "only these statuses, comma-separated: new, contacted, resolved")
	out := fs.String("out", "", `write the list to this CSV or XLSX file; "-" writes CSV to standard output`)
	contact := fs.Bool("contact", false, "include the customers' contact details (name, email, phone, consent) in --out")
	if err := parse(fs, args); err != nil {
		return err
	}
	statuses, err := parseStatuses(*status)
	if err != nil {
		return err
	}
	if strings.TrimSpace(*survey) == "" {
		if *out != "" || *contact {
			return fmt.Errorf("--out and --contact need --survey: the survey whose list to write")
		}
		st, err := openStoreReadOnly(*db)
		if err != nil {
			return err
		}
		defer st.Close()
		return followUpCounts(env.Stdout, st)
	}
	st, err := openStoreReadOnly(*db)
	if err != nil {
		return err
	}
	defer st.Close()
	sv, err := st.FindSurvey(*survey)
	if err != nil {
		return err
	}
	items, err := st.FollowUpList(sv.ID, store.FollowUpFilter{Statuses: statuses})
	if err != nil {
		return err
	}
	opt := export.FollowUpOptions{Contact: *contact}
	switch {
	case *out == "-":
		bw := bufio.NewWriter(env.Stdout)
		if _, err := export.WriteFollowUpCSV(bw, &sv, items, opt); err != nil {
			return err
		}
		if err := bw.Flush(); err != nil {
			return err
		}
		fmt.Fprintf(env.Stderr, "Wrote %d customers to standard output\n", len(items))
	case *out != "":
		if err := ExportFollowUp(*out, &sv, items, opt); err != nil {
			return err
		}
		fmt.Fprintf(env.Stdout, "Wrote %d customers to %s\n", len(items), *out)
	default:
		if *contact {
			return fmt.Errorf("--contact needs --out: contacts are written to a file, not shown")
		}
		return followUpTable(env.Stdout, &sv, items)
	}
	return nil
}

// parseStatuses reads a comma-separated list of follow-up statuses.
func parseStatuses(s string) ([]data.FollowUpStatus, error) {
	var out []data.FollowUpStatus
	for f := range strings.SplitSeq(s, ",") {
		f = strings.ToLower(strings.TrimSpace(f))
		if f == "" {
			continue
		}
		st := data.FollowUpStatus(f)
		if !st.Valid() {
			return nil, fmt.Errorf("--status %q: use new, contacted or resolved", f)
		}
		out = append(out, st)
	}
	return out, nil
}

// ExportFollowUp writes the follow-up items of sv to path, as XLSX when the
// name ends in .xlsx and as CSV otherwise, through a temporary file so a
// failure never leaves half a file. The window's export uses it too.
func ExportFollowUp(path string, sv *data.Survey, items []data.FollowUpItem, opt export.FollowUpOptions) error {
	return WriteFile(path, func(w io.Writer) error {
		bw := bufio.NewWriterSize(w, 1<<16)
		var err error
		if strings.EqualFold(filepath.Ext(path), ".xlsx") {
			_, err = export.WriteFollowUpXLSX(bw, sv, items, opt)
		} else {
			_, err = export.WriteFollowUpCSV(bw, sv, items, opt)
		}
		if err != nil {
			return err
		}
		return bw.Flush()
	})
}

// followUpCounts prints the counts per status of every survey.
func followUpCounts(w io.Writer, st *store.Store) error {
	svs, err := st.Surveys()
	if err != nil {
		return err
	}
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "id\tsurvey\tnew\tcontacted\tresolved")
	for _, sv := range svs {
		c, err := st.FollowUpCounts(sv.ID)
		if err != nil {
			return err
		}
		fmt.Fprintf(tw, "%d\t%s\t%d\t%d\t%d\n", sv.ID, sv.Name, c.New, c.Contacted, c.Resolved)
	}
	return tw.Flush()
}

// followUpTable prints the list without contacts: date, status, scores and
// the comment, cut to a line.
func followUpTable(w io.Writer, sv *data.Survey, items []data.FollowUpItem) error {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	h := export.FollowUpHeader(sv, export.FollowUpOptions{})
	fmt.Fprintln(tw, strings.Join(append([]string{"collected", "status"}, h[5:len(h)-1]...), "\t")+"\tcomment\tresponse_id")
	for i := range items {
		it := &items[i]
		row := []string{it.Response.CollectedAt.Format(time.DateOnly), string(it.State.StatusOrNew())}
		for _, q := range scoreQuestions(sv) {
			if v, ok := it.Response.Answers[q.ID]; ok {
				row = append(row, fmt.Sprint(v))
			} else {
				row = append(row, "")
			}
		}
		c := strings.Join(strings.Fields(export.FollowUpComment(sv, &it.Response)), " ")
		if r := []rune(c); len(r) > 50 {
			c = string(r[:49]) + "…"
		}
		row = append(row, c, it.Response.ID.String())
		fmt.Fprintln(tw, strings.Join(row, "\t"))
	}
	return tw.Flush()
}

// scoreQuestions are the questions of the table's score columns, in the
// order of export.FollowUpHeader.
func scoreQuestions(sv *data.Survey) []data.Question {
	var qs []data.Question
	if q, ok := sv.MainCSAT(); ok {
		qs = append(qs, q)
	}
	for _, k := range []data.Kind{data.KindNPS, data.KindCES} {
		if q, ok := sv.FirstOfKind(k); ok {
			qs = append(qs, q)
		}
	}
	return qs
}
