package ingest

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"hash"
	"io"
	"os"
	"path/filepath"
	"sort"
	"sync"
	"sync/atomic"
	"time"

	"csatdesk/data"
	"csatdesk/data/importer"
	"csatdesk/data/store"
)

// PreviewRows is how many data rows a Session keeps for its preview.
const PreviewRows = 10

// ProfileRows and ProfileBytes bound the first rows a Session profiles
// when it opens a file (whichever limit comes first): Guess works from
// them, and the import never waits for a pass over the whole file. An
// answer first seen further down is reported for its row by the
// converter, not fatal.
const (
	ProfileRows  = 5000
	ProfileBytes = 4 << 20
)

// MappingPrefix starts the settings key of every remembered mapping.
const MappingPrefix = "import-mapping:"

// MappingsKept is how many remembered mappings PruneMappings keeps per
// survey (the most recently used).
const MappingsKept = 20

// Session is one file on its way into the store, as the import wizard and
// the import command walk it, with no UI in it:
//
//	Open        detect the file's format, profile its first rows (ProfileRows,
//	            ProfileBytes), keep the first rows, and hash it
//	Reopen      the same bytes with another encoding or sheet (no new hash)
//	Guess       propose a mapping onto a survey
//	Recall      the mapping remembered for the same headers, if it fits
//	Check       convert the preview rows as they will be stored
//	DryRun, Run import (or not), with progress and cancel (Import)
//	Remember    keep the mapping for the next file with the same headers
//	WriteFailed save the skipped rows, to fix and import again
//
// A Session is used by one goroutine at a time; the window hands it from
// its job to the UI goroutine and back.
type Session struct {
	// File is the opened file; Profile counts the values of its first data
	// rows (all of them when Partial is false).
	File    *importer.File
	Profile *importer.Profile
	// Partial says the profile stopped before the end of the file (at
	// ProfileRows or ProfileBytes); Rows tells the file's size in rows.
	Partial bool
	// Preview holds the first PreviewRows data rows, as read.
	Preview [][]string
	// Hash is the SHA-256 of the file's bytes (as HashFile gives it).
	Hash string
	// Options are the options the file was opened with.
	Options importer.Options

	st  *store.Store
	src *shared
	hr  *hashingReader
	// estimate is Rows's guess for a partial profile.
	estimate int
}

// Rows returns the number of data rows: exact (as counted) when the
// profile read the whole file, else an estimate from the size of the rows
// profiled, for "about N rows" (the import counts them exactly).
func (s *Session) Rows() (n int, exact bool) {
	if !s.Partial {
		return s.Profile.Rows, true
	}
	return s.estimate, false
}

// shared is the file under one or more sessions (Reopen): the last Close
// closes it.
type shared struct {
	name   string
	ra     io.ReaderAt
	size   int64
	closer io.Closer
	refs   atomic.Int32
}

func (s *shared) release() error {
	if s.refs.Add(-1) > 0 || s.closer == nil {
		return nil
	}
	return s.closer.Close()
}

// OpenPath opens the file at path for importing into st; see OpenReader.
func OpenPath(ctx context.Context, st *store.Store, path string, opt importer.Options, progress func(frac float64)) (*Session, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("cannot open %s: %w", filepath.Base(path), err)
	}
	fi, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("cannot open %s: %w", filepath.Base(path), err)
	}
	s, err := openShared(ctx, st, &shared{name: path, ra: f, size: fi.Size(), closer: f}, opt, "", progress)
	if err != nil {
		f.Close()
		return nil, err
	}
	return s, nil
}

// OpenReader opens size bytes of r, called name, for importing into st:
// it reads them once, detecting the format, profiling every row and
// hashing them in the same pass, and keeps r to read the rows again on
// Run. progress (if not nil) gets the fraction read so far. A cancelled
// ctx stops it at the next read with ctx.Err(). Close releases r (a
// io.Closer r is closed by the last Close of its sessions).
func OpenReader(ctx context.Context, st *store.Store, name string, r io.ReaderAt, size int64, opt importer.Options, progress func(frac float64)) (*Session, error) {
	src := &shared{name: name, ra: r, size: size}
	if c, ok := r.(io.Closer); ok {
		src.closer = c
	}
	return openShared(ctx, st, src, opt, "", progress)
}

// Reopen reads the same file again with other options (an encoding, a
// sheet) as a new session; the file's hash is not computed again. The
// receiver stays usable until it is closed.
func (s *Session) Reopen(ctx context.Context, opt importer.Options, progress func(frac float64)) (*Session, error) {
	if s.src == nil {
		return nil, fmt.Errorf("reopen %s: %w", s.Name(), os.ErrClosed)
	}
	s.src.refs.Add(1)
	n, err := openShared(ctx, s.st, s.src, opt, s.Hash, progress)
	if err != nil {
		_ = s.src.release()
		return nil, err
	}
	return n, nil
}

