package store

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"

	"csatdesk/data"
)

// Merging another database (a second laptop's, another branch's) into this
// one.
//
// The other file is never written: OpenMergeSource copies it (a read
// transaction's WriteTo, under a shared lock) into a private temporary
// folder and opens the copy read-write, which migrates an older schema and
// rolls back imports the other program left unfinished, exactly as opening
// it would. Everything is read from that copy.
//
// A survey is the same survey in both files when it has the same creation
// time to the nanosecond (surveys made on different computers never do; a
// file copied from another, or a survey a merge added, keeps it) and
// questions that mean the same. Other surveys are matched by the person
// (MergePlan.Match) or added as new surveys.
//
// Responses are matched by their ID, unique across computers: the same ID
// with the same content is a duplicate and skipped, with other content a
// conflict (the main file's response is kept). A response of a respondent
// (ExternalID) the main survey already holds under another ID is a
// conflict too: it would count the respondent twice.
//
// The merge is one bbolt write transaction: all or nothing, under a kill
// too. Before it commits, the rollups of every survey it wrote to are
// recounted from the responses and compared byte for byte.

// Errors of a merge that callers branch on.
var (
	// ErrMergeSelf: the other file is the database itself.
	ErrMergeSelf = errors.New("that is this database itself; choose the other computer's file")
	// ErrMergeConflict: a survey cannot be merged as planned (changed on
	// both computers, or matched with a survey its questions do not fit).
	ErrMergeConflict = errors.New("the surveys cannot be merged this way")
)

// MatchHow says why a survey of the other file goes where it goes.
type MatchHow string

// The ways a survey of the other file is placed.
const (
	// MatchSame: it is the same survey (same creation time, questions that
	// mean the same).
	MatchSame MatchHow = "same"
	// MatchName: not the same survey, but one of the same name whose
	// questions fit; proposed, the person may change it.
	MatchName MatchHow = "name"
	// MatchUser: the person chose the main survey (MergePlan.Match).
	MatchUser MatchHow = "user"
	// MatchNew: added as a new survey.
	MatchNew MatchHow = "new"
	// MatchDiverged: the same survey, revised differently on both
	// computers: it can only be added as a new survey.
	MatchDiverged MatchHow = "diverged"
)

// MergeCandidate is a main survey another file's survey may be merged into.
type MergeCandidate struct {
	ID   uint64
	Name string
}

// MergeSurvey is one survey of the other file with what the merge proposes
// (MergeSource.Proposal) or did (MergeReport.Surveys).
type MergeSurvey struct {
	// OtherID and Name are the survey's ID and name in the other file;
	// Responses is how many responses it holds there.
	OtherID   uint64
	Name      string
	Responses int
	// MainID is the main survey it goes into; 0 for a new survey (in a
	// report: the new survey's ID).
	MainID   uint64
	MainName string
	How      MatchHow
	// Candidates are the main surveys it may be merged into (its questions
	// fit theirs), by name.
	Candidates []MergeCandidate
	// VersionsAdded is by how many versions the main survey was brought
	// forward (the other computer revised it).
	VersionsAdded int
	// Added, Duplicates and Conflicts count its responses (reports only).
	Added, Duplicates, Conflicts int
}

// MergePlan is what the person decided.
type MergePlan struct {
	// Match maps a survey ID of the other file to a main survey ID to merge
	// it into, or to 0 to add it as a new survey. Surveys not listed go
	// where the proposal says.
	Match map[uint64]uint64
	// DryRun does everything but commit: the report tells what a merge
	// would do.
	DryRun bool
}

// ConflictReason says why a response was not merged.
type ConflictReason string

// The reasons of a MergeConflict.
const (
	// ConflictContent: the same response ID with other content.
	ConflictContent ConflictReason = "content"
	// ConflictRespondent: another response of the same respondent.
	ConflictRespondent ConflictReason = "respondent"
)

// MergeConflict is one response of the other file that was not merged;
// the main file's response is kept.
type MergeConflict struct {
	SurveyName string
	ResponseID data.ResponseID
	Respondent string
	Reason     ConflictReason
}

// maxListedConflicts bounds MergeReport.Conflicts; Counts has them all.
const maxListedConflicts = 200

