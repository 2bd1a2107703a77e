package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"csatdesk/data/store"
)

// matchFlags is the repeated --match OTHERID=MAINID|new flag.
type matchFlags map[uint64]uint64

func (m matchFlags) String() string { return fmt.Sprint(map[uint64]uint64(m)) }

// Set parses one OTHERID=MAINID (or OTHERID=new).
func (m matchFlags) Set(v string) error {
	o, t, ok := strings.Cut(v, "=")
	oid, err := strconv.ParseUint(strings.TrimSpace(o), 10, 64)
	if !ok || err != nil {
		return fmt.Errorf("--match %q: write OTHERID=MAINID or OTHERID=new", v)
	}
	t = strings.TrimSpace(t)
	if strings.EqualFold(t, "new") {
		m[oid] = 0
		return nil
	}
	mid, err := strconv.ParseUint(t, 10, 64)
	if err != nil || mid == 0 {
		return fmt.Errorf("--match %q: write OTHERID=MAINID or OTHERID=new", v)
	}
	m[oid] = mid
	return nil
}

const mergeArgs = "--db MAIN --from OTHER.db [--match OTHERID=MAINID|new ...] [--dry-run]"

const mergeHelp = "bring another computer's database into this one: the same surveys are matched, responses already here are skipped, all or nothing; --match places a survey of the other file (see the plan printed by --dry-run)"

// runMerge is `csatdesk merge`: store.Merge, with the plan and the report.
func runMerge(env *Env, args []string) error {
	fs := flags(env, "merge")
	db := dbFlag(fs)
	from := fs.String("from", "", "the other database file to bring in (never written)")
	match := matchFlags{}
	fs.Var(match, "match", "OTHERID=MAINID: merge the other file's survey OTHERID into survey MAINID; OTHERID=new: add it as a new survey (repeatable)")
	dry := fs.Bool("dry-run", false, "report what the merge would do, change nothing")
	if err := parse(fs, args); err != nil {
		return err
	}
	if strings.TrimSpace(*from) == "" {
		return errors.New("--from is required: the other database file")
	}
	path, err := dbPath(*db)
	if err != nil {
		return err
	}
	st, err := store.Open(path, store.Options{})
	if err != nil {
		return err
	}
	defer st.Close()
	rep, err := store.Merge(context.Background(), st, *from, store.MergePlan{Match: match, DryRun: *dry}, nil)
	if err != nil {
		return err
	}
	writeMergeReport(env.Stdout, rep)
	return nil
}

// writeMergeReport writes what a merge did, survey by survey.
func writeMergeReport(w io.Writer, rep store.MergeReport) {
	verb := "Merged"
	if rep.DryRun {
		verb = "Dry run, nothing changed: would merge"
	}
	fmt.Fprintf(w, "%s %s in %s\n", verb, rep.From, rep.Took.Round(time.Millisecond))
	for _, s := range rep.Surveys {
		var where string
		switch s.How {
		case store.MatchSame:
			where = fmt.Sprintf("the same survey as %d '%s'", s.MainID, s.MainName)
		case store.MatchName:
			where = fmt.Sprintf("into %d '%s' (same name; --match %d=new to keep them apart)", s.MainID, s.MainName, s.OtherID)
		case store.MatchUser:
			where = fmt.Sprintf("into %d '%s' (--match)", s.MainID, s.MainName)
		default:
			where = fmt.Sprintf("added as a new survey '%s'", s.MainName)
		}
		fmt.Fprintf(w, "  survey %d '%s' (%d responses): %s", s.OtherID, s.Name, s.Responses, where)
		if s.VersionsAdded > 0 {
			fmt.Fprintf(w, ", %d newer version(s) taken", s.VersionsAdded)
		}
		fmt.Fprintf(w, ": %d added, %d already here, %d conflicts\n", s.Added, s.Duplicates, s.Conflicts)
	}
	fmt.Fprintf(w, "Surveys added: %d\nSurvey versions added: %d\nResponses added: %d\nDuplicates skipped: %d\nConflicts (this database's response kept): %d\n",
		rep.SurveysAdded, rep.VersionsAdded, rep.ResponsesAdded, rep.Duplicates, rep.ConflictCount)
	for _, c := range rep.Conflicts {
		switch c.Reason {
		case store.ConflictRespondent:
			fmt.Fprintf(w, "  %s: response %s: respondent %q already answered here\n", c.SurveyName, c.ResponseID, c.Respondent)
		default:
			fmt.Fprintf(w, "  %s: response %s differs from the one here\n", c.SurveyName, c.ResponseID)
		}
	}
	if rep.ConflictCount > len(rep.Conflicts) {
		fmt.Fprintf(w, "  … and %d more\n", rep.ConflictCount-len(rep.Conflicts))
	}
}

const checkHelp = "read the whole database and report damage: the file's structure, every survey and response, the ID index and the day counts recounted; never writes; exit status 1 when something is wrong"

// runCheck is `csatdesk check --db PATH`: Store.CheckAll on a read-only
// open.
func runCheck(env *Env, args []string) error {
	fs := flags(env, "check")
	db := dbFlag(fs)
	if err := parse(fs, args); err != nil {
		return err
	}
	path, err := dbPath(*db)
	if err != nil {
		return err
	}
	st, err := store.Open(path, store.Options{ReadOnly: true})
	if err != nil {
		if errors.Is(err, store.ErrCorrupt) {
			return fmt.Errorf("%w\nWhat to do: restore a backup (csatdesk restore --db %s --from BACKUP)", err, path)
		}
		return err
	}
	defer st.Close()
	rep, err := st.CheckAll(nil)
	if err != nil {
		return err
	}
	if rep.OK() {
		fmt.Fprintf(env.Stdout, "%s is sound: %s read, day counts and indexes match (%s)\n",
			path, surveysAndResponses(rep.Surveys, int(rep.Responses)), rep.Took.Round(time.Millisecond))
		return nil
	}
	fmt.Fprintf(env.Stdout, "%s is damaged: %d problem(s) found\n", path, len(rep.Findings))
	for _, f := range rep.Findings {
		fmt.Fprintf(env.Stdout, "  %s\n      (%s)\n", checkFindingText(f), f.Detail)
	}
	fmt.Fprintf(env.Stdout, "What to do: restore the newest backup made before the damage (csatdesk restore --db %s --from BACKUP); keep this file until the restore is checked.\n", path)
	return fmt.Errorf("%d problem(s) found in %s", len(rep.Findings), path)
}

// checkFindingText says in English what a finding means.
func checkFindingText(f store.CheckFinding) string {
	sv := fmt.Sprintf("survey %d '%s'", f.SurveyID, f.SurveyName)
	switch f.Kind {
	case store.CheckSurveyUnreadable:
		return fmt.Sprintf("survey %d cannot be read", f.SurveyID)
	case store.CheckResponseUnreadable:
		return sv + ": a response cannot be read"
	case store.CheckRollupsDiffer:
		return sv + ": the stored day counts (dashboard figures) differ from a recount of the responses"
	case store.CheckIndexDiffers:
		return sv + ": the index of response IDs does not match the responses"
	}
	return "the file's structure is damaged"
}