func openShared(ctx context.Context, st *store.Store, src *shared, opt importer.Options, knownHash string, progress func(float64)) (*Session, error) {
	hr := &hashingReader{ra: src.ra, size: src.size, ctx: ctx, progress: progress}
	if knownHash == "" {
		hr.h = sha256.New()
	}
	fail := func(err error) (*Session, error) {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		return nil, err
	}
	f, err := importer.Open(src.name, hr, src.size, opt)
	if err != nil {
		return fail(err)
	}
	s := &Session{File: f, Hash: knownHash, Options: opt, st: st, src: src, hr: hr}
	if err = s.profile(); err == nil {
		s.Preview, err = f.Preview(PreviewRows)
	}
	if err == nil && hr.h != nil {
		s.Hash, err = hr.finish()
	}
	if err != nil {
		f.Close()
		return fail(err)
	}
	hr.done()
	if src.refs.Load() == 0 {
		src.refs.Store(1)
	}
	return s, nil
}

// profile profiles the first rows of the file, up to ProfileRows rows or
// ProfileBytes bytes read, and estimates the number of rows when it
// stopped before the end.
func (s *Session) profile() error {
	p := importer.NewProfile(s.File.Source)
	rows, err := s.File.Rows()
	if err != nil {
		return err
	}
	defer rows.Close()
	start := s.hr.read()
	for rows.Next() {
		p.Add(rows.Record())
		if p.Rows >= ProfileRows || s.hr.read()-start >= ProfileBytes {
			s.Partial = true
			break
		}
	}
	// Dates such as 1/5/2024 in the first rows may not tell day-first
	// from month-first (a week of responses); the rows further down
	// usually do: read on, a chunk at a time, until they tell or the
	// file ends.
	for s.Partial && rows.Err() == nil && dateAmbiguous(s.File.Source, p) {
		more := p.Rows + ProfileRows
		for s.Partial = false; rows.Next(); {
			p.Add(rows.Record())
			if p.Rows >= more {
				s.Partial = true
				break
			}
		}
	}
	if err := rows.Err(); err != nil {
		return err
	}
	s.Profile = p
	if s.Partial {
		// What the rows took of the file, read-ahead included (so the
		// estimate errs low by a buffer's worth at most).
		used := max(1, s.hr.read()-start)
		s.estimate = max(p.Rows, int(float64(p.Rows)*float64(s.hr.size)/float64(used)))
	}
	return nil
}

// dateAmbiguous reports whether the dates of the rows profiled in p could
// be read day first or month first.
func dateAmbiguous(src importer.Source, p *importer.Profile) bool {
	prop, err := importer.Guess(src, p, nil)
	return err == nil && prop.DateAmbiguous
}

// Close closes the file (the last session of it closes the reader too).
func (s *Session) Close() error {
	err := s.File.Close()
	if s.src == nil {
		return err // closed before: the file's other sessions keep it
	}
	if e := s.src.release(); err == nil {
		err = e
	}
	s.src = nil
	return err
}

// Name is the file's name without its folder.
func (s *Session) Name() string { return s.File.Source.Name }

// hashingReader is the io.ReaderAt a session opens its file through. While
// the file is opened it hashes the bytes read in order from the start (the
// scan reads a text file from start to end, so one pass does both), tells
// progress how far it got, and fails once ctx is done; finish reads and
// hashes what the pass skipped. Then it only passes reads through.
type hashingReader struct {
	ra   io.ReaderAt
	size int64

	mu       sync.Mutex
	ctx      context.Context // nil once the file is open
	progress func(float64)
	h        hash.Hash // nil when not hashing
	next     int64     // bytes [0, next) are hashed
	far      int64     // the furthest byte read
	// total counts the bytes read, for read and an import's progress.
	total atomic.Int64
}

// read returns how many bytes were read through r so far.
func (r *hashingReader) read() int64 { return r.total.Load() }

func (r *hashingReader) ReadAt(p []byte, off int64) (int, error) {
	r.mu.Lock()
	ctx := r.ctx
	r.mu.Unlock()
	if ctx != nil && ctx.Err() != nil {
		return 0, ctx.Err()
	}
	n, err := r.ra.ReadAt(p, off)
	r.total.Add(int64(n))
	if ctx == nil {
		return n, err
	}
	r.mu.Lock()
	if r.h != nil && off <= r.next && off+int64(n) > r.next {
		r.h.Write(p[r.next-off : n])
		r.next = off + int64(n)
	}
	far := max(r.far, off+int64(n))
	report := far > r.far && r.progress != nil && r.size > 0
	r.far = far
	r.mu.Unlock()
	if report {
		r.progress(min(1, float64(far)/float64(r.size)))
	}
	return n, err
}