// MergeReport tells what a merge did (or, DryRun, would do).
type MergeReport struct {
	From   string
	DryRun bool
	// Surveys lists every survey of the other file and where it went.
	Surveys []MergeSurvey
	// SurveysAdded, VersionsAdded, ResponsesAdded, Duplicates and
	// ConflictCount are the totals.
	SurveysAdded, VersionsAdded, ResponsesAdded, Duplicates, ConflictCount int
	// Conflicts lists the first conflicts (up to 200).
	Conflicts []MergeConflict
	Took      time.Duration
}

// MergeSource is another database opened to be merged into a store.
type MergeSource struct {
	dst     *Store
	from    string
	dir     string // the private copy's folder
	other   *Store
	surveys []data.Survey
	counts  map[uint64]int
	mains   []data.Survey
}

// Merge merges the database at fromPath into dst as plan says; see
// OpenMergeSource and MergeSource.Merge.
func Merge(ctx context.Context, dst *Store, fromPath string, plan MergePlan, progress func(float64)) (MergeReport, error) {
	src, err := OpenMergeSource(dst, fromPath)
	if err != nil {
		return MergeReport{From: fromPath}, err
	}
	defer func() { _ = src.Close() }()
	return src.Merge(ctx, plan, progress)
}

// staleMergeAge is how old a merge's temporary folder must be for a later
// merge to remove it (its merge was killed).
const staleMergeAge = time.Hour

// OpenMergeSource reads the database at fromPath for merging into dst. The
// file is copied under a shared lock (a window open on it makes this wait
// and fail with ErrLocked) and never written; a damaged file gives an
// error wrapping ErrCorrupt, a file from a newer version ErrNewerSchema,
// dst's own file ErrMergeSelf. Close it when done.
func OpenMergeSource(dst *Store, fromPath string) (*MergeSource, error) {
	fail := func(err error) (*MergeSource, error) {
		return nil, fmt.Errorf("merge %s: %w", fromPath, err)
	}
	if dst.readOnly {
		return fail(ErrReadOnly)
	}
	fi, err := os.Stat(fromPath)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return fail(ErrNoDatabase)
		}
		return fail(err)
	}
	if fi.IsDir() {
		return fail(errors.New("it is a folder, not a database file"))
	}
	if self, err := os.Stat(dst.path); err == nil && os.SameFile(fi, self) {
		return fail(ErrMergeSelf)
	}
	if fi.Size() == 0 {
		return fail(fmt.Errorf("the file is empty: %w", ErrCorrupt))
	}
	if err := checkTruncated(fromPath, fi.Size()); err != nil {
		return fail(err)
	}
	removeStaleMerges()
	dir, err := os.MkdirTemp("", "csatdesk-merge-")
	if err != nil {
		return fail(err)
	}
	m := &MergeSource{dst: dst, from: fromPath, dir: dir}
	if err := m.load(); err != nil {
		_ = m.Close()
		return fail(err)
	}
	return m, nil
}

// removeStaleMerges removes the temporary folders of merges killed long
// enough ago.
func removeStaleMerges() {
	left, _ := filepath.Glob(filepath.Join(os.TempDir(), "csatdesk-merge-*"))
	for _, d := range left {
		if fi, err := os.Stat(d); err == nil && fi.IsDir() && time.Since(fi.ModTime()) > staleMergeAge {
			_ = os.RemoveAll(d)
		}
	}
}