// finish hashes the bytes the scan did not read in order and returns the
// hash.
func (r *hashingReader) finish() (string, error) {
	buf := make([]byte, 256<<10)
	for {
		r.mu.Lock()
		next := r.next
		r.mu.Unlock()
		if next >= r.size {
			break
		}
		n, err := r.ReadAt(buf[:min(int64(len(buf)), r.size-next)], next)
		if n == 0 && err != nil {
			return "", fmt.Errorf("cannot read the file: %w", err)
		}
	}
	return hex.EncodeToString(r.h.Sum(nil)), nil
}

// done stops hashing, progress and the context's watch: the file is open.
func (r *hashingReader) done() {
	r.mu.Lock()
	r.ctx, r.progress, r.h = nil, nil, nil
	r.mu.Unlock()
}

// Guess proposes how the file becomes responses of target, or of a new
// survey made from the file when target is nil (Proposal.Survey).
func (s *Session) Guess(target *data.Survey) (importer.Proposal, error) {
	return importer.Guess(s.File.Source, s.Profile, target)
}

// Recall puts the mapping remembered for the file's headers and target
// (Remember) into prop, when there is one and it still fits target, and
// says whether it did. A file of skipped rows (importer.WriteFailedRows)
// finds the mapping of the file it came from.
func (s *Session) Recall(target *data.Survey, prop importer.Proposal) (importer.Proposal, bool) {
	if target == nil {
		return prop, false
	}
	saved, ok := s.remembered()
	if !ok || saved.SurveyID != target.ID {
		return prop, false
	}
	sm := saved.Mapping
	if len(sm.Columns) != len(prop.Mapping.Columns) {
		sm, _ = sm.ForFailedRows(s.File.Source)
	}
	if len(sm.Columns) != len(prop.Mapping.Columns) || sm.Validate(target) != nil {
		return prop, false
	}
	prop.Mapping = sm
	return prop, true
}

// RememberedSurvey is the ID of the survey a mapping was remembered with
// for the file's headers, if any.
func (s *Session) RememberedSurvey() (uint64, bool) {
	saved, ok := s.remembered()
	return saved.SurveyID, ok
}

// Checked is one preview row as it will be stored, or its problems.
type Checked struct {
	Row      int // the spreadsheet row number
	Response data.Response
	Problems []importer.Problem // the row is skipped when there are any
}

// Check converts the preview rows for sv under m (dates without a zone in
// m.Loc, time.Local when nil). The error says why m cannot be used at all.
func (s *Session) Check(sv *data.Survey, m importer.Mapping) ([]Checked, error) {
	if m.Loc == nil {
		m.Loc = time.Local
	}
	conv, err := importer.NewConverter(sv, m)
	if err != nil {
		return nil, err
	}
	first := s.File.Source.HeaderRow + s.File.Source.HeaderRows
	out := make([]Checked, 0, len(s.Preview))
	for i, rec := range s.Preview {
		r, ps := conv.Convert(first+i, rec)
		out = append(out, Checked{Row: first + i, Response: r, Problems: ps})
	}
	return out, nil
}

// Run imports the file into sv under m (see Import: all or nothing; a
// survey with ID 0 is created and gets its ID in sv). opt.Hash comes from
// the session, and so does opt.TotalRows when zero and the profile counted
// every row. Otherwise Progress's fraction is of the file's bytes read (of
// the rows estimated, for a workbook, which is read when it is opened).
func (s *Session) Run(ctx context.Context, sv *data.Survey, m importer.Mapping, opt Options) (importer.Report, error) {
	opt.Hash = s.Hash
	if opt.TotalRows == 0 && !s.Partial {
		opt.TotalRows = s.Profile.Rows
	}
	if opt.TotalRows == 0 && opt.Progress != nil && s.hr != nil && s.hr.size > 0 {
		progress, start := opt.Progress, s.hr.read()
		opt.Progress = func(rows int, frac float64) {
			if read := s.hr.read() - start; frac == 0 && read > 0 {
				frac = min(1, float64(read)/float64(s.hr.size))
			} else if frac == 0 && s.estimate > 0 {
				// A workbook is read into memory when it is opened.
				frac = min(1, float64(rows)/float64(s.estimate))
			}
			progress(rows, frac)
		}
	}
	return Import(ctx, s.st, s.File, sv, m, opt)
}

// DryRun is Run with Options.DryRun: every row read, converted and checked
// against the store, nothing written.
func (s *Session) DryRun(ctx context.Context, sv *data.Survey, m importer.Mapping, opt Options) (importer.Report, error) {
	opt.DryRun = true
	return s.Run(ctx, sv, m, opt)
}

// WriteFailed writes the rows rep skipped for a problem in the file, as
// they are plus a reason column, to w (importer.WriteFailedRows). It reads
// the file again: not on the UI goroutine.
func (s *Session) WriteFailed(w io.Writer, rep importer.Report) error {
	return importer.WriteFailedRows(w, s.File, rep)
}

// savedMapping is what is remembered per header signature, under
// MappingKey.
type savedMapping struct {
	SurveyID uint64           `json:"survey"`
	Mapping  importer.Mapping `json:"mapping"`
	Saved    time.Time        `json:"saved,omitzero"`
}

// MappingKey is the settings key of the file's layout and headers. The
// reason column of a file of skipped rows (importer.ReasonColumn) is left
// out, so such a file finds the mapping of the file it came from.
func (s *Session) MappingKey() string {
	src := s.File.Source
	headers := src.Headers
	if rc := importer.ReasonColumn(src); rc >= 0 {
		headers = headers[:rc]
	}
	h := sha256.New()
	h.Write([]byte(src.Layout))
	for _, x := range headers {
		h.Write([]byte{0})
		h.Write([]byte(x))
	}
	return MappingPrefix + hex.EncodeToString(h.Sum(nil)[:12])
}

func (s *Session) remembered() (savedMapping, bool) {
	var sm savedMapping
	b, err := s.st.Setting(s.MappingKey())
	if err != nil || b == nil || json.Unmarshal(b, &sm) != nil {
		return sm, false
	}
	return sm, true
}

// Remember keeps m as the mapping of the file's headers onto survey sid
// (a file of skipped rows remembers it without its reason column, for the
// file it came from), then prunes the remembered mappings
// (PruneMappings).
func (s *Session) Remember(sid uint64, m importer.Mapping) error {
	if rc := importer.ReasonColumn(s.File.Source); rc >= 0 {
		cols := m.Columns
		m.Columns = nil
		for _, c := range cols {
			if c.Column < rc {
				m.Columns = append(m.Columns, c)
			}
		}
		m.StripFormulaGuard = s.File.Source.Layout == importer.LayoutCSATDesk
	}
	b, err := json.Marshal(savedMapping{SurveyID: sid, Mapping: m, Saved: time.Now().UTC()})
	if err != nil {
		return fmt.Errorf("remember the mapping: %w", err)
	}
	if err := s.st.SetSetting(s.MappingKey(), b); err != nil {
		return fmt.Errorf("remember the mapping: %w", err)
	}
	_, err = PruneMappings(s.st, MappingsKept)
	return err
}

// PruneMappings deletes the remembered mappings no longer needed: those of
// surveys that no longer exist, those that cannot be read, and all but the
// keep most recently saved of each survey. It returns how many it deleted.
func PruneMappings(st *store.Store, keep int) (int, error) {
	keys, err := st.SettingKeys(MappingPrefix)
	if err != nil {
		return 0, fmt.Errorf("prune import mappings: %w", err)
	}
	if len(keys) == 0 {
		return 0, nil
	}
	svs, err := st.Surveys()
	if err != nil {
		return 0, fmt.Errorf("prune import mappings: %w", err)
	}
	exists := map[uint64]bool{}
	for _, sv := range svs {
		exists[sv.ID] = true
	}
	type entry struct {
		key   string
		saved time.Time
	}
	bySurvey := map[uint64][]entry{}
	var drop []string
	for _, k := range keys {
		b, err := st.Setting(k)
		if err != nil {
			return 0, fmt.Errorf("prune import mappings: %w", err)
		}
		var sm savedMapping
		if json.Unmarshal(b, &sm) != nil || !exists[sm.SurveyID] {
			drop = append(drop, k)
			continue
		}
		bySurvey[sm.SurveyID] = append(bySurvey[sm.SurveyID], entry{k, sm.Saved})
	}
	for _, es := range bySurvey {
		sort.SliceStable(es, func(i, j int) bool { return es[i].saved.After(es[j].saved) })
		for _, e := range es[min(keep, len(es)):] {
			drop = append(drop, e.key)
		}
	}
	for _, k := range drop {
		if err := st.SetSetting(k, nil); err != nil {
			return 0, fmt.Errorf("prune import mappings: %w", err)
		}
	}
	return len(drop), nil
}