// load copies the other file, opens the copy and reads both files' surveys.
func (m *MergeSource) load() error {
	ro, err := openBolt(m.from, true, m.dst.timeout)
	if err != nil {
		return err
	}
	peek := &Store{db: ro, path: m.from, readOnly: true}
	if _, err := peek.inspect(); err != nil {
		_ = ro.Close()
		return err
	}
	if err := peek.Check(); err != nil {
		_ = ro.Close()
		return err
	}
	copyPath := filepath.Join(m.dir, "other.db")
	f, err := os.OpenFile(copyPath, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o600)
	if err != nil {
		_ = ro.Close()
		return err
	}
	_, err = peek.Backup(f)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if cerr := ro.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	if m.other, err = Open(copyPath, Options{}); err != nil {
		return err
	}
	if m.surveys, err = m.other.Surveys(); err != nil {
		return err
	}
	m.counts = make(map[uint64]int, len(m.surveys))
	err = m.other.view(func(tx *bolt.Tx) error {
		for _, sv := range m.surveys {
			if b := surveyBucket(tx, bucketResponses, sv.ID); b != nil {
				m.counts[sv.ID] = b.Stats().KeyN
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	m.mains, err = m.dst.Surveys()
	return err
}

// Close removes the private copy of the other file.
func (m *MergeSource) Close() error {
	var err error
	if m.other != nil {
		err = m.other.Close()
		m.other = nil
	}
	if m.dir != "" {
		if rerr := os.RemoveAll(m.dir); err == nil {
			err = rerr
		}
		m.dir = ""
	}
	return err
}

// Path returns the other file's path.
func (m *MergeSource) Path() string { return m.from }

// MainSurveys returns the main database's surveys as they were when the
// source was opened.
func (m *MergeSource) MainSurveys() []data.Survey { return slices.Clone(m.mains) }

// Proposal lists every survey of the other file with where a merge without
// a plan would put it and where else it may go.
func (m *MergeSource) Proposal() []MergeSurvey {
	out := make([]MergeSurvey, 0, len(m.surveys))
	for _, o := range m.surveys {
		ms := MergeSurvey{OtherID: o.ID, Name: o.Name, Responses: m.counts[o.ID], How: MatchNew}
		for _, mn := range m.mains {
			if questionsFit(o, mn) == nil {
				ms.Candidates = append(ms.Candidates, MergeCandidate{ID: mn.ID, Name: mn.Name})
			}
		}
		if same, ok := m.sameSurvey(o); ok {
			ms.MainID, ms.MainName = same.ID, same.Name
			ms.How = MatchSame
			if _, err := mergedSurvey(same, o); err != nil {
				ms.How = MatchDiverged
				ms.MainID, ms.MainName = 0, ""
			}
		} else {
			for _, c := range ms.Candidates {
				if strings.EqualFold(strings.TrimSpace(c.Name), strings.TrimSpace(o.Name)) {
					ms.MainID, ms.MainName, ms.How = c.ID, c.Name, MatchName
					break
				}
			}
		}
		out = append(out, ms)
	}
	return out
}

// sameSurvey finds the main survey that is o: the same creation time,
// preferring the same ID.
func (m *MergeSource) sameSurvey(o data.Survey) (data.Survey, bool) {
	if o.Created.IsZero() {
		return data.Survey{}, false
	}
	var found data.Survey
	ok := false
	for _, mn := range m.mains {
		if mn.Created.Equal(o.Created) && (!ok || mn.ID == o.ID) {
			found, ok = mn, true
		}
	}
	return found, ok
}

// meaning is what must agree for two questions of one ID to be the same
// question: stored answers are only comparable then.
func sameMeaning(a, b data.Question) bool {
	if a.Kind != b.Kind || a.Min != b.Min || a.Max != b.Max || a.SatisfiedFrom != b.SatisfiedFrom {
		return false
	}
	return a.Kind != data.KindChoice || slices.Equal(a.Choices, b.Choices)
}

// questionsFit reports (nil) whether every question of o exists in mn
// with the same ID and meaning, so o's answers can be stored in mn.
func questionsFit(o, mn data.Survey) error {
	for _, q := range o.Questions {
		mq, ok := mn.Question(q.ID)
		if !ok {
			return fmt.Errorf("%w: question %d '%s' of '%s' is not in '%s'", ErrMergeConflict, q.ID, q.Text, o.Name, mn.Name)
		}
		if !sameMeaning(q, mq) {
			return fmt.Errorf("%w: question %d '%s' of '%s' is asked differently in '%s'", ErrMergeConflict, q.ID, q.Text, o.Name, mn.Name)
		}
	}
	return nil
}

// mergedSurvey returns the survey to store when o, the same survey as mn
// as the other computer has it, is merged into mn: o when it is a later
// revision of mn (it holds every question of mn, meaning the same, retired
// where mn retired it), mn when mn is o or later, else an error wrapping
// ErrMergeConflict: both computers revised it differently.
func mergedSurvey(mn, o data.Survey) (data.Survey, error) {
	covers := func(a, b data.Survey) bool { // a holds b
		for _, q := range b.Questions {
			aq, ok := a.Question(q.ID)
			if !ok || !sameMeaning(aq, q) || (q.Retired && !aq.Retired) {
				return false
			}
		}
		return true
	}
	switch {
	case covers(mn, o) && mn.Version >= o.Version:
		return mn, nil
	case covers(o, mn) && o.Version > mn.Version:
		n := o
		n.ID = mn.ID
		return n, nil
	}
	return data.Survey{}, fmt.Errorf("%w: '%s' was changed on both computers in different ways; add it as a new survey", ErrMergeConflict, o.Name)
}

// target is where one survey of the other file goes.
type target struct {
	o     data.Survey
	ms    MergeSurvey
	sv    data.Survey // the main survey to store (new: ID 0)
	write bool        // sv must be written (new, or brought forward)
}

// resolve applies plan to the proposal.
func (m *MergeSource) resolve(plan MergePlan) ([]target, error) {
	byID := make(map[uint64]data.Survey, len(m.mains))
	for _, mn := range m.mains {
		byID[mn.ID] = mn
	}
	for oid := range plan.Match {
		if !slices.ContainsFunc(m.surveys, func(s data.Survey) bool { return s.ID == oid }) {
			return nil, fmt.Errorf("the other file has no survey %d: %w", oid, ErrNotFound)
		}
	}
	prop := m.Proposal()
	out := make([]target, 0, len(prop))
	for i, ms := range prop {
		t := target{o: m.surveys[i], ms: ms}
		if mid, ok := plan.Match[ms.OtherID]; ok {
			switch mn, found := byID[mid]; {
			case mid == 0:
				t.ms.How, t.ms.MainID, t.ms.MainName = MatchNew, 0, ""
			case !found:
				return nil, fmt.Errorf("merge '%s' into survey %d: %w", ms.Name, mid, ErrNotFound)
			case ms.How == MatchSame && mid == ms.MainID:
			default:
				if err := questionsFit(t.o, mn); err != nil {
					return nil, err
				}
				t.ms.How, t.ms.MainID, t.ms.MainName = MatchUser, mn.ID, mn.Name
			}
		} else if ms.How == MatchDiverged {
			_, err := mergedSurvey(byID[m.sameID(t.o)], t.o)
			return nil, fmt.Errorf("%w (--match %d=new)", err, ms.OtherID)
		}
		switch t.ms.How {
		case MatchNew:
			t.sv, t.write = t.o, true
			t.sv.ID = 0
		case MatchSame:
			mn := byID[t.ms.MainID]
			sv, err := mergedSurvey(mn, t.o)
			if err != nil {
				return nil, err
			}
			t.sv = sv
			if sv.Version > mn.Version {
				t.write = true
				t.ms.VersionsAdded = sv.Version - mn.Version
			}
		default:
			t.sv = byID[t.ms.MainID]
		}
		out = append(out, t)
	}
	return out, nil
}

// sameID returns the ID of the main survey that is o; 0 for none.
func (m *MergeSource) sameID(o data.Survey) uint64 {
	mn, _ := m.sameSurvey(o)
	return mn.ID
}

// errDryRun rolls a dry run's transaction back.
var errDryRun = errors.New("dry run")

// mergeTick is how many responses are merged between looks at ctx.
const mergeTick = 1024

// Merge merges the other file into the store as plan says, in one write
// transaction, and reports what it did. A cancelled ctx, an error, or
// plan.DryRun leaves the store as it was. progress, if not nil, gets the
// fraction of the other file's responses handled.
func (m *MergeSource) Merge(ctx context.Context, plan MergePlan, progress func(float64)) (MergeReport, error) {
	start := time.Now()
	rep := MergeReport{From: m.from, DryRun: plan.DryRun}
	if m.other == nil {
		return rep, fmt.Errorf("merge %s: the source is closed", m.from)
	}
	targets, err := m.resolve(plan)
	if err != nil {
		return rep, fmt.Errorf("merge %s: %w", m.from, err)
	}
	total := 0
	for _, n := range m.counts {
		total += n
	}
	err = m.dst.update(func(tx *bolt.Tx) error {
		rep = MergeReport{From: m.from, DryRun: plan.DryRun}
		mg := &merger{ctx: ctx, tx: tx, w: newWriter(tx), rep: &rep, imports: map[[2]uint64]uint64{},
			added: map[uint64]int{}, total: total, progress: progress}
		if err := mg.run(m, targets); err != nil {
			return err
		}
		if plan.DryRun {
			return errDryRun
		}
		return nil
	})
	if errors.Is(err, errDryRun) {
		err = nil
	}
	rep.Took = time.Since(start)
	if err != nil {
		return rep, fmt.Errorf("merge %s: %w", m.from, err)
	}
	if progress != nil {
		progress(1)
	}
	if !plan.DryRun {
		m.mains, _ = m.dst.Surveys()
	}
	return rep, nil
}

// merger is one merge's write transaction.
type merger struct {
	ctx      context.Context
	tx       *bolt.Tx
	w        *writer
	rep      *MergeReport
	imports  map[[2]uint64]uint64 // (other import ID, main survey) → main import ID
	added    map[uint64]int       // main import ID → responses added to it
	total    int
	done     int
	progress func(float64)
}

// run writes the surveys, then the responses, then checks the rollups.
func (mg *merger) run(m *MergeSource, targets []target) error {
	sb, err := bucket(mg.tx, bucketSurveys)
	if err != nil {
		return err
	}
	for i := range targets {
		t := &targets[i]
		if !t.write {
			continue
		}
		if t.sv.ID == 0 {
			t.sv.Name = freeName(sb, t.sv.Name)
			if err := createSurveyTx(mg.tx, &t.sv); err != nil {
				return fmt.Errorf("add survey '%s': %w", t.o.Name, err)
			}
			t.ms.MainID, t.ms.MainName = t.sv.ID, t.sv.Name
			mg.rep.SurveysAdded++
			continue
		}
		v, err := encodeSurvey(&t.sv)
		if err != nil {
			return err
		}
		if err := sb.Put(u64Key(t.sv.ID), sealSurvey(v)); err != nil {
			return err
		}
		mg.rep.VersionsAdded += t.ms.VersionsAdded
	}
	touched := map[uint64]bool{}
	err = m.other.view(func(otx *bolt.Tx) error {
		odc := newDict(otx)
		for i := range targets {
			t := &targets[i]
			if err := mg.survey(otx, odc, t); err != nil {
				return err
			}
			if err := mergeLayouts(otx, mg.tx, t.ms.How, t.o.ID, t.sv.ID); err != nil {
				return err
			}
			if t.ms.Added > 0 {
				touched[t.sv.ID] = true
			}
			mg.rep.Surveys = append(mg.rep.Surveys, t.ms)
		}
		return nil
	})
	if err != nil {
		return err
	}
	if err := mg.w.finish(); err != nil {
		return err
	}
	for id, n := range mg.added {
		if err := bumpImport(mg.tx, id, n); err != nil {
			return err
		}
	}
	return mg.recount(touched)
}

// freeName returns name, or name with " (2)", " (3)" … when a survey of
// that name exists.
func freeName(sb *bolt.Bucket, name string) string {
	taken := map[string]bool{}
	_ = sb.ForEach(func(_, v []byte) error {
		if sv, err := decodeSurvey(v); err == nil {
			taken[strings.ToLower(strings.TrimSpace(sv.Name))] = true
		}
		return nil
	})
	base := strings.TrimSpace(name)
	n := base
	for i := 2; taken[strings.ToLower(n)]; i++ {
		n = fmt.Sprintf("%s (%d)", base, i)
	}
	return n
}

// survey merges the responses of one survey of the other file.
func (mg *merger) survey(otx *bolt.Tx, odc *dict, t *target) error {
	rb := surveyBucket(otx, bucketResponses, t.o.ID)
	if rb == nil {
		return nil
	}
	h, err := mg.w.survey(t.sv.ID)
	if err != nil {
		return err
	}
	c := rb.Cursor()
	for k, v := c.First(); k != nil; k, v = c.Next() {
		mg.done++
		if mg.done%mergeTick == 0 {
			if err := mg.ctx.Err(); err != nil {
				return err
			}
			if mg.progress != nil && mg.total > 0 {
				mg.progress(float64(mg.done) / float64(mg.total))
			}
		}
		sr, err := decodeResponse(odc, t.o.ID, k, v)
		if err != nil {
			return fmt.Errorf("the other file's survey '%s': %w", t.o.Name, err)
		}
		r := sr.Response
		r.SurveyID = t.sv.ID
		if r.SurveyVersion > t.sv.Version {
			r.SurveyVersion = t.sv.Version
		}
		stored, _, err := mg.w.lookup(h, r.ID)
		switch {
		case err == nil:
			if sameMerged(&stored.Response, &r) {
				t.ms.Duplicates++
				mg.rep.Duplicates++
				if err := mergeContactTx(otx, mg.tx, t.o.ID, t.sv.ID, r.ID); err != nil {
					return err
				}
			} else {
				mg.conflict(t, &r, ConflictContent)
			}
			continue
		case !errors.Is(err, ErrNotFound):
			return err
		}
		if r.ExternalID != "" && hasPrefix(h.extids, extPrefix(r.ExternalID)) {
			mg.conflict(t, &r, ConflictRespondent)
			continue
		}
		imp, err := mg.importFor(otx, sr.importID, t.sv.ID)
		if err != nil {
			return err
		}
		if err := mg.w.insertOne(h, &r, imp); err != nil {
			return fmt.Errorf("survey '%s': %w", t.sv.Name, err)
		}
		if err := mergeContactTx(otx, mg.tx, t.o.ID, t.sv.ID, r.ID); err != nil {
			return err
		}
		if imp != 0 {
			mg.added[imp]++
		}
		t.ms.Added++
		mg.rep.ResponsesAdded++
	}
	return nil
}

// hasPrefix reports whether b holds a key starting with p.
func hasPrefix(b *bolt.Bucket, p []byte) bool {
	k, _ := b.Cursor().Seek(p)
	return k != nil && len(k) >= len(p) && string(k[:len(p)]) == string(p)
}

// conflict records a response that is not merged.
func (mg *merger) conflict(t *target, r *data.Response, why ConflictReason) {
	t.ms.Conflicts++
	mg.rep.ConflictCount++
	if len(mg.rep.Conflicts) < maxListedConflicts {
		mg.rep.Conflicts = append(mg.rep.Conflicts, MergeConflict{SurveyName: t.sv.Name, ResponseID: r.ID,
			Respondent: r.ExternalID, Reason: why})
	}
}

// importFor returns the main import a response of the other file's import
// oid goes with: a finished main import of the same file into the same
// survey, or a copy of the other's record made now. 0 for none.
func (mg *merger) importFor(otx *bolt.Tx, oid, sid uint64) (uint64, error) {
	if oid == 0 {
		return 0, nil
	}
	key := [2]uint64{oid, sid}
	if id, ok := mg.imports[key]; ok {
		return id, nil
	}
	orec, err := getImport(otx, oid)
	if errors.Is(err, ErrNotFound) {
		mg.imports[key] = 0
		return 0, nil
	}
	if err != nil {
		return 0, fmt.Errorf("the other file's import %d: %w", oid, err)
	}
	b, err := bucket(mg.tx, bucketImports)
	if err != nil {
		return 0, err
	}
	var found uint64
	err = b.ForEach(func(k, v []byte) error {
		rec, err := decodeImport(v)
		if err != nil {
			return err
		}
		if found == 0 && rec.State == ImportDone && rec.Hash == orec.Hash && rec.SurveyID == sid {
			found = binary.BigEndian.Uint64(k)
		}
		return nil
	})
	if err != nil {
		return 0, err
	}
	if found == 0 {
		rec := orec
		rec.SurveyID, rec.Added, rec.Replaces, rec.Replaced, rec.CreatedSurvey = sid, 0, 0, 0, false
		rec.State = ImportDone
		if rec.ID, err = b.NextSequence(); err != nil {
			return 0, err
		}
		if err := putImport(mg.tx, &rec); err != nil {
			return 0, err
		}
		found = rec.ID
	}
	mg.imports[key] = found
	return found, nil
}

// sameMerged reports whether a and b hold the same response.
func sameMerged(a, b *data.Response) bool {
	_, ao := a.CollectedAt.Zone()
	_, bo := b.CollectedAt.Zone()
	return a.ID == b.ID && a.SurveyVersion == b.SurveyVersion &&
		a.CollectedAt.Equal(b.CollectedAt) && ao == bo && a.EnteredAt.Equal(b.EnteredAt) &&
		a.Source == b.Source && a.Channel == b.Channel && a.FormNumber == b.FormNumber &&
		a.ExternalID == b.ExternalID && a.Comment == b.Comment &&
		maps.Equal(a.Tags, b.Tags) && maps.Equal(a.Answers, b.Answers) && maps.Equal(a.Texts, b.Texts)
}

// recount recomputes the rollups of the surveys written to and compares
// them with what the merge left; a difference fails the merge.
func (mg *merger) recount(sids map[uint64]bool) error {
	dc := newDict(mg.tx)
	for sid := range sids {
		if _, fs := checkSurveyTx(mg.tx, dc, sid, func(int) {}); len(fs) > 0 {
			return fmt.Errorf("survey %d after merging: %s: %w", sid, fs[0].Detail, ErrCorrupt)
		}
	}
	return nil
}
